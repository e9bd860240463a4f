// The pages of the combined print page, in order: id, number, title, chapter or not, diagrams.
() => [...document.querySelectorAll("#print-site-page section.print-page[id]")].map((s) => {
  const h = s.querySelector("h1");
  return {
    id: s.id,
    number: s.getAttribute("heading-number") || "",
    title: h ? h.textContent.replace("\u00b6", "").trim() : s.id,
    section: s.classList.contains("md-section"),
    diagrams: s.querySelectorAll(":scope > div.mermaid, :scope > :not(section) div.mermaid").length,
  };
})
