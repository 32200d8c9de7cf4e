"""Organisations and people: the issuing body (tổ chức đảng), the chi bộ and its members."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Final

from pydantic import AfterValidator, Field, ValidatorFunctionWrapHandler, WrapValidator

from chibo_docs.models.base import Checked, Id, Line, Model
from chibo_docs.models.rulesets import RULE_SETS, RuleSet, RuleSetId
from chibo_docs.models.value_errors import value_error

__all__ = [
    "SYMBOL_PATTERN",
    "Cell",
    "CellRole",
    "Guest",
    "Issuer",
    "IssuerKind",
    "Member",
    "MemberStatus",
    "Organisation",
    "Transfer",
]

SYMBOL_PATTERN: Final = r"^[A-ZĐ][A-Za-zĐđ]*(-[A-ZĐ][A-Za-zĐđ]*)*$"
"""What an issuer's symbol may be: letters, from a capital, parts joined by '-' (CB, ĐUK)."""

Symbol = Annotated[
    str,
    Field(
        pattern=SYMBOL_PATTERN,
        description="Ký hiệu cơ quan ban hành — issuer abbreviation in document numbers: CB, ĐU, ĐUK",
    ),
]


def _capitals(value: str) -> str:
    if value != value.upper():
        raise value_error("not_capitals", capitals=value.upper())
    return value


HeaderLine = Annotated[Line, AfterValidator(_capitals)]
"""A header line of the header block: one line, in capitals (``CHI BỘ TRUNG TÂM …``)."""


class IssuerKind(StrEnum):
    """Loại tổ chức ban hành — kind of issuing body."""

    CELL = "chi_bo"
    """Chi bộ."""
    COMMITTEE = "dang_uy"
    """Đảng ủy (its Ban Thường vụ may issue and sign for it)."""


class Organisation(Checked):
    """Tổ chức đảng ban hành văn bản — the issuing Party organisation (header block)."""

    kind: IssuerKind = Field(
        default=IssuerKind.CELL, description="Loại tổ chức — chi bộ or đảng ủy"
    )
    name: Line = Field(
        description="Tên tổ chức — name in running text, e.g. 'Chi bộ Trung tâm Kỹ thuật Tài nguyên'"
    )
    upper_header_line: HeaderLine | None = Field(
        default=None,
        description="Tên cơ quan cấp trên — upper body's header line, e.g. 'ĐẢNG BỘ SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG'",
    )
    header_line: HeaderLine = Field(
        description="Tên cơ quan ban hành — issuer's own header line, e.g. 'CHI BỘ TRUNG TÂM KỸ THUẬT TÀI NGUYÊN'"
    )
    symbol: Symbol = "CB"
    place_name: Line = Field(description="Địa danh — place name on the date line, e.g. 'Lai Châu'")
    rule_set: RuleSetId = Field(
        default="HD42-2025",
        description="Bộ quy tắc — the guidance whose thresholds apply: 'HD12-2018' or 'HD42-2025'",
    )

    @property
    def rules(self) -> RuleSet:
        """The rule set named by ``rule_set``."""
        return RULE_SETS[self.rule_set]


class MemberStatus(StrEnum):
    """Đảng viên chính thức / dự bị — membership status."""

    OFFICIAL = "chinh_thuc"
    """Đảng viên chính thức."""
    PROBATIONARY = "du_bi"
    """Đảng viên dự bị: may attend and speak, may not vote (Điều lệ Điều 3)."""


class CellRole(StrEnum):
    """Chức vụ trong chi bộ — role in the cell."""

    SECRETARY = "bi_thu"
    """Bí thư."""
    DEPUTY_SECRETARY = "pho_bi_thu"
    """Phó bí thư."""
    COMMITTEE_MEMBER = "chi_uy_vien"
    """Chi ủy viên."""
    MEMBER = "dang_vien"
    """Đảng viên."""


class Transfer(StrEnum):
    """Sinh hoạt tạm thời — temporary transfer of party activity."""

    NONE = "khong"
    """Sinh hoạt tại chi bộ (no temporary transfer)."""
    SENT_AWAY = "di"
    """Giới thiệu sinh hoạt tạm thời đi nơi khác: not convened, not in the vote base."""
    HOSTED = "den"
    """Sinh hoạt tạm thời tại chi bộ (from elsewhere): attends; does not vote by default."""


_ROLE_NAMES = {
    CellRole.SECRETARY: "Bí thư",
    CellRole.DEPUTY_SECRETARY: "Phó Bí thư",
    CellRole.COMMITTEE_MEMBER: "Chi ủy viên",
    CellRole.MEMBER: "Đảng viên",
}


