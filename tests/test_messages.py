"""The message catalogs: every message has a Vietnamese translation, none fuzzy, all compiled.

Messages are extracted from the source the way ``make messages`` does (Babel's extractor, the
keywords ``_``, ``N_`` and ``message``); the committed template (.pot), catalog (.po) and
compiled catalog (.mo, shipped in the wheel) must all be current.
"""

from __future__ import annotations

import functools
import re
import string

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from chibo_docs.i18n import LOCALE_DIR, Message, _, using
from tests.support.paths import REPO

PO = LOCALE_DIR / "vi" / "LC_MESSAGES" / "chibo_docs.po"
MO = PO.with_suffix(".mo")
POT = LOCALE_DIR.parent / "chibo_docs.pot"
KEYWORDS = {"_": None, "N_": None, "message": None}


@functools.cache
def _source_messages() -> frozenset[str]:
    found = set()
    for _file, _line, msgid, _comments, _context in extract_from_dir(
        REPO / "src" / "chibo_docs",
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
    ):
        found.add(msgid if isinstance(msgid, str) else msgid[0])
    return frozenset(found)


def _catalog() -> Catalog:
    with open(PO, "rb") as handle:
        return read_po(handle, locale="vi")


def _translated(catalog: Catalog, msgid: str) -> bool:
    entry = catalog.get(msgid)
    return entry is not None and bool(entry.string)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_of_the_source_has_a_vietnamese_translation() -> None:
    catalog = _catalog()
    missing = sorted(m for m in _source_messages() if not _translated(catalog, m))
    assert missing == [], "run `make messages` and translate these in the .po file"


def test_no_translation_is_fuzzy_or_obsolete() -> None:
    catalog = _catalog()
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert fuzzy == []
    assert list(catalog.obsolete) == []


def test_every_translation_keeps_the_placeholders_of_its_message() -> None:
    for entry in _catalog():
        if entry.id and entry.string:
            assert _fields(str(entry.string)) == _fields(str(entry.id)), entry.id


def test_the_catalog_holds_only_messages_of_the_source() -> None:
    assert {m.id for m in _catalog() if m.id} == _source_messages(), "run `make messages`"


def test_the_template_is_current() -> None:
    with open(POT, "rb") as handle:
        template = read_po(handle)
    assert {m.id for m in template if m.id} == _source_messages(), "run `make messages`"


def test_the_compiled_catalog_is_current() -> None:
    with open(MO, "rb") as handle:
        compiled = read_mo(handle)
    expected = {m.id: m.string for m in _catalog() if m.id}
    assert {m.id: m.string for m in compiled if m.id} == expected, "run `make messages`"


def test_english_is_the_source_text_and_vietnamese_the_default() -> None:
    summary = "{source}: {errors} error(s), {warnings} warning(s)"
    assert _(summary, source="a", errors=1, warnings=0) == "a: 1 lỗi, 0 cảnh báo"
    with using("en"):
        assert _(summary, source="a", errors=1, warnings=0) == "a: 1 error(s), 0 warning(s)"


def test_the_environment_chooses_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHIBO_DOCS_LANG", "en")
    kept = Message("{source}: {errors} error(s), {warnings} warning(s)",
                   {"source": "a", "errors": 1, "warnings": 0})
    assert str(kept) == "a: 1 error(s), 0 warning(s)"
    with using("vi"):  # a call's own lang= wins over the environment
        assert str(kept) == "a: 1 lỗi, 0 cảnh báo"


def test_an_unknown_language_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="fr"), using("fr"):
        pass
    monkeypatch.setenv("CHIBO_DOCS_LANG", "fr")
    with pytest.raises(ValueError, match="CHIBO_DOCS_LANG|fr"):
        _("{source}: {errors} error(s), {warnings} warning(s)", source="a", errors=1, warnings=0)


def test_no_message_is_built_by_string_concatenation_with_a_translation() -> None:
    """A translated message is one template: ``_("a") + "b"`` cannot be translated whole."""
    pattern = re.compile(r"""\b_\([^()]*\)\s*\+|\+\s*_\(""")
    offenders = [
        str(path.relative_to(REPO))
        for path in (REPO / "src" / "chibo_docs").rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []

