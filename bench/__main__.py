"""`make bench`: run the benchmarks and print one table, ratios against a baseline
measured in the same run.

    python -m bench                 # all
    python -m bench extract tally   # some
    python -m bench --scale 0.1     # smaller inputs, for a quick look

Rows are also written to bench/out/results.json.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import time
from pathlib import Path

BENCHMARKS = {
    "extract": "bench.extract",
    "corroborate": "bench.corroborate",
    "tally": "bench.tally",
    "linkage": "bench.linkage",
    "end_to_end": "bench.end_to_end",
    "live": "bench.live",
    "publish": "bench.publish",
}

COLUMNS = ("benchmark", "engine", "n", "seconds", "per_second", "ratio", "peak_mb", "target", "ok")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("names", nargs="*", help=f"some of: {', '.join(BENCHMARKS)}")
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    unknown = set(args.names) - set(BENCHMARKS)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    names = args.names or list(BENCHMARKS)
    rows: list[dict] = []
    for name in names:
        module = importlib.import_module(BENCHMARKS[name])
        started = time.perf_counter()
        print(f"running {name} (scale {args.scale}) ...", file=sys.stderr, flush=True)
        rows.extend(module.run(scale=args.scale))
        print(f"  {name} took {time.perf_counter() - started:.0f} s", file=sys.stderr)
    print(render(rows))
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(
        json.dumps(
            {"machine": machine(), "date": time.strftime("%Y-%m-%d"), "rows": rows},
            indent=2,
            default=str,
        )
    )
    return 0 if all(r.get("ok") is not False for r in rows) else 1


def machine() -> str:
    import os

    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:,.3f}" if value < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def render(rows: list[dict]) -> str:
    """A Markdown table, so it can be pasted into bench/RESULTS.md as it is."""
    cols = [c for c in COLUMNS if any(c in r for r in rows)]
    cols += sorted({k for r in rows for k in r} - set(cols))
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        lines.append("| " + " | ".join(_cell(r.get(c)) for c in cols) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
