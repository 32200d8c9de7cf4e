"""The document-number register: consecutive numbers per issuer, document type and year or term.

HD 36-HD/VPTW II.1 (format-hd36.md §2.3): numbers run "liên tục từ số 01 cho mỗi tên loại
văn bản trong một nhiệm kỳ cấp uỷ": from 01, consecutively, per issuer and per document type,
within a committee term. Many cells number by calendar year in practice; the register keeps
one series per ``(issuer, doc_type, year)``, where ``year`` is a year (``2025``) or a term
label (``"2025-2030"``), as the caller chooses.

A number is **reserved** (:meth:`NumberRegister.next`), then **used** (the document was
issued) or **voided** (it was not, with a reason). A voided number stays on record and is
never given again: the gaps of a series are the voided numbers, and :meth:`~NumberRegister.audit`
lists them with their reasons, with the reservations never settled and any hole that is not
on record (which only a hand edit of the file can make).

The register is one SQLite file (the standard library's ``sqlite3``) in WAL mode. Each
number is read and incremented inside one ``BEGIN IMMEDIATE`` transaction, which takes the
file's write lock before reading, so many processes (or machines sharing a local disk) can
number at once without two getting the same number.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> register = NumberRegister(folder / "so-van-ban.sqlite")
>>> register.next("CHI BỘ THÔN 1", "NQ", 2025), register.next("CHI BỘ THÔN 1", "NQ", 2025)
(1, 2)
>>> register.next("CHI BỘ THÔN 1", "GM", 2025)
1
>>> register.void("CHI BỘ THÔN 1", "NQ", 2025, 2, reason="draft withdrawn").state
'voided'
>>> register.next("CHI BỘ THÔN 1", "NQ", 2025)   # 2 is on record as voided, never reused
3
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from chibo_docs.errors import NumberRegisterError
from chibo_docs.i18n import N_, Message, message
from chibo_docs.models.references import DocType
from chibo_docs.problems import Problem

__all__ = ["BUSY_TIMEOUT", "NumberEntry", "NumberRegister", "State"]

BUSY_TIMEOUT = 30.0
"""Seconds a call waits for another process's transaction before :class:`NumberRegisterError`
(``busy``); a numbering transaction holds the lock for about a millisecond."""

State = Literal["reserved", "used", "voided"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS numbers (
    issuer      TEXT    NOT NULL,
    doc_type    TEXT    NOT NULL,
    year        TEXT    NOT NULL,
    number      INTEGER NOT NULL CHECK (number >= 1),
    state       TEXT    NOT NULL CHECK (state IN ('reserved', 'used', 'voided')),
    reference   TEXT,
    reason      TEXT,
    reserved_at TEXT    NOT NULL,
    changed_at  TEXT    NOT NULL,
    PRIMARY KEY (issuer, doc_type, year, number)
) WITHOUT ROWID;
"""
_COLUMNS = "issuer, doc_type, year, number, state, reference, reason, reserved_at, changed_at"
_TERM_MAX = 40  # characters of a term label, e.g. "2025-2030" or "nhiệm kỳ 2025-2030"


@dataclass(frozen=True)
class NumberEntry:
    """One number of the register and what became of it.

    ``reserved_at`` and ``changed_at`` are UTC times (ISO 8601): the audit trail of the number.
    """

    issuer: str
    doc_type: str
    year: str
    number: int
    state: State
    reference: str | None
    reason: str | None
    reserved_at: str
    changed_at: str

    @property
    def series(self) -> str:
        """The series in words, in the language in force: ``'NQ of CHI BỘ THÔN 1, 2025'``."""
        return _series(self.issuer, self.doc_type, self.year).text()

    def to_dict(self) -> dict[str, str | int | None]:
        """Return the entry as a JSON-ready dict."""
        return {name: getattr(self, name) for name in _COLUMNS.split(", ")}


def _series(issuer: str, doc_type: str, year: str) -> Message:
    return message("{doc_type} of {issuer}, {year}", doc_type=doc_type, issuer=issuer, year=year)


