"""The glossary as data: the Vietnamese term of every model, field and choice, found by path.

Every model and field describes itself as ``"Vietnamese term — English meaning"`` (its
docstring's first line, its ``Field(description=…)``). :func:`term_of` finds the term of the
field at a path of a document's data, so messages name a field the way a cell secretary knows
it ("Số đồng chí tán thành") beside the path a programmer reads
(``adoption_vote.approve``). :data:`CHOICES` gives every value of every enumeration its label in
both languages, for messages and for the forms built from the JSON Schema.

>>> from chibo_docs.models import Resolution
>>> term = term_of(Resolution, ("adoption_vote", "approve"))
>>> term.vi, term.en, term.name
('Số đồng chí tán thành', 'members approving', 'approve')
>>> term_of(Resolution, ("meeting", "attendance", 8, "reason")).vi
'Lý do vắng'
>>> term_of(Resolution, ("meeting", "attendance", 8)).vi
'Điểm danh'
>>> label(MeetingKind.THEMATIC, "vi"), label(MeetingKind.THEMATIC, "en")
('Chuyên đề', 'thematic')
"""

from __future__ import annotations

import functools
import types
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, Final, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from chibo_docs.i18n import Language, Message, resolve_language
from chibo_docs.models.organisation import CellRole, IssuerKind, MemberStatus, Transfer
from chibo_docs.models.proceedings import AttendanceStatus, ContentKind, MeetingKind, OpinionKind
from chibo_docs.models.references import DocType, OnBehalf, SignerTitle
from chibo_docs.models.rulesets import RULE_SETS
from chibo_docs.models.vote import VoteMethod, VoteThreshold
from chibo_docs.quality.framework import Rating

__all__ = [
    "CHOICES",
    "LITERAL_LABELS",
    "Label",
    "Term",
    "choices_at",
    "label",
    "literal_values",
    "model_term",
    "split_description",
    "term_of",
]

SEPARATOR: Final = " — "
"""What separates the Vietnamese term from the English meaning in a description."""


@dataclass(frozen=True)
class Term:
    """A field's or a model's name for people: Vietnamese term, English meaning, identifier."""

    vi: str
    en: str
    name: str

    def text(self, lang: Language) -> str:
        """The term in ``lang``: the Vietnamese term, or the identifier in English."""
        return self.vi if lang == "vi" else self.name


def split_description(description: str | None) -> tuple[str, str] | None:
    """Split ``"Số tán thành — approving"`` into its Vietnamese and English parts.

    >>> split_description("Lý do vắng — reason for absence")
    ('Lý do vắng', 'reason for absence')
    """
    if not description or SEPARATOR not in description:
        return None
    vi, _, en = description.partition(SEPARATOR)
    return vi.strip(), en.strip()


def model_term(model: type[BaseModel]) -> Term | None:
    """The term of a model, from the first line of its docstring."""
    first = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
    found = split_description(first)
    return None if found is None else Term(found[0], found[1].rstrip("."), model.__name__)


def _field_term(name: str, info: FieldInfo) -> Term | None:
    """A field's term: its description's Vietnamese part, or (a model of a form's author, who
    may describe a field in one language only) the whole description."""
    found = split_description(info.description)
    if found is not None:
        return Term(found[0], found[1], name)
    text = (info.description or "").strip()
    return Term(text, text, name) if text and "\n" not in text and len(text) <= 80 else None


def _arms(annotation: Any) -> Iterator[Any]:
    """The types ``annotation`` may hold: Annotated and unions unwrapped."""
    origin = get_origin(annotation)
    if origin is Annotated:
        yield from _arms(get_args(annotation)[0])
    elif origin is Union or origin is types.UnionType:
        for arm in get_args(annotation):
            yield from _arms(arm)
    elif annotation is not type(None):
        yield annotation


def _models_with(model: type[BaseModel], name: str) -> type[BaseModel] | None:
    """``model`` if it has the field ``name``, else its nearest subclass that has it (a Cell for
    an Organisation's ``members``)."""
    if name in model.model_fields:
        return model
    for sub in model.__subclasses__():
        found = _models_with(sub, name)
        if found is not None:
            return found
    return None


def _step(annotation: Any, part: str | int) -> tuple[Any, FieldInfo | None, str | None] | None:
    """Follow one part of a path from a value of type ``annotation``."""
    for arm in _arms(annotation):
        origin = get_origin(arm)
        if isinstance(part, int) and origin in (list, tuple, Sequence):
            args = get_args(arm)
            return (args[0] if args else Any), None, None
        if isinstance(part, str) and isinstance(arm, type) and issubclass(arm, BaseModel):
            owner = _models_with(arm, part)
            if owner is not None:
                info = owner.model_fields[part]
                return info.annotation, info, part
    return None


def _model_of(annotation: Any) -> type[BaseModel] | None:
    for arm in _arms(annotation):
        if isinstance(arm, type) and issubclass(arm, BaseModel):
            return arm
    return None


