// After the reader view changes: bring the highlighted sentence (or else the cited
// passage) into view once the new HTML is in the page; a document opened without a
// citation is shown from its top.
() => {
  const started = Date.now();
  const go = () => {
    const article = document.querySelector("#reader article.reader");
    if (article && !article.hasAttribute("data-focus")) {
      article.scrollIntoView({ block: "start" });
      return;
    }
    const target = article && (article.querySelector("mark.hl") || article.querySelector(".passage.focus"));
    if (target) {
      target.scrollIntoView({ block: "center" });
      target.classList.add("flash");
      setTimeout(() => target.classList.remove("flash"), 1600);
    } else if (Date.now() - started < 1500) {
      setTimeout(go, 40);
    }
  };
  setTimeout(go, 20);
}
