"""What the YAML and JSON parsers and the operating system say, in the reader's language.

PyYAML (with or without LibYAML), :mod:`json` and the system report problems in English
sentences of their own. The common ones are translated here: each English text is matched by
a pattern whose message (the msgid) writes it again in English, so an English reader sees the
parser's own words and a Vietnamese reader a translation. A text no pattern matches is kept
quoted, as the parser's own words, inside a sentence in the reader's language.

>>> parser_reason("mapping values are not allowed here").text("vi")
'không được viết “khóa: giá trị” ở chỗ này (thường do thụt lề sai)'
>>> parser_reason("found character '\\\\t' that cannot start any token").text("en")
"found character '\\\\t' that cannot start any token"
>>> parser_reason("something new").text("vi")
'trình đọc báo: “something new”'
"""

from __future__ import annotations

import errno
import re
from collections.abc import Iterable
from typing import Final

from chibo_docs.i18n import N_, Message

__all__ = ["JSON_REASONS", "OS_REASONS", "YAML_REASONS", "json_reason", "os_reason", "parser_reason"]

YAML_REASONS: Final[tuple[tuple[str, str], ...]] = (
    # contexts
    (r"while parsing a flow sequence", N_("while parsing a flow sequence")),
    (r"while parsing a flow mapping", N_("while parsing a flow mapping")),
    (r"while parsing a block mapping", N_("while parsing a block mapping")),
    (r"while parsing a block collection", N_("while parsing a block collection")),
    (r"while parsing a (?:double-)?quoted scalar", N_("while parsing a quoted scalar")),
    (r"while scanning a (?:double-|single-)?quoted scalar", N_("while scanning a quoted scalar")),
    (r"while scanning for the next token", N_("while scanning for the next token")),
    (r"while scanning a simple key", N_("while scanning a simple key")),
    (r"while scanning a directive", N_("while scanning a directive")),
    (r"while parsing a (?:block|flow) node", N_("while parsing a node")),
    (r"while parsing a node", N_("while parsing a node")),
    (r"while scanning an anchor", N_("while scanning an anchor")),
    (r"while scanning an alias", N_("while scanning an alias")),
    (r"while scanning a block scalar", N_("while scanning a block scalar")),
    (r"while scanning a plain scalar", N_("while scanning a plain scalar")),
    (r"while scanning a tag", N_("while scanning a tag")),
    (r"while constructing a mapping", N_("while constructing a mapping")),
    (r"expected a single document in the stream", N_("expected a single document in the stream")),
    # problems (PyYAML's words, then LibYAML's)
    (r"mapping values are not allowed (?:here|in this context)", N_("mapping values are not allowed here")),
    (r"found character (?P<character>'.+') that cannot start any token",
     N_("found character {character} that cannot start any token")),
    (r"found character that cannot start any token", N_("found character that cannot start any token")),
    (r"expected ',' or '\]', but got (?P<got>'.*')", N_("expected ',' or ']', but got {got}")),
    (r"expected ',' or (?P<bracket>'}'), but got (?P<got>'.*')", N_("expected ',' or {bracket}, but got {got}")),
    (r"did not find expected ',' or '\]'", N_("did not find expected ',' or ']'")),
    (r"did not find expected ',' or (?P<bracket>'}')", N_("did not find expected ',' or {bracket}")),
    (r"expected <block end>, but found (?P<got>'.*')", N_("expected <block end>, but found {got}")),
    (r"did not find expected '-' indicator", N_("did not find expected '-' indicator")),
    (r"did not find expected key", N_("did not find expected key")),
    (r"found unexpected end of stream", N_("found unexpected end of stream")),
    (r"found undefined alias (?P<alias>'.*')", N_("found undefined alias {alias}")),
    (r"found undefined alias", N_("found undefined alias")),
    (r"found unknown escape character (?P<character>'.*')", N_("found unknown escape character {character}")),
    (r"found unknown escape character", N_("found unknown escape character")),
    (r"could not find expected ':'", N_("could not find expected ':'")),
    (r"but found another document", N_("but found another document")),
    (r"(?:did not find )?expected '?<document start>'?(?:, but found '.*')?",
     N_("did not find expected <document start>")),
    (r"found unknown directive name", N_("found unknown directive name")),
    (r"did not find expected node content", N_("did not find expected node content")),
    (r"expected the node content, but found (?P<got>'.*')", N_("expected the node content, but found {got}")),
    (r"(?:block )?sequence entries are not allowed (?:here|in this context)",
     N_("sequence entries are not allowed here")),
    (r"found a tab character (?:that violates? indentation|where an indentation space is expected)",
     N_("found a tab character that violates indentation")),
    (r"(?:did not find )?expected alphabetic or numeric character(?:, but found (?P<got>'.*'))?",
     N_("expected alphabetic or numeric character")),
    (r"found undefined tag handle(?: (?P<handle>'.*'))?", N_("found undefined tag handle")),
    (r"found unhashable key", N_("found unhashable key")),
    (r"control characters are not allowed", N_("control characters are not allowed")),
    (r"could not determine a constructor for the tag (?P<tag>'.*')",
     N_("could not determine a constructor for the tag {tag}")),
)
"""PyYAML's and LibYAML's messages, as patterns, with their msgids."""

JSON_REASONS: Final[tuple[tuple[str, str], ...]] = (
    (r"Expecting value", N_("Expecting value")),
    (r"Expecting ',' delimiter", N_("Expecting ',' delimiter")),
    (r"Expecting ':' delimiter", N_("Expecting ':' delimiter")),
    (r"Expecting property name enclosed in double quotes",
     N_("Expecting property name enclosed in double quotes")),
    (r"Unterminated string starting at", N_("Unterminated string starting at")),
    (r"Invalid control character at", N_("Invalid control character at")),
    (r"Invalid \\escape", N_("Invalid \\escape")),
    (r"Extra data", N_("Extra data")),
    (r"Illegal trailing comma before end of (?:object|array)", N_("Illegal trailing comma")),
)
""":mod:`json`'s messages, as patterns, with their msgids."""

_UNKNOWN: Final = N_("the reader says '{text}'")


def _reason(text: str, table: Iterable[tuple[str, str]]) -> Message:
    for pattern, msgid in table:
        found = re.fullmatch(pattern, text.strip())
        if found:
            return Message(msgid, {k: v for k, v in found.groupdict().items() if v is not None})
    return Message(_UNKNOWN, {"text": text})


def parser_reason(text: str) -> Message:
    """What PyYAML or LibYAML said (a context or a problem), as a message."""
    return _reason(text, YAML_REASONS)


def json_reason(text: str) -> Message:
    """What :mod:`json` said, as a message."""
    return _reason(text, JSON_REASONS)


OS_REASONS: Final = {
    errno.EACCES: N_("this user may not read it"),
    errno.EPERM: N_("this user may not read it"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOTDIR: N_("a part of its path is a file, not a folder"),
    errno.ELOOP: N_("its symbolic links make a loop"),
    errno.ENAMETOOLONG: N_("its name is too long"),
    errno.EIO: N_("the disk could not be read"),
}
"""What a failed read means, by ``errno``."""


def os_reason(exc: BaseException) -> Message:
    """Why the system could not read a file, as a message (the system's words if unknown)."""
    code = getattr(exc, "errno", None)
    msgid = OS_REASONS.get(code) if isinstance(code, int) else None
    if msgid is not None:
        return Message(msgid)
    text = getattr(exc, "strerror", None) or str(exc)
    return Message(_UNKNOWN, {"text": text})
