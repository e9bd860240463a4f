"""How we start Debian's Chromium through Playwright on a machine with no network."""

from __future__ import annotations

import shutil
from pathlib import Path

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


def launch_options() -> dict[str, object]:
    """Keyword arguments for ``playwright.chromium.launch``."""
    return {"executable_path": chromium_path(), "args": list(LAUNCH_ARGS), "headless": True}
