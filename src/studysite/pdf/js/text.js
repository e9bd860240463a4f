// Every visible character of the print page, by page title, to look for missing glyphs.
() => {
  const out = {};
  const root = document.getElementById("print-site-page");
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest("style, script") || !el.checkVisibility()) continue;
    const s = el.closest("section.print-page[id]:not(.md-section)");
    const h = s && s.querySelector("h1");
    const key = h ? h.textContent.replace("\u00b6", "").trim() : (el.closest("#print-page-toc") ? "目次" : "表紙");
    out[key] = (out[key] || "") + n.data + " ";
  }
  return out;
}
