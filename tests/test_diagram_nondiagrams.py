"""What is not a layer drawing stays code, byte for byte and without a warning; what cannot be read warns.

- a corpus of real-looking program output and files that use ``|``, ``+``, ``-`` (result tables of
  database clients and table printers, ``tree``, ``docker ps``, logs, configs, scripts with comment
  boxes), each in an unlabeled and in a ``text`` fence;
- a ``plaintext`` fence is never converted, even when it holds a good drawing;
- a drawing that cannot be read stays code and warns with the line, what is wrong and how to keep it;
- random text (also of box-drawing characters) raises nothing but DiagramError.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studysite.diagrams.detect import looks_like_diagram
from studysite.diagrams.grid import DiagramError, NotLayers
from studysite.diagrams.layers import KEEP_AS_CODE, convert_layer_diagrams
from studysite.diagrams.mermaid import to_mermaid
from studysite.diagrams.readers import read

CORPUS = {
    "mysql result table with its row count": """\
mysql> SELECT id, name, image FROM containers;
+----+-------+--------------+
| id | name  | image        |
+----+-------+--------------+
|  1 | web   | nginx:1.27   |
|  2 | db    | mysql:8.4    |
|  3 | cache | redis:7      |
+----+-------+--------------+
3 rows in set (0.00 sec)""",
    "mysql result table alone": """\
+----+-------+------------+
| id | name  | status     |
+----+-------+------------+
|  1 | web   | running    |
|  2 | db    | exited (0) |
+----+-------+------------+""",
    "one-column result table": """\
+--------------------+
| Database           |
+--------------------+
| information_schema |
| app                |
| mysql              |
+--------------------+""",
    "sqlite box mode (Unicode)": """\
┌────┬───────┬─────────┐
│ id │ name  │ state   │
├────┼───────┼─────────┤
│ 1  │ web   │ running │
│ 2  │ 日本語 │ stopped │
└────┴───────┴─────────┘""",
    "psql with border 2": """\
+----+------+
| id | name |
+----+------+
|  1 | web  |
|  2 | db   |
+----+------+
(2 rows)""",
    "psql aligned output": """\
 id | name | image
----+------+-------
  1 | web  | nginx
  2 | db   | mysql
(2 rows)""",
    "tabulate grid: a header rule of '='": """\
+--------+-------+
| item   |   qty |
+========+=======+
| spam   |    42 |
+--------+-------+
| eggs   |   451 |
+--------+-------+""",
    "tabulate fancy_grid": """\
╒════════╤═══════╕
│ item   │   qty │
╞════════╪═══════╡
│ spam   │    42 │
├────────┼───────┤
│ eggs   │   451 │
╘════════╧═══════╛""",
    "tree": """\
.
├── Dockerfile
├── compose.yaml
└── app
    ├── main.py
    └── requirements.txt""",
    "tree --charset ascii": """\
.
|-- Dockerfile
|-- compose.yaml
`-- app
    |-- main.py
    `-- requirements.txt""",
    "docker ps": """\
CONTAINER ID   IMAGE          COMMAND                  STATUS         PORTS                  NAMES
3f2a9c1d0b7e   nginx:1.27     "/docker-entrypoint.…"   Up 2 minutes   0.0.0.0:8080->80/tcp   web
9b8e7d6c5a4f   mysql:8.4      "docker-entrypoint.s…"   Up 2 minutes   3306/tcp               db""",
    "docker-compose v1 ps": """\
   Name                 Command               State          Ports
---------------------------------------------------------------------------
app_db_1    docker-entrypoint.sh mysqld      Up      3306/tcp, 33060/tcp
app_web_1   /docker-entrypoint.sh ngin ...   Up      0.0.0.0:8080->80/tcp""",
    "Dockerfile with a comment box": """\
# +--------------------------------+
# | build stage                    |
# +--------------------------------+
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app""",
    "shell script printing a banner": """\
#!/bin/sh
cat <<'EOF'
+-----------------+
| deploy starting |
+-----------------+
EOF
docker compose up -d""",
    "banner printed by a script": """\
+------------------------------+
| Docker Desktop 4.30          |
+------------------------------+
Engine: 26.1.1
Compose: v2.27.0""",
    "log with pipes and rules": """\
2024-05-01 10:00:01 | INFO  | pulling image nginx:1.27
2024-05-01 10:00:03 | INFO  | container web started
------------------------------------------------------
2024-05-01 10:00:04 | WARN  | healthcheck slow""",
    "step summary printed by a tool": """\
-------------------------------------
| Step | Status  | Duration         |
-------------------------------------
| 1    | ok      | 0.2s             |
| 2    | ok      | 1.3s             |
-------------------------------------""",
    "nginx config": """\
server {
    listen 80;
    location / {
        proxy_pass http://web:8080;  # app | api
    }
}""",
    "YAML with documents and block scalars": """\
---
services:
  web:
    command: |
      sh -c 'echo ---- && nginx -g "daemon off;"'
---
kind: Pod""",
    "INI file": """\
[docker]
; -------------------------
; | registry settings     |
; -------------------------
registry = registry.example.org""",
    "pipe table": "| コマンド | 意味 |\n|---|---|\n| docker ps | 一覧 |\n| docker rm | 削除 |",
    "org-mode table": "| a | b |\n|---+---|\n| 1 | 2 |",
    "unified diff": """\
