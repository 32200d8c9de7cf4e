"""How fast and how small hostile data files are refused, beside real ones.

Run: ``.venv/bin/python benchmarks/data_limits.py [--quick] [--pure]``. Each file is validated the way
``chibo-docs validate`` does it (:func:`chibo_docs.pipeline.validation.validate_file`), in a fresh Python
process per run: the time without tracemalloc (median of 5 runs, 1 with ``--quick``), the
tracemalloc peak and the process's max RSS in a separate run. Prints a Markdown table.

Goal (issue 8): a 1 KB alias bomb refused in under 1 s and under 200 MiB.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from chibo_docs.resources import examples_dir  # noqa: E402
from samples.data_bombs import alias_bomb  # noqa: E402

_CHILD = """
import json, resource, sys, time, tracemalloc
from chibo_docs.errors import DataError
from chibo_docs.pipeline.validation import validate_file
if sys.argv[3] == "pure":
    import chibo_docs.loading.yaml_reading as yaml_reading
    yaml_reading.LOADER = yaml_reading._Loader
trace = sys.argv[2] == "trace"
if trace:
    tracemalloc.start()
start = time.perf_counter()
try:
    report = validate_file(sys.argv[1])
    outcome = "OK" if report.ok else f"{len(report.issues)} error(s)"
except DataError as exc:
    outcome = type(exc).__name__ + (f" ({exc.limit})" if hasattr(exc, "limit") else "")
seconds = time.perf_counter() - start
peak = tracemalloc.get_traced_memory()[1] if trace else 0
rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "traced": peak, "rss_kib": rss_kib, "outcome": outcome}))
"""

_BASELINE = """
import json, resource
import chibo_docs.pipeline.validation
print(json.dumps({"rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def _big_minutes(folder: Path, target: int = 1_000_000) -> Path:
    """The minutes example with its opinions repeated to ~``target`` bytes (a real-shaped file
    just under the 1 MiB size limit)."""
    text = (examples_dir() / "bien-ban-2021-04.yaml").read_text(encoding="utf-8")
    head, _, rest = text.partition("  opinions:\n")
    opinions, _, tail = rest.partition("  conclusion:")
    copies = max(1, (target - len(head) - len(tail)) // len(opinions.encode()))
    path = folder / "big-minutes.yaml"
    path.write_text(f"{head}  opinions:\n{opinions * copies}  conclusion:{tail}", encoding="utf-8")
    return path


def files(folder: Path) -> list[tuple[str, Path]]:
    """The files measured: the examples, then hostile ones."""
    written = {
        "alias-bomb.yaml": alias_bomb(),
        "deep-5000.yaml": "document: minutes\nx: " + "[" * 5_000 + "]" * 5_000 + "\n",
        "deep-100000.yaml": "document: minutes\nx: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "deep-100000.json": '{"document": "minutes", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
    }
    for name, text in written.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [
        ("resolution example (includes the minutes' meeting)", examples_dir() / "nghi-quyet-05-2021.yaml"),
        ("minutes example", examples_dir() / "bien-ban-2021-04.yaml"),
        ("minutes, opinions repeated to ~1 MB", _big_minutes(folder)),
        ("1 KB alias bomb (10^18 strings)", folder / "alias-bomb.yaml"),
        ("YAML nested 5,000 deep", folder / "deep-5000.yaml"),
        ("YAML nested 100,000 deep", folder / "deep-100000.yaml"),
        ("JSON nested 100,000 deep", folder / "deep-100000.json"),
    ]


def _run(path: Path, mode: str, parser: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), mode, parser],
                          capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def rows(quick: bool, parser: str = "default") -> list[str]:
    """Return the Markdown table, one row per file (``parser='pure'``: PyYAML's own parser)."""
    baseline = json.loads(subprocess.run([sys.executable, "-c", _BASELINE], capture_output=True,
                                         text=True, check=True).stdout)["rss_kib"] / 1024
    lines = [f"Max RSS of a Python process that has only imported chibo_docs: {baseline:.0f} MiB.",
             "",
             "| file | size | outcome | time (median) | tracemalloc peak | max RSS |",
             "|---|---:|---|---:|---:|---:|"]
    with tempfile.TemporaryDirectory(prefix="chibo-docs-limits-") as name:
        for label, path in files(Path(name)):
            timed = [_run(path, "time", parser) for _ in range(1 if quick else 5)]
            traced = _run(path, "trace", parser)
            seconds = statistics.median(float(str(r["seconds"])) for r in timed)
            size = path.stat().st_size
            shown = f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 2**20:.2f} MiB"
            lines.append(
                f"| {label} | {shown} | {traced['outcome']} | {seconds * 1000:.1f} ms "
                f"| {float(str(traced['traced'])) / 2**20:.2f} MiB "
                f"| {float(str(timed[0]['rss_kib'])) / 1024:.0f} MiB |"
            )
            print(lines[-1], file=sys.stderr)
    return lines


def main() -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one timed run per file")
    parser.add_argument("--pure", action="store_true",
                        help="parse YAML with PyYAML's pure-Python parser (the fallback without LibYAML)")
    args = parser.parse_args()
    print("\n".join(rows(args.quick, "pure" if args.pure else "default")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
