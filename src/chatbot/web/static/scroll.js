// After the reader view changes: bring the highlighted sentence (or else the cited
// passage) into view once the new HTML is in the page; a document opened without a
// citation is shown from its top. On a wide screen the reader's column scrolls on its
// own (the chat stays docked), so only that column moves; on a narrow one, the page.
() => {
  const started = Date.now();
  const column = () => {
    const col = document.querySelector("#reader-col");
    return col && /(auto|scroll)/.test(getComputedStyle(col).overflowY) && col.scrollHeight > col.clientHeight
      ? col : null;
  };
  const bring = (el, where) => {
    const col = column();
    if (!col) { el.scrollIntoView({ block: where }); return; }
    const r = el.getBoundingClientRect(), c = col.getBoundingClientRect();
    const offset = where === "start" ? r.top - c.top - 8 : r.top - c.top - (col.clientHeight - r.height) / 2;
    col.scrollTop += offset;
  };
  const go = () => {
    const article = document.querySelector("#reader article.reader");
    if (article && !article.hasAttribute("data-focus")) {
      const col = column();
      if (col) col.scrollTop = 0; else article.scrollIntoView({ block: "start" });
      return;
    }
    const target = article && (article.querySelector("mark.hl") || article.querySelector(".passage.focus"));
    if (target) {
      bring(target, "center");
      target.classList.add("flash");
      setTimeout(() => target.classList.remove("flash"), 1600);
    } else if (Date.now() - started < 1500) {
      setTimeout(go, 40);
    }
  };
  setTimeout(go, 20);
}
