// The headings Chromium turns into the outline, in document order, as readers see them.
() => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
  .filter((h) => h.checkVisibility())
  .map((h) => {
    const c = h.cloneNode(true);
    c.querySelectorAll(".headerlink").forEach((e) => e.remove());
    return c.textContent.replace(/\s+/g, " ").trim();
  })
