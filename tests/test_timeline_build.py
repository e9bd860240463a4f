"""History timeline: the hook, and strict builds of the fixture project in tests/fixtures/timeline/.

The project is copied to tmp_path for each build; nothing is written into docs/.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.support.timeline_cases import BASE, edited

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "timeline"
SCHEMA_FILE = ROOT / "data" / "timeline.schema.json"

# -- the hook ------------------------------------------------------------------------------------------------


def _load_hook():
    spec = importlib.util.spec_from_file_location(
        "timeline_hook_under_test", ROOT / "hooks" / "timeline_page.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as MkDocs loads a hook (its dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


def test_hook_reads_the_data_again_on_every_build(tmp_path: Path) -> None:
    """What `mkdocs serve` relies on: a rebuild after data/ changed renders the new data."""
    (tmp_path / "data").mkdir()
    shutil.copy(SCHEMA_FILE, tmp_path / "data" / "timeline.schema.json")
    data = tmp_path / "data" / "timeline.yml"
    data.write_text(BASE, encoding="utf-8")
    config = SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"), theme=SimpleNamespace(dirs=[str(ROOT / "overrides")])
    )
    page = SimpleNamespace(file=SimpleNamespace(src_uri="history.md"))
    hook = _load_hook()
    hook.on_pre_build(config)
    assert "LXC" in hook.on_page_markdown("<!-- timeline -->", page, config, None)
    data.write_text(BASE.replace("title: LXC", "title: Linux Containers"), encoding="utf-8")
    hook.on_pre_build(config)
    assert "Linux Containers" in hook.on_page_markdown("<!-- timeline -->", page, config, None)
    assert hook.on_page_markdown("no marker here", page, config, None) is None
    data.write_text(BASE.replace('"2008-08"', '"2008-13"'), encoding="utf-8")
    with pytest.raises(
        Exception, match=r"data/timeline.yml:16: event 'lxc': date '2008-13' is not a valid date"
    ):
        hook.on_pre_build(config)


# -- strict builds of a fixture project ---------------------------------------------------------------------

MKDOCS_YML = """\
site_name: Timeline fixture
strict: true
theme:
  name: material
  custom_dir: {overrides}
  language: ja
  font: false
hooks:
  - {hook}
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - toc:
      permalink: true
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_div_format
validation:
  links:
    not_found: warn
    anchors: warn
"""


def make_project(tmp_path: Path, data_text: str) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", project)
    (project / "mkdocs.yml").write_text(
        MKDOCS_YML.format(overrides=ROOT / "overrides", hook=ROOT / "hooks" / "timeline_page.py"),
        encoding="utf-8",
    )
    (project / "data").mkdir()
    shutil.copy(SCHEMA_FILE, project / "data" / "timeline.schema.json")
    (project / "data" / "timeline.yml").write_text(data_text, encoding="utf-8")
    return project


def build(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(project / "site"),
        ],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
    )


@pytest.mark.slow
def test_strict_build_shows_the_timeline_with_one_anchor_per_event(tmp_path: Path) -> None:
    project = make_project(tmp_path, (FIXTURES / "small.yml").read_text(encoding="utf-8"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "index.html").read_text(encoding="utf-8")
    for event_id in ("chroot", "docker", "oci"):
        assert len(re.findall(rf'\sid="{event_id}"', html)) == 1, event_id
    assert (
        len(re.findall(r'<div class="mermaid" [^>]*data-acc-title="年表: ', html)) == 2
        and "timeline TD\n    section Later#59; 2013 onward" in html
    )
    assert '<div class="admonition warning timeline__correction">' in html
    assert "<script>alert" not in html
    assert "&lt;!-- timeline --&gt;" in html, "the marker in a code block stays as code"
    assert "WARNING" not in result.stderr, "links.md's anchors into the timeline must resolve"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {16: '    date: "2008-13"'},
            "data/timeline.yml:16: event 'lxc': date '2008-13' is not a valid date",
        ),
        ({17: "    title: [LXC"}, "data/timeline.yml:18: YAML syntax error"),
    ],
)
def test_bad_data_fails_the_build_with_file_line_and_no_traceback(
    tmp_path: Path, changes, expected: str
) -> None:
    result = build(make_project(tmp_path, edited(changes)))
    assert result.returncode != 0
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "project" / "site" / "index.html").exists(), "no partial page"


@pytest.mark.slow
def test_a_heading_with_an_event_id_fails_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, (FIXTURES / "small.yml").read_text(encoding="utf-8"))
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n## Docker の話 {#docker}\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0 and "index.md uses the id 'docker' twice" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
