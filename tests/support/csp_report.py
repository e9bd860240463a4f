"""Content-Security-Policy checks in Chromium: every violation a page reports, by event and console."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: Installed before any script of the page: every securitypolicyviolation event, as text, sent to Python
#: (reportCspViolation, exposed by csp_violations) as it happens, from every document the page loads.
_LISTEN = """
document.addEventListener('securitypolicyviolation', e => reportCspViolation(
  `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile || ''}:${e.lineNumber})`));
"""


def csp_violations(
    browser: Any, url: str, act: Callable[[Any], None] | None = None, **context_args: Any
) -> list[str]:
    """Open ``url`` in a fresh context, run ``act(page)`` if given, and return every CSP violation the page
    reported (securitypolicyviolation events, and console messages about the policy, which also cover
    frames). Also fails when the page has no CSP at all."""
    context = browser.new_context(**context_args)
    try:
        page = context.new_page()
        found: list[str] = []
        page.expose_function("reportCspViolation", lambda text: found.append(text))
        console: list[str] = []
        page.on(
            "console",
            lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None,
        )
        page.add_init_script(_LISTEN)
        page.goto(url, wait_until="load")
        if act is not None:
            act(page)
        page.wait_for_timeout(200)
        # a round trip to the page: every report it sent before has reached `found`
        policies = page.eval_on_selector_all(
            'meta[http-equiv="Content-Security-Policy"]', "els => els.map(e => e.content)"
        )
        found += console
        if len(policies) != 1:
            found.append(f"{len(policies)} CSP <meta> elements on {url}")
        return found
    finally:
        context.close()
