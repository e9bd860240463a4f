// Draws the Mermaid diagrams of one page in the offline bundle (mkdocs.offline.yml), opened from file://.
//
// Browsers do not load ES modules from file:// URLs, so the offline build points the diagram pages at this
// classic script instead of mermaid-loader.mjs (extra.diagrams.loader). On diagram pages only, the theme
// (overrides/partials/diagrams.html) then writes:
//   <script src="<relative path>/mermaid-offline.js"></script><script>mermaid.initialize({...})</script>
// This script defines that global `mermaid` synchronously. It loads, with classic <script> tags (which
// work from file:// and over HTTP alike), the shared drawing core diagrams-core.js next to it, and
// Mermaid's self-contained UMD build ../mermaid/mermaid.min.js (added by hooks/offline_assets.py).
(function () {
  "use strict";

  var here = document.currentScript.src;

  function script(path) {
    var url = new URL(path, here).href;
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = url;
      tag.onload = resolve;
      tag.onerror = function () {
        reject(new Error("cannot load " + url));
      };
      document.head.appendChild(tag);
    });
  }

  var library = null;
  function load() {
    library = library || script("../mermaid/mermaid.min.js").then(function () {
      // The UMD build assigns the library to the global `mermaid`: take it, and put our API back.
      var loaded = window.mermaid;
      window.mermaid = api;
      if (!loaded || loaded === api || typeof loaded.render !== "function") {
        throw new Error("mermaid.min.js did not define mermaid");
      }
      loaded.startOnLoad = false; // we draw; the library must not run itself on window load
      return loaded;
    });
    return library;
  }

  var drawer = script("diagrams-core.js").then(function () {
    return window.createDiagramDrawer(load);
  });
  drawer.catch(function (error) {
    document.documentElement.dataset.diagrams = "error";
    console.error(error);
  });
  load().catch(function () {}); // start fetching now; the drawer reports a failure

  var api = {
    initialize: function (options) {
      return drawer.then(function (d) { return d.initialize(options); });
    },
    drawAll: function () {
      return drawer.then(function (d) { return d.drawAll(); });
    },
  };
  window.mermaid = api;
})();
