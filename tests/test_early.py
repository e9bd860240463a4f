"""The early start of slow preparations (tests.support.early): which jobs start, in which order the
modules run, and that a job runs once, hands back what it raised, and never deadlocks on another."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.support import early
from tests.support.early import Job, plan


def job(fixture: str, module: str | None = None, run=lambda work: work) -> Job:
    return Job(run, fixture, module)


SITE = job("site_dir")  # a conftest.py fixture: every module has it
CRAWL = job("site_crawl")
PDF = job("runs", "test_pdf")  # a module's own fixture
OTHER = job("runs", "test_other")  # the same name in another module
JOBS = [SITE, CRAWL, PDF, OTHER]

PLANS = {
    "nothing waits": (
        [("test_a", ["tmp_path"]), ("test_b", [])],
        [],
        ["test_a", "test_b"],
    ),
    "a module's fixture name means its own job only": (
        [("test_units", ["tmp_path"]), ("test_pdf", ["runs", "site_dir"]), ("test_zeta", ["runs"])],
        [SITE, PDF],  # jobs one test waits for start in the order they were declared
        ["test_units", "test_zeta", "test_pdf"],
    ),
    "waiters run after the rest, by the last job they wait for": (
        [
            ("test_crawled", ["site_crawl", "site_dir"]),
            ("test_units", []),
            ("test_pdf", ["site_dir", "runs"]),
            ("test_built", ["site_dir"]),
            ("test_more_units", []),
        ],
        [SITE, CRAWL, PDF],
        ["test_units", "test_more_units", "test_built", "test_crawled", "test_pdf"],
    ),
    "a module counts once however many tests it has": (
        [("test_b", ["site_dir"]), ("test_a", []), ("test_b", ["site_crawl"]), ("test_a", ["tmp_path"])],
        [SITE, CRAWL],
        ["test_a", "test_b"],
    ),
}


@pytest.mark.parametrize("case", list(PLANS), ids=list(PLANS))
def test_plan(case: str) -> None:
    tests, jobs, modules = PLANS[case]
    assert plan(tests, JOBS) == (jobs, modules)


def test_many_askers_run_the_job_once() -> None:
    calls = []
    once = job("x", run=lambda work: calls.append(work) or len(calls))
    results = []
    threads = [threading.Thread(target=lambda: results.append(once.result(timeout=30))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [1] * 8 and len(calls) == 1
    assert calls[0].is_dir() and not any(calls[0].iterdir()), "a fresh, empty work directory"


def test_what_a_job_raises_is_raised_to_every_asker() -> None:
    def broken(work: Path) -> None:
        raise AssertionError("strict build failed: SENTINEL_EARLY_ERROR")

    failing = job("x", run=broken)
    for _ in range(2):
        with pytest.raises(AssertionError, match="SENTINEL_EARLY_ERROR"):
            failing.result(timeout=30)


def test_a_job_waiting_for_one_no_worker_has_started_does_not_deadlock() -> None:
    """One worker, and the first job asks for the second, which is still queued behind it."""
    second = job("b", run=lambda work: "B")
    first = job("a", run=lambda work: "A+" + second.result(timeout=30))
    early.start([first, second], workers=1)
    assert first.result(timeout=30) == "A+B" and second.result(timeout=30) == "B"


def test_a_job_still_running_fails_its_fixture_by_name() -> None:
    release = threading.Event()
    slow = job("builds", "test_slow", run=lambda work: release.wait(30))
    assert slow.claim()
    threading.Thread(target=slow.run, daemon=True).start()
    start = time.monotonic()
    with pytest.raises(TimeoutError, match=r"<lambda> \(for 'builds'\) is still running after 0 s"):
        slow.result(timeout=0.2)
    assert time.monotonic() - start < 5
    release.set()
    assert slow.result(timeout=30) is True


@pytest.mark.browser
def test_a_job_starts_its_own_chromium_while_the_asker_holds_one(browser) -> None:
    """Playwright allows one instance per thread: a job asked for from a test that has the session's browser
    open must still be able to open its own."""
    from tests.support.browser import chromium

    def title(work: Path) -> str:
        with chromium() as browser:
            page = browser.new_page()
            page.set_content("<title>SENTINEL_EARLY_PAGE</title>")
            return page.title()

    assert browser.is_connected()
    assert job("x", run=title).result(timeout=120) == "SENTINEL_EARLY_PAGE"


def test_declared_jobs_know_their_module() -> None:
    before = list(early.JOBS)
    try:
        own = early.early("builds")(lambda work: None)
        shared = early.early("site_dir", shared=True)(lambda work: None)
        assert early.JOBS[-2:] == [own, shared]
        assert own.for_module(__name__) and not own.for_module("test_elsewhere")
        assert shared.for_module("test_elsewhere")
    finally:
        early.JOBS[:] = before


def test_jobs_and_the_processes_they_start_run_below_the_tests() -> None:
    if early.ACROSS:
        pytest.skip("under pytest-xdist jobs run at the tests' priority")
    def niceness(work: Path) -> tuple[int, int]:
        own = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        child = subprocess.run(["nice"], capture_output=True, text=True, check=True).stdout
        return own, int(child)

    ours = os.getpriority(os.PRIO_PROCESS, 0)
    assert job("x", run=niceness).result(timeout=30) == (max(ours, early.NICE),) * 2
    assert os.getpriority(os.PRIO_PROCESS, 0) == ours, "the tests' own thread keeps its priority"


def test_the_summary_says_when_each_job_ran() -> None:
    ran, waiting = job("x", run=lambda work: None), job("y")
    ran.result(timeout=30)
    assert ran.span is not None
    began = ran.span[0]
    lines = early.summary([waiting, ran], since=began - 2.0).splitlines()
    assert len(lines) == 1 and lines[0].startswith("   2.0 s to ") and lines[0].endswith(ran.name)
