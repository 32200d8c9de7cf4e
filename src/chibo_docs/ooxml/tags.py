"""The Jinja tags written in a document's text: one pattern to find them, and what they hold.

:data:`TAG_PATTERN` is the one regular expression for a tag (``{{ }}``, ``{% %}``, ``{# #}``,
docxtpl's letters included); the renderer, the linter, the error locator and the layout
checker all use it.

>>> find_tags("Kính gửi: {{ chi_bo.ten }}, {%p if x %} {# note #}")
('{{ chi_bo.ten }}', '{%p if x %}', '{# note #}')
>>> literal("Số {{ n }}-NQ/CB")
'Số -NQ/CB'

It also holds what the renderer and the linter must agree on, so that they cannot drift: the
letters docxtpl puts after ``{%`` (:data:`DOCXTPL_LETTERS`), the statements docxtpl rewrites
into table XML (:data:`DOCXTPL_STATEMENTS`), and how Word's curly quotes and XML entities in
a tag are read (:func:`straight_quotes`, :func:`unescape_tag`).
"""

from __future__ import annotations

import re

from lxml import etree

from chibo_docs.i18n import N_
from chibo_docs.ooxml.namespaces import W

__all__ = [
    "DOCXTPL_LETTERS",
    "DOCXTPL_PREFIX",
    "DOCXTPL_STATEMENTS",
    "TAG_PATTERN",
    "deepest_block",
    "find_tags",
    "literal",
    "only_control_tags",
    "straight_quotes",
    "tag_hazards",
    "tag_nesting",
    "unescape_tag",
]

TAG_PATTERN = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
"""A Jinja tag: ``{{ … }}`` prints, ``{% … %}`` commands, ``{# … #}`` is a comment."""

DOCXTPL_LETTERS = ("p", "tr", "tc", "r")
"""The letters after ``{%`` or ``{{`` that make a tag stand for its whole paragraph, table row,
table cell or run (``{%p if … %}``, ``{%tr for … %}``, ``{{r rich }}``)."""

DOCXTPL_PREFIX = re.compile(r"^(\{[{%#])(p|tr|tc|r)(?=\s)")
"""A tag that starts with one of :data:`DOCXTPL_LETTERS` (group 2 is the letter)."""

DOCXTPL_STATEMENTS: dict[str, str] = {
    "colspan": "expression",
    "cellbg": "expression",
    "vm": "bare",
    "hm": "bare",
}
"""The statements docxtpl rewrites into table XML before Jinja sees the template: ``{% colspan
n %}`` (the cell spans ``n`` columns), ``{% cellbg "FF0000" %}`` (the cell's background),
``{% vm %}`` and ``{% hm %}`` (the cell merges with its copies made by a loop, vertically or
horizontally). ``expression``: the statement takes an expression; ``bare``: none."""

_BLOCK_WORD = re.compile(r"^\{%[-+]?\s*(?:(?:p|tr|tc|r)\s+)?(\w+)")
_BLOCK_OPENERS = frozenset(
    {"for", "if", "macro", "call", "filter", "with", "autoescape", "block", "raw"}
)


def find_tags(text: str) -> tuple[str, ...]:
    """Return the Jinja tags (``{{ }}``, ``{% %}``, ``{# #}``) in ``text``, in order."""
    return tuple(TAG_PATTERN.findall(text))


def literal(text: str) -> str:
    """Return ``text`` with its Jinja tags removed: the fixed text of a template line."""
    return TAG_PATTERN.sub("", text)


def only_control_tags(text: str) -> bool:
    """Return whether ``text`` holds tags and nothing printed: only ``{% %}`` and ``{# #}``.

    >>> only_control_tags("{%p for a in b %}"), only_control_tags("{{ a }}"), only_control_tags("")
    (True, False, False)
    """
    rest = TAG_PATTERN.sub(lambda m: m.group() if m.group().startswith("{{") else "", text)
    return bool(text.strip()) and not rest.strip()


def tag_nesting(tag: str) -> int:
    """Return how deep brackets nest inside a tag (quoted text is skipped).

    >>> tag_nesting("{{ f(a[1], (b, {'x': '((('})) }}")
    3
    """
    depth = deepest = 0
    quote = ""
    for char in tag[2:-2]:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]}":
            depth = max(depth - 1, 0)
    return deepest


def deepest_block(tags: list[str]) -> tuple[int, int]:
    """Return how deep blocks nest among ``tags`` (in order) and the index of the deepest.

    >>> deepest_block(["{%p for a in b %}", "{% if a %}", "{{ a }}", "{% endif %}",
    ...                "{%p endfor %}"])
    (2, 1)
    """
    depth = deepest = 0
    where = -1
    for index, tag in enumerate(tags):
        match = _BLOCK_WORD.match(tag)
        if not match:
            continue
        word = match.group(1)
        if word in _BLOCK_OPENERS or (word == "set" and "=" not in tag):
            depth += 1
            if depth > deepest:
                deepest, where = depth, index
        elif word.startswith("end"):
            depth = max(depth - 1, 0)
    return deepest, where


_QUOTE_OF = {'"': '"', "\u201c": '"', "\u201d": '"', "'": "'", "\u2018": "'", "\u2019": "'"}
_SAME_FAMILY = {'"': frozenset('"\u201c\u201d'), "'": frozenset("'\u2018\u2019")}


