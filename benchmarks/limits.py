"""Time and memory of refusing hostile templates: ``python benchmarks/limits.py``.

Each case runs in a fresh Python process, so that its peak resident memory (``ru_maxrss``) is
its own; a second run of the same case measures the peak of Python allocations (tracemalloc,
which slows allocation down, so it is not timed). Goals (issue 8): a 1 GiB zip-bomb template
and ``{{ 'A' * 1500000000 }}`` refused in under a second and under 200 MiB.

Prints a Markdown table; ``--repeat N`` times each case N times (median).
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

from samples.docx_builder import make_docx  # noqa: E402
from samples.zip_bombs import GiB, deflated_zeros, named, save, with_member  # noqa: E402

_CHILD = """
import json, resource, sys, time, tracemalloc
from chibo_docs.layout.conformance.checker import check_document
from chibo_docs.ooxml.text import visible_text
from chibo_docs.errors import ChiboDocsError
from chibo_docs.templating.lint import lint_template
from chibo_docs.templating.engine import render_template_bytes

action, path, trace = sys.argv[1], sys.argv[2], sys.argv[3] == "trace"
run = {
    "render": lambda: render_template_bytes(path, {"name": "An"}),
    "lint": lambda: lint_template(path),
    "check": lambda: check_document(path),
    "visible_text": lambda: visible_text(path),
}[action]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if trace:
    tracemalloc.start()
start = time.perf_counter()
try:
    run()
    outcome = "rendered"
except ChiboDocsError as exc:
    outcome = f"{type(exc).__name__}: {getattr(exc, 'limit', '')}"
seconds = time.perf_counter() - start
peak = tracemalloc.get_traced_memory()[1] if trace else 0
print(json.dumps({"seconds": seconds, "outcome": outcome, "traced": peak,
                  "rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "rss_before_kib": before}))
"""

TAGS = {
    "'A' * 1500000000": "{{ 'A' * 1500000000 }}",
    "two loops over range(100000)": "{% for i in range(100000) %}{% for j in range(100000) %}"
    "{% endfor %}{% endfor %}",
    "macro calling itself": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    "macro calling itself twice, 40 deep": "{% macro f(n) %}{% if n %}{{ f(n - 1) }}"
    "{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}",
    "20,000 × 1,000 characters printed": "{% for i in range(20000) %}{{ 'y' * 1000 }}"
    "{% endfor %}",
    "a plain template (baseline)": "Xin chào {{ name }}",
}


def _child(action: str, path: Path, trace: bool) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, action, str(path), "trace" if trace else "time"],
        capture_output=True, text=True, check=True,
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


def _row(name: str, action: str, path: Path, repeat: int) -> str:
    runs = [_child(action, path, trace=False) for _ in range(repeat)]
    seconds = statistics.median(float(str(r["seconds"])) for r in runs)
    rss = max(int(str(r["rss_kib"])) for r in runs) / 1024
    base = max(int(str(r["rss_before_kib"])) for r in runs) / 1024
    traced = int(str(_child(action, path, trace=True)["traced"])) / 2**20
    return (f"| {name} | {action} | {runs[0]['outcome']} | {seconds * 1000:.0f} ms | "
            f"{traced:.1f} MiB | {rss:.0f} MiB (of which {base:.0f} MiB before the call) |")


def main() -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each case (median)")
    args = parser.parse_args()
    lines = [
        "| case | call | outcome | time | peak traced | peak RSS of the process |",
        "|---|---|---|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory(prefix="chibo-docs-limits-") as name:
        folder = Path(name)
        plain = make_docx(folder / "plain.docx", ["Xin chào {{ name }}"])
        bomb = save(folder / "bomb.docx", with_member(
            plain.read_bytes(), named(deflated_zeros(GiB), "word/media/image1.png")))
        for action in ("render", "lint", "check", "visible_text"):
            lines.append(_row("1 GiB zip bomb (1 MB file)", action, bomb, args.repeat))
        for case, tag in TAGS.items():
            path = make_docx(folder / f"case{len(lines)}.docx", [tag])
            lines.append(_row(case, "render", path, args.repeat))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
