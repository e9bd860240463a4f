// Instant navigation makes every link absolute; links into this page become "#id" again, so the
// contents find their targets and the PDF's links stay inside the document.
() => {
  const here = location.href.split("#")[0];
  let changed = 0;
  for (const a of document.querySelectorAll("a[href]")) {
    const at = a.href.indexOf("#");
    if (at > 0 && a.href.slice(0, at) === here && a.getAttribute("href") !== a.href.slice(at)) {
      a.setAttribute("href", a.href.slice(at));
      changed += 1;
    }
  }
  return changed;
}
