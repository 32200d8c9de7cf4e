"""Checks of a meeting: attendance (V5), chair and secretary (V6, V7), speakers (V15), time and
period (V8, V16, V21), attendance rate (V9), the cell (V12), materials (V14), hosted members
(V24).

Checks of level E run on a meeting whose other rules may be broken (an unknown id, a member
listed twice), so they read the data itself (ids, lists) and not the meeting's derived values
that assume those rules hold. Each check reads only the fields it declares in
:mod:`chibo_docs.rules.checks`, so it also runs on a meeting whose other fields are broken.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

from chibo_docs.i18n import Message
from chibo_docs.models.meeting import Meeting
from chibo_docs.models.organisation import CellRole, Member, Transfer
from chibo_docs.models.proceedings import AttendanceStatus, MeetingKind
from chibo_docs.models.quality import QualityAssessment
from chibo_docs.models.scorecard import Scorecard
from chibo_docs.rules.registry import Violation, member, phrases

__all__ = [
    "absent_without_reason",
    "assignees",
    "attendance",
    "attendance_rate",
    "cell_size",
    "chair_and_secretary",
    "chair_is_a_leader",
    "duration",
    "ends_after_start",
    "guest_ids",
    "held_after_founding",
    "hosted_members",
    "materials_posted",
    "names_its_period",
    "period_month",
    "quality_confirmer",
    "scorecard_confirmer",
    "speakers",
]


def _who(m: Member) -> Message:
    return member(m.id, m.full_name)


def _present_ids(meeting: Meeting) -> set[str]:
    """Ids of the members listed present, counting only known, convened, first listings."""
    members = meeting.cell.member_by_id
    convened = {m.id for m in meeting.convened}
    seen: set[str] = set()
    present: set[str] = set()
    for entry in meeting.attendance:
        if entry.member_id not in members or entry.member_id in seen:
            continue
        seen.add(entry.member_id)
        if entry.member_id in convened and entry.present:
            present.add(entry.member_id)
    return present


# -- level E -----------------------------------------------------------------------------


def guest_ids(meeting: Meeting) -> Iterator[Violation]:
    """ID: no guest uses a member's id."""
    members = meeting.cell.member_by_id
    for i, guest in enumerate(meeting.guests):
        if guest.id in members:
            yield Violation("ID", "guest_id_of_member", ("guests", i, "id"), {"guest_id": guest.id})


def attendance(meeting: Meeting) -> Iterator[Violation]:
    """V5: every convened member listed once, nobody else; an excused absence has a reason."""
    members = meeting.cell.member_by_id
    convened = {m.id for m in meeting.convened}
    listed: dict[str, int] = {}
    present = 0
    for i, entry in enumerate(meeting.attendance):
        m = members.get(entry.member_id)
        if m is None:
            yield Violation("V5", "unknown_member", ("attendance", i, "member_id"),
                            {"member_id": entry.member_id})
            continue
        if entry.member_id in listed:
            yield Violation("V5", "listed_twice", ("attendance", i, "member_id"),
                            {"member": _who(m), "member_id": m.id, "first": listed[entry.member_id]})
            continue
        listed[entry.member_id] = i
        if entry.member_id not in convened:
            key = "sent_away" if m.transfer is Transfer.SENT_AWAY else "suspended"
            yield Violation("V5", key, ("attendance", i, "member_id"), {"member": _who(m), "member_id": m.id})
            continue
        if entry.present:
            present += 1
        elif entry.status is AttendanceStatus.EXCUSED and entry.reason is None and not m.exempt:
            yield Violation("V5", "no_reason", ("attendance", i, "reason"), {"member": _who(m), "member_id": m.id})
    missing = sorted((members[i] for i in convened - listed.keys()), key=lambda m: m.id)
    if missing:
        absent = sum(1 for k in listed if k in convened) - present
        yield Violation("V5", "not_all_listed", ("attendance",), {
            "present": present, "absent": absent, "listed": present + absent,
            "convened": len(convened), "missing": phrases(_who(m) for m in missing),
            "missing_ids": [m.id for m in missing],
        })


