"""From Mermaid's two SVGs of a diagram (light, dark) to one cache entry, and from that to a page's SVG.

Both palettes draw the same geometry (same font, same layout); only Mermaid's ``<style>`` differs. So a
diagram is one SVG body and two style sheets. On a page, the style sheets move from the SVG's id to a
class named by their hash and are written once per page (every timeline of the history page shares one);
the dark one applies under Material's ``[data-md-color-scheme="slate"]`` on screens only, so print is light.
Ids inside the SVG are all prefixed with the diagram's id (Mermaid's timeline writes bare ones such as
``arrowhead``, which would repeat on a page), and arrow markers nothing points at are dropped.
"""

from __future__ import annotations

import hashlib
import html
import re

from studysite.diagrams.render.svg_clean import clean_svg
from studysite.diagrams.render.svg_trim import prune_css, round_numbers

ID = "@@ID@@"  # the diagram's id, filled in per page
STYLE = "@@STYLE@@"  # the style sheet's class, filled in per page
DARK_SCOPE = '[data-md-color-scheme="slate"] '

_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_IDS = re.compile(r'\sid="([^"]+)"')
_MARKER = re.compile(r'<marker id="([^"]+)"[^>]*>.*?</marker>', re.S)
_TEXT = re.compile(r">([^<]+)<")
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')


def _scope_ids(body: str) -> str:
    """Every id of the SVG starts with the diagram's own, and so do the references to it."""
    for name in sorted({m.group(1) for m in _IDS.finditer(body)} - {ID}, key=len, reverse=True):
        if name.startswith(ID):
            continue
        new = f"{ID}-{name}"
        escaped = re.escape(name)
        body = re.sub(rf'(\sid=")({escaped})(")', rf"\g<1>{new}\g<3>", body)
        body = re.sub(rf"url\(#{escaped}\)", f"url(#{new})", body)
        body = re.sub(rf'(href=")#{escaped}(")', rf"\g<1>#{new}\g<2>", body)
    return body


def _drop_unused_markers(body: str) -> str:
    def keep(match: re.Match[str]) -> str:
        used = f"url(#{match.group(1)})" in body or f'href="#{match.group(1)}"' in body
        return match.group(0) if used else ""

    return _MARKER.sub(keep, body)


def _css(svg: str) -> tuple[str, str]:
    """(the SVG without its style sheet, that style sheet scoped to the ``STYLE`` class)."""
    found = _STYLE.search(svg)
    css = found.group(1) if found else ""
    body = svg[: found.start()] + svg[found.end() :] if found else svg
    return body, re.sub(rf"#{re.escape(ID)}(?![\w-])", "." + STYLE, css)


def label_text(body: str) -> str:
    """The characters the SVG draws as text (what the font subset needs), sorted, once each."""
    chars = {c for m in _TEXT.finditer(body) for c in html.unescape(m.group(1)) if not c.isspace()}
    return "".join(sorted(chars))


def prepare(svgs: dict[str, str], token: str) -> dict[str, str]:
    """A cache entry from Mermaid's SVG per palette, drawn with the ids ``<token>-<palette>``."""
    bodies, sheets = {}, {}
    for name, svg in svgs.items():
        bodies[name], sheets[name] = _css(clean_svg(svg).replace(f"{token}-{name}", ID))
    body = round_numbers(_drop_unused_markers(_scope_ids(bodies["light"])))
    light = prune_css(sheets["light"], body, STYLE)
    dark = prune_css(sheets["dark"], body, STYLE)
    sheets = {"light": "".join(light), "dark": "".join(dark)}
    style = hashlib.sha256((sheets["light"] + sheets["dark"]).encode("utf-8")).hexdigest()[:10]
    return {
        "body": body,
        "light": sheets["light"],
        "dark": sheets["dark"],
        "style": style,
        "chars": label_text(body),
    }


def place(entry: dict[str, str], element_id: str, title: str, description: str, with_style: bool) -> str:
    """The entry's SVG for a page: its id, ``role="img"`` with ``<title>``/``<desc>``, and its style sheet
    when ``with_style`` (the first diagram on the page that uses it)."""
    body = entry["body"].replace(ID, element_id)
    opening = _SVG_OPEN.search(body)
    if opening is None:
        return ""
    attrs = dict(_ATTR.findall(opening.group(0)))
    for name in ("role", "aria-roledescription", "aria-labelledby", "aria-describedby", "class"):
        attrs.pop(name, None)
    inner = []
    has_title = body[opening.end() :].lstrip().startswith("<title")
    if not has_title:
        attrs["aria-labelledby"] = f"{element_id}-title"
        inner.append(f'<title id="{element_id}-title">{html.escape(title or "図", quote=False)}</title>')
        if description:
            attrs["aria-describedby"] = f"{element_id}-desc"
            inner.append(f'<desc id="{element_id}-desc">{html.escape(description, quote=False)}</desc>')
    attrs.update({"class": f"diagram-svg s-{entry['style']}", "role": "img"})
    if with_style:
        cls = f"s-{entry['style']}"
        dark = entry["dark"].replace("." + STYLE, DARK_SCOPE + "." + cls)
        light = entry["light"].replace(STYLE, cls)
        inner.append(f"<style>{light}@media screen{{{dark}}}</style>")
    tag = "<svg " + " ".join(f'{k}="{v}"' for k, v in attrs.items()) + ">"
    return body[: opening.start()] + tag + "".join(inner) + body[opening.end() :]


def one_line(message: str) -> str:
    """Mermaid's error message on one line: its first line (where) and last (what it expected)."""
    lines = [
        line.strip() for line in message.splitlines() if line.strip() and not set(line.strip()) <= {"-", "^"}
    ]
    if not lines:
        return "Mermaid gave no reason"
    return lines[0] if len(lines) == 1 else f"{lines[0]} {lines[-1]}"
