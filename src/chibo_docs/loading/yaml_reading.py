"""YAML data read within :class:`DataLimits`, with the line of every value.

PyYAML's parser is iterative; its composer (events → node graph) and constructor (nodes →
Python objects) are recursive, and an alias stands for a whole node, so a small file can stand
for an exponential amount of data. Here the composer is bounded: as each node is composed it
checks the nesting depth (before recursing further), counts aliases, and computes the node's
expanded size and height from its children's, memoised per node, so an alias costs O(1) and
the whole check is linear in the file. Only a graph within the limits is turned into Python
values, each alias occurrence built as a copy (so later steps see plain trees).

Scalars resolve as in YAML 1.1 (PyYAML's safe schema) except timestamps: ``2021-02-30`` stays
the text ``'2021-02-30'`` and pydantic parses it, so a bad date is refused naming its field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver, Resolver
from yaml.scanner import Scanner

from chibo_docs.errors import DataError, DataLimitError
from chibo_docs.i18n import N_, Message, message
from chibo_docs.loading.limits import DataLimits
from chibo_docs.loading.parser_messages import parser_reason
from chibo_docs.rules.registry import phrases

__all__ = ["KeyPath", "parse_yaml"]

KeyPath = tuple[Any, ...]
"""A value's place in the data: its keys and list indexes from the top, e.g. ``('a', 0)``."""

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"


