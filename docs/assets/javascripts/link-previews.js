// Hover previews of internal links (Material's navigation.instant.preview) show a section of another page.
// The glossary's hover definitions in that section (abbr title), and any other title in it (a heading's
// permalink), would open a second popup over the preview, so inside a preview they are plain text (the
// page itself still has them).
(() => {
  const plain = (root) => {
    for (const element of root.querySelectorAll("[title]")) element.removeAttribute("title");
  };
  new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes)
        if (node instanceof Element && node.classList.contains("md-tooltip2")) plain(node);
  }).observe(document.body, { childList: true });
})();
