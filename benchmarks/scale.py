"""Benchmark chibo_docs at scale: ``python benchmarks/scale.py [part …]`` (docs/performance.md).

Parts (all by default):

* ``conversion``: our batch (:func:`chibo_docs.convert_many`) side by side with the ceiling,
  as many plain ``soffice --convert-to pdf`` batch processes in parallel as there are cores,
  each with its own profile (already initialised, and fresh), on 50 and 105 two-page
  documents; paired, interleaved runs (the order rotates each round), medians of the
  per-round ratios.
* ``month``: a đảng ủy khối's month, 35 cells × (minutes, resolution, invitation) = 105
  documents, from data (as read from YAML) to one merged PDF with
  :func:`chibo_docs.make_dossier`: time, pages, and the fonts and size of the dossier
  against the sum of its parts, with and without merged fonts.
* ``memory``: the peak RSS of our process (LibreOffice's processes are not ours) for a
  dossier of N documents (``--dossier-sizes``), each run in a fresh Python, and for the merge
  alone of ``--merge-size`` PDFs.
* ``dask``: conversion throughput through a dask.distributed ``LocalCluster`` of 1 and 2
  workers (``client.get_executor()``), paired and interleaved.

Prints Markdown. Timing goals live here, never in the tests.
"""

from __future__ import annotations

import argparse
import io
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

from pypdf import PdfReader  # noqa: E402

from chibo_docs import convert_many, make_dossier, merge_pdfs  # noqa: E402
from chibo_docs.pdf import find_soffice, pdf_info  # noqa: E402
from chibo_docs.pdf.dossier_writer import DossierWriter  # noqa: E402
from samples.documents import write_minutes  # noqa: E402
from samples.month import FORMS_FOLDER, month_documents  # noqa: E402

