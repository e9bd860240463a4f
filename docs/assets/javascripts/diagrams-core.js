// The drawing core shared by both Mermaid loaders: mermaid-loader.mjs (served over http, ES modules)
// and mermaid-offline.js (the offline bundle, opened from file://). It defines one global,
// createDiagramDrawer(load), where load() returns a Promise of the Mermaid API. The drawer offers the
// API that the theme's script on diagram pages calls, initialize(args), and:
//   - forces securityLevel "strict" whatever the configuration says, and forbids elements that load or
//     embed anything (img, iframe, …) in labels;
//   - draws every div.mermaid into the light DOM, one at a time, keeping its source in data-source;
//   - redraws when the reader switches the palette (data-md-color-scheme on <body>);
//   - marks <html data-diagrams="pending|done|error"> and fires "diagrams:drawn" for tests and the PDF.
(function () {
  "use strict";

  var SELECTOR = "div.mermaid";
  // Labels are text, not documents: no element in a label may load or embed anything.
  var FORBID_TAGS = ["img", "image", "picture", "source", "video", "audio", "iframe", "object", "embed",
                     "form", "input", "button", "link", "style", "svg", "math"];

  var SVG = "http://www.w3.org/2000/svg";

  // Block diagrams have no accTitle/accDescr in Mermaid 11: the fence carries them as data-acc-title and
  // data-acc-descr, and they become the SVG's <title>/<desc>, named by aria-labelledby/-describedby.
  function label(svg, data, id) {
    var parts = [["accTitle", "title", "aria-labelledby"], ["accDescr", "desc", "aria-describedby"]];
    if (!data.accTitle) return;
    for (var i = parts.length - 1; i >= 0; i--) {
      var text = data[parts[i][0]];
      if (!text || svg.querySelector(":scope > " + parts[i][1])) continue;
      var node = document.createElementNS(SVG, parts[i][1]);
      node.id = id + "-" + parts[i][1];
      node.textContent = text;
      svg.prepend(node);
      svg.setAttribute(parts[i][2], node.id);
    }
    svg.setAttribute("role", "img");
  }

  function scheme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "default";
  }

  window.createDiagramDrawer = function (load) {
    var settings = {};
    var queue = Promise.resolve();
    var sequence = 0;

    async function draw(mermaid, el) {
      if (el.dataset.source === undefined) el.dataset.source = el.textContent.trim();
      var id = "mermaid-diagram-" + sequence++;
      try {
        var result = await mermaid.render(id, el.dataset.source);
        el.innerHTML = result.svg;
        var svg = el.querySelector("svg");
        if (svg) label(svg, el.dataset, id);
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
          mermaid.initialize(Object.assign({}, settings, {
            startOnLoad: false,
            securityLevel: "strict",
            dompurifyConfig: { FORBID_TAGS: FORBID_TAGS },
            theme: scheme(),
            fontFamily: "var(--md-text-font-family, sans-serif)",
          }));
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
      if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", drawAll, { once: true });
      } else {
        drawAll();
      }
      new MutationObserver(function () {
        drawAll();
      }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    }

    return { initialize: initialize, drawAll: drawAll };
  };
})();
