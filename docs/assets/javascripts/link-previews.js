// Hover previews of internal links (Material's navigation.instant.preview) show a section of another page.
// - The glossary's hover definitions in that section (abbr title), and any other title in it (a heading's
//   permalink), would open a second popup over the preview: inside a preview they are plain text.
// - A page whose title is followed at once by a subheading previews as its title alone: its description
//   (the page's meta description, the same text as its link preview in wikis) is added under it.
(() => {
  "use strict";
  const plain = (root) => {
    for (const element of root.querySelectorAll("[title]")) element.removeAttribute("title");
  };
  const describe = async (tooltip) => {
    const inner = tooltip.querySelector(".md-tooltip2__inner");
    if (!inner || inner.children.length !== 1 || !tooltip.id) return;
    const link = document.querySelector(`a[aria-controls="${CSS.escape(tooltip.id)}"]`);
    if (!link || new URL(link.href).hash) return;
    try {
      const response = await fetch(link.href);  // the page Material has just fetched: from the cache
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const text = page.querySelector('meta[name="description"]')?.getAttribute("content");
      if (!text || inner.children.length !== 1) return;
      const paragraph = document.createElement("p");
      paragraph.textContent = text;
      inner.append(paragraph);
    } catch {
      // no description: the title alone stays
    }
  };
  new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes)
        if (node instanceof Element && node.classList.contains("md-tooltip2")) {
          plain(node);
          requestAnimationFrame(() => describe(node));
        }
  }).observe(document.body, { childList: true });
})();
