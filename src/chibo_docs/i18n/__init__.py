"""Messages in the reader's language: Vietnamese by default, English on request.

Every sentence chibo_docs shows a person (errors, warnings, findings, CLI output) is written
once in the source, in English, with named placeholders, and translated through a gettext
catalog (``locale/vi/LC_MESSAGES/chibo_docs.po``, compiled to ``.mo`` and shipped in the
wheel). The catalogs are managed with Babel's own tooling (``make messages`` runs
``pybabel extract``, ``update`` and ``compile``); a test fails when a message has no
Vietnamese translation or a translation is fuzzy.

The language is, in order: the ``lang=`` a call was given (:func:`using` inside), the
``CHIBO_DOCS_LANG`` environment variable, then Vietnamese::

    >>> summary = "{source}: {errors} error(s), {warnings} warning(s)"
    >>> _(summary, source="nq.docx", errors=2, warnings=1)
    'nq.docx: 2 lỗi, 1 cảnh báo'
    >>> with using("en"):
    ...     _(summary, source="nq.docx", errors=2, warnings=1)
    'nq.docx: 2 error(s), 1 warning(s)'

Values are written in the language's style: ``91.666`` is ``91,67`` in Vietnamese and
``91.67`` in English; a date is ``26/4/2021`` in both.

Mark a message with ``_()`` to translate it now, with :func:`message` to keep it (with its
values) and translate it when it is shown, and with ``N_()`` when the text is only stored in
a table and translated later (``_(TABLE[key], **values)``).
"""

from __future__ import annotations

import contextlib
import gettext
import os
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Final, Literal, Protocol, runtime_checkable

__all__ = [
    "DEFAULT_LANGUAGE",
    "ENV_VAR",
    "LANGUAGES",
    "N_",
    "Language",
    "Message",
    "Translatable",
    "_",
    "chosen_language",
    "current_language",
    "format_value",
    "message",
    "resolve_language",
    "translate",
    "using",
]

Language = Literal["vi", "en"]
"""A language chibo_docs speaks: ``"vi"`` (Vietnamese) or ``"en"`` (English)."""

LANGUAGES: Final[tuple[Language, ...]] = ("vi", "en")
DEFAULT_LANGUAGE: Final[Language] = "vi"
ENV_VAR: Final = "CHIBO_DOCS_LANG"
"""Environment variable naming the language (``vi`` or ``en``) when a call names none."""

DOMAIN: Final = "chibo_docs"
LOCALE_DIR: Final = Path(__file__).with_name("locale")

_current: ContextVar[Language | None] = ContextVar("chibo_docs_language", default=None)
_catalogs: dict[Language, gettext.NullTranslations] = {}


def resolve_language(lang: str | None = None) -> Language:
    """Return the language to use: ``lang``, else ``CHIBO_DOCS_LANG``, else Vietnamese.

    A value that is neither ``vi`` nor ``en`` is refused (a programming or set-up error is
    better than a silent switch of language).

    >>> resolve_language("en"), resolve_language("VI")
    ('en', 'vi')
    """
    if lang is None:
        return current_language()
    return _checked(lang)


def _checked(chosen: str) -> Language:
    normal = chosen.strip().lower().replace("-", "_").split("_")[0]
    for language in LANGUAGES:
        if normal == language:
            return language
    raise ValueError(
        f"language {chosen!r} is not supported; use one of {', '.join(LANGUAGES)} "
        f"(ngôn ngữ {chosen!r} không được hỗ trợ; dùng vi hoặc en)"
    )


def current_language() -> Language:
    """Return the language in force: :func:`using`'s, else ``CHIBO_DOCS_LANG``, else ``vi``."""
    inside = _current.get()
    if inside is not None:
        return inside
    env = os.environ.get(ENV_VAR)
    return _checked(env) if env else DEFAULT_LANGUAGE


def chosen_language() -> Language | None:
    """Return the language a :func:`using` block chose, or ``None`` outside every such block.

    An error keeps it when it is raised: a call made with ``lang="en"`` raises errors that
    read in English wherever they are printed, while one made outside any block reads in the
    language in force when it is printed.

    >>> chosen_language() is None
    True
    >>> with using("en"):
    ...     chosen_language()
    'en'
    """
    return _current.get()


@contextlib.contextmanager
def using(lang: str | None) -> Iterator[Language]:
    """Speak ``lang`` inside the ``with`` block (``None``: keep the language in force).

    Thread- and task-safe (a context variable). ``None`` chooses nothing: what a call made
    with ``lang=None`` raises reads in the language in force when it is shown.
    """
    if lang is None:
        yield current_language()
        return
    chosen = resolve_language(lang)
    token = _current.set(chosen)
    try:
        yield chosen
    finally:
        _current.reset(token)


