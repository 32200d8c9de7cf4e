"""Problems made from what the checks found: the message in the reader's language, the numbers.

Every problem about data is a :class:`~chibo_docs.problems.Problem`: its message in the chosen
language (``message``) and in English (``message_en``), the field's Vietnamese term
(``field``) and path, the values the message shows, and the rule's source.

>>> from chibo_docs.models import Minutes
>>> from chibo_docs.rules.registry import Violation
>>> v = Violation("V8", "short", ("meeting", "end"), {"minutes": 60, "minimum": 90, "rule_set": "HD12-2018"})
>>> p = violation_problem(v, Minutes, "vi")
>>> p.code, p.field, p.message
('V8', 'Thời gian kết thúc', 'Kỳ sinh hoạt chỉ kéo dài 60 phút; cần ít nhất 90 phút (HD12-2018)')
>>> p.message_en
'the meeting lasted 60 minutes; at least 90 are expected (HD12-2018)'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import BaseModel

from chibo_docs.i18n import Language, Message, translate
from chibo_docs.models.glossary import term_of
from chibo_docs.problems import Problem, Severity
from chibo_docs.rules.registry import NOT_CHECKED, RULES, Violation, phrases
from chibo_docs.rules.runner import Skip

__all__ = ["make_problem", "skip_problem", "violation_problem"]


def _english(msgid: str, values: Mapping[str, object], lang: Language) -> str | None:
    return None if lang == "en" else translate(msgid, values, "en")


def make_problem(
    code: str,
    severity: Severity,
    msgid: str,
    values: Mapping[str, object],
    lang: Language,
    *,
    path: Sequence[str | int] = (),
    model: type[BaseModel] | None = None,
    source: str | None = None,
    hint: str | None = None,
    found: str | None = None,
    expected: str | None = None,
) -> Problem:
    """Return the problem ``code`` with the message ``msgid`` filled with ``values`` in ``lang``.

    ``model`` is the model of the data ``path`` leads into (for the field's term); ``source``
    and ``hint`` are msgids too, ``found`` and ``expected`` templates filled with ``values``.
    """
    term = term_of(model, tuple(path)) if model is not None else None
    text = translate(msgid, values, lang)
    if lang == "vi":  # a Vietnamese message is a sentence of its own ("Đồng chí …")
        text = text[:1].upper() + text[1:]
    return Problem(
        code,
        severity,
        text,
        path=tuple(path),
        field=term.vi if term is not None else None,
        values=dict(values),
        source=translate(source, {}, lang) if source else None,
        hint=translate(hint, values, lang) if hint else None,
        found=translate(found, values, lang) if found else None,
        expected=translate(expected, values, lang) if expected else None,
        message_en=_english(msgid, values, lang),
        hint_en=_english(hint, values, lang) if hint else None,
    )


def violation_problem(violation: Violation, model: type[BaseModel] | None, lang: Language) -> Problem:
    """Return the problem a broken rule makes; ``model`` is the data's model (for field terms)."""
    definition = violation.message_def
    return make_problem(
        violation.rule, violation.severity, definition.text, violation.values, lang,
        path=violation.path, model=model, source=RULES[violation.rule].source,
        hint=definition.hint, found=definition.found, expected=definition.expected,
    )


def skip_problem(skip: Skip, model: type[BaseModel] | None, lang: Language) -> Problem:
    """Return the note (``info``) that the rules of a check were not checked, and why."""
    needs = [_field_and_path(model, need) for need in skip.needs]
    values: dict[str, object] = {
        "rule": "/".join(skip.rules), "needs": phrases(needs),
        "fields": [".".join(map(str, need)) for need in skip.needs],
    }
    return make_problem(skip.rules[0], "info", NOT_CHECKED, values, lang, path=skip.path, model=model)


def _field_and_path(model: type[BaseModel] | None, path: Sequence[str | int]) -> Message:
    """A field as messages name it: its Vietnamese term, then its path (``Điểm danh
    (meeting.attendance)``)."""
    dotted = ".".join(map(str, path))
    term = term_of(model, tuple(path)) if model is not None and path else None
    if term is None:
        return Message("{path}", {"path": dotted})
    return Message("{field} ({path})", {"field": term.vi, "path": dotted})
