// True once the site's Mermaid loader has drawn every diagram (or has given up with an error).
() => {
  const state = document.documentElement.dataset.diagrams;
  if (state === 'error') return true;
  const divs = document.querySelectorAll('div.mermaid');
  return state === 'done' && [...divs].every(d => d.querySelector(':scope > svg'));
}