--- a/Dockerfile
+++ b/Dockerfile
@@ -1,2 +1,2 @@
-FROM nginx:1.25
+FROM nginx:1.27
 | x |""",
    "unittest output": """\
...
----------------------------------------------------------------------
Ran 3 tests in 0.002s

OK""",
    "go test output": """\
=== RUN   TestBuild
--- PASS: TestBuild (0.00s)
=== RUN   TestPush
--- FAIL: TestPush (0.01s)""",
    "flow with arrows in a prompt session": """\
$ curl localhost
+--------+     +--------+
| client | --> | server |
+--------+     +--------+""",
}


@pytest.mark.parametrize("info", ["", "text"])
@pytest.mark.parametrize("body", CORPUS.values(), ids=CORPUS.keys())
def test_program_output_and_files_stay_code(body: str, info: str) -> None:
    page = f"# 出力\n\n実行結果:\n\n```{info}\n{body}\n```\n\n次へ。\n"
    warnings: list[tuple[int, str]] = []
    assert convert_layer_diagrams(page, on_error=lambda *warning: warnings.append(warning)) == page
    assert warnings == []
    assert not looks_like_diagram(body)


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 15


FLOWS = {
    "an arrow between two boxes": """\
+---------+    +---------+
| Client  | -> | Server  |
+---------+    +---------+""",
    "an arrow and a note between Unicode boxes": """\
┌─────┐      ┌─────┐
│ web │ ───> │ api │
│     │ HTTP │     │
└─────┘      └─────┘""",
}


@pytest.mark.parametrize("body", FLOWS.values(), ids=FLOWS.keys())
def test_boxes_with_arrows_between_them_stay_code_without_a_warning(body: str) -> None:
    """Drawn boxes, but not layers: another kind of drawing, which the reader does not claim."""
    page = f"```\n{body}\n```\n"
    warnings: list[tuple[int, str]] = []
    assert convert_layer_diagrams(page, on_error=lambda *warning: warnings.append(warning)) == page
    assert warnings == []
    with pytest.raises(NotLayers):
        read(body)


GOOD = "+------+------+\n| app  | app  |\n+------+------+\n| Host OS     |\n+-------------+"


@pytest.mark.parametrize("info", ["plaintext", "PLAINTEXT", "console", "sql", "text title='x'"])
def test_other_fences_are_never_converted(info: str) -> None:
    page = f"```{info}\n{GOOD}\n```\n"
    assert convert_layer_diagrams(page, on_error=lambda line, message: None) == page
    assert "```{.mermaid" in convert_layer_diagrams(f"```\n{GOOD}\n```\n")


BROKEN = {
    "a side one column off": (
        "+------+------+\n| app  | app  |\n+------+------+\n| Host OS      |\n+-------------+",
        8,
        "row 2: box side at column 16 does not line up with any column edge",
    ),
    "Unicode that lines up neither way": (
        "┌─────┬─────┐\n│ app │ app │\n├─────┴─────┤\n│ kernel   │\n└───────────┘",
        8,
        "row 2: box side at column 12 does not line up with any column edge (reading characters such as '┌' "
        "one column wide; two columns wide: line 4: row 2: box side at column 13 does not line up with any "
        "column edge)",
    ),
}


@pytest.mark.parametrize(("body", "line", "message"), BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_drawing_stays_code_and_says_how_to_keep_it(body: str, line: int, message: str) -> None:
    page = f"# 図\n\n構成\n```\n{body}\n```\n"
    warnings: list[tuple[int, str]] = []
    assert convert_layer_diagrams(page, on_error=lambda *warning: warnings.append(warning)) == page
    assert warnings == [(line, f"{message}; {KEEP_AS_CODE}")]
    assert "```plaintext" in KEEP_AS_CODE
    quiet: list[tuple[int, str]] = []
    kept = page.replace("```\n+", "```plaintext\n+").replace("```\n┌", "```plaintext\n┌")
    assert convert_layer_diagrams(kept, on_error=lambda *warning: quiet.append(warning)) == kept
    assert quiet == []


BOXES = "-=+|─│┌┐└┘├┤┬┴┼━┃┏═║╔╝ \t\n\r ab日\u0301\u3000→α"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(BOXES), max_size=200) | st.text(max_size=200))
def test_random_text_raises_only_diagram_error(text: str) -> None:
    looks_like_diagram(text)
    try:
        grid = read(text)
    except DiagramError as error:
        assert error.line >= 1 and error.message
        return
    source = to_mermaid(grid)
    for line in source.split("\n")[2:]:
        assert '"' not in line.replace('["', "").replace('"]', "") or line.startswith("  class")


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["┌──┬──┐", "│a │b │", "├──┴──┤", "│ c   │", "└─────┘", "+==+", "|x |", "+--+ +--+", "", " T"]
        ),
        max_size=10,
    ).map("\n".join)
)
def test_box_shaped_text_raises_only_diagram_error(text: str) -> None:
    try:
        read(text)
    except DiagramError as error:
        assert 1 <= error.line <= text.count("\n") + 1
