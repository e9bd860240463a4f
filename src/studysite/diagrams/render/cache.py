"""Drawn diagrams on disk, one JSON file per cache key (``.cache/diagrams/`` next to mkdocs.yml)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from studysite.infra.cache_folder import cache_dir as project_cache

#: Overrides the cache directory (the test suite shares one per session).
CACHE_ENV = "STUDYSITE_DIAGRAM_CACHE"


def cache_dir(project_dir: Path) -> Path:
    return project_cache(project_dir, "diagrams", CACHE_ENV)


class DiagramCache:
    """``get``/``put`` of entries (str to str) by hex key; a corrupt or unreadable file is a miss."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, str] | None:
        try:
            value = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        return value if ok else None

    def put(self, key: str, value: dict[str, str]) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            dir=path.parent, suffix=".tmp"
        )  # atomic: a parallel build reads all or nothing
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(value, out, ensure_ascii=False)
        os.replace(tmp, path)

    def get_bytes(self, name: str) -> bytes | None:
        try:
            return (self.root / name).read_bytes()
        except OSError:
            return None

    def put_bytes(self, name: str, data: bytes) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
