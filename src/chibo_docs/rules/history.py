"""The rules that need several meetings: a history of a cell's meetings, checked for V10, V11, V13.

One set of minutes shows one meeting; some Party rules are about a year of them:

- V10 (HD 12-HD/BTCTW II.3.1): no member absent with a reason from more than 3 meetings in a
  row in a year;
- V11 (Điều lệ Đảng Điều 8 khoản 1): a member who missed meetings without a reason in 3 months
  of a year is considered for removal (xóa tên); the dues half of the rule is not modelled;
- V13 (Điều lệ Đảng Điều 24 khoản 2; HD 12): one regular meeting a month, a thematic meeting at
  least once a quarter, and a thematic meeting does not replace the regular one.

:func:`check_history` takes the minutes (or meetings) of one cell, in any order, and returns
the warnings as :class:`~chibo_docs.problems.Problem` objects naming the members (full names)
and the months ("tháng 3/2021"). The figures come from the cell's rule set
(:mod:`chibo_docs.models.rulesets`). The months checked run from January of the first year (or
the cell's founding month, ``cell.founded_on``) to the month of the last meeting, or to
``through``; a quarter is checked once it has ended within them.

>>> from chibo_docs.loading.reader import load_data
>>> from chibo_docs.resources import examples_dir
>>> minutes = load_data(examples_dir() / "bien-ban-2021-04.yaml")
>>> [p.message for p in check_history([minutes], lang="en")][:2]
['no regular meeting of the cell is recorded for month 1/2021; the cell meets once a month', 'no regular meeting of the cell is recorded for month 2/2021; the cell meets once a month']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from chibo_docs.i18n import Language, Message, resolve_language
from chibo_docs.models.document_bases import MeetingDocument
from chibo_docs.models.meeting import Meeting
from chibo_docs.models.organisation import Member
from chibo_docs.models.proceedings import AttendanceStatus, MeetingKind
from chibo_docs.problems import Problem
from chibo_docs.rules.registry import Violation, member, phrase, phrases
from chibo_docs.rules.reporting import violation_problem

__all__ = ["check_history", "history_violations"]

Month = tuple[int, int]
_ROMAN = ("I", "II", "III", "IV")
_REGULAR = (MeetingKind.REGULAR, MeetingKind.COMBINED)
_THEMATIC = (MeetingKind.THEMATIC, MeetingKind.COMBINED)


def _month(m: Month) -> Message:
    return phrase("month", month=m[1], year=m[0])


def _months(ms: Iterable[Month]) -> Message:
    return phrases(_month(m) for m in ms)


def _month_of(meeting: Meeting) -> Month:
    """The month a meeting is for: its period month, else the month it was held in."""
    if meeting.period_month is not None:
        return meeting.period_year, meeting.period_month
    return meeting.start.year, meeting.start.month


def _quarter_of(meeting: Meeting) -> tuple[int, int]:
    if meeting.quarter is not None:
        return meeting.period_year, meeting.quarter
    year, month = _month_of(meeting)
    return year, (month - 1) // 3 + 1


@dataclass(frozen=True)
class _Absence:
    meeting: Meeting
    status: AttendanceStatus | None
    """None: not convened or exempt at that meeting (neither present nor absent for the rules)."""


def _status(meeting: Meeting, m: Member) -> AttendanceStatus | None:
    if m.exempt:
        return None
    return next((a.status for a in meeting.attendance if a.member_id == m.id), None)


def history_violations(
    meetings: Iterable[Meeting | MeetingDocument], *, through: date | None = None
) -> Iterator[Violation]:
    """Yield the broken rules V10, V11 and V13 of a history of one cell's meetings.

    ``meetings`` are meetings or documents of meetings (minutes, resolutions: their meeting is
    taken), in any order; documents of the same meeting count once. ``through`` is the last day
    the history covers (default: the last meeting's month).
    """
    found: dict[object, Meeting] = {}
    for item in meetings:
        meeting = item.meeting if isinstance(item, MeetingDocument) else item
        found.setdefault((meeting.cell.name, meeting.start, meeting.kind), meeting)
    history = sorted(found.values(), key=lambda m: m.start)
    if not history:
        yield Violation("V13", "no_meetings", ())
        return
    cells = list(dict.fromkeys(m.cell.name for m in history))
    if len(cells) > 1:
        yield Violation("V13", "several_cells", (), {"count": len(cells), "cells": ", ".join(cells)})
        return
    yield from _attendance_rules(history)
    yield from _meeting_rules(history, through)


def _attendance_rules(history: list[Meeting]) -> Iterator[Violation]:
    """V10 and V11, member by member, year by year (the names of the last meeting that lists them)."""
    names: dict[str, Member] = {}
    for meeting in history:
        names.update(meeting.cell.member_by_id)
    rules = history[-1].cell.rules
    for member_id, m in names.items():
        by_year: dict[int, list[tuple[Meeting, AttendanceStatus | None]]] = {}
        for meeting in history:
            listed = meeting.cell.member_by_id.get(member_id)
            status = None if listed is None else _status(meeting, listed)
            by_year.setdefault(_month_of(meeting)[0], []).append((meeting, status))
        who = member(m.id, m.full_name)
        for year, entries in sorted(by_year.items()):
            yield from _excused_runs(who, m.id, entries, rules.max_excused_in_a_row)
            missed = sorted({_month_of(meeting) for meeting, status in entries
                             if status is AttendanceStatus.UNEXCUSED})
            if len(missed) >= rules.removal_months:
                yield Violation("V11", "unexcused_months", (), {
                    "member": who, "member_id": m.id, "count": len(missed), "year": year,
                    "months": _months(missed), "limit": rules.removal_months,
                    "month_list": [f"{y}-{mo:02d}" for y, mo in missed]})


def _excused_runs(
    who: Message, member_id: str, entries: list[tuple[Meeting, AttendanceStatus | None]], limit: int
) -> Iterator[Violation]:
    """V10: each run of more than ``limit`` excused absences in a row (meetings not convened to
    neither break nor lengthen a run)."""
    runs: list[list[Meeting]] = [[]]
    for meeting, status in entries:
        if status is AttendanceStatus.EXCUSED:
            runs[-1].append(meeting)
        elif status is not None and runs[-1]:
            runs.append([])
    for run in runs:
        if len(run) > limit:
            months = list(dict.fromkeys(_month_of(x) for x in run))
            yield Violation("V10", "excused_in_a_row", (), {
                "member": who, "member_id": member_id, "count": len(run), "limit": limit,
                "months": _months(months), "days": [x.date for x in run]})


def _meeting_rules(history: list[Meeting], through: date | None) -> Iterator[Violation]:
    """V13: a regular meeting every month, a thematic one every quarter, from the first month."""
    cell = history[-1].cell
    first_year = _month_of(history[0])[0]
    start: Month = (first_year, 1)
    if cell.founded_on is not None:
        start = max(start, (cell.founded_on.year, cell.founded_on.month))
    end: Month = max(_month_of(history[-1]), (history[-1].start.year, history[-1].start.month))
    if through is not None:
        end = (through.year, through.month)
    months: list[Month] = []
    y, mo = start
    while (y, mo) <= end:
        months.append((y, mo))
        y, mo = (y, mo + 1) if mo < 12 else (y + 1, 1)
    for month in months:
        regular = [m for m in history if m.kind in _REGULAR and _month_of(m) == month]
        thematic = [m for m in history if m.kind is MeetingKind.THEMATIC and _month_of(m) == month]
        if not regular and thematic:
            yield Violation("V13", "thematic_only", (), {
                "month": _month(month), "days": phrases(Message("{day}", {"day": m.date}) for m in thematic)})
        elif not regular:
            yield Violation("V13", "no_regular_meeting", (), {"month": _month(month)})
        elif len(regular) > 1:
            yield Violation("V13", "several_regular_meetings", (), {
                "month": _month(month), "count": len(regular),
                "days": phrases(Message("{day}", {"day": m.date}) for m in regular)})
    every = cell.rules.thematic_every_months
    quarters = sorted({(y, (mo - 1) // every + 1) for y, mo in months})
    for year, quarter in quarters:
        last_month = quarter * every
        first_month = last_month - every + 1
        if (year, first_month) < start or (year, last_month) > end:
            continue  # the quarter is not wholly within the history
        if not any(m.kind in _THEMATIC and _quarter_of(m) == (year, quarter) for m in history):
            yield Violation("V13", "no_thematic_meeting", (), {
                "quarter": phrase("quarter", quarter=_ROMAN[quarter - 1], year=year)})


def check_history(
    meetings: Iterable[Meeting | MeetingDocument], *, through: date | None = None, lang: str | None = None
) -> list[Problem]:
    """Return the warnings (V10, V11, V13) about a history of one cell's meetings.

    ``meetings``: the year's minutes (or meetings, or other documents of them), in any order;
    ``through``: the last day covered (default: the last meeting's month); ``lang``: ``vi`` or
    ``en`` (default: ``CHIBO_DOCS_LANG``, else Vietnamese). Each problem names the members by
    full name and id, and the months ("tháng 3/2021"); its ``values`` hold them for programs.
    """
    chosen: Language = resolve_language(lang)
    return [violation_problem(v, None, chosen) for v in history_violations(meetings, through=through)]
