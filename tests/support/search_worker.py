"""Material's own search worker, run in node on a built site's index: the result groups and scores of queries.

The browser's ranking without a browser: the worker script the site ships (``assets/javascripts/workers/
search.*.min.js``) is loaded into a node VM context with the message plumbing a Web Worker has, set up with
the site's ``search/search_index.json`` (and ``search.suggest`` as the site's theme turns it on), and sent
each query as the search box sends it. Used to check :mod:`studysite.search.rank` against the real thing,
and by bench/search_hits.py for a quick look; tests/test_search.py still types the queries in Chromium.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

_JS = r"""
const fs = require("fs"), vm = require("vm"), path = require("path");
const site = process.argv[1];
const dir = path.join(site, "assets/javascripts/workers");
const file = fs.readdirSync(dir).find(name => /^search\..*\.min\.js$/.test(name));
let handler;
const replies = [];
const context = {
  console, setTimeout, Promise, URL, TextDecoder, TextEncoder,
  addEventListener: (type, fn) => { handler = fn; },
  postMessage: message => replies.push(message),
};
context.self = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(path.join(dir, file), "utf8"), context);
const index = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"));
index.options = { suggest: true };
(async () => {
  await handler({ data: { type: 0, data: index } });  // SETUP
  const out = {};
  for (const query of JSON.parse(fs.readFileSync(0, "utf8"))) {
    replies.length = 0;
    await handler({ data: { type: 2, data: query } });  // QUERY
    out[query] = replies[0].data.items.map(group => group.map(doc => [doc.location, doc.score]));
  }
  process.stdout.write(JSON.stringify(out));
})();
"""


def node() -> str | None:
    return shutil.which("node")


def worker_results(site: Path, queries: list[str]) -> dict[str, list[list[tuple[str, float]]]]:
    """For each query, the worker's result groups in order (one per page), each its entries' (location,
    score) in order."""
    executable = node()
    if executable is None:
        raise RuntimeError("node is not installed")
    done = subprocess.run(
        [executable, "-e", _JS, str(site)],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    data = json.loads(done.stdout)
    return {query: [[(a, float(s)) for a, s in group] for group in data[query]] for query in queries}
