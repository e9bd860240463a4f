// What the Mermaid loader did: how many diagrams are drawn, and on which pages some failed or are missing.
() => {
  const divs = [...document.querySelectorAll('div.mermaid')];
  const page = d => {
    const s = d.closest('section.print-page[id]:not(.md-section)');
    const h = s && s.querySelector('h1');
    return h ? h.textContent.replace('\u00b6', '').trim() : '?';
  };
  return {state: document.documentElement.dataset.diagrams || '',
          total: divs.length, svg: document.querySelectorAll('div.mermaid > svg').length,
          failed: divs.filter(d => d.dataset.rendered === 'error').map(page),
          undrawn: divs.filter(d => !d.querySelector(':scope > svg')).map(page),
          dark: divs.filter(d => d.dataset.rendered && !['default', 'error'].includes(d.dataset.rendered)).length,
          scheme: document.body.getAttribute('data-md-color-scheme')};
}
