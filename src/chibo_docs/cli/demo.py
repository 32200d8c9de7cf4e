"""``chibo-docs demo OUTDIR``: validate each bundled example and show a few formatted lines.

For now it writes the validation reports to ``OUTDIR/validation.txt``; rendering the
documents comes with the forms.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from chibo_docs.dates import format_time
from chibo_docs.models import Invitation, Meeting, Minutes, Plan, Resolution
from chibo_docs.numbers import vote_phrase
from chibo_docs.reporting import validate_file
from chibo_docs.resources import examples_dir

__all__ = ["register", "summary_lines"]


def register(subparsers: Any) -> None:
    """Add the ``demo`` sub-command."""
    p = subparsers.add_parser("demo", help="validate the bundled examples and show what they hold")
    p.add_argument("outdir", metavar="OUTDIR", help="folder for the demo output (created if missing)")
    p.set_defaults(handler=_demo)


def summary_lines(document: Minutes | Resolution | Plan | Invitation) -> list[str]:
    """Return a few formatted lines about a document: number, date line, attendance, votes."""
    lines = [f"{document.type_name} {document.number_line or '(không số)'}", document.date_line]
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
    votes = [document.adoption_vote] if isinstance(document, Resolution) else meeting.votes
    for vote in votes:
        base = vote.eligible_base or 0
        result = "thông qua" if vote.passed else "không thông qua"
        lines.append(f"Biểu quyết “{vote.subject}”: {vote_phrase(vote.approve, base)} ({result})")
    return lines


def _demo(args: argparse.Namespace) -> int:
    outdir = Path(args.outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    text: list[str] = []
    failed = False
    for path in sorted(examples_dir().glob("*.yaml")):
        report = validate_file(path)
        failed |= not report.ok
        text += [*report.lines(), *(f"  | {line}" for line in (
            summary_lines(report.document) if report.document else []))]
        text.append("")
    print("\n".join(text), end="")
    (outdir / "validation.txt").write_text("\n".join(text), encoding="utf-8")
    print(f"wrote {outdir / 'validation.txt'}")
    return 1 if failed else 0
