// Search box: read the query however the text arrives.
//
// Material for MkDocs 9 reads the search query on "keyup". Text that arrives with no key released after
// it (pasted from the context menu, dropped, dictated, or committed by an input method that sends no
// key events) stays unsearched, and the result list keeps asking for a query. Forward such input as a
// keyup so the query is read at once. Keys pressed while an IME composes send their own keyups; those
// input events are left alone, and a repeated read of the same value is ignored by Material.
(() => {
  "use strict";
  const box = document.querySelector("[data-md-component=search-query]");
  if (!box) return;
  const read = () => box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  box.addEventListener("input", (event) => { if (!event.isComposing) read(); });
  box.addEventListener("compositionend", read);
})();
