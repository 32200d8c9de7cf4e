"""Compare our render with a plain docxtpl render of the same template and data.

Run: ``.venv/bin/python benchmarks/render.py [renders]``. Prints the median time of each over
``renders`` runs (default 50). Goal: ours is no slower than plain docxtpl.

A second table times the whole library call, ``render_bytes(document)`` (the form looked up in
the registry of forms, then rendered), against rendering the form's template directly, and the
registry lookup alone (``FormRegistry.default()``): what finding the form costs per render.
"""

from __future__ import annotations

import functools
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

from chibo_docs.ooxml.text import visible_text
from chibo_docs.templating.engine import clear_cache, render_template_bytes


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


def _plain_docxtpl(path: Path, data: dict[str, Any], env: Any = None) -> bytes:
    template = DocxTemplate(str(path))
    template.render(data, env) if env is not None else template.render(data)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def compare(
    name: str, path: Path, data: Any, plain: Callable[[], bytes], runs: int
) -> tuple[str, float]:
    """Time ``plain`` against our render of ``path`` with ``data``; return a table row."""

    def ours() -> bytes:
        return render_template_bytes(path, data)

    if visible_text(plain()) != visible_text(ours()):
        raise SystemExit(f"{name}: the two renders differ; the comparison would be meaningless")
    clear_cache()
    start = time.perf_counter()
    ours()
    first = (time.perf_counter() - start) * 1000
    plain_ms = median_ms(plain, runs)
    ours_ms = median_ms(ours, runs)
    row = (
        f"| {name} | {plain_ms:.1f} ms | {ours_ms:.1f} ms (first, compiling: {first:.1f} ms) "
        f"| {ours_ms / plain_ms:.2f} |"
    )
    return row, ours_ms / plain_ms


def rows(runs: int = 50) -> list[str]:
    """Compare on a synthetic template and on each built-in form with its example."""
    import jinja2

    from chibo_docs import load_data
    from chibo_docs.formatting.filters import FILTERS
    from chibo_docs.pipeline.render import list_forms
    from chibo_docs.resources import examples_dir
    from chibo_docs.templating.engine import template_context

    lines = [
        f"Medians of {runs} renders each (render + save to bytes).",
        "",
        "| template and data | plain docxtpl | chibo_docs | ours / plain |",
        "|---|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = build_template(Path(folder) / "bench.docx")
        data = context()
        lines.append(
            compare("synthetic: 40 paragraphs, header, footer, 50-row table", path, data,
                    lambda: _plain_docxtpl(path, data), runs)[0]
        )
    env = jinja2.Environment(autoescape=True)
    env.filters.update(FILTERS)
    examples = {load_data(p).__class__: p for p in sorted(examples_dir().glob("*.yaml"))}
    for form in list_forms():
        if form.model not in examples:
            continue
        document = load_data(examples[form.model])
        ctx = template_context(document)
        lines.append(
            compare(f"form {form.id} with {examples[form.model].name}", form.template,
                    document, functools.partial(_plain_docxtpl, form.template, ctx, env), runs)[0]
        )
    return lines


def lookup_rows(runs: int = 50) -> list[str]:
    """Time ``render_bytes`` (registry + render) against the template alone, per built-in form.

    The two are timed in turns, and the difference is the median of the differences of each
    pair, which a busy machine disturbs less than two separate medians.
    """
    from chibo_docs import load_data, render_bytes
    from chibo_docs.forms.registry import FormRegistry
    from chibo_docs.resources import examples_dir

    registry_ms = median_ms(FormRegistry.default, runs * 4)
    lines = [
        f"Medians of {runs} renders each, in turns; the registry lookup alone "
        f"(`FormRegistry.default()`, median of {runs * 4}): {registry_ms:.3f} ms.",
        "",
        "| data | template alone | `render_bytes` (registry + render) | difference |",
        "|---|---:|---:|---:|",
    ]
    for path in sorted(examples_dir().glob("*.yaml")):
        document = load_data(path)
        try:
            form = FormRegistry.default().for_model(type(document))
        except LookupError:  # an example for a form outside the built-in ones
            continue
        render_bytes(document)  # compile once, outside the timing
        alone, whole = [], []
        for _ in range(runs):
            alone.append(median_ms(functools.partial(render_template_bytes, form.template, document), 1))
            whole.append(median_ms(functools.partial(render_bytes, document), 1))
        difference = statistics.median(w - a for w, a in zip(whole, alone, strict=True))
        lines.append(
            f"| {path.name} | {statistics.median(alone):.2f} ms | {statistics.median(whole):.2f} ms "
            f"| {difference:+.2f} ms |"
        )
    return lines


def main(runs: int = 50) -> None:
    """Print the comparison tables."""
    print("\n".join([*rows(runs), "", *lookup_rows(runs)]))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
