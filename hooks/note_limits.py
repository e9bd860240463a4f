"""The build reads only the project, and each note within limits (``studysite.notes.limits``).

- ``on_config``: a symlinked folder of ``docs/`` that leads outside the project, or back into a folder
  holding it, stops the build before MkDocs walks it (it follows links, and would read outside or loop).
- ``on_files``: a file of ``docs/`` reached through a symlink that leads outside the project is not
  published (one warning per link, so ``--strict`` fails); a note over the size limit stops the build
  before it is read.
- ``on_page_markdown`` (before every pass that reads a note's blocks): control characters are removed
  with a warning per line; nesting past the limit stops the build with its line; a snippet line
  (``--8<--``) that would read outside ``includes/``, or nothing, is a warning and stays as text
  (pymdownx.snippets would end the build in a traceback).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import markdown as python_markdown
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from pymdownx.snippets import SnippetPreprocessor  # type: ignore[import-untyped]

from studysite.notes.frontmatter import lines_before_body
from studysite.notes.limits import (
    escaping_link,
    folder_links,
    nested_problem,
    oversized,
    snippet_file,
    snippet_lines,
    snippet_problem,
    strip_controls,
    too_deep,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
SNIPPETS = Path("includes")  # mkdocs.yml: pymdownx.snippets base_path


def on_config(config: MkDocsConfig) -> None:
    """Before MkDocs walks docs/ (following every link): a folder link out of the project, or back into a
    folder holding it, stops the build (the walk would read outside, or never end)."""
    root = Path(config.config_file_path).parent.resolve()
    problems = folder_links(Path(config.docs_dir), root)
    if problems:
        raise PluginError(
            "\n".join(
                f"{name}: a symlink to {real}, "
                + (
                    "outside the project: the site is built from files inside the project only"
                    if kind == "outside"
                    else "a folder that contains it: MkDocs would walk it forever"
                )
                + "; remove the link"
                for name, real, kind in problems
            )
        )


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).parent.resolve()
    docs = Path(config.docs_dir)
    refused: dict[str, list[str]] = {}
    for file in list(files):
        if file.generated_by is not None or not file.abs_src_path:
            continue
        link = escaping_link(docs, file.src_uri, root)
        if link is not None:
            refused.setdefault(f"{link[0]}\0{link[1]}", []).append(file.src_uri)
            files.remove(file)
            continue
        if file.src_uri.endswith(".md") and (problem := oversized(Path(file.abs_src_path).stat().st_size)):
            raise PluginError(f"{file.src_uri}:1: {problem}")
    for key, uris in refused.items():
        name, real = key.split("\0")
        what = uris[0] if len(uris) == 1 else f"{len(uris)} files"
        log.warning(
            f"{name}: a symlink to {real}, outside the project: {what} not published "
            "(the site is built from files inside the project only)"
        )
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    try:
        offset = lines_before_body(page.file.content_string, markdown)
    except (OSError, UnicodeDecodeError, TypeError):
        offset = 0
    where = page.file.src_uri
    markdown, problems = strip_controls(markdown)
    for problem in problems:
        log.warning(f"{where}:{problem.line + offset}: {problem.message}")
    if (deep := too_deep(markdown)) is not None:
        raise PluginError(f"{where}:{deep.line + offset}: {deep.message}")
    return _check_snippets(markdown, where, offset, config)


def _check_snippets(markdown: str, where: str, offset: int, config: MkDocsConfig) -> str:
    if "8<-" not in markdown:
        return markdown
    base = (Path(config.config_file_path).parent / SNIPPETS).resolve()
    parser = _snippet_parser()
    lines = markdown.split("\n")
    for snippet in snippet_lines(markdown, SnippetPreprocessor.RE_ALL_SNIPPETS):
        problem = snippet_problem(snippet.path, base, parser)
        if problem is None:
            _check_nested(
                snippet_file(snippet.path, base, parser), base, f"{where}:{snippet.line + offset + 1}"
            )
            continue
        log.warning(f"{where}:{snippet.line + offset + 1}: {problem}; the line is shown as text")
        # escaped (';'), pymdownx shows an inline snippet line as text and skips a block's path line
        lines[snippet.line] = re.sub(r"^([ \t]*)", r"\1;", lines[snippet.line], count=1)
    return "\n".join(lines)


def _check_nested(file: Path | None, base: Path, where: str) -> None:
    """A bad snippet inside an included file cannot be shown as text (the file is not the note's): it
    stops the build with its own file and line."""
    if file is None:
        return
    found = nested_problem(file, base, _snippet_parser(), SnippetPreprocessor.RE_ALL_SNIPPETS)
    if found is not None:
        inner, line, problem = found
        raise PluginError(
            f"{SNIPPETS / inner.relative_to(base)}:{line + 1}: {problem} (included from {where})"
        )


@dataclass
class _State:
    """What this hook keeps for the process: pymdownx's snippet reader, made once."""

    parser: SnippetPreprocessor | None = None


_state = _State()


def _snippet_parser():
    """pymdownx's own reading of a snippet path (``file.md:2:5``, ``file.md:section``) -> the file part."""
    if _state.parser is None:
        md = python_markdown.Markdown(extensions=["pymdownx.snippets"])
        _state.parser = md.preprocessors["snippet"]
    parser = _state.parser

    def target(path: str) -> str | None:
        parsed = parser.parse_snippet_target(path)
        return None if parsed is None else str(parsed["path"])

    return target
