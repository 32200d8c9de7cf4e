"""The conformance rules, registered once: rule id → what it says and the check that runs it.

As :data:`chibo_docs.templating.lint.RULES` lists the lint rules, :data:`RULES` lists the
layout rules HD36-1 … HD36-18 of format-hd36.md §8, in order. Each entry pairs the rule's data
in the :class:`~chibo_docs.layout.profiles.LayoutProfile` (its title, its source, the
confidence of each aspect, and so the severity of a breach) with the function that checks it:

>>> rule = RULES["HD36-7"]
>>> rule.check.__name__, rule.severity("issuer")
('check_number_line', 'warning')
>>> rule.title_text("en")
"số line 'Số 05-NQ/CB' (or 'Số     -NQ/CB', numbered by hand), 14 pt upright"
>>> list(RULES) == list(HD36.rules)
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from chibo_docs.i18n import Language, translate
from chibo_docs.layout.conformance import body, header, page, signature, text
from chibo_docs.layout.conformance.context import Checker
from chibo_docs.layout.profiles import HD36, LayoutProfile, Rule
from chibo_docs.problems import Severity

__all__ = ["RULES", "Check", "ConformanceRule"]

Check = Callable[[Checker], None]
"""A rule's check: it reads the document of a :class:`Checker` and reports what breaks."""


@dataclass(frozen=True, slots=True)
class ConformanceRule:
    """One layout rule: its id, the check that runs it, and its data in a profile."""

    id: str
    check: Check

    def spec(self, profile: LayoutProfile = HD36) -> Rule:
        """Return the rule's data in ``profile``: title, source, each aspect's confidence."""
        return profile.rules[self.id]

    @property
    def title(self) -> str:
        """What the rule says, in a few words, in the language in force (from ``HD36``)."""
        return self.title_text()

    def title_text(self, lang: Language | None = None) -> str:
        """What the rule says, in ``lang`` (default: the language in force)."""
        return translate(self.spec().title, {}, lang)

    @property
    def source(self) -> str:
        """Where the rule comes from (from :data:`~chibo_docs.layout.profiles.HD36`)."""
        return self.spec().source

    def severity(self, aspect: str = "main", profile: LayoutProfile = HD36) -> Severity:
        """Return how a breach of ``aspect`` is reported under ``profile``."""
        return self.spec(profile).severity(aspect)


_CHECKS: tuple[tuple[str, Check], ...] = (
    ("HD36-1", page.check_page_size),
    ("HD36-2", page.check_margins),
    ("HD36-3", page.check_fonts),
    ("HD36-4", header.check_party_title),
    ("HD36-5", header.check_party_rule),
    ("HD36-6", header.check_issuer),
    ("HD36-7", header.check_number_line),
    ("HD36-8", header.check_date_line),
    ("HD36-9", header.check_title_block),
    ("HD36-10", header.check_separator),
    ("HD36-11", body.check_body),
    ("HD36-12", body.check_headings),
    ("HD36-13", signature.check_signature),
    ("HD36-14", signature.check_recipients),
    ("HD36-15", signature.check_minutes),
    ("HD36-16", signature.check_page_numbers),
    ("HD36-17", text.check_state_phrases),
    ("HD36-18", text.check_encoding),
)

RULES: Mapping[str, ConformanceRule] = MappingProxyType(
    {rule_id: ConformanceRule(rule_id, check) for rule_id, check in _CHECKS}
)
"""The layout rules, by id, in the order they run and are reported."""
