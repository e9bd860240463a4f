// Draws the Mermaid diagrams of one page in the offline bundle (mkdocs.offline.yml), opened from file://.
//
// Browsers do not load ES modules from file:// URLs, so the offline build points mkdocs-mermaid2 at this
// classic script instead of mermaid-loader.mjs. mkdocs-mermaid2 then injects, on diagram pages only:
//   <script src="<relative path>/mermaid-offline.js"></script><script>mermaid.initialize({...})</script>
// This script defines that global `mermaid` synchronously and keeps the loader's contract:
// initialize(args), securityLevel "strict", drawing into the light DOM, a redraw when the reader switches
// the palette, and <html data-diagrams="done"|"error">. It loads Mermaid's self-contained UMD build
// (../mermaid/mermaid.min.js, relative to this script, added to the offline build by
// hooks/offline_assets.py) with a classic <script> tag, which works from file:// and over HTTP alike.
(function () {
  "use strict";

  var SELECTOR = "div.mermaid";
  var LIBRARY = new URL("../mermaid/mermaid.min.js", document.currentScript.src).href;
  var settings = {};
  var library = null; // Promise of the Mermaid API
  var queue = Promise.resolve();
  var sequence = 0;

  function scheme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "default";
  }

  function load() {
    if (!library) {
      library = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = LIBRARY;
        tag.onload = function () {
          // The UMD build assigns the library to the global `mermaid`: take it, and put our API back.
          var loaded = window.mermaid;
          window.mermaid = api;
          if (!loaded || loaded === api || typeof loaded.render !== "function") {
            reject(new Error(LIBRARY + " did not define mermaid"));
            return;
          }
          loaded.startOnLoad = false; // we draw; the library must not run itself on window load
          resolve(loaded);
        };
        tag.onerror = function () {
          reject(new Error("cannot load " + LIBRARY));
        };
        document.head.appendChild(tag);
      });
    }
    return library;
  }

  function configure(mermaid) {
    mermaid.initialize(Object.assign({}, settings, {
      startOnLoad: false,
      securityLevel: "strict",
      theme: scheme(),
      fontFamily: "var(--md-text-font-family, sans-serif)",
    }));
  }

  async function draw(mermaid, el) {
    if (el.dataset.source === undefined) el.dataset.source = el.textContent.trim();
    var id = "mermaid-diagram-" + sequence++;
    try {
      var result = await mermaid.render(id, el.dataset.source);
      el.innerHTML = result.svg;
      if (result.bindFunctions) result.bindFunctions(el);
      el.dataset.rendered = scheme();
    } catch (error) {
      el.dataset.rendered = "error";
      var stray = document.getElementById(id) || document.getElementById("d" + id);
      if (stray) stray.remove();
      console.error("Mermaid diagram " + id + " failed to render:", error);
    }
  }

  function drawAll() {
    var root = document.documentElement;
    root.dataset.diagrams = "pending";
    queue = queue.then(async function () {
      try {
        var mermaid = await load();
        configure(mermaid);
        for (var el of document.querySelectorAll(SELECTOR)) await draw(mermaid, el);
        root.dataset.diagrams = document.querySelector(SELECTOR + '[data-rendered="error"]') ? "error" : "done";
      } catch (error) {
        root.dataset.diagrams = "error";
        console.error("Mermaid could not be loaded:", error);
      }
      document.dispatchEvent(new CustomEvent("diagrams:drawn"));
    });
    return queue;
  }

  function initialize(options) {
    settings = Object.assign({}, options || {});
    load().catch(function () {}); // start fetching now; drawAll reports a failure
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", drawAll, { once: true });
    } else {
      drawAll();
    }
    new MutationObserver(function () {
      drawAll();
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  var api = { initialize: initialize, drawAll: drawAll };
  window.mermaid = api;
})();