CORES = os.cpu_count() or 1


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def _ceiling(soffice: Path, files: list[Path], out: Path, profiles: list[Path]) -> None:
    """Run one plain batch soffice per profile in parallel, the files split evenly."""
    parts = [files[k :: len(profiles)] for k in range(len(profiles))]
    procs = [
        subprocess.Popen(
            [str(soffice), f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(out), *map(str, part)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for part, profile in zip(parts, profiles, strict=True)
    ]
    for proc in procs:
        proc.wait()
    made = len(list(out.glob("*.pdf")))
    if made != len(files):
        raise SystemExit(f"the ceiling made {made} PDFs of {len(files)}")


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def conversion(tmp: Path, sizes: list[int], rounds: int) -> list[str]:
    soffice = find_soffice()
    docs = _fresh(tmp / "docx")
    files = [
        write_minutes(docs / f"bien-ban-{k:03d}.docx", title=f"Biên bản sinh hoạt chi bộ số {k}")
        for k in range(max(sizes))
    ]
    seeded = [tmp / f"seeded-{k}" for k in range(CORES)]
    _ceiling(soffice, files[:CORES], _fresh(tmp / "warm-up"), seeded)  # initialise them once
    rows = [
        f"| documents | ceiling: {CORES} soffice batches, initialised profiles | ceiling, fresh "
        "profiles | our batch (`convert_many`) | ours / ceiling (initialised) | ours / ceiling "
        "(fresh) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        part = files[:n]
        times: dict[str, list[float]] = {"seeded": [], "fresh": [], "ours": []}
        actions: dict[str, Callable[[], object]] = {
            "seeded": lambda: _ceiling(soffice, part, _fresh(tmp / "out"), seeded),  # noqa: B023
            "fresh": lambda: _ceiling(
                soffice, part, _fresh(tmp / "out"),  # noqa: B023
                [_fresh(tmp / f"fresh-{k}") / "p" for k in range(CORES)],
            ),
            "ours": lambda: convert_many(part, _fresh(tmp / "out"), workers=CORES),  # noqa: B023
        }
        order = list(actions)
        for r in range(rounds):
            for name in order[r % 3 :] + order[: r % 3]:  # rotate who goes first
                times[name].append(_timed(actions[name]))
                print(f"  {n} {name} {times[name][-1]:.2f} s", file=sys.stderr)
        ratio_seeded = statistics.median(o / c for o, c in zip(times["ours"], times["seeded"], strict=True))
        ratio_fresh = statistics.median(o / c for o, c in zip(times["ours"], times["fresh"], strict=True))
        med = {k: statistics.median(v) for k, v in times.items()}
        rows.append(
            f"| {n} | {med['seeded']:.2f} s | {med['fresh']:.2f} s | {med['ours']:.2f} s | "
            f"{ratio_seeded:.2f} | {ratio_fresh:.2f} |"
        )
        print(rows[-1], file=sys.stderr)
    return rows


def _font_programs(pdf: Path) -> int:
    """Count the embedded font programs of a PDF (FontFile, FontFile2, FontFile3 streams)."""
    reader = PdfReader(pdf)
    found: set[int] = set()
    numbers = {n for table in reader.xref.values() for n in table}
    numbers |= set(reader.xref_objStm)
    for number in sorted(numbers):
        obj = reader.get_object(number)
        if isinstance(obj, dict) and obj.get("/Type") == "/FontDescriptor":
            for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                if key in obj:
                    found.add(obj.raw_get(key).idnum)
    return len(found)


def month(tmp: Path, cells: int) -> list[str]:
    work = _fresh(tmp / "month")
    dest = tmp / "thang.pdf"
    start = time.perf_counter()
    make_dossier(month_documents(cells), dest, workdir=work, folders=[FORMS_FOLDER],
                 title="Hồ sơ sinh hoạt chi bộ tháng 4/2021")
    seconds = time.perf_counter() - start
    singles = sorted(work.glob("*.pdf"))
    parts = sum(p.stat().st_size for p in singles)
    pages = pdf_info(dest, text=False).pages
    plain = io.BytesIO()
    start = time.perf_counter()
    writer = DossierWriter(plain, merge_fonts=False)
    for pdf in singles:
        writer.add(PdfReader(pdf), pdf.stem)
    writer.close()
    plain_seconds = time.perf_counter() - start
    (tmp / "plain.pdf").write_bytes(plain.getvalue())
    merged_seconds = _timed(lambda: merge_pdfs(singles, tmp / "again.pdf"))
    fonts_parts = sum(_font_programs(p) for p in singles)
    return [
        f"{len(singles)} documents ({cells} cells × minutes, resolution, invitation), {pages} "
        f"pages: data → merged PDF in **{seconds:.1f} s** ({CORES} workers).",
        "",
        "| | font programs | size | merge time |",
        "|---|---:|---:|---:|",
        f"| the {len(singles)} PDFs (sum of the parts) | {fonts_parts} | {parts / 2**20:.2f} MiB | |",
        f"| dossier, identical objects stored once | {_font_programs(tmp / 'plain.pdf')} | "
        f"{len(plain.getvalue()) / 2**20:.2f} MiB | {plain_seconds:.2f} s |",
        f"| dossier, fonts merged (`make_dossier`, `merge_pdfs`) | {_font_programs(dest)} | "
        f"{dest.stat().st_size / 2**20:.2f} MiB ({dest.stat().st_size / parts:.0%} of the parts) "
        f"| {merged_seconds:.2f} s |",
    ]


_DOSSIER_CHILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from chibo_docs import make_dossier
from samples.month import FORMS_FOLDER, month_documents
start = time.perf_counter()
make_dossier(month_documents(int(sys.argv[2]) // 3), sys.argv[3], folders=[FORMS_FOLDER])
print(json.dumps({"seconds": time.perf_counter() - start,
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

_MERGE_CHILD = """
import glob, json, resource, sys, time
from chibo_docs import merge_pdfs
pool = sorted(glob.glob(sys.argv[1] + "/*.pdf"))
n = int(sys.argv[2])
start = time.perf_counter()
merge_pdfs(((pool[k % len(pool)], f"Văn bản {k + 1}") for k in range(n)), sys.argv[3],
           page_labels=True)
print(json.dumps({"seconds": time.perf_counter() - start,
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def memory(tmp: Path, sizes: list[int], merge_size: int) -> list[str]:
    rows = [
        "| work | documents | time | peak RSS of our process |",
        "|---|---:|---:|---:|",
    ]
    baseline = json.loads(subprocess.run(
        [sys.executable, "-c", "import json, resource, chibo_docs, pypdf, fontTools.ttLib;"
         "print(json.dumps(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))"],
        capture_output=True, text=True, check=True,
    ).stdout)
    rows.append(f"| Python with chibo_docs imported | 0 | | {baseline:.0f} MiB |")
    for n in sizes:
        done = subprocess.run(
            [sys.executable, "-c", _DOSSIER_CHILD, str(REPO), str(n), str(tmp / "big.pdf")],
            capture_output=True, text=True, check=True,
        )
        result = json.loads(done.stdout)
        rows.append(f"| `make_dossier`, data → merged PDF | {n} | {result['seconds']:.0f} s | "
                    f"{result['rss_mib']:.0f} MiB |")
        print(rows[-1], file=sys.stderr)
    singles = tmp / "month"
    if not any(singles.glob("*.pdf")):
        month(tmp, 35)
    done = subprocess.run(
        [sys.executable, "-c", _MERGE_CHILD, str(singles), str(merge_size), str(tmp / "m.pdf")],
        capture_output=True, text=True, check=True,
    )
    result = json.loads(done.stdout)
    pages = pdf_info(tmp / "m.pdf", text=False).pages
    rows.append(f"| `merge_pdfs` alone ({pages} pages, fonts merged) | {merge_size} | "
                f"{result['seconds']:.0f} s | {result['rss_mib']:.0f} MiB |")
    return rows


def dask_throughput(tmp: Path, n: int, rounds: int) -> list[str]:
    from distributed import Client, LocalCluster

    docs = _fresh(tmp / "dask-docx")
    files = [write_minutes(docs / f"bien-ban-{k:03d}.docx", title=f"Biên bản số {k}")
             for k in range(n)]
    times: dict[int, list[float]] = {1: [], 2: []}
    clusters: dict[int, LocalCluster] = {
        w: LocalCluster(n_workers=w, threads_per_worker=1, processes=True,
                        dashboard_address=None)
        for w in (1, 2)
    }
    try:
        clients = {w: Client(c) for w, c in clusters.items()}
        for r in range(rounds):
            for w in ((1, 2) if r % 2 == 0 else (2, 1)):
                executor = clients[w].get_executor()
                times[w].append(_timed(lambda: convert_many(  # noqa: B023
                    files, _fresh(tmp / "dask-out"), executor=executor, workers=w)))  # noqa: B023
                print(f"  dask {w} worker(s): {times[w][-1]:.2f} s", file=sys.stderr)
        for client in clients.values():
            client.close()
    finally:
        for cluster in clusters.values():
            cluster.close()
    one, two = statistics.median(times[1]), statistics.median(times[2])
    speed_up = statistics.median(a / b for a, b in zip(times[1], times[2], strict=True))
    return [
        "| dask workers (1 thread each, LocalCluster) | time for "
        f"{n} documents | documents / s |",
        "|---:|---:|---:|",
        f"| 1 | {one:.2f} s | {n / one:.1f} |",
        f"| 2 | {two:.2f} s | {n / two:.1f} |",
        "",
        f"Speed-up from 1 to 2 workers: {speed_up:.2f}× (median of {rounds} paired rounds).",
    ]


def _load() -> str:
    with open("/proc/loadavg", encoding="ascii") as handle:
        return " ".join(handle.read().split()[:3])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("parts", nargs="*", default=["conversion", "month", "memory", "dask"],
                        choices=["conversion", "month", "memory", "dask"])
    parser.add_argument("--rounds", type=int, default=3, help="paired rounds (default 3)")
    parser.add_argument("--sizes", default="50,105", help="conversion sizes (default 50,105)")
    parser.add_argument("--cells", type=int, default=35, help="cells of the month (default 35)")
    parser.add_argument("--dossier-sizes", default="105,420,1050",
                        help="documents of the memory runs (default 105,420,1050)")
    parser.add_argument("--merge-size", type=int, default=10000,
                        help="PDFs merged in the merge-only memory run (default 10000)")
    args = parser.parse_args()
    version = subprocess.run([str(find_soffice()), "--version"], capture_output=True,
                             text=True).stdout.strip()
    print(f"Machine: {CORES} CPUs, {platform.platform()}, Python {platform.python_version()}, "
          f"{version}; load average at the start {_load()}.\n")
    with tempfile.TemporaryDirectory(prefix="chibo-docs-scale-") as name:
        tmp = Path(name)
        if "conversion" in args.parts:
            sizes = [int(s) for s in args.sizes.split(",")]
            print("### Conversion at the ceiling\n")
            print("\n".join(conversion(tmp, sizes, args.rounds)) + "\n")
        if "month" in args.parts:
            print("### A month: 35 cells, data → merged PDF\n")
            print("\n".join(month(tmp, args.cells)) + "\n")
        if "memory" in args.parts:
            print("### Memory\n")
            sizes = [int(s) for s in args.dossier_sizes.split(",") if s]
            print("\n".join(memory(tmp, sizes, args.merge_size)) + "\n")
        if "dask" in args.parts:
            print("### Many machines: dask\n")
            print("\n".join(dask_throughput(tmp, 50, args.rounds)) + "\n")
    print(f"Load average at the end {_load()}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
