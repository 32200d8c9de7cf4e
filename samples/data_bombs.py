"""Hostile data files for tests and benchmarks: a YAML alias bomb ("billion laughs")."""

from __future__ import annotations


def alias_bomb(limit: int = 1024) -> str:
    """Return a YAML "billion laughs" of at most ``limit`` bytes, as many levels as fit.

    Level 0 lists ten strings; each further level lists the one before ten times, so ``n``
    levels stand for 10**n strings.
    """
    lines = ["document: minutes", "l0: &l0 [" + ",".join(["lol"] * 10) + "]"]
    while True:
        k = len(lines) - 1
        line = f"l{k}: &l{k} [" + ",".join([f"*l{k - 1}"] * 10) + "]"
        if len("\n".join([*lines, line])) + 1 > limit:
            return "\n".join(lines) + "\n"
        lines.append(line)
