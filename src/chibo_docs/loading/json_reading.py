"""JSON data read within :class:`DataLimits`, with the line of every value.

Before :func:`json.loads` builds anything, one linear scan over the text's tokens (strings
skipped whole) measures the nesting depth and counts the values, and notes the line where each
key path starts. JSON has no aliases, so the scan sees exactly what ``json.loads`` will build.
"""

from __future__ import annotations

import json
import re
from typing import Any

from chibo_docs.errors import DataError, DataLimitError
from chibo_docs.i18n import N_, message
from chibo_docs.loading.limits import DataLimits
from chibo_docs.loading.parser_messages import json_reason
from chibo_docs.loading.yaml_reading import KeyPath, dotted

__all__ = ["parse_json"]

# A string (its closing quote optional, so an unterminated one cannot make the scan
# quadratic), a structural character, or a bare literal (number, true, false, null).
_TOKEN = re.compile(r'"(?:[^"\\\n]++|\\.)*+"?|[\[\]{}:,]|[^\s\[\]{}:,"]++')


class _Frame:
    __slots__ = ("at", "expect_key", "is_object", "keys")

    def __init__(self, is_object: bool) -> None:
        self.is_object = is_object
        self.at: Any = None if is_object else 0
        self.expect_key = is_object
        self.keys: set[Any] = set()


def _key(token: str) -> Any:
    try:
        return json.loads(token)
    except ValueError:
        return token


def scan_json(text: str, limits: DataLimits, file: str) -> dict[KeyPath, int]:
    """Check the depth and size of a JSON text; return the line (from 1) of each key path.

    A key path's line is that of its key in an object, or of its first token in an array.
    The text need not be valid JSON: ``json.loads`` judges that afterwards.

    >>> scan_json('{"a": [1,\\n 2], "b": {}}', DataLimits(), "d.json")
    {(): 1, ('a',): 1, ('a', 0): 1, ('a', 1): 2, ('b',): 2}

    Raises:
        DataLimitError: the text nests deeper than ``limits.max_depth`` or holds more than
            ``limits.max_nodes`` values.
        DataError: an object repeats a key (named with its line).
    """
    lines: dict[KeyPath, int] = {}
    frames: list[_Frame] = []
    line, scanned, count = 1, 0, 0
    for match in _TOKEN.finditer(text):
        start = match.start()
        line += text.count("\n", scanned, start)
        scanned = start
        token = match.group()
        first = token[0]
        top = frames[-1] if frames else None
        if first in "]}":
            if frames:
                frames.pop()
            continue
        if first == ":":
            if top is not None and top.is_object:
                top.expect_key = False
            continue
        if first == ",":
            if top is not None:
                if top.is_object:
                    top.expect_key = True
                else:
                    top.at += 1
            continue
        count += 1
        path = tuple(f.at for f in frames)
        if count > limits.max_nodes:
            raise DataLimitError("max_nodes", limits.max_nodes, None, file=file, line=line,
                                 key_path=dotted(path) or None)
        if top is not None and top.is_object and top.expect_key:
            key = _key(token)
            if key in top.keys:
                raise DataError(message(N_("is not valid JSON: duplicate key {key}; give each key once"),
                                        key=repr(key)),
                                file=file, line=line, column=start - text.rfind("\n", 0, start),
                                key_path=dotted(path[:-1]) or None, code="duplicate_key")
            top.keys.add(key)
            top.at = key
            lines[tuple(f.at for f in frames)] = line
            continue
        if len(path) > limits.max_depth:
            raise DataLimitError("max_depth", limits.max_depth, len(path), file=file, line=line,
                                 key_path=dotted(path))
        lines.setdefault(path, line)
        if first in "[{":
            frames.append(_Frame(first == "{"))
    return lines


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}; give each key once")
        result[key] = value
    return result


def parse_json(text: str, limits: DataLimits, file: str) -> tuple[Any, dict[KeyPath, int]]:
    """Return the data of a JSON text and the line (from 1) of each key path.

    >>> parse_json('{"deadline": "2021-02-30"}', DataLimits(), "d.json")
    ({'deadline': '2021-02-30'}, {(): 1, ('deadline',): 1})

    Raises:
        DataLimitError: the data breaks one of ``limits``.
        DataError: the text is not valid JSON (naming the line and column) or repeats a key.
    """
    lines = scan_json(text, limits, file)
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates), lines
    except json.JSONDecodeError as exc:
        raise DataError(message(N_("is not valid JSON: {reason}; fix the JSON there"),
                                reason=json_reason(exc.msg)),
                        file=file, line=exc.lineno, column=exc.colno, code="json_syntax") from None
    except ValueError as exc:  # a duplicate key, or a number too long for Python
        raise DataError(message(N_("is not valid JSON: {reason}"), reason=json_reason(str(exc))),
                        file=file, code="json_syntax") from None
