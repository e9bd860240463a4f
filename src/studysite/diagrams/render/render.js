// Runs inside the build's headless Chromium, after Mermaid's UMD build (dist/mermaid.min.js) was added
// to a blank local page. Its one entry point, window.studyDiagrams.draw(jobs), draws each job {id, source,
// config} in turn with mermaid.render and returns a progress object {done, results} that driver.py holds
// by a handle and polls under a timeout of its own (a drawing that never ends would hold an awaited
// evaluate forever): results[i] is {svg} or {error}, with Mermaid's own message. No result is kept on
// window. Mermaid is initialised per job: the config (theme, securityLevel "strict", htmlLabels false,
// fonts) comes from Python, so the cache key and the drawing see the same settings.
(() => {
  "use strict";

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

  const run = async (jobs, progress) => {
    for (const job of jobs) progress.results.push(await drawOne(job));
    progress.done = true;
  };

  window.studyDiagrams = {
    draw: (jobs) => {
      const progress = { done: false, results: [] };
      run(jobs, progress);
      return progress;
    },
  };
})();
