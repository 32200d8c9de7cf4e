"""Give a document without a number the next one from a register, for the time of a render.

:func:`numbered` reserves the number, yields the numbered copy of the document, then marks
the number used when the block ends well, or voids it (with the error as reason) when the
block raises: a number is never lost silently. The pipeline's ``register=`` argument
(:func:`chibo_docs.render_docx`, :func:`chibo_docs.render_pdf`,
:func:`chibo_docs.make_dossier`) does this for the types in :data:`NUMBERED_TYPES`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

from chibo_docs.i18n import _
from chibo_docs.models.document_bases import DocumentBase
from chibo_docs.models.organisation import Organisation
from chibo_docs.models.references import DocType
from chibo_docs.numbering.register import NumberRegister

__all__ = [
    "NUMBERED_TYPES",
    "Reservation",
    "issuer_key",
    "needs_number",
    "numbered",
    "numbered_by_policy",
    "reserve",
    "reserve_by_policy",
]

D = TypeVar("D", bound=BaseModel)

NUMBERED_TYPES = frozenset(DocType) - {DocType.MINUTES}
"""The types the pipeline's ``register=`` numbers when a document has no number.

HD 36 numbers every type, minutes (BB) included, per issuer and term (format-hd36.md §2.3);
but the minutes of a chi bộ's monthly meeting are commonly left unnumbered, and whether they
carry a ``Số …-BB/CB`` is an open point there. So minutes keep the number their data gives
(or none); call :func:`numbered` on them to number them from a register anyway. Resolutions
and plans always carry a number in their data (a required field): take it from the register
beforehand (``NumberRegister.next``, ``chibo-docs register next``)."""


def issuer_key(issuer: Organisation) -> str:
    """Return the name a register files ``issuer``'s numbers under: its header lines.

    The upper body's header line comes first, so that two cells of the same name under
    different đảng bộ keep separate series.

    >>> from chibo_docs.models import Organisation
    >>> issuer_key(Organisation(name="Chi bộ Thôn 1", header_line="CHI BỘ THÔN 1",
    ...            upper_header_line="ĐẢNG BỘ XÃ TIÊN PHONG", place_name="Tiên Phong"))
    'ĐẢNG BỘ XÃ TIÊN PHONG / CHI BỘ THÔN 1'
    """
    upper = issuer.upper_header_line
    return f"{upper} / {issuer.header_line}" if upper else issuer.header_line


def needs_number(document: BaseModel) -> bool:
    """Return whether ``document`` has a ``number`` field left empty."""
    return "number" in type(document).model_fields and getattr(document, "number", None) is None


def _reference(document: DocumentBase) -> str:
    """What a number is for, as the register keeps it: type, issue date (26/4/2021), title."""
    doc: Any = document
    title = getattr(doc, "title", None)
    day = document.issue_date
    text = f"{document.type_name}, {day.day}/{day.month}/{day.year}"
    return f"{text}: {title}" if title else text


_REASON_CHARS = 500  # of a void reason kept in the register


def _void_reason(error: BaseException) -> str:
    """The reason a number is voided when its document failed, in the language in force.

    One line (the register lists one number a line), the error's text in the reader's
    language (a :class:`~chibo_docs.errors.ChiboDocsError` follows it), its class for
    programmers, at most 500 characters.

    >>> from chibo_docs.errors import PdfError
    >>> from chibo_docs.i18n import message, using
    >>> error = PdfError(message("nothing to merge: give at least one PDF"))
    >>> _void_reason(error)
    'không ban hành được (PdfError): không có gì để gộp: hãy đưa ít nhất một tệp PDF'
    >>> with using("en"):
    ...     _void_reason(error)
    'not issued (PdfError): nothing to merge: give at least one PDF'
    """
    said = _("not issued ({kind}): {error}", kind=type(error).__name__, error=error)
    return " ".join(said.split())[:_REASON_CHARS]


@dataclass(frozen=True)
class Reservation:
    """A number reserved for a document: settle it with :meth:`use` or :meth:`void`."""

    register: NumberRegister
    issuer: str
    doc_type: str
    year: int | str
    number: int

    def use(self) -> None:
        """Mark the number used: its document was issued."""
        self.register.use(self.issuer, self.doc_type, self.year, self.number)

    def void(self, error: BaseException) -> None:
        """Void the number, giving ``error`` as the reason its document was not issued."""
        self.register.void(self.issuer, self.doc_type, self.year, self.number,
                           reason=_void_reason(error))


def reserve(
    document: D, register: NumberRegister, *, year: int | str | None = None
) -> tuple[D, Reservation | None]:
    """Return ``document`` with the next number reserved for it, and the reservation.

    A document that already has a number (or has no ``number`` field) comes back as it is,
    with no reservation. :func:`numbered` settles the reservation itself.
    """
    if not needs_number(document) or not isinstance(document, DocumentBase):
        return document, None
    key = (issuer_key(document.issuer), document.doc_type.value, year or document.issue_date.year)
    number = register.next(*key, reference=_reference(document))
    return document.model_copy(update={"number": number}), Reservation(register, *key, number)


def reserve_by_policy(
    document: D, register: NumberRegister | None
) -> tuple[D, Reservation | None]:
    """:func:`reserve` for a document of :data:`NUMBERED_TYPES` when there is a ``register``."""
    if register is None or not isinstance(document, DocumentBase):
        return document, None
    if document.doc_type not in NUMBERED_TYPES:
        return document, None
    return reserve(document, register)


@contextlib.contextmanager
def numbered(
    document: D, register: NumberRegister, *, year: int | str | None = None
) -> Iterator[D]:
    """Yield ``document`` with the next number of its issuer, type and ``year``, if it has none.

    ``year`` is the series (default: the year of the document's issue date; give a term label
    such as ``"2025-2030"`` to number per term, as HD 36 says). When the block ends well the
    number is marked used; when it raises, the number is voided with the error as reason and
    the error goes on. A document that already has a number (or has no ``number`` field) is
    yielded as it is, and the register is not touched.

    >>> import tempfile, pathlib
    >>> from chibo_docs import load_data
    >>> from chibo_docs.resources import examples_dir
    >>> register = NumberRegister(pathlib.Path(tempfile.mkdtemp()) / "so.sqlite")
    >>> minutes = load_data(examples_dir() / "bien-ban-2021-04.yaml")
    >>> with numbered(minutes, register) as document:
    ...     document.number_line
    'Số 01-BB/CB'
    >>> [(e.number, e.state) for e in register.entries()]
    [(1, 'used')]
    """
    copy, reservation = reserve(document, register, year=year)
    with _settled(reservation):
        yield copy


@contextlib.contextmanager
def _settled(reservation: Reservation | None) -> Iterator[None]:
    """Use ``reservation`` when the block ends well, void it when the block raises."""
    if reservation is None:
        yield
        return
    try:
        yield
    except BaseException as exc:
        reservation.void(exc)
        raise
    reservation.use()


def numbered_by_policy(
    document: D, register: NumberRegister | None
) -> contextlib.AbstractContextManager[D]:
    """:func:`numbered` for a document of :data:`NUMBERED_TYPES` when there is a ``register``.

    Otherwise (no register, minutes, a document with its number) the document as it is.
    """
    copy, reservation = reserve_by_policy(document, register)
    return _Settling(copy, reservation)


class _Settling(contextlib.AbstractContextManager[Any]):
    def __init__(self, document: Any, reservation: Reservation | None) -> None:
        self.document, self.reservation = document, reservation

    def __enter__(self) -> Any:
        return self.document

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        if self.reservation is None:
            return
        if exc is None:
            self.reservation.use()
        else:
            self.reservation.void(exc)
