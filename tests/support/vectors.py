"""Hostile input for the tests of untrusted HTML: XSS vectors by class, a Python-Markdown renderer set up
as mkdocs.yml sets it up, and a judge of rendered HTML (what in it could run or load)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import markdown
import yaml
from mkdocs.utils.yaml import get_yaml_loader
from selectolax.lexbor import LexborHTMLParser

from studysite.site.sanitize import ATTRIBUTE_VALUES, RESERVED_ID, TAGS, URL_ATTRIBUTES, URL_SCHEMES
from tests.support.project import ROOT

_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def url_scheme(url: str) -> str | None:
    """The scheme a browser reads in an (entity-decoded) URL: controls and whitespace dropped, lower case;
    None for a relative URL or a #fragment."""
    text = _CONTROL.sub("", url)
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", text)
    return match.group(1).lower() if match else None


@dataclass(frozen=True)
class Vector:
    kind: str  # the class of attack
    text: str  # one line of Markdown; ``N`` in it is replaced by the vector's number
    warns: bool = True  # whether it makes live markup the sanitizer must remove (else it stays text)


#: Each payload would set ``window.__xssN``; ``N`` becomes the vector's number.
VECTORS: list[Vector] = [
    Vector("script tag", "<script>window.__xssN=1</script>"),
    Vector("script tag", "<SCRIPT>window.__xssN=1</SCRIPT>"),
    Vector("script tag", "<script/x>window.__xssN=1</script>"),
    Vector("script tag", 'text <script src="data:,window.__xssN=1"></script> inline'),
    Vector("style tag", "<style>body{display:none} /* N */</style>"),
    Vector("event handler", '<img src="missing-N.png" onerror="window.__xssN=1">'),
    Vector("event handler", "<img src=x-N onerror=window.__xssN=1>", warns=False),  # text to Python-Markdown
    Vector("event handler", '<details open ontoggle="window.__xssN=1"><summary>s</summary>N</details>'),
    Vector("event handler", '<div onmouseover="window.__xssN=1">hover N</div>'),
    Vector("event handler", 'text <b onclick="window.__xssN=1">bold N</b> inline'),
    Vector("event handler", '<p style="color:red" onpointerenter="window.__xssN=1">styled N</p>'),
    Vector("javascript url", "[link N](javascript:window.__xssN=1)"),
    Vector("javascript url", "[link N](JaVaScRiPt:window.__xssN=1)"),
    Vector("javascript url", '<a href="javascript:window.__xssN=1">raw N</a>'),
    Vector("javascript url", '<a href="jav&#x09;ascript:window.__xssN=1">tab N</a>'),
    Vector("javascript url", '<a href="&#106;avascript:window.__xssN=1">entity N</a>'),
    Vector("javascript url", '<a href=" &#14; javascript:window.__xssN=1">control N</a>'),
    Vector("javascript url", "[ref N][jsN]\n\n[jsN]: javascript:window.__xssN=1"),
    Vector("vbscript url", '<a href="vbscript:msgbox(N)">vb N</a>'),
    Vector("data url", '<a href="data:text/html,<script>window.__xssN=1</script>">data N</a>'),
    Vector("data url", "[data N](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    Vector("srcdoc", '<iframe srcdoc="<script>parent.__xssN=1</script>"></iframe>'),
    Vector("svg", "<svg><script>window.__xssN=1</script></svg>"),
    Vector("svg", "<svg onload=window.__xssN=1><circle r=N></circle></svg>"),
    Vector("svg", '<svg><a xlink:href="javascript:window.__xssN=1"><text>N</text></a></svg>'),
    Vector("mathml", '<math href="javascript:window.__xssN=1"><mi>N</mi></math>'),
    Vector("broken tag", "<img src=x-N onerror=window.__xssN=1//", warns=False),
    Vector("broken tag", '<img """><script>window.__xssN=1</script>">'),
    Vector("broken tag", "<scr<script>ipt>window.__xssN=1</script>"),
    Vector("comment", "<!-- <img src=x-N onerror=window.__xssN=1> -->", warns=False),
    Vector("comment", "<!-- a --!><img src=x-N onerror=window.__xssN=1> -->", warns=False),
    Vector("cdata", "<![CDATA[<img src=x-N onerror=window.__xssN=1>]]>", warns=False),
    Vector("link title", '[title N](https://example.org/ "\\"><img src=x onerror=window.__xssN=1>")', False),
    Vector("image alt", '![alt"><img src=x onerror=window.__xssN=1>](https://example.org/N.png)', False),
    Vector("image title", '![x](missing-N.png "t\\" onerror=\\"window.__xssN=1")', False),
    Vector("attribute list", 'A paragraph N.\n{: onclick="window.__xssN=1" }'),
    Vector("attribute list", '![img N](missing-N.png){: onerror="window.__xssN=1" }'),
    Vector("form", '<form action="javascript:window.__xssN=1"><button>go N</button></form>'),
    Vector("object", '<object data="javascript:window.__xssN=1">N</object>'),
    Vector("embed", '<embed src="javascript:window.__xssN=1">N'),
    Vector("base", '<base href="https://example.org/N/">'),
    Vector("meta", '<meta http-equiv="refresh" content="0;url=javascript:window.__xssN=1">'),
    Vector("style attribute", '<p style="background:url(javascript:window.__xssN=1)">N</p>'),
    Vector("dom clobbering", '<div id="__config">{"base": "https://example.org/N/"}</div>'),
    Vector("dom clobbering", '<a name="__search" id="__drawer">N</a>'),
    # last: the unclosed <style> makes the rest of the page style text, in a browser as in the sanitizer
    Vector("mathml", "<math><mtext><table><mglyph><style><img src=x-N onerror=window.__xssN=1>"),
]


def vector_lines(first_line: int) -> tuple[str, dict[int, range]]:
    """A note body holding every vector, a blank line apart, and {vector number: its lines}."""
    parts, where, line = [], {}, first_line
    for number, vector in enumerate(VECTORS):
        text = vector.text.replace("N", str(number))
        where[number] = range(line, line + text.count("\n") + 1)
        parts.append(text)
        line += text.count("\n") + 2
    return "\n\n".join(parts) + "\n", where


@cache
def renderer_config() -> tuple[list[str], dict]:
    """The Markdown extensions and their settings from mkdocs.yml (snippets read from includes/)."""
    loaded = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())
    names, configs = [], {}
    for entry in loaded["markdown_extensions"]:
        name, settings = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        names.append(name)
        configs[name] = dict(settings or {})
    configs["pymdownx.snippets"]["base_path"] = [str(ROOT / "includes")]
    return names, configs


