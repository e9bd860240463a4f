"""Make Mermaid's SVG smaller without changing what it draws.

Mermaid writes its whole theme into every SVG: rules for edge animations, error icons, the "neo" look,
a dozen timeline sections, most of which match nothing in the diagram. :func:`prune_css` keeps the
rules whose classes occur in the SVG; :func:`round_numbers` writes coordinates with two decimals
(a hundredth of a pixel) instead of Mermaid's six, inside tags only, never in label text.
"""

from __future__ import annotations

import re

_CLASS_ATTR = re.compile(r'\sclass="([^"]*)"')
_CLASS_IN_SELECTOR = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_TAG = re.compile(r"<[^>]+>")
_LONG_NUMBER = re.compile(r"(-?\d+\.\d)(\d{2,})")


def css_rules(css: str) -> list[str]:
    """The top-level rules of minified CSS, in order; an @-rule with its block is one rule."""
    rules, i = [], 0
    while i < len(css):
        start = i
        depth = 0
        while i < len(css):
            if css[i] == "{":
                depth += 1
            elif css[i] == "}":
                depth -= 1
                if depth <= 0:
                    i += 1
                    break
            elif css[i] == ";" and depth == 0:  # a statement such as @import (cleaned away earlier)
                i += 1
                break
            i += 1
        rule = css[start:i].strip()
        if rule:
            rules.append(rule)
    return rules


def prune_css(css: str, body: str, keep_class: str) -> list[str]:
    """The rules of ``css`` that can match something in ``body``: every class a selector names occurs
    in it (``keep_class``, the sheet's own scope, always does). @-rules are kept whole. Of a rule written
    more than once, only the last copy stays."""
    present = {name for found in _CLASS_ATTR.finditer(body) for name in found.group(1).split()}
    present.add(keep_class)
    neo = 'data-look="neo"' in body
    kept = []
    for rule in css_rules(css):
        if rule.startswith("@") or "{" not in rule:
            kept.append(rule)
            continue
        selectors, _, declarations = rule.partition("{")
        alive = [
            sel
            for sel in selectors.split(",")
            if all(name in present for name in _CLASS_IN_SELECTOR.findall(sel))
            and (neo or "data-look" not in sel)
        ]
        if alive:
            kept.append(",".join(alive) + "{" + declarations)
    # a rule written again later adds nothing the later copy does not (same selector, same place or later)
    last = {rule: i for i, rule in enumerate(kept)}
    return [rule for i, rule in enumerate(kept) if last[rule] == i]


def round_numbers(svg: str) -> str:
    """Numbers with more than three decimals inside tags, cut to two (rounded)."""

    def number(match: re.Match[str]) -> str:
        value = round(float(match.group(0)), 2)
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text

    return _TAG.sub(lambda tag: _LONG_NUMBER.sub(number, tag.group(0)), svg)