def chair_and_secretary(meeting: Meeting) -> Iterator[Violation]:
    """V6: the chair and the secretary are two different members present."""
    members, present = meeting.cell.member_by_id, _present_ids(meeting)
    for field, person_id, role in (("chair_id", meeting.chair_id, "chair"),
                                   ("secretary_id", meeting.secretary_id, "secretary")):
        if person_id not in members:
            yield Violation("V6", f"{role}_not_a_member", (field,), {"person_id": person_id})
        elif person_id not in present:
            yield Violation("V6", f"{role}_absent", (field,),
                            {"member": _who(members[person_id]), "person_id": person_id})
    if meeting.chair_id == meeting.secretary_id:
        yield Violation("V6", "same_person", ("secretary_id",), {"person_id": meeting.chair_id})


def speakers(meeting: Meeting) -> Iterator[Violation]:
    """V15: presenters and speakers are members present or guests, speaking of agenda items."""
    members, present = meeting.cell.member_by_id, _present_ids(meeting)
    guests = {g.id for g in meeting.guests}

    def check(person_id: str, path: tuple[str | int, ...], role: str) -> Iterator[Violation]:
        if person_id in guests or person_id in present:
            return
        if person_id in members:
            yield Violation("V15", f"{role}_absent", path,
                            {"member": _who(members[person_id]), "person_id": person_id})
        else:
            yield Violation("V15", f"{role}_unknown", path, {"person_id": person_id})

    for i, item in enumerate(meeting.agenda):
        if item.presenter_id is not None:
            yield from check(item.presenter_id, ("agenda", i, "presenter_id"), "presenter")
    for i, opinion in enumerate(meeting.opinions):
        yield from check(opinion.speaker_id, ("opinions", i, "speaker_id"), "speaker")
        if opinion.agenda_item is not None and opinion.agenda_item > len(meeting.agenda):
            yield Violation("V15", "no_such_agenda_item", ("opinions", i, "agenda_item"),
                            {"item": opinion.agenda_item, "items": len(meeting.agenda)})


def assignees(meeting: Meeting) -> Iterator[Violation]:
    """V15: the meeting's tasks are assigned to members of the cell."""
    members = meeting.cell.member_by_id
    for i, task in enumerate(meeting.assignments):
        for j, person_id in enumerate(task.assignee_ids):
            if person_id not in members:
                yield Violation("V15", "assignee_not_a_member", ("assignments", i, "assignee_ids", j),
                                {"person_id": person_id})


def quality_confirmer(meeting: Meeting) -> Iterator[Violation]:
    """V15: the upper-level committee member who confirmed the quality score is a guest."""
    yield from _confirmer(meeting, meeting.quality)


def scorecard_confirmer(scorecard: Scorecard) -> Iterator[Violation]:
    """V15: the confirmer of a scorecard's own assessment is a guest of its meeting."""
    yield from _confirmer(scorecard.meeting, scorecard.quality)


def _confirmer(meeting: Meeting, quality: QualityAssessment | None) -> Iterator[Violation]:
    who = quality.confirmed_by if quality is not None else None
    if who is not None and all(guest.id != who for guest in meeting.guests):
        yield Violation("V15", "confirmer_not_a_guest", ("quality", "confirmed_by"),
                        {"person_id": who})


def ends_after_start(meeting: Meeting) -> Iterator[Violation]:
    """V16: the meeting ends after it starts."""
    if meeting.end <= meeting.start:
        yield Violation("V16", "ends_before_start", ("end",), {"end": meeting.end, "start": meeting.start})


def held_after_founding(meeting: Meeting) -> Iterator[Violation]:
    """V16: the meeting is not held before its cell was founded (when the data says when)."""
    founded = meeting.cell.founded_on
    if founded is not None and meeting.date < founded:
        yield Violation("V16", "before_founding", ("start",),
                        {"day": meeting.date, "founded_on": founded, "cell": meeting.cell.name})


def names_its_period(meeting: Meeting) -> Iterator[Violation]:
    """V21: a regular meeting names its month, a thematic one its topic and quarter."""
    kind = meeting.kind
    if kind is not MeetingKind.THEMATIC and meeting.period_month is None:
        yield Violation("V21", "no_month", ("period_month",))
    if kind is not MeetingKind.REGULAR and meeting.topic is None:
        yield Violation("V21", "no_topic", ("topic",))
    if kind is MeetingKind.THEMATIC and meeting.quarter is None:
        yield Violation("V21", "no_quarter", ("quarter",))