_AUDIT: dict[str, tuple[str, str | None]] = {
    "REG1": (N_("number {number} of {series} is missing from the register"),
             N_("numbers are never skipped: find what happened to it and void it with the "
                "reason")),
    "REG2": (N_("number {number} of {series} was reserved at {reserved_at} but neither used "
                "nor voided"),
             N_("mark it used once the document is issued, or void it")),
    "REG3": (N_("number {number} of {series} was voided at {changed_at}: {reason}"), None),
}
"""The audit's findings: message and hint (msgids), by code."""


def _finding(code: str, severity: Literal["error", "warning", "info"], file: str,
             found: str | None = None, **values: object) -> Problem:
    said, hint = _AUDIT[code]
    return Problem(
        code, severity, Message(said, values).text(), values=values, file=file, found=found,
        hint=Message(hint).text() if hint else None, message_en=Message(said, values).text("en"),
        hint_en=hint,
    )


_SQLITE_REASONS: dict[int, str] = {
    sqlite3.SQLITE_CANTOPEN: N_("the file cannot be opened or created there"),
    sqlite3.SQLITE_NOTADB: N_("the file is not an SQLite database"),
    sqlite3.SQLITE_READONLY: N_("the file or its folder is read-only"),
    sqlite3.SQLITE_PERM: N_("this user may not read or write the file"),
    sqlite3.SQLITE_CORRUPT: N_("the file is damaged"),
    sqlite3.SQLITE_FULL: N_("the disk is full"),
    sqlite3.SQLITE_IOERR: N_("the disk could not be read or written"),
}
"""Why SQLite could not open or change the register, by primary result code (sqlite.org/rescode.html)."""


def _reason(exc: sqlite3.Error) -> Message:
    """SQLite's reason in the reader's words; one not listed is quoted as SQLite gives it.

    >>> import sqlite3
    >>> error = sqlite3.DatabaseError("file is not a database")
    >>> error.sqlite_errorcode = sqlite3.SQLITE_NOTADB
    >>> _reason(error).text("vi"), _reason(error).text("en")
    ('tệp không phải là cơ sở dữ liệu SQLite', 'the file is not an SQLite database')
    >>> _reason(sqlite3.OperationalError("no such table: numbers")).text("en")
    "SQLite says: 'no such table: numbers'"
    """
    code = getattr(exc, "sqlite_errorcode", None)
    known = _SQLITE_REASONS.get(code & 0xFF) if isinstance(code, int) else None
    if known is not None:
        return Message(known)
    return message("SQLite says: {reason!r}", reason=str(exc))


def _when(stamp: str) -> datetime | str:
    """A time of the audit trail as a datetime (shown as the reader reads dates), else as kept.

    >>> _when("2026-12-01T18:14:00+00:00")
    datetime.datetime(2026, 12, 1, 18, 14, tzinfo=datetime.timezone.utc)
    >>> _when("hôm qua")
    'hôm qua'
    """
    try:
        return datetime.fromisoformat(stamp)
    except ValueError:  # a hand-edited file: show what it holds
        return stamp