def straight_quotes(tag: str) -> str:
    """Read Word's curly quotes in a tag as Jinja's string delimiters.

    Word turns the quotes typed around a string (``{{ "R&D" }}``) into curly ones
    (``{{ “R&D” }}``), which Jinja cannot read. A curly or straight quote outside a string
    opens one, and a quote of the same kind (double or single, curly or not) closes it: both
    become straight. Quotes of the other kind inside the string stay as typed, so
    ``{{ “Anh ‘Ba’” }}`` prints ``Anh ‘Ba’``.

    >>> straight_quotes("{% if name == \u2018Deric\u2019 %}")
    "{% if name == 'Deric' %}"
    >>> straight_quotes("{{ \u201cAnh \u2018Ba\u2019\u201d }}")
    '{{ "Anh \u2018Ba\u2019" }}'
    """
    if not any(q in tag for q in "\u201c\u201d\u2018\u2019"):
        return tag
    out: list[str] = []
    quote = ""
    escaped = False
    for char in tag:
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char in _SAME_FAMILY[quote]:
                out.append(quote)
                quote = ""
                continue
            out.append(char)
        elif char in _QUOTE_OF:
            quote = _QUOTE_OF[char]
            out.append(quote)
        else:
            out.append(char)
    return "".join(out)


_ENTITY = re.compile(r"&(amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name in _NAMED:
        return _NAMED[name]
    number = int(name[2:], 16) if name.startswith("#x") else int(name[1:])
    if number in (9, 10, 13):  # a tab or line break inside a tag: Jinja reads it as a space
        return " "
    return chr(number) if 0 < number <= 0x10FFFF else match.group()


def unescape_tag(tag: str) -> str:
    """Return a tag taken from a part's XML as its author typed it (one level of entities).

    Word stores ``&`` as ``&amp;`` (and may store ``<``, ``>`` and quotes as entities); inside
    a tag these are Jinja code and string literals, so ``{{ "R&amp;D" }}`` must read
    ``{{ "R&D" }}``, and print ``R&D``.

    >>> unescape_tag('{{ "R&amp;D" ~ " &lt;b&gt;" }}')
    '{{ "R&D" ~ " <b>" }}'
    >>> unescape_tag("{{ 'a&amp;lt;b' }}")
    "{{ 'a&lt;b' }}"
    """
    return _ENTITY.sub(_entity, tag) if "&" in tag else tag


_BOUNDARIES = {
    W + "hyperlink": N_("a hyperlink"),
    W + "ins": N_("a tracked insertion (Track Changes)"),
    W + "moveTo": N_("a tracked move (Track Changes)"),
    W + "sdt": N_("a content control"),
    W + "smartTag": N_("a smart tag"),
    W + "customXml": N_("a custom XML element"),
    W + "fldSimple": N_("a field"),
}
"""What a tag may be split by, in words (messages: translated where they are shown)."""


def _boundary(text_element: etree._Element, paragraph: etree._Element) -> tuple[str, ...]:
    """Return the wrappers between a text element and its paragraph, innermost last."""
    chain: list[str] = []
    node = text_element.getparent()
    while node is not None and node is not paragraph:
        if node.tag in _BOUNDARIES:
            chain.append(f"{_BOUNDARIES[node.tag]}@{id(node)}")
        node = node.getparent()
    return tuple(reversed(chain))


def tag_hazards(paragraph: etree._Element) -> list[tuple[str, str]]:
    """Return ``(tag, reason)`` for each tag of a paragraph that docxtpl cannot render as seen.

    docxtpl joins a tag written over several runs of one paragraph (different formatting,
    spelling marks, bookmarks, deleted text in between are all fine). It cannot join a tag
    that starts outside and ends inside a hyperlink, a tracked insertion, a content control
    or a field: the output is broken XML, or the field's shown value becomes part of the tag.
    A tag in text deleted with Track Changes is invisible in Word but docxtpl still runs it.
    """
    pieces: list[tuple[str, tuple[str, ...]]] = []
    hazards: list[tuple[str, str]] = []
    field_depth, in_result, field_id = 0, False, 0
    for element in paragraph.iter(W + "t", W + "delText", W + "fldChar"):
        if element.tag == W + "fldChar":
            kind = element.get(W + "fldCharType")
            if kind == "begin":
                field_depth += 1
                field_id += 1
                in_result = False
            elif kind == "separate":
                in_result = True
            elif kind == "end" and field_depth:
                field_depth -= 1
                in_result = False
            continue
        text = element.text or ""
        if element.tag == W + "delText":
            hazards += [(tag, "deleted") for tag in find_tags(text)]
            continue
        chain = _boundary(element, paragraph)
        if field_depth and in_result:
            chain += (f"a field@{field_id}",)
        pieces.append((text, chain))
    joined = "".join(text for text, _ in pieces)
    owners = [chain for text, chain in pieces for _ in text]
    for match in TAG_PATTERN.finditer(joined):
        chains = set(owners[match.start() : match.end()])
        if len(chains) > 1:
            inner = next(
                (c[-1] for c in sorted(chains, key=len, reverse=True) if c), "a field@0"
            )
            hazards.append((match.group(), inner.split("@")[0]))
    return hazards
