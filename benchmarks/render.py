"""Compare our render with a plain docxtpl render of the same template and data.

Run: ``.venv/bin/python benchmarks/render.py [renders]``. Prints the median time of each over
``renders`` runs (default 50). Goal: ours is no slower than plain docxtpl.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
from docxtpl import DocxTemplate

from chibo_docs.docx_text import visible_text
from chibo_docs.rendering import clear_cache, render_template_bytes


def build_template(path: Path, paragraphs: int = 40) -> Path:
    """Write a minutes-like template: header, footer, 40 paragraphs, a looped table."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "ĐẢNG CỘNG SẢN VIỆT NAM — {{ org }}"
    document.sections[0].footer.paragraphs[0].text = "{{ place }}, {{ day }}"
    for number in range(paragraphs):
        document.add_paragraph(f"{number}. Đồng chí {{{{ chair }}}} trình bày {{{{ topic }}}}.")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text = "{%tr for m in members %}"
    table.cell(1, 0).text = "{{ loop.index }}"
    table.cell(1, 1).text = "{{ m.name }}"
    table.cell(1, 2).text = "{{ m.role }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    document.add_paragraph("{{ opinion }}")
    document.save(str(path))
    return path


def context(rows: int = 50) -> dict[str, Any]:
    """Return the data: plain text with no characters that need escaping (fair to docxtpl)."""
    return {
        "org": "Chi bộ Khu phố 3",
        "place": "Hà Nội",
        "day": "ngày 05 tháng 3 năm 2025",
        "chair": "Nguyễn Văn An",
        "topic": "nghị quyết tháng",
        "opinion": "Thống nhất với dự thảo nghị quyết.",
        "members": [{"name": f"Đảng viên {n}", "role": "đảng viên"} for n in range(rows)],
    }


def median_ms(function: Callable[[], object], runs: int) -> float:
    """Return the median wall time of ``function`` in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(runs: int = 50) -> None:
    """Time both renders and print the medians."""
    with tempfile.TemporaryDirectory() as folder:
        path = build_template(Path(folder) / "bench.docx")
        data = context()

        def plain() -> bytes:
            template = DocxTemplate(str(path))
            template.render(data)
            buffer = io.BytesIO()
            template.save(buffer)
            return buffer.getvalue()

        def ours() -> bytes:
            return render_template_bytes(path, data)

        if visible_text(plain()) != visible_text(ours()):
            raise SystemExit("the two renders differ; the comparison would be meaningless")
        clear_cache()
        start = time.perf_counter()
        ours()
        first = (time.perf_counter() - start) * 1000
        plain_ms = median_ms(plain, runs)
        ours_ms = median_ms(ours, runs)
    print(f"template: 40 paragraphs, header, footer, 50-row table loop; {runs} renders each")
    print(f"plain docxtpl (render + save): median {plain_ms:7.2f} ms")
    print(
        f"chibo_docs render_template_bytes:       median {ours_ms:7.2f} ms (first, compiling: {first:.2f} ms)"
    )
    print(f"ratio ours/plain: {ours_ms / plain_ms:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
