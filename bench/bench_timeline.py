"""Scaling of the history timeline: a timeline 10x larger must take at most 12x as long (linear checks).

Usage:
  .venv/bin/python -m bench.bench_timeline [--events 400] [--factor 10] [--runs 3]

Synthetic timelines of N and factor x N events (each a copy of the real data's first event with its own
id and date, all with notes, corrections and sources) go through everything a build does with the data:
load (anchor scan, YAML with lines), schema and rule checks, the model, rendering of the diagram and the
event list, the marker pass and the duplicate-id check of the rendered page. Prints the best of the runs
for each size and the ratio against its budget; exits 1 when the ratio is over budget. Measured here, never
asserted in a test.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import sys
import time
from pathlib import Path

import yaml

from studysite.timeline.load import load_schema, parse_timeline
from studysite.timeline.render import insert_timeline, render_block, repeated_ids

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 12.0  # times as long for factor (10) times the events


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def synthetic_timeline(events: int) -> str:
    """Valid timeline YAML with ``events`` events, one day apart from 1979-01-01 on."""
    real = yaml.safe_load((ROOT / "data" / "timeline.yml").read_text(encoding="utf-8"))
    template = real["events"][0]
    start = datetime.date(1979, 1, 1)
    out = []
    for index in range(events):
        event = copy.deepcopy(template)
        event["id"] = f"event-{index}"
        event["date"] = (start + datetime.timedelta(days=index)).isoformat()
        out.append(event)
    data = {"title": real["title"], "periods": real["periods"][:1], "events": out}
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)


def one_build(text: str, schema: dict, template: str) -> None:
    timeline = parse_timeline(text, schema, "timeline.yml")
    block = render_block(timeline, template)
    page, count = insert_timeline("# 年表\n\n<!-- timeline -->\n", block)
    assert count == 1
    assert not repeated_ids(page, {event.id for event in timeline.events})


def timed(text: str, schema: dict, template: str) -> float:
    start = time.process_time()
    one_build(text, schema, template)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=400)
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    schema = load_schema(ROOT / "data" / "timeline.schema.json")
    template = (ROOT / "overrides" / "partials" / "timeline.html").read_text(encoding="utf-8")
    sizes = (args.events, args.events * args.factor)
    texts = [synthetic_timeline(events) for events in sizes]
    timed(texts[0], schema, template)  # warm up: caches of the schema validator, Jinja, regexes
    # the sizes take turns, so that a busy moment of the machine does not fall on one size only
    runs = [[timed(text, schema, template) for text in texts] for _ in range(args.runs)]
    rows = [
        (events, len(text.encode()), min(run[k] for run in runs))
        for k, (events, text) in enumerate(zip(sizes, texts, strict=True))
    ]
    for events, size, seconds in rows:
        print(f"{events:>7,} events  {size / 1e6:6.2f} MB  {seconds:8.3f} s")
    ratio = rows[1][2] / rows[0][2]
    budget = BUDGET * args.factor / 10
    verdict = "within" if ratio <= budget else "OVER"
    print(f"{args.factor}x the events took {ratio:.1f}x the time ({verdict} the budget of {budget:g}x)")
    return 0 if ratio <= budget else 1


if __name__ == "__main__":
    sys.exit(main())
