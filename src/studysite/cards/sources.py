"""The project's other sources of cards besides the notes: the glossary and the timeline data, read as
the build reads them. A file that cannot be read gives no cards here: the hook that owns it
(hooks/glossary_tooltips.py, hooks/timeline_page.py) stops the build with its file and line."""

from __future__ import annotations

from pathlib import Path

from studysite.infra.textfile import TextFileError, read_text
from studysite.notes.glossary import GlossaryError, parse_abbreviations
from studysite.timeline.load import load_timeline
from studysite.timeline.model import Timeline, TimelineError

GLOSSARY = "includes/abbreviations.md"
TIMELINE = ("data/timeline.yml", "data/timeline.schema.json")


def project_glossary(root: Path) -> dict[str, str]:
    """The glossary's terms and definitions ({} without a readable glossary)."""
    path = root / GLOSSARY
    try:
        return parse_abbreviations(read_text(path, GLOSSARY)) if path.is_file() else {}
    except (TextFileError, GlossaryError):
        return {}


def project_timeline(root: Path) -> Timeline | None:
    """The timeline data (None without valid data)."""
    data, schema = (root / name for name in TIMELINE)
    if not data.is_file():
        return None
    try:
        return load_timeline(data, schema, display_name=TIMELINE[0], schema_display_name=TIMELINE[1])
    except TimelineError:
        return None
