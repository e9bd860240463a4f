// Hover previews of internal links (Material's navigation.instant.preview) show a section of another page.
// The glossary's hover definitions in that section (abbr title) would open a second popup over the
// preview, so inside a preview they are plain text (the term's own page still has them).
(() => {
  const plain = (root) => {
    for (const abbr of root.querySelectorAll("abbr[title]")) abbr.removeAttribute("title");
  };
  new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes)
        if (node instanceof Element && node.classList.contains("md-tooltip2")) plain(node);
  }).observe(document.body, { childList: true });
})();
