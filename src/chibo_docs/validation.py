"""Check a document against the Party rules of level W and return the findings.

Data that breaks a rule of level E never gets this far: the models refuse it. What is left are
warnings (the meeting was short, attendance was low, …) and notes (a vote recorded in the
minutes did not pass). :func:`check` returns them all; nothing is dropped.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from chibo_docs.findings import Finding
from chibo_docs.models import Invitation, Meeting, Minutes, OnBehalf, Plan, Resolution, SignerTitle
from chibo_docs.models.organisation import CellRole
from chibo_docs.rules.catalogue import RULES

__all__ = ["check"]


def _finding(rule: str, message: str, where: str, severity: str = "warning", **extra: str) -> Finding:
    return Finding(rule, "info" if severity == "info" else "warning", message, where=where,
                   source=RULES[rule].source, **extra)


def check(document: Minutes | Resolution | Plan | Invitation | Meeting) -> list[Finding]:
    """Return the warnings and notes about ``document`` (an already valid model).

    >>> from chibo_docs.resources import examples_dir
    >>> from chibo_docs.loading import load_data
    >>> check(load_data(examples_dir() / "bien-ban-2021-04.yaml"))
    []
    """
    if isinstance(document, Meeting):
        return _meeting(document, "")
    if isinstance(document, Plan | Invitation):
        return []
    findings = _meeting(document.meeting, "meeting.")
    if isinstance(document, Resolution):
        findings += _signature(document)
    return findings


def _meeting(meeting: Meeting, prefix: str) -> list[Finding]:
    rules = meeting.cell.rules
    out: list[Finding] = []
    if meeting.chair.role is CellRole.MEMBER:
        out.append(_finding("V7", f"the chair {meeting.chair.full_name!r} is not the bí thư, a phó bí thư or a chi ủy viên", f"{prefix}chair_id"))
    minimum = rules.min_minutes_combined if meeting.kind.value == "thuong_ky_ket_hop_chuyen_de" else rules.min_minutes
    if meeting.duration_minutes < minimum:
        out.append(_finding("V8", f"the meeting lasted {meeting.duration_minutes} minutes; at least {minimum} are expected ({rules.id})", f"{prefix}end", found=str(meeting.duration_minutes), expected=f"≥ {minimum}"))
    percent = Decimal(str(round(meeting.attendance_percent, 2)))
    limit = rules.min_attendance_percent
    low = percent <= limit if rules.attendance_strictly_above else percent < limit
    if low:
        sign = ">" if rules.attendance_strictly_above else "≥"
        out.append(_finding("V9", f"attendance is {percent}% of convened members (exempt members left out); {sign} {limit}% is expected ({rules.id})", f"{prefix}attendance", found=f"{percent}%", expected=f"{sign} {limit}%"))
    members = meeting.cell.member_by_id
    for i, entry in enumerate(meeting.attendance):
        if entry.status.value == "vang_khong_ly_do" and not members[entry.member_id].exempt:
            out.append(_finding("V9", f"member {members[entry.member_id].full_name!r} is absent without a reason", f"{prefix}attendance.{i}"))
    if meeting.cell.official_count < rules.cell_min_official:
        out.append(_finding("V12", f"the cell has {meeting.cell.official_count} official members; a chi bộ has at least {rules.cell_min_official}", f"{prefix}cell.members"))
    if rules.materials_days_before is not None:
        latest = meeting.start - timedelta(days=rules.materials_days_before)
        if meeting.materials_posted_at is None:
            out.append(_finding("V14", f"no record that materials were posted on Sổ tay đảng viên điện tử; {rules.id} asks for it {rules.materials_days_before} day(s) before", f"{prefix}materials_posted_at", severity="info"))
        elif meeting.materials_posted_at > latest:
            out.append(_finding("V14", f"materials were posted at {meeting.materials_posted_at:%d/%m/%Y %H:%M}, later than {latest:%d/%m/%Y %H:%M} ({rules.materials_days_before} day(s) before the meeting)", f"{prefix}materials_posted_at"))
    hosted = [m for m in meeting.present if m.transfer.value == "den"]
    if hosted and not rules.hosted_members_vote:
        names = ", ".join(repr(m.full_name) for m in hosted)
        out.append(_finding("V24", f"members in temporary activity here attended ({names}); they are left out of the vote base, as their right to vote here is not verified", f"{prefix}attendance"))
    for i, tally in enumerate(meeting.tallies):
        if tally.passed is False:
            rule = "V2" if tally.threshold.value == "qua_mot_nua" else "V3"
            threshold = "more than half" if rule == "V2" else "at least two thirds"
            out.append(_finding(rule, f"the vote on {tally.subject!r} did not pass ({threshold} is needed: {tally.approve} of {tally.eligible_base} eligible approve, at least {tally.required} are needed); the minutes record it as not adopted", f"{prefix}votes.{i}", severity="info"))
    return out


def _signature(resolution: Resolution) -> list[Finding]:
    out: list[Finding] = []
    cell, signature = resolution.meeting.cell, resolution.signature
    if signature.on_behalf is OnBehalf.CELL_COMMITTEE and not cell.has_committee:
        out.append(_finding("V12", f"signed 'T/M CHI ỦY', but a cell with {cell.official_count} official members has no chi ủy (from {cell.rules.committee_min_official}); sign 'T/M CHI BỘ'", "signature.on_behalf"))
    holders = [cell.secretary] if signature.title is SignerTitle.SECRETARY else cell.deputy_secretaries
    if not any(m is not None and m.full_name == signature.full_name for m in holders):
        title = signature.title.value
        out.append(_finding("V23", f"the signer {signature.full_name!r} is not the cell's {title.lower()} in the member list", "signature.full_name"))
    return out
