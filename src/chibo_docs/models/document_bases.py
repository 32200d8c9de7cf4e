"""The bases of the documents: what every document has, and where its issuer comes from.

:class:`DocumentBase` gives every document its number line, date line, code and type name
from three things each kind of document says for itself: its issuer, its issue date and its
number. Two kinds say it differently:

- :class:`MeetingDocument` (Minutes, Resolution): the meeting's cell issues it, and it is
  dated on the meeting day unless ``issued_on`` says otherwise;
- :class:`IssuedDocument` (Plan, Invitation): ``issued_by`` issues it on ``issued_on``.

The bases declare the fields each document has (so their order is the same in every document);
a document re-declares a field to describe it in its own words or to make it required.

>>> from chibo_docs.loading.reader import load_data
>>> from chibo_docs.resources import examples_dir
>>> resolution = load_data(examples_dir() / "nghi-quyet-05-2021.yaml")
>>> isinstance(resolution, MeetingDocument), resolution.issuer.symbol, resolution.code
(True, 'CB', '05-NQ/CB')
"""

from __future__ import annotations

from abc import abstractmethod
from datetime import date
from typing import ClassVar

from pydantic import Field

from chibo_docs.formatting.dates import date_line
from chibo_docs.models.base import Checked, PositiveInteger
from chibo_docs.models.meeting import Meeting
from chibo_docs.models.organisation import Issuer, Organisation
from chibo_docs.models.references import DocType, number_line

__all__ = ["DocumentBase", "IssuedDocument", "MeetingDocument"]


class DocumentBase(Checked):
    """Văn bản — what every document has: its type, number line, date line and code."""

    doc_type: ClassVar[DocType]

    document: str = Field(
        description="Loại văn bản — which document: 'minutes', 'resolution', 'plan' or 'invitation'"
    )

    @property
    @abstractmethod
    def issuer(self) -> Organisation:
        """Tổ chức ban hành — the organisation in the header block."""

    @property
    @abstractmethod
    def issue_date(self) -> date:
        """Ngày ban hành — the date on the date line."""

    @property
    @abstractmethod
    def doc_number(self) -> int | None:
        """The document's number, if it has one."""

    @property
    def number_line(self) -> str | None:
        """'Số 05-NQ/CB' (numbers below 10 zero-padded), or None when unnumbered."""
        n = self.doc_number
        return None if n is None else number_line(n, self.doc_type, self.issuer.symbol)

    @property
    def date_line(self) -> str:
        """'Lai Châu, ngày 26 tháng 4 năm 2021': the issuer's place name and the issue date."""
        return date_line(self.issuer.place_name, self.issue_date)

    @property
    def code(self) -> str | None:
        """'05-NQ/CB', the number and symbol without 'Số '."""
        line = self.number_line
        return None if line is None else line.removeprefix("Số ")

    @property
    def type_name(self) -> str:
        """Tên loại: 'Biên bản', 'Nghị quyết', 'Kế hoạch'."""
        return self.doc_type.type_name


class MeetingDocument(DocumentBase):
    """Văn bản của kỳ sinh hoạt — a document of a meeting, issued by the meeting's cell."""

    meeting: Meeting = Field(description="Kỳ sinh hoạt — the meeting")
    number: PositiveInteger | None = Field(default=None, description="Số — number")
    issued_on: date | None = Field(
        default=None, description="Ngày ban hành — issue date; the meeting day when omitted"
    )

    @property
    def issuer(self) -> Organisation:
        """Tổ chức ban hành — the cell of the meeting (header block)."""
        return self.meeting.cell

    @property
    def issue_date(self) -> date:
        """Ngày ban hành — ``issued_on``, else the meeting day."""
        return self.meeting.date if self.issued_on is None else self.issued_on

    @property
    def doc_number(self) -> int | None:
        """The document's ``number``, if it has one."""
        return self.number


class IssuedDocument(DocumentBase):
    """Văn bản của tổ chức — a document issued by the organisation it names (``issued_by``)."""

    issued_by: Issuer = Field(description="Cơ quan ban hành — the issuing organisation or cell")
    number: PositiveInteger | None = Field(default=None, description="Số — number")
    issued_on: date = Field(description="Ngày ban hành — issue date")

    @property
    def issuer(self) -> Organisation:
        """Tổ chức ban hành — ``issued_by`` (header block)."""
        return self.issued_by

    @property
    def issue_date(self) -> date:
        """Ngày ban hành — ``issued_on``."""
        return self.issued_on

    @property
    def doc_number(self) -> int | None:
        """The document's ``number``, if it has one."""
        return self.number
