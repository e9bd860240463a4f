"""Slow preparations of the suite started as soon as pytest has chosen the tests, beside the tests that run
first: the builds, exports and crawls that a fixture would otherwise do while the rest of the suite waits.

A job is a function of one fresh work directory, declared for the fixture that waits for it::

    @early("builds")
    def built(work: Path) -> Path: ...

    @pytest.fixture(scope="module")
    def builds() -> Path:
        return built.result()

tests/conftest.py starts the jobs whose fixture a chosen test uses, ``WORKERS`` at a time, and runs the test
modules that wait for a job after the others (``plan``). A job no worker has started yet starts, in a
thread of its own, when a test or another job asks for its result, so jobs may depend on each other without
a deadlock, and a job may start a Playwright of its own whoever asks.

The jobs share the process with the tests: a test must not change process-wide state that they read (the
environment, which their builds inherit; module attributes such as the Chromium path). Such a check runs in
a process of its own (see tests/test_offline.py and tests/test_pdf.py) or takes what it varies as an argument.
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")

#: Jobs at a time: the machine has two cores, and the tests themselves run beside the jobs.
WORKERS = 2
#: How much lower than the tests the jobs run (and every process they start: builds, Chromium): a test that
#: waits on its browser is not starved by the preparations beside it.
NICE = 5
#: Under pytest-xdist (set by tests/conftest.py in each worker): no worker threads start, a job runs at normal
#: priority when its fixture first asks, and a shared job runs once across the workers, its result kept here.
ACROSS: list[Path] = []
#: The longest a fixture waits for a job (a build, an export, a crawl of every page) before it fails.
TIMEOUT_S = 600.0


class Job(Generic[T]):
    """One preparation, run once: by a worker, or in a thread of its own when something asks for its result
    before a worker has started it."""

    def __init__(
        self, run: Callable[[Path], T], fixture: str, module: str | None, shared: bool = False
    ) -> None:
        self.name = f"{run.__module__}.{run.__name__}"
        self.shared = shared
        self.fixture = fixture
        self.module = module  # of the fixture; None for a fixture of conftest.py, which every module has
        self._run = run
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._claimed = False
        self._value: T | None = None
        self._error: BaseException | None = None
        self.span: tuple[float, float] | None = None  # when it ran (time.monotonic()), for the summary

    def __repr__(self) -> str:
        return f"<Job {self.name} for {self.fixture!r}>"

    def claim(self) -> bool:
        """True for exactly one caller: the one that runs the job."""
        with self._lock:
            claimed, self._claimed = self._claimed, True
            return not claimed

    def run(self) -> None:
        """Run the job (only after ``claim()`` returned True) in a fresh directory; keep what it returns or
        raises for ``result()``."""
        if not ACROSS:
            _lower_priority()
        began = time.monotonic()
        try:
            if self.shared and ACROSS:
                self._value = _once_across(ACROSS[0], self.name, self._run)
            else:
                self._value = self._run(Path(tempfile.mkdtemp(prefix="early-", dir=_base())))
        except BaseException as error:  # re-raised in the test that waits for it, with its traceback
            self._error = error
        finally:
            self.span = (began, time.monotonic())
            self._done.set()

    def result(self, timeout: float = TIMEOUT_S) -> T:
        """What the job returned (starting it now if no worker has); re-raises what it raised."""
        if self.claim():  # in a thread of its own: the caller's may hold a Playwright, which allows no other
            thread = threading.Thread(target=self.run, name=self.name, daemon=True)
            thread.start()
            _started.append(thread)
        if not self._done.wait(timeout):
            raise TimeoutError(f"{self.name} (for {self.fixture!r}) is still running after {timeout:.0f} s")
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]

    def for_module(self, module: str) -> bool:
        return self.module in (None, module)


#: Every job declared so far (test modules declare theirs when pytest imports them).
JOBS: list[Job[Any]] = []


def early(fixture: str, *, shared: bool = False) -> Callable[[Callable[[Path], T]], Job[T]]:
    """Declare a job for the fixture named ``fixture``: of the test module the function is in, or with
    ``shared`` of tests/conftest.py."""

    def declare(run: Callable[[Path], T]) -> Job[T]:
        job = Job(run, fixture, None if shared else run.__module__, shared)
        JOBS.append(job)
        return job

    return declare


def plan(
    tests: Sequence[tuple[str, Sequence[str]]], jobs: Sequence[Job[Any]] | None = None
) -> tuple[list[Job[Any]], list[str]]:
    """The jobs the chosen tests wait for, in the order to start them, and the test modules in the order to
    run them. ``tests`` are each chosen test's (module name, names of every fixture it uses), as collected.

    Jobs start in the order the tests first need them (those of one test in the order declared). Modules
    that wait for no job run first, as collected; the others after them, by the last-started job each waits
    for, so the jobs run beside the first ones.
    """
    known = JOBS if jobs is None else jobs
    started: list[Job[Any]] = []
    waits: dict[str, int] = {}
    for module, fixtures in tests:
        waits.setdefault(module, -1)
        for job in known:
            if job.fixture in fixtures and job.for_module(module):
                if job not in started:
                    started.append(job)
                waits[module] = max(waits[module], started.index(job))
    collected = list(waits)
    return started, sorted(collected, key=lambda m: (waits[m] >= 0, waits[m], collected.index(m)))


def _once_across(root: Path, name: str, run: Callable[[Path], T]) -> T:
    """``run`` in the first xdist worker that asks, in a directory under ``root`` that every worker sees; the
    others wait on the lock and read its pickled result."""
    from filelock import FileLock

    done = root / f"{name}.pickle"
    with FileLock(str(root / f"{name}.lock")):
        if done.exists():
            return pickle.loads(done.read_bytes())
        value = run(Path(tempfile.mkdtemp(prefix="shared-", dir=root)))
        done.write_bytes(pickle.dumps(value))
        return value


def _lower_priority() -> None:
    """Give the calling thread (Linux keeps a nice value per thread, and what it starts inherits it) NICE."""
    if threading.current_thread() is not threading.main_thread() and hasattr(os, "setpriority"):
        current = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), max(current, NICE))


_started: list[threading.Thread] = []
_base_dir: list[Path] = []
_base_lock = threading.Lock()


def _base() -> Path:
    """The one directory that holds every job's work directory of this session."""
    with _base_lock:
        if not _base_dir:
            _base_dir.append(Path(tempfile.mkdtemp(prefix="studysite-early-")))
        return _base_dir[0]


def start(jobs: Sequence[Job[Any]], workers: int = WORKERS) -> None:
    """Run ``jobs`` in ``workers`` daemon threads, in order, each taking the next job nobody has claimed."""
    queue = list(jobs)
    lock = threading.Lock()

    def work() -> None:
        while True:
            with lock:
                if not queue:
                    return
                job = queue.pop(0)
            if job.claim():
                job.run()

    for i in range(min(workers, len(queue))):
        thread = threading.Thread(target=work, name=f"early-{i}", daemon=True)
        thread.start()
        _started.append(thread)


def summary(jobs: Sequence[Job[Any]], since: float) -> str:
    """One line per job that ran: when it started and ended, in seconds after ``since`` (time.monotonic())."""
    ran = sorted((job.span, job.name) for job in jobs if job.span is not None)
    return "\n".join(f"{a - since:6.1f} s to {b - since:6.1f} s  {name}" for (a, b), name in ran)


def finish(timeout: float = TIMEOUT_S) -> None:
    """Wait for the jobs' threads (a job nobody waited for still ends before the session does), then remove
    the jobs' directories."""
    for thread in _started:
        thread.join(timeout)
    _started.clear()
    if _base_dir:
        shutil.rmtree(_base_dir.pop(), ignore_errors=True)
