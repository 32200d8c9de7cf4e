"""Benchmark the PDF pipeline on the machine at hand: ``python benchmarks/run.py`` (``make bench``).

Side by side, in one run, medians of repeated runs:

* conversion of 1, 10 and 50 two-page Vietnamese .docx files (python-docx, Times New Roman):
  naive (one ``soffice --convert-to pdf`` process per file, as commonly written),
  our batch (:func:`chibo_docs.convert_many`), our warm converter (:class:`WarmConverter`);
* merging 50 and 200 two-page PDFs: time and peak memory (tracemalloc and ru_maxrss, each
  merge in a fresh Python process).

Prints a Markdown report (paste it into docs/performance.md). The full run takes 3-4 minutes
on 2 cores; ``--quick`` does one repetition of everything.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.render import lookup_rows  # noqa: E402
from benchmarks.render import rows as render_rows  # noqa: E402
from chibo_docs import WarmConverter, convert_many  # noqa: E402
from chibo_docs.pdf import find_soffice  # noqa: E402
from samples.documents import write_minutes  # noqa: E402

SIZES = (1, 10, 50)
REPEATS = {1: 5, 10: 3, 50: 3}
NAIVE_REPEATS = {1: 5, 10: 2, 50: 1}  # ~1.4 s per document: keep the run short

_MERGE_CHILD = """
import json, resource, sys, time, tracemalloc
from chibo_docs import merge_pdfs
files = sys.argv[4:]
trace = sys.argv[2] == "trace"  # tracemalloc slows allocations down: time without it
fonts = sys.argv[3] == "merged"
if trace:
    tracemalloc.start()
start = time.perf_counter()
merge_pdfs([(f, f"Văn bản {k + 1}") for k, f in enumerate(files)], sys.argv[1],
           title="Hồ sơ", author="Chi bộ", merge_fonts=fonts)
seconds = time.perf_counter() - start
peak = tracemalloc.get_traced_memory()[1] if trace else 0
rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "traced": peak, "rss_kib": rss_kib}))
"""


def _median_time(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _naive(soffice: Path, files: list[Path], out: Path, profile: Path) -> None:
    """One soffice process per file (a private profile so as not to disturb anyone)."""
    for f in files:
        subprocess.run(
            [str(soffice), f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(out), str(f)],
            capture_output=True, check=True,
        )


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def conversion(tmp: Path, quick: bool) -> list[str]:
    soffice = find_soffice()
    (tmp / "docx").mkdir()
    docs = [write_minutes(tmp / "docx" / f"bien-ban-{k:03d}.docx") for k in range(max(SIZES))]
    profile = tmp / "naive-profile"
    _naive(soffice, docs[:1], _fresh(tmp / "warmup"), profile)  # create the profile once
    rows = ["| documents | naive (1 soffice per file) | our batch | our warm | batch speed-up |",
            "|---:|---:|---:|---:|---:|"]
    with WarmConverter() as warm:
        for n in SIZES:
            files = docs[:n]
            reps = 1 if quick else REPEATS[n]
            naive = _median_time(
                lambda: _naive(soffice, files, _fresh(tmp / "naive"), profile),  # noqa: B023
                1 if quick else NAIVE_REPEATS[n],
            )
            batch = _median_time(
                lambda: convert_many(files, _fresh(tmp / "batch")), reps  # noqa: B023
            )
            out = _fresh(tmp / "warm")
            warm_t = _median_time(
                lambda: [warm.convert(f, out / f"{f.stem}.pdf") for f in files], reps  # noqa: B023
            )
            rows.append(
                f"| {n} | {naive:.2f} s ({naive / n:.2f} s/doc) | {batch:.2f} s "
                f"({batch / n:.2f} s/doc) | {warm_t:.2f} s ({warm_t / n:.2f} s/doc) "
                f"| {naive / batch:.1f}× |"
            )
            print(rows[-1], file=sys.stderr)
    return rows


def merging(tmp: Path, quick: bool) -> list[str]:
    sources = sorted((tmp / "batch").glob("*.pdf"))
    if not sources:  # --only merge: make the 50 PDFs first
        (tmp / "docx").mkdir(exist_ok=True)
        docs = [write_minutes(tmp / "docx" / f"bien-ban-{k:03d}.docx") for k in range(50)]
        sources = convert_many(docs, _fresh(tmp / "batch"))
    pool = [sources[k % len(sources)] for k in range(200)]
    rows = ["| PDFs merged (2 pages each) | fonts | time | tracemalloc peak | max RSS of the process | size |",
            "|---:|---|---:|---:|---:|---:|"]
    for n in (50, 200):
        for fonts in ("merged", "kept"):
            runs: dict[str, list[dict[str, float]]] = {"time": [], "trace": []}
            for mode in ("time", "trace"):
                for _ in range(1 if quick else 3):
                    dest = tmp / f"merged-{n}.pdf"
                    done = subprocess.run(
                        [sys.executable, "-c", _MERGE_CHILD, str(dest), mode, fonts,
                         *map(str, pool[:n])],
                        capture_output=True, text=True, check=True,
                    )
                    runs[mode].append(json.loads(done.stdout))
            seconds = statistics.median(r["seconds"] for r in runs["time"])
            traced = statistics.median(r["traced"] for r in runs["trace"]) / 2**20
            rss = statistics.median(r["rss_kib"] for r in runs["time"]) / 1024
            size = (tmp / f"merged-{n}.pdf").stat().st_size / 2**20
            label = "each once" if fonts == "merged" else "subsets kept"
            rows.append(f"| {n} | {label} | {seconds:.2f} s | {traced:.1f} MiB | {rss:.0f} MiB "
                        f"| {size:.1f} MiB |")
            print(rows[-1], file=sys.stderr)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one repetition of everything")
    parser.add_argument("--only", choices=("convert", "merge"), help="run one part only")
    args = parser.parse_args()
    soffice = find_soffice()
    version = subprocess.run([str(soffice), "--version"], capture_output=True, text=True).stdout
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="chibo-docs-bench-") as name:
        tmp = Path(name)
        conv = conversion(tmp, args.quick) if args.only != "merge" else []
        merge = merging(tmp, args.quick) if args.only != "convert" else []
    print(f"## Results ({time.strftime('%Y-%m-%d')})\n")
    print(f"Machine: {os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}, "
          f"{version.strip()}. Total benchmark time {time.perf_counter() - started:.0f} s.\n")
    print("### Conversion, two-page documents (wall time, median)\n")
    print("\n".join(conv))
    print("\n### Merging\n")
    print("\n".join(merge))
    print("\n### Our render vs plain docxtpl render\n")
    print("\n".join(render_rows(5 if args.quick else 50)))
    print("\n### Problem the form: the registry lookup per render\n")
    print("\n".join(lookup_rows(5 if args.quick else 50)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
