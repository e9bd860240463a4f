"""How we start Debian's Chromium through Playwright on a machine with no network."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"

#: Flags for a closed network: without the background-networking ones Chromium keeps trying to reach
#: Google's services, which this machine (and many readers' machines) cannot reach.
LAUNCH_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
)


def chromium_path() -> str:
    """Return the Chromium executable, or raise FileNotFoundError with one line saying what to install."""
    found = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not found:
        raise FileNotFoundError(
            "Chromium is missing: install the Debian packages 'chromium' and 'fonts-noto-cjk' "
            "(apt-get install chromium fonts-noto-cjk), or run `make setup` as root."
        )
    return found


def launch_options() -> dict[str, Any]:
    """Keyword arguments for ``playwright.chromium.launch``."""
    return {"executable_path": chromium_path(), "args": list(LAUNCH_ARGS), "headless": True}


#: Seconds Chromium gets to start (Playwright's own default is 180 s of silence).
LAUNCH_TIMEOUT = 30.0
INSTALL_HINT = (
    "check that the Debian packages 'chromium' and 'fonts-noto-cjk' are installed "
    "(apt-get install chromium fonts-noto-cjk, or `make setup` as root)"
)


class BrowserError(RuntimeError):
    """Chromium could not be started; ``str()`` is one line saying what happened and what to do."""


_STDERR = re.compile(r"^\[pid=\d+\]\[err\] (.+)$", re.M)
_EXIT = re.compile(r"<process did exit: exitCode=(\d+)")


def _reason(message: str) -> str:
    """What a Playwright launch error (50 lines of logs) says went wrong, in one line: the browser's last
    words on stderr and its exit code, else the error's first line."""
    said = [line.strip() for line in _STDERR.findall(message.split("Call log:")[0]) if line.strip()]
    code = _EXIT.search(message)
    first = message.strip().splitlines()[0].removeprefix("BrowserType.launch:").strip() if message else ""
    reason = f"it said {said[-1]!r}" if said else first or "no reason given"
    return reason + (f" (exit code {code.group(1)})" if code else "")


def launch(
    playwright: Any,
    doing: str,
    *,
    timeout: float = LAUNCH_TIMEOUT,
    executable: str | None = None,
) -> Any:
    """Start headless Chromium with ``playwright`` (``sync_playwright()``'s object) for ``doing``
    (e.g. "printing the PDF"); raise ``BrowserError`` with one line when it fails or hangs."""
    from playwright.sync_api import Error, TimeoutError

    try:
        options = launch_options()
    except FileNotFoundError as error:
        raise BrowserError(f"{error} (needed for {doing})") from None
    if executable is not None:
        options["executable_path"] = executable
    path = options["executable_path"]
    try:
        return playwright.chromium.launch(**options, timeout=timeout * 1000)
    except TimeoutError:
        raise BrowserError(
            f"Chromium ({path}) did not start within {timeout:g} s while {doing}; {INSTALL_HINT}"
        ) from None
    except Error as error:
        raise BrowserError(
            f"Chromium ({path}) failed to start while {doing}: {_reason(error.message)}; {INSTALL_HINT}"
        ) from None
