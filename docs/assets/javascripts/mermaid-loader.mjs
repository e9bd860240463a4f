// Draws the Mermaid diagrams of one page with the pinned library served from this site.
//
// On pages that have diagrams only, the theme (overrides/partials/diagrams.html) writes:
//   import mermaid from "<relative path>/mermaid-loader.mjs"; mermaid.initialize({...arguments});
// so this module stands in for the library. It imports Mermaid's ESM build relative to its own URL
// (right on nested pages and under any sub-path); Mermaid then loads only the chunks of the diagram
// types on the page. Drawing, palette redraws and the strict security level: diagrams-core.js.
import "./diagrams-core.js";
import mermaid from "../mermaid/mermaid.esm.min.mjs";

export default window.createDiagramDrawer(() => Promise.resolve(mermaid));
