"""Rules of level E: the checks that refuse data.

Each function returns ``(rule, where, message)`` triples; the models raise them as one
validation error. ``where`` is the field path relative to the model being validated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chibo_docs.models.organisation import IssuerKind, Member, Transfer
from chibo_docs.models.references import OnBehalf, Signature
from chibo_docs.models.views import Tally

if TYPE_CHECKING:
    from chibo_docs.models.meeting import Meeting
    from chibo_docs.models.organisation import Organisation
    from chibo_docs.models.vote import Vote

__all__ = ["meeting_violations", "signature_violations", "vote_violations"]

Violations = list[tuple[str, str, str]]


def _who(member: Member) -> str:
    return f"{member.id!r} ({member.full_name})"


def meeting_violations(meeting: Meeting) -> Violations:
    """Return the E-rule violations of a meeting (V4, V5, V6, V15, V16, V21)."""
    out: Violations = []
    members = meeting.cell.member_by_id
    for i, guest in enumerate(meeting.guests):
        if guest.id in members:
            out.append(("ID", f"guests.{i}.id", f"guest id {guest.id!r} is also a member's id; give the guest another id"))
    present = _attendance(meeting, out)
    _chair_and_secretary(meeting, present, out)
    _speakers(meeting, present, out)
    _time_and_period(meeting, out)
    if not out:
        for i, vote in enumerate(meeting.votes):
            out.extend((r, f"votes.{i}{'.' + w if w else ''}", m)
                       for r, w, m in vote_violations(meeting, vote))
    return out


def _attendance(meeting: Meeting, out: Violations) -> set[str]:
    members = meeting.cell.member_by_id
    convened = {m.id for m in meeting.convened}
    listed: dict[str, int] = {}
    present: set[str] = set()
    for i, entry in enumerate(meeting.attendance):
        where = f"attendance.{i}"
        member = members.get(entry.member_id)
        if member is None:
            out.append(("V5", f"{where}.member_id", f"{entry.member_id!r} is not a member of the cell; add them to cell.members or fix the id"))
            continue
        if entry.member_id in listed:
            out.append(("V5", f"{where}.member_id", f"member {_who(member)} is listed twice (also attendance.{listed[entry.member_id]}); list each member once"))
            continue
        listed[entry.member_id] = i
        if entry.member_id not in convened:
            why = "sent away for temporary activity (SHT đi)" if member.transfer is Transfer.SENT_AWAY else "suspended"
            out.append(("V5", f"{where}.member_id", f"member {_who(member)} is {why} and not convened; remove them from attendance"))
            continue
        if entry.present:
            present.add(entry.member_id)
        elif entry.status == "vang_co_ly_do" and entry.reason is None and not member.exempt:
            out.append(("V5", f"{where}.reason", f"member {_who(member)} is absent with a reason, but no reason is given; add the reason"))
    missing = [members[m] for m in convened - listed.keys()]
    if missing:
        absent = sum(1 for k in listed if k in convened) - len(present)
        names = ", ".join(_who(m) for m in sorted(missing, key=lambda m: m.id))
        out.append(("V5", "attendance",
                    f"present + absent must equal convened: {len(present)} present + {absent} absent = "
                    f"{len(present) + absent}, but {len(convened)} members are convened; missing: {names}"))
    return present


def _chair_and_secretary(meeting: Meeting, present: set[str], out: Violations) -> None:
    members = meeting.cell.member_by_id
    for field, label in (("chair_id", "chair"), ("secretary_id", "secretary")):
        person_id: str = getattr(meeting, field)
        if person_id not in members:
            out.append(("V6", field, f"the {label} {person_id!r} is not a member of the cell; name a member"))
        elif person_id not in present:
            out.append(("V6", field, f"the {label} {_who(members[person_id])} is not present; the {label} must attend the meeting"))
    if meeting.chair_id == meeting.secretary_id:
        out.append(("V6", "secretary_id", f"the chair and the secretary are the same person ({meeting.chair_id!r}); appoint another secretary"))


def _speakers(meeting: Meeting, present: set[str], out: Violations) -> None:
    members = meeting.cell.member_by_id
    guests = {g.id for g in meeting.guests}

    def check(person_id: str, where: str, label: str) -> None:
        if person_id in guests or person_id in present:
            return
        if person_id in members:
            out.append(("V15", where, f"the {label} {_who(members[person_id])} is not present; only members present or guests can speak"))
        else:
            out.append(("V15", where, f"the {label} {person_id!r} is neither a member nor a guest; fix the id"))

    for i, item in enumerate(meeting.agenda):
        if item.presenter_id is not None:
            check(item.presenter_id, f"agenda.{i}.presenter_id", "presenter")
    for i, opinion in enumerate(meeting.opinions):
        check(opinion.speaker_id, f"opinions.{i}.speaker_id", "speaker")
        if opinion.agenda_item is not None and opinion.agenda_item > len(meeting.agenda):
            out.append(("V15", f"opinions.{i}.agenda_item", f"agenda item {opinion.agenda_item} does not exist; the agenda has {len(meeting.agenda)} items"))
    for i, task in enumerate(meeting.assignments):
        for j, person_id in enumerate(task.assignee_ids):
            if person_id not in members:
                out.append(("V15", f"assignments.{i}.assignee_ids.{j}", f"{person_id!r} is not a member of the cell; tasks are assigned to members"))


def _time_and_period(meeting: Meeting, out: Violations) -> None:
    if meeting.end <= meeting.start:
        out.append(("V16", "end", f"the meeting ends ({meeting.end:%Y-%m-%d %H:%M}) before or when it starts ({meeting.start:%Y-%m-%d %H:%M}); fix start or end"))
    kind = meeting.kind.value
    if kind != "chuyen_de" and meeting.period_month is None:
        out.append(("V21", "period_month", "a regular meeting names the month it is for; add period_month"))
    if kind != "thuong_ky" and meeting.topic is None:
        out.append(("V21", "topic", "a thematic meeting names its topic; add topic"))
    if kind == "chuyen_de" and meeting.quarter is None:
        out.append(("V21", "quarter", "a thematic meeting names its quarter; add quarter"))
    if meeting.period_month is not None:
        start = meeting.start
        previous = (start.year, start.month - 1) if start.month > 1 else (start.year - 1, 12)
        if (meeting.period_year, meeting.period_month) not in {(start.year, start.month), previous}:
            out.append(("V16", "period_month", f"the meeting of {start:%d/%m/%Y} cannot be for month {meeting.period_month}/{meeting.period_year}; a monthly meeting is for its own month or the month before"))


def vote_violations(meeting: Meeting, vote: Vote, *, adoption: bool = False) -> Violations:
    """Return V4 (and, for an adoption vote, V2/V3) violations of ``vote`` at ``meeting``."""
    out: Violations = []
    base, voters = meeting.eligible_base, meeting.voters_present_count
    if vote.eligible is not None and vote.eligible != base:
        out.append(("V4", "eligible", f"the vote states {vote.eligible} eligible members, but the meeting gives {base} (rule V1); remove 'eligible' or fix the attendance"))
    if vote.cast > voters:
        voting = {m.id for m in meeting.voters_present}
        others = [m for m in meeting.present if m.id not in voting]
        reasons = ", ".join(
            f"{_who(m)} ({'probationary' if not m.is_official else 'temporary activity here'})"
            for m in others
        )
        out.append(("V4", "approve",
                    f"{vote.cast} votes are counted ({vote.approve} approve + {vote.disapprove} disapprove + "
                    f"{vote.abstain} abstain) but only {voters} members present may vote"
                    + (f"; present but not voting: {reasons}" if reasons else "")))
    tally = Tally.of(vote, base=base, voters_present=voters)
    if adoption and not out and tally.passed is False:
        rule = "V2" if vote.threshold.value == "qua_mot_nua" else "V3"
        threshold = "more than half" if rule == "V2" else "at least two thirds"
        out.append((rule, "approve", f"the resolution is not adopted: {threshold} is needed: {vote.approve} of {base} eligible approve, at least {tally.required} are needed"))
    return out


def signature_violations(issuer: Organisation, signature: Signature) -> Violations:
    """Return V22 violations: the T/M line must fit the issuer's kind."""
    allowed = ({OnBehalf.CELL, OnBehalf.CELL_COMMITTEE} if issuer.kind is IssuerKind.CELL
               else {OnBehalf.STANDING_COMMITTEE, OnBehalf.PARTY_COMMITTEE})
    if signature.on_behalf in allowed:
        return []
    kind = "chi bộ" if issuer.kind is IssuerKind.CELL else "đảng ủy"
    return [("V22", "signature.on_behalf",
             f"a {kind} signs {' or '.join(sorted(repr(a.value) for a in allowed))}, not {signature.on_behalf.value!r}")]
