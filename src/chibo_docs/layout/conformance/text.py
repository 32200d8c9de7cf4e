"""Rules 17–18 of format-hd36.md §8: no state-format phrases, Unicode (NFC) text and fonts."""

from __future__ import annotations

import re
import unicodedata

from chibo_docs.i18n import message
from chibo_docs.layout.conformance.context import Checker
from chibo_docs.location import Location
from chibo_docs.ooxml.namespaces import w

__all__ = ["check_encoding", "check_state_phrases"]

_VIETNAMESE_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_LEGACY_FONT = re.compile(r"^(\.Vn|VNI[- ]|VN[A-Z])", re.IGNORECASE)


def _legacy_glyphs(text: str) -> str | None:
    """Return the first word that looks like TCVN3 (ABC) or VNI text read as Unicode.

    >>> _legacy_glyphs("Chi bé häp"), _legacy_glyphs("Chi bộ họp")
    ('häp', None)
    """
    for word in text.split():
        has_ascii = any("a" <= c.lower() <= "z" for c in word)
        odd = any(
            0xA1 <= ord(c) <= 0xFF and c not in _VIETNAMESE_LATIN1 and c not in "«»°·×÷"
            for c in word
        )
        if has_ascii and odd:
            return word
    return None


def check_state_phrases(c: Checker) -> None:
    """Rule 17: no phrase of the state format (quốc hiệu, ``Lưu: VT``) anywhere."""
    phrases = [
        (p, re.sub(r"\s*[-–—]\s*", " - ", p).casefold()) for p in c.profile.forbidden_phrases
    ]
    for para in c.all_paragraphs():
        text = re.sub(
            r"\s*[-–—]\s*", " - ", " ".join(unicodedata.normalize("NFC", para.text).split())
        ).casefold()
        for phrase, norm in phrases:
            if norm in text:
                c.report(
                    "HD36-17",
                    message(
                        "{phrase!r} belongs to the state format, not to a Party document",
                        phrase=phrase,
                    ),
                    para.location,
                    found=phrase,
                )


def check_encoding(c: Checker) -> None:
    """Rule 18: text in Unicode NFC, no TCVN3/VNI glyphs, no legacy Vietnamese fonts."""
    for para in c.all_paragraphs():
        if unicodedata.normalize("NFC", para.text) != para.text:
            c.report(
                "HD36-18",
                message("text is not Unicode NFC (decomposed accents)"),
                para.location,
                expected=message("NFC (precomposed) text"),
            )
        word = _legacy_glyphs(para.text)
        if word:
            c.report(
                "HD36-18",
                message("text looks like a legacy TCVN3/VNI encoding"),
                para.location,
                found=word,
                expected=message("Unicode text"),
            )
    for part, root in c.parts():
        legacy = {
            v
            for el in root.iter(w("rFonts"))
            for v in el.attrib.values()
            if _LEGACY_FONT.match(v)
        }
        for font in sorted(legacy):
            c.report(
                "HD36-18",
                message("legacy Vietnamese font {font!r} (TCVN3/VNI)", font=font),
                Location(part.label),
                found=font,
                expected=message("a Unicode font"),
            )
