"""Preview loop: time from saving a page to the rebuilt page being served by `mkdocs serve`.

Usage: .venv/bin/python -m bench.preview_loop [--pages 0 1000] [--edits 3] [--dirty]
--pages N adds N synthetic notes (see build_scale.py) to a temp copy of the project.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.synthetic import bench_project, make_synthetic

ROOT = Path(__file__).resolve().parent.parent

PAGE = "docs/docker-1/vm-vs-container.md"
URL_PATH = "docker-1/vm-vs-container/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # loopback only
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def wait_for(url: str, needle: str, timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        body = fetch(url)
        if body is not None and needle in body:
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {needle!r} within {timeout} s")


def measure(pages: int, edits: int, dirty: bool, tiny: bool = False) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        project = bench_project(Path(tmp) / "project", tiny)
        if pages:
            make_synthetic(project, pages, mermaid=False)
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
        if dirty:
            command.append("--dirty")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base}
        server = subprocess.Popen(
            command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            startup = wait_for(base + URL_PATH, "</html>", timeout=600)
            times = []
            page = project / PAGE
            for i in range(edits):
                sentinel = f"PREVIEW_SENTINEL_{i}_{time.time_ns()}"
                time.sleep(1.0)  # let the watcher settle between edits
                saved = time.perf_counter()
                page.write_text(page.read_text(encoding="utf-8") + f"\n\n{sentinel}\n", encoding="utf-8")
                wait_for(base + URL_PATH, sentinel, timeout=600)
                times.append(time.perf_counter() - saved)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {
        "pages_added": pages,
        "dirty": dirty,
        "first_serve_s": startup,
        "save_to_served_s": times,
        "median_s": statistics.median(times),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[0, 1000])
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--dirty", action="store_true")
    args = parser.parse_args()
    print(json.dumps([measure(n, args.edits, args.dirty) for n in args.pages], indent=2))


if __name__ == "__main__":
    main()
