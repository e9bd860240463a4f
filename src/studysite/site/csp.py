"""Every page's Content-Security-Policy: scripts from the site itself and the theme's own inline scripts.

The policy travels in a ``<meta>`` (static hosts such as GitHub Pages set no headers). Inline scripts are
allowed by hash, and only those outside the page's content (``article.md-content__inner``): Material's
and print-site's own. A script inside the content (none gets past the sanitizer, see
``studysite.site.sanitize``) is left out of the policy, so it cannot run, and :func:`page_hashes`
reports it. No frames, no plugins, no base or form targets elsewhere; images also from http(s), as the
sanitizer keeps them.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

#: Script types a browser runs (data blocks such as ``application/json`` are not scripts).
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def policy(script_hashes: list[str], live_reload: bool = False) -> str:
    """The policy text: ``script_hashes`` are CSP sources (``'sha256-…'``). With ``live_reload``
    (``mkdocs serve``, which adds an inline script of its own to every page it serves, different each
    time) inline scripts are allowed instead: a browser ignores 'unsafe-inline' next to any hash."""
    scripts = "'self' 'unsafe-inline'" if live_reload else " ".join(["'self'", *script_hashes])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",  # diagrams' <style>, table alignment, Material's own
            "img-src 'self' data: https: http:",  # the sanitizer keeps http(s) images in notes
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self'",
            "frame-src 'none'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def source_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass(frozen=True)
class PageScripts:
    hashes: list[str]  # of the theme's inline scripts, in page order, each once
    in_content: list[str]  # inline scripts found inside the content: not allowed


def page_hashes(html: str) -> PageScripts:
    """The hashes of the inline scripts of a rendered page outside its content."""
    hashes: list[str] = []
    in_content: list[str] = []
    if "<script" not in html:
        return PageScripts(hashes, in_content)
    tree = LexborHTMLParser(html)
    for node in tree.css("script"):
        attrs = node.attributes
        if "src" in attrs or (attrs.get("type") or "").strip().lower() not in _SCRIPT_TYPES:
            continue
        text = node.text(deep=True)
        if _inside_content(node):
            in_content.append(text)
        elif (digest := source_hash(text)) not in hashes:
            hashes.append(digest)
    return PageScripts(hashes, in_content)


class ShimChanged(ValueError):
    """The iframe-worker shim no longer writes its frame's script the way :func:`shim_frame_hash` reads."""


_SHIM_FRAME = re.compile(r"document\.write\(`<html><body><script>(.*?)<\\/script>")


def shim_frame_hash(shim: str, worker_url: str) -> str:
    """The hash of the inline script the offline bundle's iframe-worker shim (``shim``, its JavaScript)
    writes into its frame to run Material's search worker from ``worker_url``: the frame inherits the
    page's policy. The script is the shim's template with two of its functions' source text and the URL.
    """
    template = _SHIM_FRAME.search(shim)
    if template is None:
        raise ShimChanged("the iframe-worker shim no longer writes its frame with document.write")
    text = template.group(1)
    for name in re.findall(r"\$\{(\w+)\}", text):
        if name == "e":
            value = worker_url
        else:
            value = _function_source(shim, name)
        text = text.replace("${" + name + "}", value)
    return source_hash(text)


def _function_source(js: str, name: str) -> str:
    start = js.find(f"function {name}(")
    if start < 0:
        raise ShimChanged(f"the iframe-worker shim has no function {name}()")
    depth = 0
    for index in range(js.index("{", start), len(js)):
        depth += {"{": 1, "}": -1}.get(js[index], 0)
        if depth == 0:
            return js[start : index + 1]
    raise ShimChanged(f"the iframe-worker shim's function {name}() does not end")


def search_worker(html: str) -> str | None:
    """The search worker's URL in Material's ``__config`` of a rendered page, or None."""
    node = LexborHTMLParser(html).css_first("script#__config")
    if node is None:
        return None
    try:
        value = json.loads(node.text(deep=True)).get("search")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def _inside_content(node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == "article" and "md-content__inner" in (parent.attributes.get("class") or "").split():
            return True
        parent = parent.parent
    return False