def render(text: str) -> str:
    names, configs = renderer_config()
    return markdown.Markdown(extensions=names, extension_configs=configs).convert(text)


def live_parts(html: str) -> list[str]:
    """What in ``html`` could run, load or restyle: elements off the allowlist, event handlers and other
    attributes off it, URLs with other schemes than http(s) and mailto."""
    found = []
    body = LexborHTMLParser(f"<!DOCTYPE html><body>{html}").body
    assert body is not None
    for node in body.traverse(include_text=False):
        tag = node.tag or ""
        if tag in ("body", "-comment", "-text"):
            continue
        if tag not in TAGS:
            found.append(f"<{tag}>")
        for name, value in node.attributes.items():
            value = value or ""
            if name in ("id", "name") and RESERVED_ID.match(value):
                found.append(f"<{tag} {name}={value!r}>")
            elif name.startswith("on") or name in ("srcdoc", "formaction", "xlink:href"):
                found.append(f"<{tag} {name}>")
            elif name == "style" and value not in ATTRIBUTE_VALUES.get(tag, {}).get("style", set()):
                found.append(f"<{tag} style={value!r}>")
            elif name in URL_ATTRIBUTES and url_scheme(value) not in (None, *URL_SCHEMES):
                found.append(f"<{tag} {name}={value!r}>")
    return found
