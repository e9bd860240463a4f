// Runs inside the build's headless Chromium, after Mermaid's UMD build (dist/mermaid.min.js) was added
// to a blank local page. One global, window.studyDiagrams, driven from Python (driver.py), which polls
// state() under a timeout of its own (a drawing that never ends would hold an awaited evaluate forever):
//   start(jobs)  draws each job {id, source, config} in turn with mermaid.render;
//   state()      {done, current, results}: results[i] is {svg} or {error}, with Mermaid's own message.
// Mermaid is initialised per job: the config (theme, securityLevel "strict", htmlLabels false, fonts)
// comes from Python, so the cache key and the drawing see the same settings.
(() => {
  "use strict";

  let state = { done: true, current: "", results: [] };

  const message = (error) => {
    const text = error && (error.message || error.str) ? error.message || error.str : String(error);
    return text.split("\n").filter((line) => line.trim()).join("\n");
  };

  const drawOne = async (job) => {
    mermaid.initialize(job.config);
    try {
      await mermaid.parse(job.source);
      const result = await mermaid.render(job.id, job.source);
      return { svg: result.svg };
    } catch (error) {
      return { error: message(error) };
    } finally {
      // Mermaid leaves its scratch element behind when a render fails.
      for (const stray of document.querySelectorAll("#" + job.id + ", #d" + job.id)) stray.remove();
    }
  };

  const run = async (jobs) => {
    for (let i = 0; i < jobs.length; i++) {
      state.current = jobs[i].id;
      state.results.push(await drawOne(jobs[i]));
    }
    state.current = "";
    state.done = true;
  };

  window.studyDiagrams = {
    start: (jobs) => {
      state = { done: false, current: "", results: [] };
      run(jobs);
    },
    state: () => state,
  };
})();
