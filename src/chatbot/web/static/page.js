// The analysis page's clicks, run as the js_on_load of a hidden gr.HTML "bridge"
// (chatbot/web/blocks.py). `ROLE` is set by the page builder:
//   "open": a citation [n] in an answer (a.cite, href "#cite-TURN-N": the chat's
//           sanitiser drops data- attributes), an
//           "open in reader" button (data-open-doc) -> the reader shows that passage or
//           document; a reference marker inside the reader (a.ref-link) scrolls to its entry.
//   "ask":  a suggested question (button.suggest; its text) -> the chat asks it.
// The action goes to Python as this component's value, with a "submit" event.
(function () {
  const ROLE = "__ROLE__";
  const SELECTOR = ROLE === "ask" ? "button.suggest" : 'a.cite[href^="#cite-"], [data-open-doc], a.ref-link';
  const flash = (el) => {
    el.classList.add("flash");
    setTimeout(() => el.classList.remove("flash"), 1600);
  };
  document.addEventListener("click", (ev) => {
    const el = ev.target.closest && ev.target.closest(SELECTOR);
    if (!el) return;
    ev.preventDefault();
    ev.stopPropagation();
    if (el.matches("a.ref-link")) {
      const ref = document.querySelector(`#reader li.ref[value="${Number(el.dataset.ref)}"]`);
      if (ref) { ref.scrollIntoView({ block: "center" }); flash(ref); }
      return;
    }
    const cite = (el.getAttribute("href") || "").match(/^#cite-(\d+)-(\d+)$/);
    const action = ROLE === "ask"
      ? { q: el.textContent.trim(), at: Date.now() }
      : { doc: el.dataset.openDoc || "", turn: cite ? Number(cite[1]) : 0, n: cite ? Number(cite[2]) : 0,
          at: Date.now() };
    props.value = JSON.stringify(action);
    trigger("submit");
  }, true);
})();
