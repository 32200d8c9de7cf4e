"""``chibo-docs demo OUTDIR``: the main job on the bundled examples.

It validates each example and shows a few formatted lines, then renders every example with
its form to ``OUTDIR/<example>.docx``, converts them in one LibreOffice batch to PDF, and
merges the PDFs into the dossier ``OUTDIR/ho-so.pdf`` with one bookmark per document, in the
order of the cycle of the model meetings: the plan, the invitation, the minutes and the
resolution of the meeting, its scorecard, the cell's report, the đảng ủy's report on the
quality of the meetings and its notice of the lessons drawn.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from chibo_docs.cli._font_fallback_option import (
    add_font_fallback_option,
    font_warnings_on_stderr,
)
from chibo_docs.formatting.dates import format_time
from chibo_docs.formatting.numerals import vote_phrase
from chibo_docs.i18n import _
from chibo_docs.models import (
    Invitation,
    LessonsNotice,
    Meeting,
    Minutes,
    MonthlyReport,
    Plan,
    QualityReport,
    Resolution,
    Scorecard,
)
from chibo_docs.output_files import prepare_folder, write_atomically
from chibo_docs.pdf.conversion import convert_many
from chibo_docs.pdf.merging import merge_pdfs
from chibo_docs.pipeline.dossier import bookmark_title
from chibo_docs.pipeline.render import render_docx
from chibo_docs.pipeline.validation import validate_file
from chibo_docs.resources import examples_dir

__all__ = ["register", "summary_lines"]


def register(subparsers: Any) -> None:
    """Add the ``demo`` sub-command."""
    p = subparsers.add_parser(
        "demo",
        help=_("render the bundled examples to .docx and PDF, and merge them into a dossier"),
    )
    p.add_argument(
        "outdir", metavar=_("OUTDIR"), help=_("folder for the demo output (created if missing)")
    )
    add_font_fallback_option(p)
    p.set_defaults(handler=_demo)


_CYCLE = ("plan", "invitation", "minutes", "resolution", "scorecard", "monthly_report",
          "quality_report", "lessons_notice")
"""The dossier's order: the cycle of the model meetings (issue 11), then anything else."""

_Summarised = (Minutes | Resolution | Plan | Invitation | Scorecard | MonthlyReport | QualityReport
               | LessonsNotice)


def summary_lines(document: _Summarised) -> list[str]:
    """Return a few formatted lines about a document: number, date line, attendance, votes."""
    lines = [f"{document.type_name} {document.number_line or '(không số)'}", document.date_line]
    if isinstance(document, Scorecard | MonthlyReport):
        quality = document.quality_assessment
        if quality is not None:
            lines.append(_("Quality score: {total} of {maximum} points, rated {rating}",
                           total=quality.total, maximum=quality.max_total, rating=quality.rating_name))
        return lines
    if isinstance(document, QualityReport):
        counts = ", ".join(f"{c.name} {c.count}" for c in document.rating_counts)
        lines.append(_("Cells rated: {cells} ({counts})", cells=len(document.cells), counts=counts))
        return lines
    if isinstance(document, LessonsNotice):
        lines.append(_("Model meetings: {cells}", cells=", ".join(m.cell for m in document.meetings)))
        return lines
    if isinstance(document, Plan):
        lines += [f"Căn cứ: {ref.citation}" for ref in document.bases]
        return lines
    if isinstance(document, Invitation):
        event = document.event
        lines.append(
            f"Mời dự {event.name}: {format_time(event.start)}, {event.start:%d/%m/%Y}, "
            f"tại {event.place}"
        )
        return lines
    meeting: Meeting = document.meeting
    lines.append(
        f"Thời gian: {format_time(meeting.start)} đến {format_time(meeting.end)} "
        f"({meeting.duration_minutes} phút); chủ trì: {meeting.chair.full_name}; "
        f"thư ký: {meeting.secretary.full_name}"
    )
    absent = "; ".join(
        f"{a.member.full_name} ({a.reason or 'không có lý do'})" for a in meeting.absent
    )
    lines.append(
        f"Có mặt {meeting.present_count}/{meeting.convened_count} đồng chí; vắng "
        f"{meeting.absent_count} (có lý do {meeting.excused_count}, không lý do "
        f"{meeting.unexcused_count})" + (f": {absent}" if absent else "")
    )
    tallies = [document.adoption_tally] if isinstance(document, Resolution) else meeting.tallies
    for tally in tallies:
        base = tally.eligible_base or 0
        result = "thông qua" if tally.passed else "không thông qua"
        lines.append(f"Biểu quyết “{tally.subject}”: {vote_phrase(tally.approve, base)} ({result})")
    return lines


def _example_form_folders() -> list[Path]:
    """Folders of the example forms that are not built in (``examples/forms/*``)."""
    root = examples_dir() / "forms"
    return sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def _demo(args: argparse.Namespace) -> int:
    outdir = Path(args.outdir)
    prepare_folder(outdir)
    text: list[str] = []
    documents: list[tuple[Path, Any]] = []
    failed = False
    for path in sorted(examples_dir().glob("*.yaml")):
        report = validate_file(path)
        failed |= not report.ok
        document = report.document
        text += [*report.lines(), *(f"  | {line}" for line in (
            summary_lines(document) if isinstance(document, _Summarised) else []))]
        text.append("")
        if report.ok:
            documents.append((path, report.document))
    print("\n".join(text), end="")
    write_atomically(outdir / "validation.txt", "\n".join(text).encode("utf-8"))
    print(_("wrote {path}", path=outdir / "validation.txt"))
    if failed:
        return 1
    order = {kind: n for n, kind in enumerate(_CYCLE)}
    documents.sort(key=lambda item: order.get(getattr(item[1], "document", ""), len(_CYCLE)))
    folders = _example_form_folders()
    docx = [
        render_docx(document, outdir / f"{path.stem}.docx", folders=folders)
        for path, document in documents
    ]
    for out in docx:
        print(_("wrote {path}", path=out))
    with font_warnings_on_stderr():
        pdfs = convert_many(docx, outdir, allow_font_fallback=args.allow_font_fallback)
    for pdf in pdfs:
        print(_("wrote {path}", path=pdf))
    dossier = merge_pdfs(
        [(pdf, bookmark_title(doc)) for pdf, (_, doc) in zip(pdfs, documents, strict=True)],
        outdir / "ho-so.pdf",
        title="Hồ sơ sinh hoạt chi bộ mẫu tháng 4/2021",
        author=documents[0][1].issuer.name,
    )
    print(_("wrote {path}", path=dossier))
    return 0
