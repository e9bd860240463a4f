"""One headless Chromium that draws Mermaid for a whole build (and for every ``mkdocs serve`` rebuild).

Playwright's sync API must be used from the thread that started it, and ``mkdocs serve`` rebuilds from
another thread than the first build: so the browser lives on one worker thread of its own (a daemon:
it never holds the process up), and every call goes through it. The renderer is kept here, one per
process (:func:`shared_renderer`), so every build of a ``mkdocs serve`` session reuses it. It
starts Chromium only when a diagram is not in the cache; :func:`close_all` (the hook's ``on_shutdown``,
and at exit) closes it.
The page is blank and local (``set_content``); Mermaid's UMD build and ``render.js`` are added from
disk, and any request the page would make is aborted: nothing is fetched.
"""

from __future__ import annotations

import atexit
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studysite.diagrams.render.settings import THEMES, mermaid_config
from studysite.infra.chromium import BrowserError, chromium_path, launch

RENDER_JS = Path(__file__).resolve().parent / "render.js"
#: How long one diagram may take to draw (both palettes) before it is reported as hanging.
TIMEOUT_MS = 20_000
_BLANK = '<!doctype html><html lang="ja"><head><meta charset="utf-8"></head><body></body></html>'


class RenderUnavailable(Exception):
    """Chromium is missing or does not start: the message is one line saying what to install."""


class RenderTimeout(Exception):
    """A diagram did not finish drawing in time; ``args[0]`` is the job's name."""


@dataclass(frozen=True)
class Job:
    name: str  # how a message names the diagram (page and line)
    token: str  # the SVG's id while drawing: unique, letters and digits
    source: str


@dataclass(frozen=True)
class Drawn:
    svgs: dict[str, str]  # palette name -> SVG, as Mermaid wrote it
    error: str | None = None  # Mermaid's own message when it could not draw


class MermaidRenderer:
    def __init__(self, library: Path, timeout_ms: int = TIMEOUT_MS) -> None:
        self.library = library
        self.timeout_ms = timeout_ms
        self.starts = 0  # times Chromium was launched
        self.seconds = 0.0  # wall time spent drawing, Chromium's start included
        self._tasks: queue.Queue[tuple[Callable[[], Any], Future[Any]]] | None = None
        self._state: dict[str, Any] = {}

    def _call(self, task: Callable[[], Any]) -> Any:
        if self._tasks is None:
            self._tasks = queue.Queue()
            threading.Thread(target=self._work, args=(self._tasks,), name="mermaid", daemon=True).start()
        done: Future[Any] = Future()
        self._tasks.put((task, done))
        return done.result()

    @staticmethod
    def _work(tasks: queue.Queue[tuple[Callable[[], Any], Future[Any]]]) -> None:
        while True:
            task, done = tasks.get()
            try:
                done.set_result(task())
            except BaseException as error:  # handed to the caller's thread
                done.set_exception(error)

    def render(self, jobs: list[Job]) -> list[Drawn]:
        if not jobs:
            return []
        start = time.perf_counter()
        try:
            return self._call(lambda: self._render(jobs))
        finally:
            self.seconds += time.perf_counter() - start

    def close(self) -> None:
        if self._tasks is not None:
            self._call(self._close)

    # -- on the worker thread ------------------------------------------------------------------------------
    def _page(self) -> Any:
        page = self._state.get("page")
        if page is not None and not page.is_closed():
            return page
        self._close()
        try:
            chromium_path()
        except FileNotFoundError as error:
            raise RenderUnavailable(str(error)) from None
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright

        try:
            playwright = sync_playwright().start()
            self._state["playwright"] = playwright
            browser = launch(playwright, "drawing the diagrams")  # one line when it fails or hangs
            self._state["browser"] = browser
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort())
            page.set_content(_BLANK)
            page.add_script_tag(path=str(self.library))
            page.add_script_tag(path=str(RENDER_JS))
        except BrowserError as error:
            self._close()
            raise RenderUnavailable(str(error)) from None
        except PlaywrightError as error:
            self._close()
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise RenderUnavailable(
                f"Chromium did not start ({first}): install the Debian packages 'chromium' and "
                "'fonts-noto-cjk' (apt-get install chromium fonts-noto-cjk), or run `make setup` as root"
            ) from None
        self.starts += 1
        self._state["page"] = page
        return page

    def _render(self, jobs: list[Job]) -> list[Drawn]:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        page = self._page()
        out = []
        for job in jobs:
            tasks = [
                {"id": f"{job.token}-{name}", "source": job.source, "config": mermaid_config(theme)}
                for name, theme in THEMES.items()
            ]
            progress = page.evaluate_handle("jobs => studyDiagrams.draw(jobs)", tasks)
            try:
                page.wait_for_function("p => p.done", arg=progress, polling=5, timeout=self.timeout_ms)
            except PlaywrightTimeout:
                self._close()  # the page may be stuck: the next diagram gets a fresh browser
                raise RenderTimeout(job.name) from None
            results = progress.evaluate("p => p.results")
            progress.dispose()
            errors = [r["error"] for r in results if "error" in r]
            if errors:
                out.append(Drawn({}, errors[0]))
            else:
                out.append(Drawn({name: r["svg"] for name, r in zip(THEMES, results, strict=True)}))
        return out

    def _close(self) -> None:
        for name in ("browser", "playwright"):
            thing = self._state.pop(name, None)
            try:
                if thing is not None:
                    thing.close() if name == "browser" else thing.stop()
            except Exception:  # a browser that crashed or hung cannot be closed cleanly: drop it
                pass
        self._state.pop("page", None)


_shared: dict[Path, MermaidRenderer] = {}


def shared_renderer(library: Path) -> MermaidRenderer:
    """This process's renderer for ``library``, made on first use and kept for every later build."""
    if library not in _shared:
        _shared[library] = MermaidRenderer(library)
    return _shared[library]


def close_all() -> None:
    """Close every browser this process started (idempotent)."""
    for renderer in _shared.values():
        renderer.close()


atexit.register(close_all)
