"""The registry of rules: every rule's id, text, source and messages, in one place.

A check (:mod:`chibo_docs.rules.checks` lists them all) reports a broken rule as a
:class:`Violation`: the rule id, the field path, the key of one of the rule's messages, and the
values the message shows (numbers, names, dates). The message text comes from the template
registered here, filled in with those values when it is read, so each message is written once
and every number it shows stays available as data.

A message's severity says what happens: ``error`` refuses the data (pydantic validation
fails); ``warning`` and ``info`` are reported by :func:`chibo_docs.check`. A rule's level in
the docs (``E``, ``W``, ``-``) follows from its messages.

>>> v = Violation("V8", "short", ("end",), {"minutes": 60, "minimum": 90, "rule_set": "HD12-2018"})
>>> v.severity, v.where, v.message
('warning', 'end', 'the meeting lasted 60 minutes; at least 90 are expected (HD12-2018)')
>>> Violation("V5", "no_reason", ("attendance", 8, "reason"),
...           {"member": member("m09", "Nguyễn Văn Long")}).message
"member 'm09' (Nguyễn Văn Long) is absent with a reason, but no reason is given; add the reason"
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from chibo_docs.problems import Severity

__all__ = [
    "PHRASES",
    "RULES",
    "Message",
    "Phrase",
    "Phrases",
    "Rule",
    "RuleViolation",
    "Violation",
    "member",
]

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Message:
    """One message of a rule: its severity and its text, with ``{named}`` placeholders.

    ``found`` and ``expected``, when given, are short templates for a finding's found and
    expected values (``"60"``, ``"≥ 90"``).
    """

    severity: Severity
    text: str
    found: str | None = None
    expected: str | None = None


@dataclass(frozen=True)
class Rule:
    """One rule: its id, what it says, its source, and its messages by key."""

    id: str
    text: str
    source: str
    messages: Mapping[str, Message] = field(default_factory=dict)
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
class Phrase:
    """A part of a message with a template of its own (``PHRASES[key]``), e.g. one member."""

    key: str
    values: Mapping[str, object]

    def __str__(self) -> str:
        return _fill(PHRASES[self.key], self.values)


@dataclass(frozen=True)
class Phrases:
    """Several phrases, written one after another with ``, `` between them."""

    items: tuple[Phrase, ...]

    def __str__(self) -> str:
        return ", ".join(str(item) for item in self.items)


def member(member_id: str, full_name: str) -> Phrase:
    """Return the phrase naming a member in messages: ``'m09' (Nguyễn Văn Long)``."""
    return Phrase("member", {"id": member_id, "name": full_name})


def _fill(template: str, values: Mapping[str, object]) -> str:
    shown = {k: str(v) if isinstance(v, Phrase | Phrases) else v for k, v in values.items()}
    return template.format(**shown)


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
    def message_def(self) -> Message:
        """The registered message."""
        return RULES[self.rule].messages[self.key]

    @property
    def severity(self) -> Severity:
        """``error`` (the data is refused), ``warning`` or ``info``."""
        return self.message_def.severity

    @property
    def message(self) -> str:
        """The message, filled in with the values."""
        return _fill(self.message_def.text, self.values)

    @property
    def found(self) -> str | None:
        """The value found, in words, when the message says one."""
        template = self.message_def.found
        return None if template is None else _fill(template, self.values)

    @property
    def expected(self) -> str | None:
        """The value expected, in words, when the message says one."""
        template = self.message_def.expected
        return None if template is None else _fill(template, self.values)

    @property
    def source(self) -> str:
        """The rule's source."""
        return RULES[self.rule].source

    @property
    def where(self) -> str:
        """The field path as text: ``attendance.8.reason``."""
        return ".".join(str(part) for part in self.path)

    def within(self, *prefix: str | int) -> Violation:
        """Return this violation with its path below ``prefix`` (e.g. ``("meeting",)``)."""
        return Violation(self.rule, self.key, (*prefix, *self.path), self.values)


class RuleViolation(ValueError):
    """Broken rules of severity ``error`` found while validating a model.

    Raised inside a model validator, so pydantic reports it as a ``ValidationError`` whose
    error context holds this exception; ``violations`` have paths relative to that model.
    """

    def __init__(self, violations: Iterable[Violation]) -> None:
        self.violations = list(violations)
        lines = [f"[{v.rule}] {v.where}: {v.message}" if v.path else f"[{v.rule}] {v.message}"
                 for v in self.violations]
        super().__init__("\n".join(lines))


PHRASES: Mapping[str, str] = {
    "member": "{id!r} ({name})",
    "name": "{name!r}",
    "probationary": "{member} (probationary)",
    "hosted": "{member} (temporary activity here)",
}
"""Parts of messages with a template of their own (see :class:`Phrase`)."""


def _error(text: str) -> Message:
    return Message("error", text)


def _warning(text: str, found: str | None = None, expected: str | None = None) -> Message:
    return Message("warning", text, found, expected)


