"""The Jinja tags written in a document's text: one pattern to find them, and what they hold.

:data:`TAG_PATTERN` is the one regular expression for a tag (``{{ }}``, ``{% %}``, ``{# #}``,
docxtpl's letters included); the renderer, the linter, the error locator and the layout
checker all use it.

>>> find_tags("Kính gửi: {{ chi_bo.ten }}, {%p if x %} {# note #}")
('{{ chi_bo.ten }}', '{%p if x %}', '{# note #}')
>>> literal("Số {{ n }}-NQ/CB")
'Số -NQ/CB'
"""

from __future__ import annotations

import re

from lxml import etree

from chibo_docs.ooxml.namespaces import W

__all__ = [
    "TAG_PATTERN",
    "deepest_block",
    "find_tags",
    "literal",
    "only_control_tags",
    "tag_hazards",
    "tag_nesting",
]

TAG_PATTERN = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
"""A Jinja tag: ``{{ … }}`` prints, ``{% … %}`` commands, ``{# … #}`` is a comment."""

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


_BOUNDARIES = {
    W + "hyperlink": "a hyperlink",
    W + "ins": "a tracked insertion (Track Changes)",
    W + "moveTo": "a tracked move (Track Changes)",
    W + "sdt": "a content control",
    W + "smartTag": "a smart tag",
    W + "customXml": "a custom XML element",
    W + "fldSimple": "a field",
}


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