def period_month(meeting: Meeting) -> Iterator[Violation]:
    """V16: the period month is the meeting's month or the month before."""
    if meeting.period_month is not None:
        start = meeting.start
        previous = (start.year, start.month - 1) if start.month > 1 else (start.year - 1, 12)
        if (meeting.period_year, meeting.period_month) not in {(start.year, start.month), previous}:
            yield Violation("V16", "period_month", ("period_month",),
                            {"day": start.date(), "month": meeting.period_month, "year": meeting.period_year})


# -- level W -----------------------------------------------------------------------------


def chair_is_a_leader(meeting: Meeting) -> Iterator[Violation]:
    """V7: the chair is the bí thư, a phó bí thư or a chi ủy viên."""
    chair = meeting.cell.member_by_id.get(meeting.chair_id)  # not a member: V6 says so
    if chair is not None and chair.role is CellRole.MEMBER:
        yield Violation("V7", "chair_not_leader", ("chair_id",),
                        {"member": _who(chair), "person_id": meeting.chair_id})


def duration(meeting: Meeting) -> Iterator[Violation]:
    """V8: the meeting lasts the rule set's minimum."""
    rules = meeting.cell.rules
    combined = meeting.kind is MeetingKind.COMBINED
    minimum = rules.min_minutes_combined if combined else rules.min_minutes
    if meeting.duration_minutes < minimum:
        yield Violation("V8", "short", ("end",), {
            "minutes": meeting.duration_minutes, "minimum": minimum, "rule_set": rules.id})


def attendance_rate(meeting: Meeting) -> Iterator[Violation]:
    """V9: attendance of non-exempt convened members reaches the rule set's threshold."""
    rules = meeting.cell.rules
    percent = Decimal(str(round(meeting.attendance_percent, 2)))
    limit = rules.min_attendance_percent
    if rules.attendance_strictly_above and percent <= limit:
        key = "attendance_not_above"
    elif not rules.attendance_strictly_above and percent < limit:
        key = "attendance_below"
    else:
        return
    yield Violation("V9", key, ("attendance",), {"percent": percent, "limit": limit, "rule_set": rules.id})


def absent_without_reason(meeting: Meeting) -> Iterator[Violation]:
    """V9: nobody (but exempt members) is absent without a reason."""
    members = meeting.cell.member_by_id
    for i, entry in enumerate(meeting.attendance):
        m = members[entry.member_id]
        if entry.status is AttendanceStatus.UNEXCUSED and not m.exempt:
            yield Violation("V9", "absent_without_reason", ("attendance", i),
                            {"member": _who(m), "member_id": m.id})


def cell_size(meeting: Meeting) -> Iterator[Violation]:
    """V12: the cell has the rule set's fewest official members."""
    cell, rules = meeting.cell, meeting.cell.rules
    if cell.official_count < rules.cell_min_official:
        yield Violation("V12", "few_official_members", ("cell", "members"),
                        {"official": cell.official_count, "minimum": rules.cell_min_official})


def materials_posted(meeting: Meeting) -> Iterator[Violation]:
    """V14: materials are posted the rule set's number of days before the meeting."""
    rules = meeting.cell.rules
    days = rules.materials_days_before
    if days is None:
        return
    latest = meeting.start - timedelta(days=days)
    if meeting.materials_posted_at is None:
        yield Violation("V14", "not_recorded", ("materials_posted_at",), {"rule_set": rules.id, "days": days})
    elif meeting.materials_posted_at > latest:
        yield Violation("V14", "late", ("materials_posted_at",),
                        {"posted": meeting.materials_posted_at, "latest": latest, "days": days})


def hosted_members(meeting: Meeting) -> Iterator[Violation]:
    """V24: members hosted here who attended are left out of the vote base; say so."""
    hosted = [m for m in meeting.present if m.transfer is Transfer.HOSTED]
    if hosted and not meeting.cell.rules.hosted_members_vote:
        yield Violation("V24", "hosted_attended", ("attendance",), {
            "names": phrases(_who(m) for m in hosted), "member_ids": [m.id for m in hosted]})
