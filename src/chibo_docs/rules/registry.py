"""The registry of rules: every rule's id, text, source and messages, in one place.

A check (:mod:`chibo_docs.rules.checks` lists them all) reports a broken rule as a
:class:`Violation`: the rule id, the field path, the key of one of the rule's messages, and the
values the message shows (numbers, names, dates). The message is registered here once, in
English with named placeholders (the msgid of the message catalog, :mod:`chibo_docs.i18n`), and
filled in with those values in the reader's language when it is shown, so every number it
shows stays available as data.

A message's severity says what happens: ``error`` refuses the data; ``warning`` and ``info``
are reported by :func:`chibo_docs.check` and ``chibo-docs validate``. A rule's level in the
docs (``E``, ``W``, ``-``) follows from its messages.

>>> v = Violation("V8", "short", ("end",), {"minutes": 60, "minimum": 90, "rule_set": "HD12-2018"})
>>> v.severity, v.where, v.text("en")
('warning', 'end', 'the meeting lasted 60 minutes; at least 90 are expected (HD12-2018)')
>>> v.text("vi")
'Kỳ sinh hoạt chỉ kéo dài 60 phút; cần ít nhất 90 phút (HD12-2018)'
>>> Violation("V5", "no_reason", ("attendance", 8, "reason"),
...           {"member": member("m09", "Nguyễn Văn Long")}).text("vi")
'đồng chí Nguyễn Văn Long (m09) vắng có lý do nhưng chưa ghi lý do; hãy ghi lý do vắng'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from chibo_docs.i18n import N_, Language, Message, translate
from chibo_docs.problems import Severity

__all__ = [
    "PHRASES",
    "RULES",
    "Phrases",
    "Rule",
    "RuleMessage",
    "Violation",
    "member",
    "phrases",
]

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class RuleMessage:
    """One message of a rule: its severity and its text (a msgid with ``{named}`` placeholders).

    ``found`` and ``expected``, when given, are short templates for a finding's found and
    expected values (``"60"``, ``"≥ 90"``); ``hint`` says what to do when the text does not.
    """

    severity: Severity
    text: str
    found: str | None = None
    expected: str | None = None
    hint: str | None = None


@dataclass(frozen=True)
class Rule:
    """One rule: its id, what it says, its source, and its messages by key.

    ``text`` and ``source`` are msgids too: the rule in the reader's language, and its legal
    reference (the same in both languages where it is only a reference).
    """

    id: str
    text: str
    source: str
    messages: Mapping[str, RuleMessage] = field(default_factory=dict)
    party: bool = True
    """False for data-consistency checks (unique ids, one bí thư): errors with an id of their
    own, but not Party rules, so the rule table of docs/data-model.md leaves them out."""

    @property
    def level(self) -> Literal["E", "W", "-"]:
        """``E`` when a message refuses data, ``W`` when it only reports, ``-`` (a definition)."""
        severities = {m.severity for m in self.messages.values()}
        if "error" in severities:
            return "E"
        return "W" if severities else "-"


@dataclass(frozen=True)
class Phrases(Message):
    """Several phrases of a message (members, names), written one after another with ``, ``."""

    items: tuple[Message, ...] = ()

    def text(self, lang: Language | None = None) -> str:
        """Return the phrases in ``lang`` (default: the language in force)."""
        return ", ".join(item.text(lang) for item in self.items)


def phrases(items: Iterable[Message]) -> Phrases:
    """Return ``items`` as one value of a message: written one after another with ``, ``."""
    return Phrases("", {}, tuple(items))


PHRASES: Mapping[str, str] = {
    "member": N_("{name} ({id})"),
    "probationary": N_("{name} ({id}, probationary)"),
    "hosted": N_("{name} ({id}, in temporary activity here)"),
    "candidate": N_("{name} ({id}, considered for admission)"),
    "month": N_("month {month}/{year}"),
    "quarter": N_("quarter {quarter}/{year}"),
    "doc_minutes": N_("the minutes"),
    "doc_resolution": N_("the resolution"),
    "doc_scorecard": N_("the scorecard"),
    "doc_report": N_("the report"),
    "doc_plan": N_("the plan"),
    "doc_invitation": N_("the invitation"),
    "doc_notice": N_("the notice"),
    "doc_other": N_("the document"),
}
"""Parts of messages with a template of their own: a member, a member who may not vote (each
with the values ``name`` and ``id``)."""


def member(member_id: str, full_name: str) -> Message:
    """Return the phrase naming a member in messages: ``đồng chí Nguyễn Văn Long (m09)``.

    >>> member("m09", "Nguyễn Văn Long").text("en")
    'Nguyễn Văn Long (m09)'
    """
    return Message(PHRASES["member"], {"id": member_id, "name": full_name})


def phrase(key: str, **values: object) -> Message:
    """Return the phrase ``PHRASES[key]`` filled with ``values``, translated when shown."""
    return Message(PHRASES[key], values)


@dataclass(frozen=True)
class Violation:
    """A broken rule: which rule and message, where (field path), and the values shown."""

    rule: str
    key: str
    path: Path
    values: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.key not in RULES[self.rule].messages:
            raise KeyError(f"rule {self.rule} has no message {self.key!r}")

    @property
    def message_def(self) -> RuleMessage:
        """The registered message."""
        return RULES[self.rule].messages[self.key]

    @property
    def severity(self) -> Severity:
        """``error`` (the data is refused), ``warning`` or ``info``."""
        return self.message_def.severity

    def text(self, lang: Language | None = None) -> str:
        """The message in ``lang`` (default: the language in force), filled in with the values."""
        return translate(self.message_def.text, self.values, lang)

    @property
    def message(self) -> str:
        """The message in the language in force."""
        return self.text()

    def hint(self, lang: Language | None = None) -> str | None:
        """What to do, in ``lang``, when the message has a hint of its own."""
        template = self.message_def.hint
        return None if template is None else translate(template, self.values, lang)

    def found(self, lang: Language | None = None) -> str | None:
        """The value found, in words, when the message says one."""
        template = self.message_def.found
        return None if template is None else translate(template, self.values, lang)

    def expected(self, lang: Language | None = None) -> str | None:
        """The value expected, in words, when the message says one."""
        template = self.message_def.expected
        return None if template is None else translate(template, self.values, lang)

    def source(self, lang: Language | None = None) -> str:
        """The rule's source, in ``lang``."""
        return translate(RULES[self.rule].source, {}, lang)

    @property
    def where(self) -> str:
        """The field path as text: ``attendance.8.reason``."""
        return ".".join(str(part) for part in self.path)

    def within(self, *prefix: str | int) -> Violation:
        """Return this violation with its path below ``prefix`` (e.g. ``("meeting",)``)."""
        return Violation(self.rule, self.key, (*prefix, *self.path), self.values)


