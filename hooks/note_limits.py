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

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from studysite.notes.frontmatter import lines_before_body
from studysite.notes.limits import escaping_link, folder_links, oversized, strip_controls, too_deep
from studysite.notes.snippets import NestedSnippetError, guard_snippets

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)


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
    try:
        markdown, problems = guard_snippets(markdown, Path(config.config_file_path).parent)
    except NestedSnippetError as error:
        raise PluginError(f"{error.problem} (included from {where}:{error.line + offset})") from None
    for problem in problems:
        log.warning(f"{where}:{problem.line + offset}: {problem.message}")
    return markdown
