"""The two layer diagrams of the seed note (tests/fixtures/docker-1.md, byte-exact), for the benchmarks."""

from __future__ import annotations

import re
from pathlib import Path

NOTE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "docker-1.md"


def seed_diagrams() -> tuple[str, str]:
    """The VM diagram and the container diagram, each without its fence lines."""
    vm, containers = re.findall(r"^```\n(.*?)^```", NOTE.read_text(encoding="utf-8"), re.S | re.M)
    return vm, containers
