"""The catalogue of Party rules: id, level, what it says, and its source.

Level ``E`` rules refuse the data (pydantic validation fails); level ``W`` rules are reported
as :class:`~chibo_docs.findings.Finding` objects by :func:`chibo_docs.check`; level ``-``
rules define a derived value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["RULES", "Rule"]


@dataclass(frozen=True)
class Rule:
    """One rule of the catalogue."""

    id: str
    level: Literal["E", "W", "E/W", "-"]
    text: str
    source: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("V1", "-", "vote base (eligible_base) = official members of the cell, minus those sent away (SHT đi), minus exempt members who are absent, minus suspended members, minus members hosted here (SHT đến) unless the rule set lets them vote, minus (if the rule set says so) official members absent with a reason", "QĐ 24-QĐ/TW 9.3.2; Quy chế bầu cử Điều 32 khoản 2"),
        Rule("V2", "E", "a resolution is adopted only if more than half of the vote base approve; a failed vote is recorded in minutes (reported as info) but refused as a resolution's adoption vote", "Điều lệ Đảng Điều 9 khoản 5"),
        Rule("V3", "E", "admission and confirmation need at least two thirds of the vote base", "Điều lệ Đảng Điều 4 khoản 3, Điều 5"),
        Rule("V4", "E", "approve + disapprove + abstain ≤ members present who may vote (no probationary members, guests, or hosted members unless the rule set allows); a stated eligible count must match the derived one", "Điều lệ Đảng Điều 3"),
        Rule("V5", "E", "attendance lists every convened member exactly once (present + absent = convened); an excused absence has a reason (exempt members excepted)", "HD 12-HD/BTCTW II.1.2 (opening step); minutes templates"),
        Rule("V6", "E", "chair and secretary are members present at the meeting, and are two different people", "HD 12-HD/BTCTW II.1.2"),
        Rule("V7", "W", "the chair is the bí thư, a phó bí thư or a chi ủy viên", "HD 09/12-HD/BTCTW; Tuy Lộc programme"),
        Rule("V8", "W", "the meeting lasts at least the rule set's minimum (90 minutes; 120 when combined under HD 42)", "HD 12-HD/BTCTW II.3.3; HD 42-HD/BTCTW"),
        Rule("V9", "W", "attendance of non-exempt convened members reaches the rule set's threshold, and nobody is absent without a reason", "HD 12-HD/BTCTW II.3.1"),
        Rule("V12", "W", "a cell has at least 3 official members; 'T/M CHI ỦY' is signed only by a cell with a chi ủy (9+ official members)", "Điều lệ Đảng Điều 24 khoản 1, 4"),
        Rule("V14", "W", "materials are posted on Sổ tay đảng viên điện tử at least the rule set's number of days before the meeting", "HD 42-HD/BTCTW"),
        Rule("V15", "E", "speakers and presenters are members present or guests; assignees are members", "meeting-content §7"),
        Rule("V16", "E", "the meeting ends after it starts; a resolution is issued on or after the meeting day; the period month is the meeting's month or the month before", "common sense"),
        Rule("V21", "E", "a regular or combined meeting names its month; a thematic or combined meeting names its topic; a thematic meeting names its quarter", "Điều lệ Đảng Điều 24 khoản 2; HD 12-HD/BTCTW"),
        Rule("V22", "E", "a chi bộ signs 'T/M CHI BỘ' or 'T/M CHI ỦY'; a đảng ủy signs 'T/M BAN THƯỜNG VỤ' or 'T/M ĐẢNG ỦY'; never 'K/T'", "HD 36-HD/VPTW (thể thức đề ký)"),
        Rule("V23", "W", "the signer of a cell's document holds the title signed under (the bí thư signs 'BÍ THƯ', a phó bí thư 'PHÓ BÍ THƯ')", "HD 36-HD/VPTW (thể thức đề ký)"),
        Rule("V24", "W", "members in temporary activity here (SHT đến) attended; their right to vote at the host cell is not verified, so they are left out of the vote base", "meeting-content §3.2"),
    )
}