@functools.lru_cache(maxsize=4096)
def _term_of(model: type[BaseModel], path: tuple[str | int, ...]) -> Term | None:
    annotation: Any = model
    term = model_term(model)
    for part in path:
        step = _step(annotation, part)
        if step is None:  # a key the model does not have names no field; an item, its list's
            return None if isinstance(part, str) else term
        annotation, info, name = step
        if info is not None and name is not None:
            term = _field_term(name, info) or term
        else:  # an item of a list: its model's term, else the list's
            item_model = _model_of(annotation)
            if item_model is not None:
                term = model_term(item_model) or term
    return term


def term_of(model: type[BaseModel], path: Sequence[str | int]) -> Term | None:
    """Return the term of the value at ``path`` in data of ``model`` (the nearest one named).

    The model's own term for an empty path; for a list item, the term of the item's model.
    ``None`` when neither the model nor a field on the path has a term.
    """
    return _term_of(model, tuple(path))


def choices_at(model: type[BaseModel], path: Sequence[str | int]) -> tuple[type[Enum] | None, tuple[str, ...]]:
    """The choices of the field at ``path``: its enumeration and values, or a literal's values.

    >>> from chibo_docs.models import Minutes
    >>> choices_at(Minutes, ("meeting", "kind"))
    (<enum 'MeetingKind'>, ('thuong_ky', 'chuyen_de', 'thuong_ky_ket_hop_chuyen_de'))
    """
    annotation: Any = model
    for part in path:
        step = _step(annotation, part)
        if step is None:
            return None, ()
        annotation = step[0]
    for arm in _arms(annotation):
        if isinstance(arm, type) and issubclass(arm, Enum):
            return arm, tuple(str(member.value) for member in arm)
        values = literal_values(arm)
        if values:
            return None, tuple(str(v) for v in values)
    return None, ()


CHOICES: Final[Mapping[type[Enum], Mapping[str, tuple[str, str]]]] = {
    IssuerKind: {"chi_bo": ("Chi bộ", "party cell"), "dang_uy": ("Đảng ủy", "party committee")},
    MemberStatus: {
        "chinh_thuc": ("Đảng viên chính thức", "official member"),
        "du_bi": ("Đảng viên dự bị", "probationary member"),
    },
    CellRole: {
        "bi_thu": ("Bí thư", "secretary"),
        "pho_bi_thu": ("Phó Bí thư", "deputy secretary"),
        "chi_uy_vien": ("Chi ủy viên", "member of the cell committee"),
        "dang_vien": ("Đảng viên", "member"),
    },
    Transfer: {
        "khong": ("Sinh hoạt tại chi bộ", "no temporary transfer"),
        "di": ("Sinh hoạt tạm thời nơi khác (SHT đi)", "sent elsewhere for temporary activity"),
        "den": ("Sinh hoạt tạm thời tại chi bộ (SHT đến)", "in temporary activity here"),
    },
    MeetingKind: {
        "thuong_ky": ("Thường kỳ", "regular (monthly)"),
        "chuyen_de": ("Chuyên đề", "thematic"),
        "thuong_ky_ket_hop_chuyen_de": ("Thường kỳ kết hợp chuyên đề", "regular and thematic in one session"),
    },
    AttendanceStatus: {
        "co_mat": ("Có mặt", "present"),
        "vang_co_ly_do": ("Vắng có lý do", "absent with a reason"),
        "vang_khong_ly_do": ("Vắng không có lý do", "absent without a reason"),
    },
    ContentKind: {
        "khai_mac": ("Khai mạc", "opening"),
        "thoi_su": ("Thông tin thời sự", "news"),
        "pho_bien_van_ban": ("Phổ biến, quán triệt văn bản", "documents presented"),
        "tinh_hinh_tu_tuong": ("Tình hình tư tưởng đảng viên", "members' state of mind"),
        "hoc_tap_lam_theo_bac": ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                                 "following Hồ Chí Minh's thought, morality and style"),
        "nghi_quyet_tw4": ("Thực hiện Nghị quyết Trung ương 4", "the Central Committee's 4th resolution"),
        "danh_gia_thang": ("Đánh giá kết quả tháng", "review of the month"),
        "cam_ket_tu_duong": ("Cam kết tu dưỡng, rèn luyện", "members' commitments"),
        "nhiem_vu_thang_toi": ("Nhiệm vụ tháng tới", "tasks for the next month"),
        "bieu_duong_phe_binh": ("Biểu dương, phê bình", "praise and criticism"),
        "dang_phi": ("Thu nộp đảng phí", "party dues"),
        "ket_nap": ("Kết nạp đảng viên", "admission of a member"),
        "chuyen_chinh_thuc": ("Công nhận đảng viên chính thức", "confirmation as an official member"),
        "chuyen_de": ("Sinh hoạt chuyên đề", "thematic topic"),
        "cham_diem": ("Chấm điểm chất lượng sinh hoạt", "scoring the meeting's quality"),
        "khac": ("Nội dung khác", "other"),
    },
    OpinionKind: {
        "y_kien": ("Ý kiến thảo luận", "opinion"),
        "chi_dao": ("Phát biểu chỉ đạo", "direction from the upper level"),
        "giai_trinh": ("Tiếp thu, giải trình", "response of the chair"),
    },
    VoteMethod: {
        "gio_tay": ("Giơ tay", "show of hands"),
        "gio_the_dang_vien": ("Giơ thẻ đảng viên", "raised party card"),
        "phieu_kin": ("Bỏ phiếu kín", "secret ballot"),
        "so_tay_dang_vien_dien_tu": ("Trên Sổ tay đảng viên điện tử", "in the electronic party handbook"),
    },
    VoteThreshold: {
        "qua_mot_nua": ("Hơn một nửa", "more than half"),
        "hai_phan_ba": ("Ít nhất hai phần ba", "at least two thirds"),
    },
    OnBehalf: {
        "T/M CHI BỘ": ("Thay mặt chi bộ", "for the cell"),
        "T/M CHI ỦY": ("Thay mặt chi ủy", "for the cell committee"),
        "T/M BAN THƯỜNG VỤ": ("Thay mặt Ban Thường vụ", "for the standing committee"),
        "T/M ĐẢNG ỦY": ("Thay mặt Đảng ủy", "for the party committee"),
    },
    SignerTitle: {"BÍ THƯ": ("Bí thư", "secretary"), "PHÓ BÍ THƯ": ("Phó Bí thư", "deputy secretary")},
    DocType: {
        t.value: (t.type_name, english)
        for t, english in zip(DocType, (
            "resolution", "minutes", "plan", "notice", "report", "decision", "regulation",
            "directive", "conclusion", "rules", "circular", "guidance", "programme", "project",
            "scheme", "submission", "letter", "invitation", "score sheet"), strict=True)
    },
    Rating: {
        "tot": ("Tốt", "good"),
        "kha": ("Khá", "fair"),
        "trung_binh": ("Trung bình", "average"),
        "kem": ("Kém", "poor"),
    },
}
"""Every value of every enumeration with its label: (Vietnamese, English)."""

