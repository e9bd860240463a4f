// Draws the Mermaid diagrams of one page with the pinned library served from this site.
//
// mkdocs-mermaid2 injects, on pages that have diagrams only:
//   import mermaid from "<relative path>/mermaid-loader.mjs"; mermaid.initialize({...arguments});
// so this module stands in for the library. It imports Mermaid's ESM build relative to its own URL
// (right on nested pages and under any sub-path); Mermaid then loads only the chunks of the diagram
// types on the page. It draws into the light DOM, keeps each source so that switching the palette
// redraws, and forces securityLevel "strict" whatever the configuration says.
import mermaid from "../mermaid/mermaid.esm.min.mjs";

const SELECTOR = "div.mermaid";
let settings = {};
let queue = Promise.resolve();
let sequence = 0;

function scheme() {
  return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "default";
}

function configure() {
  mermaid.initialize({
    ...settings,
    startOnLoad: false,
    securityLevel: "strict",
    theme: scheme(),
    fontFamily: "var(--md-text-font-family, sans-serif)",
  });
}

async function draw(el) {
  if (el.dataset.source === undefined) el.dataset.source = el.textContent.trim();
  const id = `mermaid-diagram-${sequence++}`;
  try {
    const { svg, bindFunctions } = await mermaid.render(id, el.dataset.source);
    el.innerHTML = svg;
    bindFunctions?.(el);
    el.dataset.rendered = scheme();
  } catch (error) {
    el.dataset.rendered = "error";
    document.getElementById(id)?.remove();
    document.getElementById(`d${id}`)?.remove();
    console.error(`Mermaid diagram ${id} failed to render:`, error);
  }
}

function drawAll() {
  const root = document.documentElement;
  root.dataset.diagrams = "pending";
  configure();
  queue = queue.then(async () => {
    for (const el of document.querySelectorAll(SELECTOR)) await draw(el);
    root.dataset.diagrams = document.querySelector(`${SELECTOR}[data-rendered="error"]`)
      ? "error"
      : "done";
    document.dispatchEvent(new CustomEvent("diagrams:drawn"));
  });
  return queue;
}

function initialize(options = {}) {
  settings = { ...options };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll, { once: true });
  } else {
    drawAll();
  }
  new MutationObserver(() => drawAll()).observe(document.body, {
    attributes: true,
    attributeFilter: ["data-md-color-scheme"],
  });
}

export default { initialize, drawAll };