def _info(text: str) -> Message:
    return Message("info", text)


RULES: Mapping[str, Rule] = {
    r.id: r
    for r in (
        Rule("V1", "vote base (eligible_base) = official members of the cell, minus those sent away (SHT đi), minus exempt members who are absent, minus suspended members, minus members hosted here (SHT đến) unless the rule set lets them vote, minus (if the rule set says so) official members absent with a reason", "QĐ 24-QĐ/TW 9.3.2; Quy chế bầu cử Điều 32 khoản 2"),
        Rule("V2", "a resolution is adopted only if more than half of the vote base approve; a failed vote is recorded in minutes (reported as info) but refused as a resolution's adoption vote", "Điều lệ Đảng Điều 9 khoản 5", {
            "not_adopted": _error("the resolution is not adopted: more than half is needed: {approve} of {base} eligible approve, at least {required} are needed"),
            "failed_vote": _info("the vote on {subject!r} did not pass (more than half is needed: {approve} of {base} eligible approve, at least {required} are needed); the minutes record it as not adopted"),
        }),
        Rule("V3", "admission and confirmation need at least two thirds of the vote base", "Điều lệ Đảng Điều 4 khoản 3, Điều 5", {
            "not_adopted": _error("the resolution is not adopted: at least two thirds is needed: {approve} of {base} eligible approve, at least {required} are needed"),
            "failed_vote": _info("the vote on {subject!r} did not pass (at least two thirds is needed: {approve} of {base} eligible approve, at least {required} are needed); the minutes record it as not adopted"),
        }),
        Rule("V4", "approve + disapprove + abstain ≤ members present who may vote (no probationary members, guests, or hosted members unless the rule set allows); a stated eligible count must match the derived one", "Điều lệ Đảng Điều 3", {
            "eligible_differs": _error("the vote states {stated} eligible members, but the meeting gives {base} (rule V1); remove 'eligible' or fix the attendance"),
            "too_many_votes": _error("{cast} votes are counted ({approve} approve + {disapprove} disapprove + {abstain} abstain) but only {voters} members present may vote"),
            "too_many_votes_others_present": _error("{cast} votes are counted ({approve} approve + {disapprove} disapprove + {abstain} abstain) but only {voters} members present may vote; present but not voting: {others}"),
        }),
        Rule("V5", "attendance lists every convened member exactly once (present + absent = convened); an excused absence has a reason (exempt members excepted)", "HD 12-HD/BTCTW II.1.2 (opening step); minutes templates", {
            "unknown_member": _error("{member_id!r} is not a member of the cell; add them to cell.members or fix the id"),
            "listed_twice": _error("member {member} is listed twice (also attendance.{first}); list each member once"),
            "sent_away": _error("member {member} is sent away for temporary activity (SHT đi) and not convened; remove them from attendance"),
            "suspended": _error("member {member} is suspended and not convened; remove them from attendance"),
            "no_reason": _error("member {member} is absent with a reason, but no reason is given; add the reason"),
            "not_all_listed": _error("present + absent must equal convened: {present} present + {absent} absent = {listed}, but {convened} members are convened; missing: {missing}"),
        }),
        Rule("V6", "chair and secretary are members present at the meeting, and are two different people", "HD 12-HD/BTCTW II.1.2", {
            "chair_not_a_member": _error("the chair {person_id!r} is not a member of the cell; name a member"),
            "secretary_not_a_member": _error("the secretary {person_id!r} is not a member of the cell; name a member"),
            "chair_absent": _error("the chair {member} is not present; the chair must attend the meeting"),
            "secretary_absent": _error("the secretary {member} is not present; the secretary must attend the meeting"),
            "same_person": _error("the chair and the secretary are the same person ({person_id!r}); appoint another secretary"),
        }),
        Rule("V7", "the chair is the bí thư, a phó bí thư or a chi ủy viên", "HD 09/12-HD/BTCTW; Tuy Lộc programme", {
            "chair_not_leader": _warning("the chair {name!r} is not the bí thư, a phó bí thư or a chi ủy viên"),
        }),
        Rule("V8", "the meeting lasts at least the rule set's minimum (90 minutes; 120 when combined under HD 42)", "HD 12-HD/BTCTW II.3.3; HD 42-HD/BTCTW", {
            "short": _warning("the meeting lasted {minutes} minutes; at least {minimum} are expected ({rule_set})", found="{minutes}", expected="≥ {minimum}"),
        }),
        Rule("V9", "attendance of non-exempt convened members reaches the rule set's threshold, and nobody is absent without a reason", "HD 12-HD/BTCTW II.3.1", {
            "attendance_not_above": _warning("attendance is {percent}% of convened members (exempt members left out); > {limit}% is expected ({rule_set})", found="{percent}%", expected="> {limit}%"),
            "attendance_below": _warning("attendance is {percent}% of convened members (exempt members left out); ≥ {limit}% is expected ({rule_set})", found="{percent}%", expected="≥ {limit}%"),
            "absent_without_reason": _warning("member {name!r} is absent without a reason"),
        }),
        Rule("V12", "a cell has at least 3 official members; 'T/M CHI ỦY' is signed only by a cell with a chi ủy (9+ official members)", "Điều lệ Đảng Điều 24 khoản 1, 4", {
            "few_official_members": _warning("the cell has {official} official members; a chi bộ has at least {minimum}"),
            "no_committee": _warning("signed 'T/M CHI ỦY', but a cell with {official} official members has no chi ủy (from {minimum}); sign 'T/M CHI BỘ'"),
        }),
        Rule("V14", "materials are posted on Sổ tay đảng viên điện tử at least the rule set's number of days before the meeting", "HD 42-HD/BTCTW", {
            "not_recorded": _info("no record that materials were posted on Sổ tay đảng viên điện tử; {rule_set} asks for it {days} day(s) before"),
            "late": _warning("materials were posted at {posted:%d/%m/%Y %H:%M}, later than {latest:%d/%m/%Y %H:%M} ({days} day(s) before the meeting)"),
        }),
        Rule("V15", "speakers and presenters are members present or guests; assignees are members", "meeting-content §7", {
            "presenter_absent": _error("the presenter {member} is not present; only members present or guests can speak"),
            "speaker_absent": _error("the speaker {member} is not present; only members present or guests can speak"),
            "presenter_unknown": _error("the presenter {person_id!r} is neither a member nor a guest; fix the id"),
            "speaker_unknown": _error("the speaker {person_id!r} is neither a member nor a guest; fix the id"),
            "no_such_agenda_item": _error("agenda item {item} does not exist; the agenda has {items} items"),
            "assignee_not_a_member": _error("{person_id!r} is not a member of the cell; tasks are assigned to members"),
        }),
        Rule("V16", "the meeting ends after it starts; a resolution is issued on or after the meeting day; the period month is the meeting's month or the month before", "common sense", {
            "ends_before_start": _error("the meeting ends ({end:%Y-%m-%d %H:%M}) before or when it starts ({start:%Y-%m-%d %H:%M}); fix start or end"),
            "period_month": _error("the meeting of {start:%d/%m/%Y} cannot be for month {month}/{year}; a monthly meeting is for its own month or the month before"),
            "issued_before_meeting": _error("the resolution is dated {issued_on:%d/%m/%Y}, before the meeting of {meeting_day:%d/%m/%Y}; it is issued on or after the meeting"),
        }),
        Rule("V21", "a regular or combined meeting names its month; a thematic or combined meeting names its topic; a thematic meeting names its quarter", "Điều lệ Đảng Điều 24 khoản 2; HD 12-HD/BTCTW", {
            "no_month": _error("a regular meeting names the month it is for; add period_month"),
            "no_topic": _error("a thematic meeting names its topic; add topic"),
            "no_quarter": _error("a thematic meeting names its quarter; add quarter"),
        }),
        Rule("V22", "a chi bộ signs 'T/M CHI BỘ' or 'T/M CHI ỦY'; a đảng ủy signs 'T/M BAN THƯỜNG VỤ' or 'T/M ĐẢNG ỦY'; never 'K/T'", "HD 36-HD/VPTW (thể thức đề ký)", {
            "cell_signs": _error("a chi bộ signs {allowed!r} or {allowed_too!r}, not {on_behalf!r}"),
            "committee_signs": _error("a đảng ủy signs {allowed!r} or {allowed_too!r}, not {on_behalf!r}"),
        }),
        Rule("V23", "the signer of a cell's document holds the title signed under (the bí thư signs 'BÍ THƯ', a phó bí thư 'PHÓ BÍ THƯ')", "HD 36-HD/VPTW (thể thức đề ký)", {
            "not_the_secretary": _warning("the signer {name!r} is not the cell's bí thư in the member list"),
            "not_a_deputy": _warning("the signer {name!r} is not the cell's phó bí thư in the member list"),
        }),
        Rule("V24", "members in temporary activity here (SHT đến) attended; their right to vote at the host cell is not verified, so they are left out of the vote base", "meeting-content §3.2", {
            "hosted_attended": _warning("members in temporary activity here attended ({names}); they are left out of the vote base, as their right to vote here is not verified"),
        }),
        Rule("ID", "every member of a cell has an id of its own, and no guest uses a member's id", "data consistency: ids name people elsewhere in the data", {
            "member_id_twice": _error("member id {member_id!r} is used twice (also members.{first}); give each member its own id"),
            "guest_id_of_member": _error("guest id {guest_id!r} is also a member's id; give the guest another id"),
        }, party=False),
        Rule("ROLE", "a cell has at most one bí thư", "data consistency: the signature and chair checks look the bí thư up", {
            "secretaries": _error("a cell has one bí thư, found {count}: {ids}"),
        }, party=False),
    )
}
"""Every rule by id: the Party rules V1… (from meeting-content.md, V21 onwards added here), then
the data-consistency checks ``ID`` and ``ROLE``."""
