// The element ids the table of contents links to, in order.
() => [...document.querySelectorAll('#print-page-toc a[href^="#"]')]
  .map((a) => decodeURIComponent(a.getAttribute("href").slice(1)))
