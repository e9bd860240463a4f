"""Where a build keeps what it drew or cut: ``.cache/<name>/`` next to mkdocs.yml, unless an environment
variable names another folder (the test suite shares one per session)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir(project_dir: Path, name: str, env: str) -> Path:
    """``project_dir/.cache/name``, or the folder the variable ``env`` names."""
    override = os.environ.get(env)
    return Path(override) if override else project_dir / ".cache" / name
