"""Glossary terms get hover definitions on every page, from one source: includes/abbreviations.md."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from studysite.notes.glossary import Glossary, GlossaryError, annotate, compile_glossary, parse_abbreviations
from studysite.textfile import TextFileError, read_text

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

SOURCE = "includes/abbreviations.md"
_glossary = Glossary({}, None)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _glossary
    path = Path(config.config_file_path).parent / SOURCE
    try:
        _glossary = compile_glossary(parse_abbreviations(read_text(path, SOURCE)))
    except TextFileError as error:
        raise PluginError(str(error)) from None
    except GlossaryError as error:
        raise PluginError(f"{SOURCE}:{error.line}: {error.message}") from None
    return config


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return annotate(html, _glossary)
