"""Generate the tables of docs/data-model.md from the models and the rule data.

Run ``python -m tools.data_model_doc docs/data-model.md`` to refresh the file; a test
fails when the file is stale.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

from pydantic import BaseModel

from chibo_docs import models, quality
from chibo_docs.models.glossary import label
from chibo_docs.models.rulesets import RULE_SETS
from chibo_docs.rules.registry import RULES

__all__ = ["BEGIN", "END", "generated_tables", "refresh", "splice"]

BEGIN = "<!-- BEGIN GENERATED: python -m tools.data_model_doc docs/data-model.md -->"
END = "<!-- END GENERATED -->"

_ORDER = [
    "Minutes", "Resolution", "Plan", "Organisation", "Cell", "Member", "Guest", "Meeting",
    "Attendance", "AgendaItem", "Opinion", "Assignment", "Vote", "DocumentRef", "Signature",
    "Section", "Assessment", "ScheduleItem", "Invitation", "Event", "Invitee",
    "QualityAssessment", "Score", "Scorecard", "MonthlyReport", "QualityReport", "CellResult",
    "MonthResult", "AnnualQuality", "LessonsNotice", "ModelMeeting",
    "RichText", "Run", "RichParagraphs", "RichParagraph", "Listing", "Image", "Subdoc",
]
_ENUMS = [
    "IssuerKind", "MemberStatus", "CellRole", "Transfer", "MeetingKind", "AttendanceStatus",
    "ContentKind", "OpinionKind", "VoteMethod", "VoteThreshold", "OnBehalf", "SignerTitle", "DocType",
    "Rating",
]


def _split(description: str) -> tuple[str, str]:
    vietnamese, _, english = description.partition(" — ")
    return vietnamese.strip(), english.strip().rstrip(".")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def generated_tables() -> str:
    """Return the generated part of docs/data-model.md."""
    out = ["### Glossary: models and fields", "",
           "| Model / field | Tiếng Việt | Meaning |", "|---|---|---|"]
    for name in _ORDER:
        model: type[BaseModel] = getattr(models, name)
        vi, en = _split((model.__doc__ or "").strip().splitlines()[0])
        parent = model.__mro__[1]
        inherited = (set(parent.model_fields)
                     if issubclass(parent, BaseModel) and parent.__name__ in _ORDER else set())
        if inherited:
            en += f" (plus the fields of {parent.__name__})"
        out.append(f"| **{name}** | **{_cell(vi)}** | {_cell(en)} |")
        for field, info in model.model_fields.items():
            if field in inherited:
                continue
            vi, en = _split(info.description or "")
            out.append(f"| `{name}.{field}` | {_cell(vi)} | {_cell(en)} |")
    out += ["", "### Glossary: choices (enumerations)", "",
            "Each value with its label (`chibo_docs.models.glossary.CHOICES`; the labels of "
            "`chibo-docs schema`'s forms and of messages).", "",
            "| Enumeration | Tiếng Việt | Values |", "|---|---|---|"]
    for name in _ENUMS:
        enum: type[Enum] = getattr(models, name, None) or getattr(quality, name)
        vi, en = _split((enum.__doc__ or "").strip().splitlines()[0])
        values = ", ".join(
            f"`{m.value}`" if label(m, "vi") == m.value else f"`{m.value}` ({_cell(label(m, 'vi'))})"
            for m in enum)
        out.append(f"| `{name}` | {_cell(vi)} ({_cell(en)}) | {values} |")
    out += ["", "### Rules", "", "| Id | Level | Rule | Source |", "|---|---|---|---|"]
    out += [f"| {r.id} | {r.level} | {_cell(r.text)} | {_cell(r.source)} |"
            for r in RULES.values() if r.party]
    sets = list(RULE_SETS.values())
    out += ["", "### Thresholds per rule set", "",
            "| Threshold | " + " | ".join(s.id for s in sets) + " | Sources |",
            "|---|" + "---|" * len(sets) + "---|"]
    for field in sets[0].sources:
        values = " | ".join(str(getattr(s, field)) for s in sets)
        sources = "; ".join(f"{s.id}: {s.sources[field]}" for s in sets)
        if len({s.sources[field] for s in sets}) == 1:
            sources = sets[0].sources[field]
        out.append(f"| `{field}` | {values} | {_cell(sources)} |")
    return "\n".join(out) + "\n"


def splice(text: str, begin: str, end: str, content: str) -> str:
    r"""Return ``text`` with what lies between the ``begin`` line and the next ``end`` replaced.

    >>> splice("a\n<!-- B -->\nold\n<!-- E -->\nz", "<!-- B -->", "<!-- E -->", "new\n")
    'a\n<!-- B -->\nnew\n<!-- E -->\nz'
    """
    head, found, rest = text.partition(begin + "\n")
    if not found:
        raise ValueError(f"the marker {begin!r} is missing; add it and {end!r} where the part goes")
    _, _, tail = rest.partition(end)
    return f"{head}{begin}\n{content}{end}{tail}"


def refresh(path: Path) -> bool:
    """Rewrite the generated part of ``path``; return whether it changed."""
    text = path.read_text(encoding="utf-8")
    new = splice(text, BEGIN, END, generated_tables())
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":  # pragma: no cover
    changed = refresh(Path(sys.argv[1]))
    print("updated" if changed else "up to date")
