"""Make writes fail for real, even as root: a read-only, tiny or locked mount.

Tests run as root on this machine, and root ignores permission bits, so ``chmod 555`` alone
proves nothing. What fails for root too: a tmpfs mounted read-only (EROFS), with a few
kilobytes (ENOSPC), or holding an immutable folder (``chattr +i``: EPERM), each in a private
mount namespace (``unshare --mount``) that dies with the command, so nothing leaks to the
machine even when a test crashes. Running the command as ``nobody`` does not work here: the
interpreter lives under ``/root`` (mode 0700).

These tests are skipped where mounts are not allowed (no root, no ``unshare``); a test that
needs a forbidden folder then uses ``chmod`` instead, which works for other users.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = ["Confined", "can_mount", "cli", "python", "run_in_mount"]

_MARK = "--- after ---"


def python(code: str) -> list[str]:
    """Return the command that runs ``code`` with this Python."""
    return [sys.executable, "-c", code]


def cli(*args: str) -> list[str]:
    """Return the command that runs ``chibo-docs args…`` with this Python."""
    return [sys.executable, "-m", "chibo_docs", *args]


@functools.cache
def can_mount() -> bool:
    """Return whether a tmpfs can be mounted in a private mount namespace here."""
    if os.name != "posix" or shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    with tempfile.TemporaryDirectory() as folder:
        probe = subprocess.run(
            ["unshare", "--mount", "--propagation", "private", "sh", "-c",
             'mount -t tmpfs -o size=16k tmpfs "$1"', "sh", folder],
            capture_output=True, check=False, timeout=30,
        )
    return probe.returncode == 0


@dataclass
class Confined:
    """What a confined command did: exit code, output, and the mount's files after it."""

    returncode: int
    stdout: str
    stderr: str
    left: list[str]


def run_in_mount(
    folder: Path,
    command: Sequence[str],
    *,
    size: str = "1m",
    read_only: bool = False,
    files: Sequence[tuple[str, bytes, int]] = (),
    immutable: Sequence[str] = (),
    cwd: Path | None = None,
) -> Confined:
    """Run ``command`` with a fresh tmpfs of ``size`` mounted on ``folder``.

    ``files`` (name, content, mode) are written there first and the folders ``immutable``
    are created with the immutable attribute (``chattr +i``: no new file in them, even for
    root); then, with ``read_only``, the mount is made read-only. ``left`` lists the files
    in the mount (recursively) after the command.
    """
    if not can_mount():
        pytest.skip("mounting a tmpfs needs root and unshare (tests run as root on CI)")
    remount = 'mount -o remount,ro "$1" && ' if read_only else ""
    with tempfile.TemporaryDirectory() as staging:
        for name, content, mode in files:
            (Path(staging) / name).write_bytes(content)
            (Path(staging) / name).chmod(mode)
        copy = 'cp -p "$2"/. "$1"/ -r && ' if files else ""
        lock = "".join(f'mkdir "$1/{name}" && chattr +i "$1/{name}" && ' for name in immutable)
        script = (
            f'mount -t tmpfs -o size={size} tmpfs "$1" && {copy}{lock}{remount}true || exit 99; '
            'shift 2; "$@"; code=$?; '
            f'echo "{_MARK}"; cd "$0" && find . -mindepth 1 | sort; exit $code'
        )
        done = subprocess.run(
            ["unshare", "--mount", "--propagation", "private", "sh", "-c", script,
             str(folder), str(folder), staging, *command],
            capture_output=True, text=True, check=False, timeout=300, cwd=cwd,
        )
    assert done.returncode != 99, done.stderr
    out, _, after = done.stdout.rpartition(_MARK + "\n")
    return Confined(done.returncode, out, done.stderr, [n[2:] for n in after.split()])
