// The analysis page's clicks, run as the js_on_load of a hidden gr.HTML "bridge"
// (chatbot/web/blocks.py). `ROLE` is set by the page builder:
//   "open": a citation [n] in an answer (a.cite with data-turn/data-n), an
//           "open in reader" button (data-open-doc) -> the reader shows that passage or
//           document; a reference marker inside the reader (a.ref-link) scrolls to its entry.
//   "ask":  a suggested question (button.suggest with data-q) -> the chat asks it.
// The action goes to Python as this component's value, with a "submit" event.
(function () {
  const ROLE = "__ROLE__";
  const SELECTOR = ROLE === "ask" ? "button.suggest[data-q]" : "a.cite[data-turn], [data-open-doc], a.ref-link";
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
    const action = ROLE === "ask"
      ? { q: el.dataset.q }
      : { doc: el.dataset.doc || el.dataset.openDoc || "", turn: Number(el.dataset.turn || 0),
          n: Number(el.dataset.n || 0), at: Date.now() };
    props.value = JSON.stringify(action);
    trigger("submit");
  }, true);
})();
