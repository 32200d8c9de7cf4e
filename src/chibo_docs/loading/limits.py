"""How much a data file may hold: the limits that keep hostile files from exhausting the machine.

A 1 KB YAML file of nested aliases (an "alias bomb") can stand for a billion values, and data
nested thousands of levels deep crashes recursive code. :func:`chibo_docs.load_data` checks
these limits while it reads, before any Python object of the data is built, and refuses a file
that breaks one with :class:`chibo_docs.DataLimitError`.

The defaults leave ample room for real data. The bundled examples (a month of one chi bộ's
documents) use at most (``tests/test_data_limits.py`` measures them and keeps the margin):

* 9.0 KB for the largest file (the minutes), 15.4 KB for the cell's monthly report with what
  it includes (the minutes' meeting, the resolution's results and tasks, the scorecard's
  assessment);
* 6 levels of nesting (``meeting.agenda.2.documents.0.code``);
* no YAML alias;
* 522 values (keys, values, lists and mappings, the included meeting counted).

>>> DataLimits().max_depth
50
>>> DataLimits(max_depth=500)
Traceback (most recent call last):
...
ValueError: DataLimits.max_depth must be between 1 and 150, not 500: Python's own recursion limit (1000 frames) allows no more
"""

from __future__ import annotations

from dataclasses import dataclass, fields

__all__ = ["DEPTH_CEILING", "DataLimits"]

DEPTH_CEILING = 150
"""The highest ``max_depth`` allowed: reading takes up to 3 Python frames per level of nesting
(PyYAML's composer), and Python stops at 1000 frames (``sys.getrecursionlimit()``), some of
them used by the caller."""

_MIB = 1024 * 1024


@dataclass(frozen=True)
class DataLimits:
    """The limits a data file must keep to: size, nesting, aliases and expanded values.

    Each default is far above what the bundled examples use (see the module docstring: 8 times
    their nesting, 100 to 300 times their sizes), so real data never meets them, while a hostile
    file is refused in well under a second.

    >>> DataLimits(max_nodes=1_000).max_nodes
    1000
    """

    max_file_bytes: int = 1 * _MIB
    """Size of one data file or included file, in bytes (the largest example: 9.0 KB)."""

    max_total_bytes: int = 4 * _MIB
    """Size of the data file and every file it includes, together, each file counted once."""

    max_depth: int = 50
    """Levels of nesting, counted as the length of a value's key path (``a.b.0`` is 3), after
    aliases and includes are expanded (the examples: 6). At most :data:`DEPTH_CEILING`."""

    max_aliases: int = 1_000
    """YAML aliases (``*name``) in one file (the examples: none)."""

    max_nodes: int = 100_000
    """Values once every alias and include is expanded: each mapping, list, key and scalar
    counted once per place it appears (the examples: 522 at most)."""

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(
                    f"DataLimits.{item.name} must be a whole number of at least 1, not {value!r}"
                )
        if self.max_depth > DEPTH_CEILING:
            raise ValueError(
                f"DataLimits.max_depth must be between 1 and {DEPTH_CEILING}, not {self.max_depth}: "
                "Python's own recursion limit (1000 frames) allows no more"
            )