RULE_SET_LABELS: Final[Mapping[str, tuple[str, str]]] = {
    key: (rule_set.title, rule_set.title) for key, rule_set in RULE_SETS.items()
}
"""The choices of ``rule_set`` (a ``Literal``): the guidance each one follows."""

LITERAL_LABELS: Final[Mapping[str, tuple[str, str]]] = {
    "minutes": ("Biên bản", "minutes"),
    "resolution": ("Nghị quyết", "resolution"),
    "plan": ("Kế hoạch", "plan"),
    "invitation": ("Giấy mời", "invitation"),
    "scorecard": ("Phiếu chấm điểm chất lượng sinh hoạt chi bộ", "score sheet of a meeting"),
    "monthly_report": ("Báo cáo kết quả sinh hoạt chi bộ tháng", "monthly report of the meetings"),
    "quality_report": ("Báo cáo đánh giá chất lượng sinh hoạt chi bộ", "report on the meetings' quality"),
    "lessons_notice": ("Thông báo rút kinh nghiệm", "lessons-learned notice"),
    **RULE_SET_LABELS,
}
"""Labels of the values of ``Literal`` fields: the kinds of document, the rule sets."""


def label(value: Enum | str, lang: Language, kind: type[Enum] | None = None) -> str:
    """The label of a choice in ``lang``: an enumeration's member, or a literal's value.

    ``kind`` names the enumeration when ``value`` is its plain value (as in a JSON Schema).
    """
    enum = kind if kind is not None else type(value) if isinstance(value, Enum) else None
    key = value.value if isinstance(value, Enum) else value
    found = CHOICES.get(enum, {}).get(key) if enum is not None else LITERAL_LABELS.get(key)
    if found is None:
        return str(key)
    return found[0] if lang == "vi" else found[1]


def literal_values(annotation: Any) -> tuple[Any, ...]:
    """The values a ``Literal`` annotation allows (empty for anything else)."""
    return get_args(annotation) if get_origin(annotation) is Literal else ()


@dataclass(frozen=True)
class Label(Message):
    """A choice named in a message: its label in the language the message is shown in.

    ``with_value`` shows the value too, as written in the data: ``chuyen_de (Chuyên đề)``.

    >>> Label("", {}, "chuyen_de", MeetingKind, True).text("vi")
    'chuyen_de (Chuyên đề)'
    >>> Label("", {}, "minutes").text("vi"), Label("", {}, "minutes").text("en")
    ('Biên bản', 'minutes')
    """

    choice: str = ""
    kind: type[Enum] | None = None
    with_value: bool = False

    def text(self, lang: Language | None = None) -> str:
        """The label in ``lang`` (default: the language in force)."""
        name = label(self.choice, resolve_language(lang), self.kind)
        if not self.with_value or name == self.choice:
            return name
        return f"{self.choice} ({name})"