def _catalog(lang: Language) -> gettext.NullTranslations:
    found = _catalogs.get(lang)
    if found is None:
        if lang == "en":
            found = gettext.NullTranslations()  # the source text is English
        else:
            found = gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang])
        _catalogs[lang] = found
    return found


@runtime_checkable
class Translatable(Protocol):
    """Anything with a text in a chosen language: a message, an error, a place in a document.

    A :class:`Message`, a :class:`~chibo_docs.errors.ChiboDocsError`, a
    :class:`~chibo_docs.location.Location`: given as a value of a message, it is shown in the
    message's language.
    """

    def text(self, lang: Language | None = None) -> str:
        """Return the text in ``lang`` (default: the language in force)."""
        ...  # pragma: no cover


def format_value(value: object, lang: Language) -> str:
    """Write one value of a message in the style of ``lang``.

    >>> format_value(91.666, "vi"), format_value(91.666, "en"), format_value(12, "vi")
    ('91,67', '91.67', '12')
    >>> format_value(0.001, "vi"), format_value(0.00456, "en")
    ('0,001', '0.0046')
    >>> format_value(date(2021, 4, 26), "vi"), format_value(datetime(2021, 4, 26, 14, 0), "vi")
    ('26/4/2021', '14:00 26/4/2021')

    A time with a time zone (a register's audit trail, kept in UTC) is shown on the reader's
    clock, the local time, with its offset from UTC said::

        18:14 1/12/2026 UTC  ->  01:14 2/12/2026 (UTC+7)   on a machine in Việt Nam

    >>> local = datetime(2026, 12, 1, 18, 14).astimezone()
    >>> format_value(local, "vi")  # doctest: +ELLIPSIS
    '18:14 1/12/2026 (UTC...)'
    """
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, float | Decimal):
        exact = Decimal(str(value))
        number = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if number == 0 and exact != 0:  # 0.001 s is not "0 s": two significant digits
            number = exact.quantize(Decimal(1).scaleb(exact.adjusted() - 1), rounding=ROUND_HALF_UP)
        text = format(number.normalize(), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.replace(".", ",") if lang == "vi" else text
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            local = value.astimezone()
            return f"{local:%H:%M} {local.day}/{local.month}/{local.year} ({_utc_offset(local)})"
        return f"{value:%H:%M} {value.day}/{value.month}/{value.year}"
    if isinstance(value, date):
        return f"{value.day}/{value.month}/{value.year}"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, Message | Translatable) and not isinstance(value, str):
        return value.text(lang)
    return str(value)


def _utc_offset(moment: datetime) -> str:
    """Return ``UTC``, ``UTC+7`` or ``UTC-3:30``: the offset of an aware ``moment``.

    >>> from datetime import timedelta, timezone
    >>> _utc_offset(datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=7))))
    'UTC+7'
    >>> _utc_offset(datetime(2026, 1, 1, tzinfo=timezone(-timedelta(hours=3, minutes=30))))
    'UTC-3:30'
    """
    minutes = round((moment.utcoffset() or timedelta()).total_seconds() / 60)
    if minutes == 0:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'+' if minutes > 0 else '-'}{hours}" + (f":{rest:02d}" if rest else "")


def translate(msgid: str, values: Mapping[str, object], lang: Language | None = None) -> str:
    """Return ``msgid`` in ``lang`` (default: the language in force) with ``values`` filled in."""
    chosen = lang if lang is not None else current_language()
    template = _catalog(chosen).gettext(msgid)
    if not values:
        return template
    return template.format_map({k: format_value(v, chosen) for k, v in values.items()})


def _(msgid: str, /, **values: object) -> str:
    """Translate ``msgid`` into the language in force and fill in ``values``."""
    return translate(msgid, values)


def N_(msgid: str, /) -> str:  # noqa: N802 - the gettext convention
    """Mark ``msgid`` for the catalog without translating it (for tables of messages)."""
    return msgid


@dataclass(frozen=True)
class Message:
    """A message kept with its values, translated when it is shown.

    >>> m = message("{source}: {errors} error(s), {warnings} warning(s)", source="a", errors=0,
    ...             warnings=3)
    >>> m.text("vi"), m.text("en")
    ('a: 0 lỗi, 3 cảnh báo', 'a: 0 error(s), 3 warning(s)')
    """

    msgid: str
    values: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: Language | None = None) -> str:
        """Return the message in ``lang`` (default: the language in force)."""
        return translate(self.msgid, self.values, lang)

    def __str__(self) -> str:
        return self.text()


def message(msgid: str, /, **values: object) -> Message:
    """Return ``msgid`` with ``values`` as a :class:`Message`, translated when shown."""
    return Message(msgid, values)
