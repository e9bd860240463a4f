"""The one network guard (studysite.infra.network) of the PDF export and the browser tests."""

from __future__ import annotations

import pytest

from studysite.infra.network import FILE_SCHEMES, IN_PAGE_SCHEMES, is_local, stay_local

#: url, also allowing file: and about:, -> stays on the machine
CASES = [
    ("http://127.0.0.1:8123/study/index.html", False, True),
    ("data:image/png;base64,AAAA", False, True),
    ("blob:http://127.0.0.1:8123/1234", False, True),
    ("https://unpkg.com/mermaid", False, False),
    ("http://192.0.2.7/tracker.png", False, False),
    ("http://localhost:8000/", False, False),
    ("http://127.0.0.1.example.org/", False, False),
    ("file:///tmp/bundle/index.html", False, False),
    ("file:///tmp/bundle/index.html", True, True),
    ("about:blank", True, True),
    ("https://fonts.googleapis.com/css", True, False),
]


@pytest.mark.parametrize(("url", "from_disk", "local"), CASES)
def test_is_local(url: str, from_disk: bool, local: bool):
    schemes = IN_PAGE_SCHEMES + FILE_SCHEMES if from_disk else IN_PAGE_SCHEMES
    assert is_local(url, schemes) is local


class FakeRoute:
    def __init__(self, url: str) -> None:
        self.request = type("Request", (), {"url": url})()
        self.done = ""

    def continue_(self) -> None:
        self.done = "continued"

    def abort(self) -> None:
        self.done = "aborted"


class FakePage:
    def route(self, pattern: str, handler) -> None:
        assert pattern == "**/*"
        self.handler = handler


def test_stay_local_continues_local_requests_and_aborts_and_reports_the_others():
    page, blocked = FakePage(), []
    stay_local(page, blocked.append)
    near, far = FakeRoute("http://127.0.0.1:1/x.js"), FakeRoute("https://cdn.example/x.js")
    page.handler(near)
    page.handler(far)
    assert (near.done, far.done, blocked) == ("continued", "aborted", ["https://cdn.example/x.js"])
