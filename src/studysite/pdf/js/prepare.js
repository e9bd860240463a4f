// Before printing: the date on the cover, eager images, aria-levels from the nav depth (the outline),
// a running head per top-level part (its number and title, in the page's top margin) and the site's
// name in the footer (print.css keeps both off the cover). Once the images have loaded it returns the
// in-page links with no target (hooks/print_page_ids.py gives print-site's unprefixed ids their prefix).
async (date) => {
  for (const t of document.querySelectorAll("[data-build-date]")) t.textContent = date;
  for (const img of document.querySelectorAll("img")) img.loading = "eager";
  for (const d of document.querySelectorAll("details")) d.open = true;   // as Material does on print
  const root = document.getElementById("print-site-page");
  for (const h of root.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    if (h.closest("#print-page-toc, #print-site-cover-page")) continue;
    let depth = 0;
    for (let s = h.parentElement.closest("section.md-section"); s; s = s.parentElement.closest("section.md-section")) depth++;
    if (h.parentElement.classList.contains("md-section")) depth--;   // the chapter's own title
    if (h.closest("section.print-page--chapter-intro")) depth--;     // its intro page speaks for the chapter
    h.setAttribute("aria-level", String(Math.max(1, Math.min(Number(h.tagName[1]) + depth, 6))));
  }
  // Running heads: one named page per top-level part, whose top margin box carries its title.
  const cssString = (t) => '"' + t.replace(/[\\"]/g, "\\$&").replace(/\s+/g, " ").trim() + '"';
  const rules = [];
  [...root.querySelectorAll(":scope > section.print-page")].forEach((s, i) => {
    const h = s.querySelector("h1");
    if (!h || s.id === "print-site-cover-page") return;
    const clone = h.cloneNode(true);
    clone.querySelectorAll(".headerlink").forEach((e) => e.remove());
    const number = s.getAttribute("heading-number");
    const title = (number ? number + "  " : "") + clone.textContent;
    s.style.page = "part-" + i;
    rules.push("@page part-" + i + " { @top-left { content: " + cssString(title) + "; } }");
  });
  const site = document.querySelector(".print-cover__title")?.textContent.trim() || document.title;
  rules.push("@page { @bottom-left { content: " + cssString(site) + "; } }");
  const style = document.createElement("style");
  style.textContent = rules.join("\n");
  document.head.append(style);
  await Promise.all([...document.images].filter((i) => !i.complete)
    .map((i) => new Promise((r) => { i.onload = i.onerror = r; })));
  return [...root.querySelectorAll('a[href^="#"]')]
    .map((a) => decodeURIComponent(a.getAttribute("href").slice(1)))
    .filter((id) => id && !document.getElementById(id));
}