class Member(Model):
    """Đảng viên — a member of the cell."""

    id: Id = Field(description="Mã — identifier used elsewhere in the data, e.g. 'm01'")
    full_name: Line = Field(description="Họ và tên — full name")
    status: MemberStatus = Field(
        default=MemberStatus.OFFICIAL, description="Chính thức / dự bị — official or probationary"
    )
    role: CellRole = Field(
        default=CellRole.MEMBER,
        description="Chức vụ đảng — bí thư, phó bí thư, chi ủy viên or đảng viên",
    )
    position: Line | None = Field(
        default=None,
        description="Chức vụ công tác — job title outside the party, e.g. 'Giám đốc Trung tâm'",
    )
    exempt: bool = Field(
        default=False,
        description="Miễn công tác và sinh hoạt đảng — exempt from party work and activities",
    )
    transfer: Transfer = Field(
        default=Transfer.NONE, description="Sinh hoạt tạm thời — temporary transfer in or out"
    )
    suspended: bool = Field(
        default=False,
        description="Đình chỉ sinh hoạt — suspended, or prosecuted, indicted or in custody",
    )

    @property
    def role_name(self) -> str:
        """The party role in words: 'Bí thư', 'Phó Bí thư', 'Chi ủy viên', 'Đảng viên'."""
        return _ROLE_NAMES[self.role]

    @property
    def is_official(self) -> bool:
        """Whether the member is an official (chính thức) member."""
        return self.status is MemberStatus.OFFICIAL

    @property
    def is_leader(self) -> bool:
        """Whether the member is bí thư, phó bí thư or chi ủy viên."""
        return self.role is not CellRole.MEMBER


class Guest(Model):
    """Đại biểu, khách mời — a guest, usually a delegate of the upper committee (đại biểu cấp trên)."""

    id: Id = Field(description="Mã — identifier used elsewhere in the data, e.g. 'g1'")
    full_name: Line = Field(description="Họ và tên — full name")
    position: Line | None = Field(
        default=None,
        description="Chức vụ — title, e.g. 'Phó Bí thư Đảng ủy Sở Tài nguyên và Môi trường'",
    )
    role: Line = Field(
        default="dự và chỉ đạo", description="Vai trò — why the guest attends, e.g. 'dự và chỉ đạo'"
    )


class Cell(Organisation):
    """Chi bộ — the party cell holding the meeting, with its members."""

    members: list[Member] = Field(
        min_length=1, description="Danh sách đảng viên — every member of the cell"
    )
    founded_on: date | None = Field(
        default=None,
        description="Ngày thành lập chi bộ — founding date; no meeting or document of the cell "
        "is dated before it, and a history of meetings expects none before it",
    )

    @property
    def member_by_id(self) -> dict[str, Member]:
        """Members keyed by id."""
        return {m.id: m for m in self.members}

    @property
    def official_members(self) -> list[Member]:
        """Official members of this cell (not those hosted from elsewhere)."""
        return [m for m in self.members if m.is_official and m.transfer is not Transfer.HOSTED]

    @property
    def probationary_members(self) -> list[Member]:
        """Probationary (dự bị) members."""
        return [m for m in self.members if not m.is_official]

    @property
    def exempt_members(self) -> list[Member]:
        """Members exempt from party work and activities (miễn sinh hoạt)."""
        return [m for m in self.members if m.exempt]

    @property
    def sent_away_members(self) -> list[Member]:
        """Members sent to another organisation for temporary activity (SHT đi)."""
        return [m for m in self.members if m.transfer is Transfer.SENT_AWAY]

    @property
    def hosted_members(self) -> list[Member]:
        """Members from elsewhere in temporary activity here (SHT đến)."""
        return [m for m in self.members if m.transfer is Transfer.HOSTED]

    @property
    def official_count(self) -> int:
        """Number of official members."""
        return len(self.official_members)

    @property
    def has_committee(self) -> bool:
        """Whether the cell elects a chi ủy (at least 9 official members, Điều lệ Điều 24.4)."""
        return self.official_count >= self.rules.committee_min_official

    @property
    def secretary(self) -> Member | None:
        """The bí thư, if the data names one."""
        return next((m for m in self.members if m.role is CellRole.SECRETARY), None)

    @property
    def deputy_secretaries(self) -> list[Member]:
        """The phó bí thư(s)."""
        return [m for m in self.members if m.role is CellRole.DEPUTY_SECRETARY]


def _organisation_or_cell(value: Any, handler: ValidatorFunctionWrapHandler) -> Organisation:
    """Validate a Cell, or a cell's data (it has ``members``), as a Cell; the rest as usual.

    A Cell is an Organisation, so wherever an organisation is asked for a cell must do; an
    Organisation alone would refuse a cell's ``members`` as an unknown field.
    """
    if isinstance(value, Cell) or (isinstance(value, Mapping) and "members" in value):
        return Cell.model_validate(value)
    organisation: Organisation = handler(value)
    return organisation


Issuer = Annotated[
    Organisation,
    WrapValidator(_organisation_or_cell, json_schema_input_type=Cell | Organisation),
]
"""An issuing organisation: an :class:`Organisation`, or a :class:`Cell`, which stays a Cell.

>>> from pydantic import TypeAdapter
>>> org = {"name": "Chi bộ Thôn 1", "header_line": "CHI BỘ THÔN 1", "place_name": "Tiên Phong"}
>>> type(TypeAdapter(Issuer).validate_python(org)).__name__
'Organisation'
>>> type(TypeAdapter(Issuer).validate_python({**org, "members": [{"id": "a", "full_name": "A"}]})).__name__
'Cell'
"""
