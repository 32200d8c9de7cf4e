"""The layout checks of :mod:`chibo_docs.templating.lint` on docxtpl's tags: ``{%p %}``/``{%tr %}`` misuse,
tags left open across paragraphs (L007–L010), and tags Word split in ways docxtpl cannot join
(L012–L013), and docxtpl tags whose text it cannot read (L014)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from chibo_docs.i18n import message
from chibo_docs.location import snippet
from chibo_docs.ooxml.paragraphs import SourceParagraph, WalkedParagraph
from chibo_docs.ooxml.tags import DOCXTPL_PREFIX, DOCXTPL_STATEMENTS, tag_hazards
from chibo_docs.problems import Problem

__all__ = ["hazards", "structure"]

_OPEN = re.compile(r"\{\{|\{%|\{#")
_STATEMENT = re.compile(r"^\{%[-+]?\s*(\w+)")

Make = Callable[..., Problem]
"""``make(rule, paragraph, message, hint, tag=None)`` builds a finding."""


def structure(paragraphs: Sequence[SourceParagraph], _finding: Make) -> list[Problem]:
    """Check docxtpl's paragraph and row tags, and tags left open in their paragraph."""
    findings: list[Problem] = []
    rows: dict[tuple[str, tuple[tuple[int, ...], ...]], int] = {}
    for p in paragraphs:
        leftover = p.text
        for tag in p.tags:
            leftover = leftover.replace(tag, "", 1)
        opened = _OPEN.search(leftover)
        closer = {"{{": "}}", "{%": "%}", "{#": "#}"}
        rest = leftover[opened.end() :] if opened else ""
        if opened and re.search(r"[}%#]\s*\}|\}", rest):
            start = opened.group()
            findings.append(
                _finding(
                    "L001",
                    p,
                    message("this tag opens with {start} but does not close with {end}",
                            start=repr(start), end=repr(closer[start])),
                    message("end the tag with {end}: {{{{ name }}}} prints a value, {{% … %}} is "
                            "a command", end=repr(closer[start])),
                    tag=snippet(leftover[opened.start() :].strip(), 40),
                )
            )
        elif opened:
            findings.append(
                _finding(
                    "L010",
                    p,
                    message("a tag starts here but does not end in this paragraph"),
                    message("keep the whole tag, both of its braces, inside one paragraph; retype it "
                            "if Word moved part of it to the next line"),
                    tag=snippet(leftover[opened.start() :], 40),
                )
            )
        for tag in p.tags:
            kind = DOCXTPL_PREFIX.match(tag)
            letter = kind.group(2) if kind else ""
            if letter == "p" and tag.startswith("{%") and leftover.strip():
                findings.append(
                    _finding(
                        "L007",
                        p,
                        message("a {{%p %}} tag replaces its whole paragraph, so the other text "
                                "here ({text}) would be lost",
                                text=repr(snippet(leftover.strip(), 30))),
                        message("put the {%p %} tag in a paragraph of its own (press Enter "
                                "before and after it), or use {% %} without 'p' inside a "
                                "sentence"),
                        tag=tag,
                    )
                )
            inner = tag[kind.end() : -2] if kind else ""
            if "}" in inner or "%" in inner:
                findings.append(
                    _finding(
                        "L014",
                        p,
                        message("docxtpl cannot read a {{%{letter} %}} or {{{{{letter} }}}} tag "
                                "whose text holds '}}' or '%': the tag would be left in the "
                                "document or break it", letter=letter),
                        message("move the expression into a {% set %} tag of its own (without "
                                "the letter), or write it without braces and percent signs"),
                        tag=tag,
                    )
                )
            statement = _STATEMENT.match(tag) if not letter else None
            table_word = statement.group(1) if statement else ""
            if table_word in DOCXTPL_STATEMENTS and not p.location.cells:
                findings.append(
                    _finding(
                        "L009",
                        p,
                        message("{{% {word} %}} works only inside a table cell", word=table_word),
                        message("put it in the cell it applies to"),
                        tag=tag,
                    )
                )
            if letter in ("tr", "tc"):
                cells = p.location.cells
                if not cells:
                    findings.append(
                        _finding(
                            "L009",
                            p,
                            message("a {%tr %} tag works only inside a table row")
                            if letter == "tr" else
                            message("a {%tc %} tag works only inside a table cell"),
                            message("outside tables use {%p %} (a paragraph of its own) "
                                    "instead"),
                            tag=tag,
                        )
                    )
                elif letter == "tr":
                    # the innermost row: the cells that lead to its table, then its numbers
                    path = tuple((c.table, c.row, c.cell) for c in cells[:-1])
                    key = (p.part.name, (*path, (cells[-1].table, cells[-1].row)))
                    rows[key] = rows.get(key, 0) + 1
                    if rows[key] == 2:
                        findings.append(
                            _finding(
                                "L008",
                                p,
                                message("this table row already holds a {%tr %} tag; a row tag "
                                        "replaces its whole row, so the second one is lost"),
                                message("put each {%tr %} tag in a row of its own: the "
                                        "{%tr for %} row, the repeated row, then the "
                                        "{%tr endfor %} row"),
                                tag=tag,
                            )
                        )
    return findings


def hazards(walked: Sequence[WalkedParagraph], _finding: Make) -> list[Problem]:
    """Report tags split by a link, field, content control or tracked change (L012, L013)."""
    findings = []
    for element, paragraph, _ in walked:
        for tag, reason in tag_hazards(element):
            if reason == "deleted":
                findings.append(
                    _finding(
                        "L013",
                        paragraph,
                        message("this tag is in text deleted with Track Changes: Word hides it, "
                                "but it is still filled in and can fail"),
                        message("accept or reject all changes (Review → Accept All Changes), "
                                "then save the template again"),
                        tag=tag,
                    )
                )
            else:
                findings.append(
                    _finding(
                        "L012",
                        paragraph,
                        message("part of this tag is inside {reason} and part is outside it, so "
                                "it cannot be filled in", reason=message(reason)),
                        message("select the whole tag, delete it and type it again as plain "
                                "text (no link, field or tracked change inside it); with Track "
                                "Changes on, accept all changes first"),
                        tag=tag,
                    )
                )
    return findings
