// The print page's diagrams: how many there are, and the pages of those that are not an SVG.
() => {
  const divs = [...document.querySelectorAll("div.mermaid")];
  const page = (d) => {
    const s = d.closest("section.print-page[id]:not(.md-section)");
    const h = s && s.querySelector("h1");
    return h ? h.textContent.replace("\u00b6", "").trim() : "?";
  };
  return { total: divs.length, undrawn: divs.filter((d) => !d.querySelector("svg")).map(page) };
}
