"""Every page carries a Content-Security-Policy ``<meta>`` (``studysite.site.csp``).

``overrides/main.html`` marks the place with ``<!-- content-security-policy -->``; this hook fills it in
once the page is complete (last of the ``on_post_page`` hooks), with the hashes of the page's own inline
scripts outside the content. The 404 page is a template (``on_post_template``); print-site writes the
print page in its ``on_post_build``, which runs before this hook's. Under ``mkdocs serve`` inline scripts
are allowed (its live reload is one, different on every page it serves); builds carry the hashes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from studysite.site.csp import ShimChanged, page_hashes, policy, search_worker, shim_frame_hash
from studysite.site.offline import SHIM_URI, shim_source
from studysite.site.print_page import PRINT_PAGES
from studysite.site.templates import TemplateMissing, partial

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
MARKER = "<!-- content-security-policy -->"
TEMPLATE = "partials/csp.html"


@dataclass
class _State:
    """What this hook keeps for the process (``mkdocs serve`` rebuilds in it)."""

    command: str = "build"  # build, serve or gh-deploy (on_startup)


_state = _State()


def _fill(html: str, config: MkDocsConfig, where: str) -> str:
    if MARKER not in html:
        return html
    scripts = page_hashes(html)
    if scripts.in_content:
        log.warning(f"{where}: an inline script in the page's content is not allowed by its CSP")
    hashes = scripts.hashes + _shim_hashes(html, config)
    try:
        template = partial(config.theme.dirs, TEMPLATE)
    except TemplateMissing as error:
        raise PluginError(f"content security policy: {error}") from None
    meta = template.render(policy=policy(hashes, live_reload=_state.command == "serve"))
    return html.replace(MARKER, meta, 1)


def _shim_hashes(html: str, config: MkDocsConfig) -> list[str]:
    """In the offline bundle (hooks/offline_assets.py adds the iframe-worker shim), the script the shim
    writes into its frame to run this page's search worker."""
    if SHIM_URI not in [str(script) for script in config.extra.get("polyfills", [])]:
        return []
    worker = search_worker(html)
    if worker is None:
        return []
    shim = shim_source(Path(config.config_file_path).parent / "node_modules")
    try:
        return [shim_frame_hash(shim.read_text(encoding="utf-8"), worker)]
    except (OSError, ShimChanged) as error:
        raise PluginError(f"content security policy: {error} (src/studysite/site/csp.py)") from None


def on_startup(command: str, dirty: bool) -> None:
    _state.command = command


@event_priority(-100)  # after every hook that changes the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _fill(output, config, page.file.src_uri)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return _fill(output_content, config, template_name)


@event_priority(-100)  # after print-site (a plugin) and hooks/print_page_ids.py wrote the print page
def on_post_build(config: MkDocsConfig) -> None:
    for name in PRINT_PAGES:
        path = Path(config.site_dir) / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            filled = _fill(text, config, name)
            if filled != text:
                path.write_text(filled, encoding="utf-8")