def _error(text: str, hint: str | None = None) -> RuleMessage:
    return RuleMessage("error", text, hint=hint)


def _warning(text: str, found: str | None = None, expected: str | None = None) -> RuleMessage:
    return RuleMessage("warning", text, found, expected)


def _info(text: str) -> RuleMessage:
    return RuleMessage("info", text)


RULES: Mapping[str, Rule] = {
    r.id: r
    for r in (
        Rule("V1", N_("vote base (eligible_base) = official members of the cell, minus those sent away (SHT đi), minus exempt members who are absent, minus suspended members, minus members hosted here (SHT đến) unless the rule set lets them vote, minus (if the rule set says so) official members absent with a reason"), N_("QĐ 24-QĐ/TW 9.3.2; Quy chế bầu cử Điều 32 khoản 2")),
        Rule("V2", N_("a resolution is adopted only if more than half of the vote base approve; a failed vote is recorded in minutes (reported as info) but refused as a resolution's adoption vote"), N_("Điều lệ Đảng, Điều 9 khoản 5"), {
            "not_adopted": _error(N_("the resolution is not adopted: {approve} of {base} members approve, at least {required} are needed (more than half of the official members)"),
                                  hint=N_("check the count; a vote that did not pass is recorded in the minutes, and no resolution is issued")),
            "failed_vote": _info(N_("the vote on '{subject}' did not pass: {approve} of {base} members approve, at least {required} were needed (more than half of the official members); the minutes record it as not adopted")),
        }),
        Rule("V3", N_("admission (kết nạp) and confirmation (chuyển chính thức) need at least two thirds of the vote base, whatever threshold is typed; each vote names its agenda item and its one candidate, and each person is voted on once"), N_("Điều lệ Đảng, Điều 4 khoản 3 và Điều 5"), {
            "not_adopted": _error(N_("the resolution is not adopted: {approve} of {base} members approve, at least {required} are needed (at least two thirds of the official members)"),
                                  hint=N_("check the count; a vote that did not pass is recorded in the minutes, and no resolution is issued")),
            "failed_vote": _info(N_("the vote on '{subject}' did not pass: {approve} of {base} members approve, at least {required} were needed (at least two thirds of the official members); the minutes record it as not adopted")),
            "failed_candidate_vote": _warning(N_("the vote on {candidate} ('{subject}') did not pass: {approve} of {base} members approve, at least {required} are needed (at least two thirds of the official members); the minutes record that the chi bộ did not approve"), found="{approve}/{base}", expected="≥ {required}"),
            "threshold_too_low": _error(N_("agenda item {item} ('{title}') is an admission or a confirmation, which needs at least two thirds of the official members; the vote says more than half: remove 'threshold' or write hai_phan_ba")),
            "no_candidate": _error(N_("the vote on agenda item {item} ('{title}') names no candidate; the chi bộ votes on each person separately: give 'candidate', one vote per person")),
            "candidate_without_item": _error(N_("the vote names the candidate '{candidate_id}' but is not on an admission or confirmation item; give 'agenda_item', the number of that item")),
            "admitting_a_member": _error(N_("agenda item {item} ('{title}') admits {candidate}, who is already a member of the cell; an admission vote names a person of meeting.candidates")),
            "unknown_admission_candidate": _error(N_("the candidate '{candidate_id}' of agenda item {item} ('{title}') is not in meeting.candidates; add the person (id, full_name) there or correct the id")),
            "unknown_confirmation_candidate": _error(N_("the candidate '{candidate_id}' of agenda item {item} ('{title}') is not a member of the cell; a confirmation names a probationary member's id")),
            "confirming_an_official_member": _error(N_("agenda item {item} ('{title}') confirms {candidate}, who is already an official member; a confirmation names a probationary member")),
            "voted_twice": _error(N_("{candidate} is voted on twice in agenda item {item} ('{title}'), also in votes.{first}; each person is voted on once")),
        }),
        Rule("V4", N_("approve + disapprove + abstain ≤ members present who may vote (no probationary members, guests, or hosted members unless the rule set allows); a stated eligible count must match the derived one"), N_("Điều lệ Đảng, Điều 3"), {
            "eligible_differs": _error(N_("the vote states {stated} members with the right to vote, but the meeting gives {base} (rule V1); remove 'eligible' or correct the attendance")),
            "too_many_votes": _error(N_("{cast} votes are counted ({approve} approve + {disapprove} disapprove + {abstain} abstain), but only {voters} members present may vote; correct the counts")),
            "too_many_votes_others_present": _error(N_("{cast} votes are counted ({approve} approve + {disapprove} disapprove + {abstain} abstain), but only {voters} members present may vote; present without a vote: {others}; correct the counts")),
        }),
        Rule("V5", N_("attendance lists every convened member exactly once (present + absent = convened); an excused absence has a reason (exempt members excepted)"), N_("HD 12-HD/BTCTW II.1.2 (opening of the meeting); minutes forms"), {
            "unknown_member": _error(N_("'{member_id}' is not a member of the cell; add the member to cell.members or correct the id")),
            "listed_twice": _error(N_("member {member} is listed twice (also at attendance.{first}); list each member once")),
            "sent_away": _error(N_("member {member} is sent away for temporary activity (SHT đi) and not convened; remove the entry from attendance")),
            "suspended": _error(N_("member {member} is suspended and not convened; remove the entry from attendance")),
            "no_reason": _error(N_("member {member} is absent with a reason, but no reason is given; add the reason")),
            "not_all_listed": _error(N_("present + absent must equal the members convened: {present} present + {absent} absent = {listed}, but {convened} members are convened; not listed: {missing}")),
        }),
        Rule("V6", N_("chair and secretary are members present at the meeting, and are two different people"), N_("HD 12-HD/BTCTW II.1.2"), {
            "chair_not_a_member": _error(N_("the chair '{person_id}' is not a member of the cell; give the id of a member")),
            "secretary_not_a_member": _error(N_("the secretary '{person_id}' is not a member of the cell; give the id of a member")),
            "chair_absent": _error(N_("the chair, {member}, is not present; the chair attends the meeting")),
            "secretary_absent": _error(N_("the secretary, {member}, is not present; the secretary attends the meeting")),
            "same_person": _error(N_("the chair and the secretary are the same person ('{person_id}'); appoint another secretary")),
        }),
        Rule("V7", N_("the chair is the bí thư, a phó bí thư or a chi ủy viên"), N_("HD 09-HD/BTCTW, HD 12-HD/BTCTW; the meeting programme of Tuy Lộc"), {
            "chair_not_leader": _warning(N_("the chair, {member}, is not the bí thư, a phó bí thư or a chi ủy viên")),
        }),
        Rule("V8", N_("the meeting lasts at least the rule set's minimum (90 minutes; 120 when combined under HD 42)"), N_("HD 12-HD/BTCTW II.3.3; HD 42-HD/BTCTW"), {
            "short": _warning(N_("the meeting lasted {minutes} minutes; at least {minimum} are expected ({rule_set})"), found="{minutes}", expected="≥ {minimum}"),
        }),
        Rule("V9", N_("attendance of non-exempt convened members reaches the rule set's threshold, and nobody is absent without a reason"), N_("HD 12-HD/BTCTW II.3.1"), {
            "attendance_not_above": _warning(N_("attendance of the members convened (exempt members left out): {percent}%; expected: more than {limit}% ({rule_set})"), found="{percent}%", expected="> {limit}%"),
            "attendance_below": _warning(N_("attendance of the members convened (exempt members left out): {percent}%; expected: at least {limit}% ({rule_set})"), found="{percent}%", expected="≥ {limit}%"),
            "absent_without_reason": _warning(N_("member {member} is absent without a reason")),
        }),
        Rule("V10", N_("in a year, no member is absent with a reason from more than the rule set's number of meetings in a row (3); checked over a history of the cell's meetings"), N_("HD 12-HD/BTCTW II.3.1"), {
            "excused_in_a_row": _warning(N_("member {member} was absent with a reason from {count} meetings in a row ({months}); more than {limit} in a row in a year keeps the cell's meetings from being rated good"), found="{count}", expected="≤ {limit}"),
        }),
        Rule("V11", N_("a member who missed meetings without a reason in the rule set's number of months (3) of a year is considered for removal (xóa tên); checked over a history of the cell's meetings"), N_("Điều lệ Đảng, Điều 8 khoản 1"), {
            "unexcused_months": _warning(N_("member {member} missed meetings without a reason in {count} months of {year} ({months}); from {limit} months, the chi bộ considers proposing removal (xóa tên)"), found="{count}", expected="< {limit}"),
        }),
        Rule("V12", N_("a cell has at least 3 official members; 'T/M CHI ỦY' is signed only by a cell with a chi ủy (9+ official members)"), N_("Điều lệ Đảng, Điều 24 khoản 1 và khoản 4"), {
            "few_official_members": _warning(N_("the cell has {official} official members; a chi bộ has at least {minimum}")),
            "no_committee": _warning(N_("signed 'T/M CHI ỦY', but a cell with {official} official members has no chi ủy (from {minimum}); sign 'T/M CHI BỘ'")),
        }),
        Rule("V13", N_("the cell holds one regular meeting a month and a thematic meeting at least once a quarter; a thematic meeting does not replace the regular one; checked over a history of the cell's meetings"), N_("Điều lệ Đảng, Điều 24 khoản 2; HD 12-HD/BTCTW"), {
            "no_regular_meeting": _warning(N_("no regular meeting of the cell is recorded for {month}; the cell meets once a month")),
            "thematic_only": _warning(N_("{month} has only a thematic meeting ({days}); a thematic meeting does not replace the regular one")),
            "several_regular_meetings": _info(N_("{month} has {count} regular meetings ({days}); the cell holds one a month: check that no minutes are given twice")),
            "no_thematic_meeting": _warning(N_("no thematic meeting of the cell is recorded in {quarter}; the cell holds one at least once a quarter")),
            "several_cells": _error(N_("the minutes are of {count} different cells ({cells}); a history is of one cell: give the minutes of one cell")),
            "no_meetings": _info(N_("no minutes were given; nothing to check")),
        }),
        Rule("V14", N_("materials are posted on Sổ tay đảng viên điện tử at least the rule set's number of days before the meeting"), N_("HD 42-HD/BTCTW"), {
            "not_recorded": _info(N_("no record that materials were posted on Sổ tay đảng viên điện tử; {rule_set} asks for them {days} day(s) before the meeting")),
            "late": _warning(N_("materials were posted at {posted}, later than {latest} ({days} day(s) before the meeting)")),
        }),
        Rule("V15", N_("speakers and presenters are members present or guests; assignees are members; opinions and votes name agenda items that exist"), N_("data consistency: the minutes name those who speak, present at the meeting"), {
            "presenter_absent": _error(N_("the presenter, {member}, is not present; only members present and guests present an item")),
            "speaker_absent": _error(N_("the speaker, {member}, is not present; only members present and guests speak")),
            "presenter_unknown": _error(N_("the presenter '{person_id}' is neither a member nor a guest; correct the id")),
            "speaker_unknown": _error(N_("the speaker '{person_id}' is neither a member nor a guest; correct the id")),
            "no_such_agenda_item": _error(N_("agenda item {item} does not exist; the agenda has {items} items")),
            "assignee_not_a_member": _error(N_("'{person_id}' is not a member of the cell; tasks are assigned to members")),
            "confirmer_not_a_guest": _error(N_("'{person_id}' is not a guest of the meeting; the score is confirmed by the upper-level committee member present: add them to guests or correct the id")),
        }),
        Rule("V16", N_("the meeting ends after it starts; a document of the meeting is dated on or after the meeting day; nothing of a cell is dated before it was founded; the period month is the meeting's month or the month before; an event ends after it starts, and its invitation is issued before it"), N_("dates that agree with each other"), {
            "ends_before_start": _error(N_("the meeting ends ({end}) before or when it starts ({start}); correct the start or the end")),
            "period_month": _error(N_("the meeting of {day} cannot be for month {month}/{year}; a monthly meeting is for its own month or the month before")),
            "issued_before_meeting": _error(N_("{document} is dated {issued_on}, before the meeting of {meeting_day}; a document of the meeting is dated on or after the meeting day")),
            "before_founding": _error(N_("the meeting of {day} is before {cell} was founded ({founded_on}); correct the date of the meeting or cell.founded_on")),
            "issued_before_founding": _error(N_("{document} is dated {issued_on}, before {cell} was founded ({founded_on}); correct the date or founded_on")),
            "event_ends_before_start": _error(N_("the event ends at {end}, not after it starts at {start}; give an end after the start, or none")),
            "invitation_after_event": _error(N_("the invitation is dated {issued_on}, after the event of {event_day}; an invitation is issued before the event")),
        }),
        Rule("V21", N_("a regular or combined meeting names its month; a thematic or combined meeting names its topic; a thematic meeting names its quarter"), N_("Điều lệ Đảng, Điều 24 khoản 2; HD 12-HD/BTCTW"), {
            "no_month": _error(N_("a regular meeting names the month it is for; add period_month")),
            "no_topic": _error(N_("a thematic meeting names its topic; add topic")),
            "no_quarter": _error(N_("a thematic meeting names its quarter; add quarter")),
        }),
        Rule("V22", N_("a chi bộ signs 'T/M CHI BỘ' or 'T/M CHI ỦY'; a đảng ủy signs 'T/M BAN THƯỜNG VỤ' or 'T/M ĐẢNG ỦY'; never 'K/T'"), N_("HD 36-HD/VPTW (thể thức đề ký)"), {
            "cell_signs": _error(N_("a chi bộ signs '{allowed}' or '{allowed_too}', not '{on_behalf}'")),
            "committee_signs": _error(N_("a đảng ủy signs '{allowed}' or '{allowed_too}', not '{on_behalf}'")),
        }),
        Rule("V23", N_("the signer of a cell's document holds the title signed under (the bí thư signs 'BÍ THƯ', a phó bí thư 'PHÓ BÍ THƯ')"), N_("HD 36-HD/VPTW (thể thức đề ký)"), {
            "not_the_secretary": _warning(N_("the signer '{name}' is not the cell's bí thư in the member list")),
            "not_a_deputy": _warning(N_("the signer '{name}' is not a phó bí thư of the cell in the member list")),
        }),
        Rule("V24", N_("members in temporary activity here (SHT đến) attended; their right to vote at the host cell is not verified, so they are left out of the vote base"), N_("not verified: no rule on the vote of members in temporary activity was found; the rule set decides"), {
            "hosted_attended": _warning(N_("members in temporary activity here attended ({names}); they are left out of the vote base, as their right to vote here is not verified")),
        }),
        Rule("V25", N_("every row of a plan's schedule says when; a period ends on or after it starts; rows run forwards and do not end before the plan is issued"), N_("dates that agree with each other"), {
            "no_time": _error(N_("row {row} of the schedule says no time; give period (e.g. 2021-04, 2021-Q2) or when")),
            "row_backwards": _error(N_("row {row} of the schedule runs backwards ({period}); give an end on or after the start")),
            "out_of_order": _warning(N_("row {row} of the schedule ({period}) starts on {starts}, before row {previous_row}, which starts on {previous_starts}; put the rows in the order of time")),
            "before_the_plan": _warning(N_("row {row} of the schedule ({period}) ends before the plan is issued ({issued_on}); check the year")),
            "not_a_period": _info(N_("the time of row {row} of the schedule, '{when}', is not a period the order of the schedule can be checked with; give period (e.g. 2021-04, 2021-Q2) to have it checked")),
        }),
        Rule("ID", N_("every member of a cell has an id of its own, and no guest uses a member's id"), N_("data consistency: ids name people elsewhere in the data"), {
            "member_id_twice": _error(N_("member id '{member_id}' is used twice (also at members.{first}); give each member an id of its own")),
            "guest_id_of_member": _error(N_("guest id '{guest_id}' is also a member's id; give the guest another id")),
        }, party=False),
        Rule("ROLE", N_("a cell has at most one bí thư"), N_("data consistency: the signature and chair checks look the bí thư up"), {
            "second_secretary": _error(N_("member {member} is a second bí thư (the first is {first}); a cell has one bí thư, correct the role")),
        }, party=False),
        Rule("TASK", N_("a task names who does it: members, a group, or both"), N_("data consistency: the minutes and the resolution say who does each task"), {
            "nobody": _error(N_("the task names nobody to do it; give assignee_ids, assignee, or both")),
        }, party=False),
        Rule("CITE", N_("a cited document's type is known from its code, or named in 'kind'"), N_("HD 36-HD/VPTW (tên loại văn bản)"), {
            "unknown_type": _error(N_("the abbreviation in '{code}' is not a known document type; give the type's name in 'kind' (e.g. kind: Hướng dẫn)")),
        }, party=False),
    )
}
"""Every rule by id: the Party rules V1… (from meeting-content.md, V21 onwards added here), then
the data-consistency checks ``ID``, ``ROLE``, ``TASK`` and ``CITE``."""

NOT_CHECKED: str = N_("rule {rule} was not checked: it needs {needs}, which has errors")
"""The note (severity ``info``) about a rule that could not be checked on broken data."""