def _now() -> str:
    """The time of a change, for the audit trail (UTC, to the second)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class NumberRegister:
    """A register of document numbers kept in the SQLite file ``path`` (created if missing).

    Safe for many threads and processes at once: each call opens its own connection, and a
    number is read and incremented in one ``BEGIN IMMEDIATE`` transaction.

    Raises:
        NumberRegisterError: the file cannot be opened or created (``open``).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        with self._transaction() as db:
            db.execute(_SCHEMA)

    def __repr__(self) -> str:
        return f"NumberRegister({str(self.path)!r})"

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """Yield a connection inside ``BEGIN IMMEDIATE``: committed on success, else rolled back."""
        try:
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        except sqlite3.Error as exc:
            raise NumberRegisterError("open", path=str(self.path), detail=_reason(exc)) from exc
        try:
            try:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=FULL")  # a given number survives a power cut
                db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._error(exc) from exc
            try:
                yield db
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self._error(exc) from exc
                raise
            try:
                db.execute("COMMIT")
            except sqlite3.Error as exc:
                raise self._error(exc) from exc
        finally:
            db.close()

    def _error(self, exc: sqlite3.Error) -> NumberRegisterError:
        if "locked" in str(exc) or "busy" in str(exc):
            return NumberRegisterError("busy", path=str(self.path), seconds=BUSY_TIMEOUT)
        return NumberRegisterError("open", path=str(self.path), detail=_reason(exc))

    def _key(self, issuer: str, doc_type: str | DocType, year: int | str) -> tuple[str, str, str]:
        """Check and normalise a series key: issuer, document type abbreviation, year or term."""
        path = str(self.path)
        if not isinstance(issuer, str) or not issuer.strip():
            raise NumberRegisterError("issuer", path=path, value=issuer)
        try:
            kind = DocType(doc_type)
        except ValueError:
            choices = ", ".join(t.value for t in DocType)
            raise NumberRegisterError(
                "doc_type", path=path, value=doc_type, choices=choices
            ) from None
        if isinstance(year, bool) or not (
            (isinstance(year, int) and 1900 <= year <= 2999)
            or (isinstance(year, str) and 0 < len(year.strip()) <= _TERM_MAX)
        ):
            raise NumberRegisterError("year", path=path, value=year)
        return " ".join(issuer.split()), kind.value, str(year).strip()

    def next(
        self,
        issuer: str,
        doc_type: str | DocType,
        year: int | str,
        *,
        reference: str | None = None,
    ) -> int:
        """Reserve and return the next number of ``issuer``'s ``doc_type`` in ``year``.

        ``doc_type`` is the type's abbreviation (``"NQ"``, ``"GM"``…, or a
        :class:`~chibo_docs.models.DocType`); ``year`` a year or a term label. The first
        number of a series is 1; each next one is one more than the highest on record, used,
        reserved or voided. ``reference`` notes what the number is for (a title, a file).
        Mark it :meth:`used <use>` once the document is issued, or :meth:`void` it.

        Raises:
            NumberRegisterError: a bad issuer, type or year, or the register is unusable.
        """
        key = self._key(issuer, doc_type, year)
        with self._transaction() as db:
            (number,) = db.execute(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM numbers "
                "WHERE issuer = ? AND doc_type = ? AND year = ?",
                key,
            ).fetchone()
            now = _now()
            db.execute(
                f"INSERT INTO numbers ({_COLUMNS}) VALUES (?, ?, ?, ?, 'reserved', ?, NULL, ?, ?)",
                (*key, number, reference, now, now),
            )
        return int(number)

    def use(
        self,
        issuer: str,
        doc_type: str | DocType,
        year: int | str,
        number: int,
        *,
        reference: str | None = None,
    ) -> NumberEntry:
        """Mark a reserved ``number`` as used (its document was issued); return its entry.

        Using a number twice is refused, and so is a voided number or one never given out.
        ``reference`` replaces the note given when it was reserved.

        Raises:
            NumberRegisterError: the number was never given out (``missing``), is voided
                (``voided``) or already used (``used``).
        """
        return self._change(issuer, doc_type, year, number, "used", reference=reference)

    def void(
        self,
        issuer: str,
        doc_type: str | DocType,
        year: int | str,
        number: int,
        *,
        reason: str,
    ) -> NumberEntry:
        """Void ``number`` (reserved or used) with a ``reason``; it stays on record, never reused.

        Raises:
            NumberRegisterError: no reason (``reason``), the number was never given out
                (``missing``) or is voided already (``voided``).
        """
        if not isinstance(reason, str) or not reason.strip():
            raise NumberRegisterError("reason", path=str(self.path), number=number)
        return self._change(issuer, doc_type, year, number, "voided", reason=reason.strip())

    def _change(
        self,
        issuer: str,
        doc_type: str | DocType,
        year: int | str,
        number: int,
        state: State,
        *,
        reference: str | None = None,
        reason: str | None = None,
    ) -> NumberEntry:
        key = self._key(issuer, doc_type, year)
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise NumberRegisterError("number", path=str(self.path), value=number)
        series = _series(*key)
        with self._transaction() as db:
            row = db.execute(
                f"SELECT {_COLUMNS} FROM numbers "
                "WHERE issuer = ? AND doc_type = ? AND year = ? AND number = ?",
                (*key, number),
            ).fetchone()
            if row is None:
                raise NumberRegisterError(
                    "missing", path=str(self.path), number=number, series=series
                )
            entry = NumberEntry(*row)
            if entry.state == "voided":
                raise NumberRegisterError(
                    "voided", path=str(self.path), number=number, series=series,
                    detail=entry.reason or message("no reason recorded"),
                )
            if state == "used" and entry.state == "used":
                raise NumberRegisterError(
                    "used", path=str(self.path), number=number, series=series,
                    detail=entry.reference or message("no reference recorded"),
                )
            db.execute(
                "UPDATE numbers SET state = ?, reference = COALESCE(?, reference), "
                "reason = ?, changed_at = ? "
                "WHERE issuer = ? AND doc_type = ? AND year = ? AND number = ?",
                (state, reference, reason, _now(), *key, number),
            )
            row = db.execute(
                f"SELECT {_COLUMNS} FROM numbers "
                "WHERE issuer = ? AND doc_type = ? AND year = ? AND number = ?",
                (*key, number),
            ).fetchone()
        return NumberEntry(*row)

    def entries(
        self,
        issuer: str | None = None,
        doc_type: str | DocType | None = None,
        year: int | str | None = None,
    ) -> list[NumberEntry]:
        """Return every number on record, by issuer, type, year and number; filters narrow it.

        Raises:
            NumberRegisterError: a filter is not a valid issuer, type or year.
        """
        where: list[str] = []
        values: list[str] = []
        if issuer is not None:
            where.append("issuer = ?")
            values.append(self._key(issuer, "NQ", 2000)[0])
        if doc_type is not None:
            where.append("doc_type = ?")
            values.append(self._key("x", doc_type, 2000)[1])
        if year is not None:
            where.append("year = ?")
            values.append(self._key("x", "NQ", year)[2])
        query = f"SELECT {_COLUMNS} FROM numbers"
        if where:
            query += " WHERE " + " AND ".join(where)
        query += " ORDER BY issuer, doc_type, year, number"
        with self._transaction() as db:
            rows = db.execute(query, values).fetchall()
        return [NumberEntry(*row) for row in rows]

    def audit(
        self,
        issuer: str | None = None,
        doc_type: str | DocType | None = None,
        year: int | str | None = None,
    ) -> list[Problem]:
        """Return what a reviewer of the register should see, series by series.

        * ``REG1`` (error): a hole, a number below the highest that is not on record (the
          register never makes one; a hand edit of the file does);
        * ``REG2`` (warning): a number reserved but neither used nor voided;
        * ``REG3`` (info): a voided number, a gap on record, with its reason.

        An empty list means every series runs from 1 without a gap, every number settled.
        """
        findings: list[Problem] = []
        series: dict[tuple[str, str, str], list[NumberEntry]] = {}
        for entry in self.entries(issuer, doc_type, year):
            series.setdefault((entry.issuer, entry.doc_type, entry.year), []).append(entry)
        file = str(self.path)
        for key, entries in series.items():
            named = _series(*key)
            on_record = {e.number for e in entries}
            for number in range(1, max(on_record) + 1):
                if number not in on_record:
                    findings.append(_finding("REG1", "error", file, number=number, series=named))
            for e in entries:
                if e.state == "reserved":
                    findings.append(_finding("REG2", "warning", file, e.reference, number=e.number,
                                             series=named, reserved_at=_when(e.reserved_at)))
                elif e.state == "voided":
                    findings.append(_finding("REG3", "info", file, e.reference, number=e.number,
                                             series=named, changed_at=_when(e.changed_at),
                                             reason=e.reason))
        return findings