class _Resolver(Resolver):
    """PyYAML's implicit types (null, bool, int, float…) without timestamps."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}


_SHOWN_PARTS = 12  # a longer key path (only hostile data has one) is shortened in messages


def dotted(path: KeyPath) -> str:
    """Return a key path as text: ``('a', 0, 'b')`` → ``'a.0.b'``; a very long one shortened.

    >>> dotted(("plan", "schedule", 0, "deadline"))
    'plan.schedule.0.deadline'
    >>> dotted(("x",) + (0,) * 50)
    'x.0.0.0.0.0.0.0.0 … (39 more) … 0.0.0'
    """
    parts = [str(part) for part in path]
    if len(parts) > _SHOWN_PARTS:
        head, tail = parts[: _SHOWN_PARTS - 3], parts[-3:]
        hidden = len(parts) - len(head) - len(tail)
        return f"{'.'.join(head)} … ({hidden} more) … {'.'.join(tail)}"
    return ".".join(parts)


class _BoundedComposer(Composer):
    """A composer that refuses deep nesting, too many aliases and data that expands too far."""

    def __init__(self, limits: DataLimits, file: str) -> None:
        super().__init__()
        self._limits = limits
        self._file = file
        self._path: list[Any] = []
        self._size: dict[Node, int] = {}
        self._height: dict[Node, int] = {}
        self._aliases = 0

    if TYPE_CHECKING:  # provided by PyYAML's Parser, beside this class in the loader

        def peek_event(self) -> Any: ...

    def _refuse(self, limit: str, allowed: int, found: int | None, mark: Any) -> DataLimitError:
        return DataLimitError(
            limit, allowed, found, file=self._file, line=mark.line + 1, column=mark.column + 1,
            key_path=dotted(tuple(self._path)) or None,
        )

    @staticmethod
    def _step(parent: Node, index: Any) -> Any:
        if isinstance(parent, SequenceNode):
            return index
        if isinstance(index, ScalarNode):
            return index.value
        return "?" if index is None else "(key)"

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        """Compose one node (PyYAML's composer), checking the limits as it goes.

        This frame and two of PyYAML's make one level of nesting: keep the checks in helpers
        (see :data:`~chibo_docs.loading.limits.DEPTH_CEILING`). After an error the composer is
        dropped, so the path needs no clean-up then.
        """
        if parent is not None:
            self._path.append(self._step(parent, index))
        event = self.peek_event()
        if len(self._path) > self._limits.max_depth:
            raise self._refuse("max_depth", self._limits.max_depth, len(self._path),
                               event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            self._count_alias(event)
            node: Any = super().compose_node(parent, index)  # never None inside a document
            self._check_alias(node, event)
        else:
            node = super().compose_node(parent, index)
            self._measure(node)
        if parent is not None:
            self._path.pop()
        return cast(Node, node)

    def _count_alias(self, event: yaml.AliasEvent) -> None:
        self._aliases += 1
        if self._aliases > self._limits.max_aliases:
            raise self._refuse("max_aliases", self._limits.max_aliases, self._aliases,
                               event.start_mark)

    def _check_alias(self, node: Node, event: yaml.AliasEvent) -> None:
        """Refuse an alias inside the value it names, or one that nests too deep."""
        if node not in self._size:
            mark: Any = event.start_mark
            raise DataError(
                message(N_("the alias *{alias} stands for a value that holds the alias itself, "
                           "so the data never ends; write the value out instead"), alias=event.anchor),
                file=self._file, line=mark.line + 1, column=mark.column + 1,
                key_path=dotted(tuple(self._path)) or None, code="yaml_alias_loop",
            )
        depth = len(self._path) + self._height[node]
        if depth > self._limits.max_depth:
            raise self._refuse("max_depth", self._limits.max_depth, depth, event.start_mark)

    def _measure(self, node: Node) -> None:
        """Record the node's expanded size and height, from its children's (linear time)."""
        if isinstance(node, ScalarNode):
            size, height = 1, 0
        else:
            children: list[Node] = (
                node.value if isinstance(node, SequenceNode)
                else [n for pair in node.value for n in pair]
            )
            size = 1 + sum(self._size[c] for c in children)
            height = 1 + max((self._height[c] for c in children), default=-1)
            if size > self._limits.max_nodes:
                raise self._refuse("max_nodes", self._limits.max_nodes, size, node.start_mark)
        self._size[node] = size
        self._height[node] = height


class _Loader(Reader, Scanner, Parser, _BoundedComposer, SafeConstructor, _Resolver):
    """PyYAML's pure-Python safe loader with the bounded composer and no timestamp type."""

    def __init__(self, text: str, limits: DataLimits, file: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        _BoundedComposer.__init__(self, limits, file)
        SafeConstructor.__init__(self)
        _Resolver.__init__(self)


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _FastLoader(_BoundedComposer, CParser, SafeConstructor, _Resolver):
        """The same loader with LibYAML's parser (C) for the events: about 10 times faster.

        The bounded composer comes first so that it, not LibYAML's own (recursive, in C)
        composer, turns the events into nodes.
        """

        def __init__(self, text: str, limits: DataLimits, file: str) -> None:
            CParser.__init__(self, text)
            _BoundedComposer.__init__(self, limits, file)
            SafeConstructor.__init__(self)
            _Resolver.__init__(self)

    LOADER: type[_Loader] | type[_FastLoader] = _FastLoader
else:  # pragma: no cover - PyYAML built without LibYAML
    LOADER = _Loader
"""The loader :func:`parse_yaml` uses: with LibYAML's parser when PyYAML has it."""


def _syntax_error(exc: yaml.MarkedYAMLError, limits: DataLimits, file: str) -> DataError:
    mark = exc.problem_mark or exc.context_mark
    line = None if mark is None else mark.line + 1
    column = None if mark is None else mark.column + 1
    if "exceeded maximum nesting depth" in str(exc.problem):  # LibYAML's own limit (1000)
        return DataLimitError("max_depth", limits.max_depth, None, file=file, line=line,
                              column=column)
    what = phrases(parser_reason(str(p)) for p in (exc.context, exc.problem) if p)
    return DataError(message(N_("is not valid YAML: {reason}; fix the YAML there"), reason=what),
                     file=file, line=line, column=column, code="yaml_syntax")


def _character_error(exc: yaml.reader.ReaderError, text: str, file: str) -> DataError:
    """A character YAML does not allow, located by its first occurrence (LibYAML reports a byte
    offset, PyYAML a character offset: the character itself is the same)."""
    code = exc.character if isinstance(exc.character, int) else None
    index = text.find(chr(code)) if code is not None else -1
    problem = (message(N_("is not valid YAML: the character {character} ({code_point}) is not allowed "
                          "in YAML; remove it"), character=repr(chr(code)), code_point=f"U+{code:04X}")
               if code is not None else
               message(N_("is not valid YAML: a character is not allowed in YAML; remove it")))
    return DataError(
        problem,
        file=file,
        code="yaml_character",
        line=text.count("\n", 0, index) + 1 if index >= 0 else None,
        column=index - text.rfind("\n", 0, index) if index >= 0 else None,
    )


class _Builder:
    """Turns a checked node graph into plain Python values and a key path → line map."""

    def __init__(self, loader: SafeConstructor, file: str) -> None:
        self._loader = loader
        self._file = file
        self.lines: dict[KeyPath, int] = {}
        self._merged: dict[MappingNode, int] = {}

    def _refuse(self, text: Message, node: Node, path: KeyPath, code: str) -> DataError:
        return DataError(text, file=self._file, line=node.start_mark.line + 1,
                         column=node.start_mark.column + 1, key_path=dotted(path) or None, code=code)

    def scalar(self, node: Node, path: KeyPath) -> Any:
        if not isinstance(node, ScalarNode):
            raise self._refuse(
                message(N_("a key must be plain text (or a number), not a list or a mapping")), node,
                path, "yaml_key",
            )
        try:
            return self._loader.construct_object(node)
        except yaml.MarkedYAMLError as exc:
            raise self._refuse(
                message(N_("{reason}; write the value as plain text"), reason=parser_reason(str(exc.problem))),
                node, path, "yaml_tag",
            ) from None
        except (ValueError, OverflowError) as exc:
            raise self._refuse(
                message(N_("the value {value} tagged {tag} cannot be read ({reason}); write it "
                           "without the tag, as plain text"),
                        value=repr(node.value), tag=node.tag, reason=parser_reason(str(exc))),
                node, path, "yaml_value",
            ) from None

    def build(self, node: Node, path: KeyPath) -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if node.tag not in (BaseResolver.DEFAULT_MAPPING_TAG, BaseResolver.DEFAULT_SEQUENCE_TAG):
            raise self._refuse(
                message(N_("the tag {tag} is not supported; data files hold plain mappings and lists"),
                        tag=node.tag),
                node, path, "yaml_tag",
            )
        if isinstance(node, SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        merged = self._flatten(node)
        result: dict[Any, Any] = {}
        written: set[Any] = set()
        for i, (key_node, value_node) in enumerate(node.value):
            key = self.scalar(key_node, path)
            if i >= merged:  # a key written here, not one merged in by <<: *base
                if key in written:
                    raise self._refuse(message(N_("duplicate key {key}; give each key once"), key=repr(key)),
                                       key_node, path, "duplicate_key")
                written.add(key)
            self.lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, (*path, key))  # a written key overrides a merged one
        return result

    def _flatten(self, node: MappingNode) -> int:
        """Apply merge keys (``<<: *base``) once per node; return how many pairs they merged in."""
        if node not in self._merged:
            written = sum(1 for key, _ in node.value if key.tag != _MERGE)
            self._loader.flatten_mapping(node)
            self._merged[node] = len(node.value) - written
        return self._merged[node]


def parse_yaml(text: str, limits: DataLimits, file: str) -> tuple[Any, dict[KeyPath, int]]:
    """Return the data of a YAML text and the line (from 1) of each key path.

    ``file`` names the file in errors. Aliases are expanded into copies.

    >>> data, lines = parse_yaml("a: &x [1, 2]\\nb: *x\\nc: 2021-02-30\\n", DataLimits(), "d.yaml")
    >>> data, lines[("b",)], lines[("b", 1)]
    ({'a': [1, 2], 'b': [1, 2], 'c': '2021-02-30'}, 2, 1)

    Raises:
        DataLimitError: the data breaks one of ``limits``.
        DataError: the text is not valid YAML, or uses a tag or key data files cannot hold.
    """
    loader = None
    try:
        loader = LOADER(text, limits, file)  # the reader checks the characters here
        node = loader.get_single_node()
        if node is None:
            return None, {}
        builder = _Builder(loader, file)
        return builder.build(node, ()), builder.lines
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, limits, file) from None
    except yaml.reader.ReaderError as exc:
        raise _character_error(exc, text, file) from None
    finally:
        if loader is not None:
            loader.dispose()
