"""Read a data file (JSON or YAML, UTF-8) into a document model.

The file says which document it holds in its top-level ``document`` key: ``minutes``,
``resolution`` or ``plan``. A value written ``{include: other.yaml#meeting}`` is replaced by
the ``meeting`` value of ``other.yaml`` (a path relative to the including file, then a dotted
key path), so a resolution can share its meeting with the minutes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import yaml

from chibo_docs.errors import DataError
from chibo_docs.models import DOCUMENT_MODELS, Invitation, Minutes, Plan, Resolution

__all__ = ["SUFFIXES", "load_data", "read_data"]

SUFFIXES = (".json", ".yaml", ".yml")
"""File name endings load_data understands."""


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses duplicate keys instead of keeping the last one."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
    return result


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _parse(path: Path) -> Any:
    if path.suffix.lower() not in SUFFIXES:
        raise DataError(f"{str(path)!r} is not a data file: its name must end in .json, .yaml or .yml")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise DataError(f"data file {str(path)!r} does not exist") from None
    except OSError as exc:
        raise DataError(f"data file {str(path)!r} cannot be read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise DataError(
            f"data file {str(path)!r} is not UTF-8 (byte {exc.start}: {exc.object[exc.start:exc.start + 1]!r}); "
            "save it as UTF-8"
        ) from None
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text, object_pairs_hook=_no_duplicates)
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except (ValueError, yaml.YAMLError) as exc:
        raise DataError(f"data file {str(path)!r} is not valid {path.suffix[1:].upper()}: {exc}") from None


def _expand(value: Any, base: Path, stack: tuple[Path, ...]) -> Any:
    if isinstance(value, dict):
        if set(value) == {"include"} and isinstance(value["include"], str):
            return _include(value["include"], base, stack)
        return {k: _expand(v, base, stack) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, base, stack) for v in value]
    return value


def _include(target: str, base: Path, stack: tuple[Path, ...]) -> Any:
    name, _, key_path = target.partition("#")
    path = (base.parent / name).resolve()
    if path in stack:
        raise DataError(f"{str(stack[-1])!r} includes {name!r}, which includes it back")
    value = _expand(_parse(path), path, (*stack, path))
    for key in filter(None, key_path.split(".")):
        if not isinstance(value, dict) or key not in value:
            raise DataError(f"{str(stack[-1])!r} includes {target!r}, but {name!r} has no {key_path!r}")
        value = value[key]
    return value


def read_data(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Return the data of a file as plain Python values, includes expanded.

    Raises:
        DataError: the file is missing, unreadable, not UTF-8, not valid JSON/YAML, or not a mapping.
    """
    file = Path(path)
    data = _expand(_parse(file), file.resolve(), (file.resolve(),))
    if not isinstance(data, dict):
        raise DataError(f"data file {str(file)!r} must hold a mapping (key: value pairs) at the top level")
    return data


def load_data(path: str | os.PathLike[str]) -> Minutes | Resolution | Plan | Invitation:
    """Return the document held in a JSON or YAML data file.

    Raises:
        DataError: the file cannot be read or parsed, or does not say which document it holds.
        pydantic.ValidationError: the data breaks the model or a Party rule of level E.
    """
    data = read_data(path)
    kind = data.get("document")
    if kind not in DOCUMENT_MODELS:
        kinds = ", ".join(DOCUMENT_MODELS)
        found = "no 'document' key" if kind is None else f"document: {kind!r}"
        raise DataError(f"data file {str(path)!r} has {found}; say which document it holds with 'document:' and one of {kinds}")
    return DOCUMENT_MODELS[kind].model_validate(data)
