// Page numbers into the table of contents (print.css shows data-page after a dotted leader).
(pages) => {
  const links = [...document.querySelectorAll('#print-page-toc a[href^="#"]')];
  links.forEach((a, i) => { if (pages[i]) a.setAttribute("data-page", String(pages[i])); });
}
