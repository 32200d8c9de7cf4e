"""Run a child in its own process group and make sure none of it outlives us.

LibreOffice starts a chain of processes (``soffice`` script → ``oosplash`` →
``soffice.bin``). Killing only the first leaves the others running, so every child is
started in a new session (its own process group) and the whole group is killed.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

__all__ = ["GroupProcess", "kill_group", "processes_mentioning", "spawn"]

_POSIX = os.name == "posix"


class GroupProcess:
    """A child process started as the leader of its own process group.

    Its output goes to a file, so a chatty child can never block on a full pipe.
    """

    def __init__(
        self,
        args: Sequence[str],
        *,
        log: Path,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.args = list(args)
        self.log = log
        with open(log, "wb") as out:
            kwargs: dict[str, object] = {}
            if _POSIX:
                kwargs["start_new_session"] = True
            elif sys.platform == "win32":  # pragma: no cover - not tested on this machine
                kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
            self.popen: subprocess.Popen[bytes] = subprocess.Popen(  # noqa: S603
                self.args,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=cwd,
                **kwargs,  # type: ignore[call-overload]
            )

    @property
    def pid(self) -> int:
        """Return the child's process id (also its process group id on POSIX)."""
        return self.popen.pid

    def poll(self) -> int | None:
        """Return the exit code, or ``None`` while the child runs."""
        return self.popen.poll()

    def output(self) -> str:
        """Return what the child has written so far (stdout and stderr together)."""
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def kill(self) -> None:
        """Kill the whole group and reap the leader; safe to call more than once."""
        kill_group(self.popen)


def spawn(
    args: Sequence[str], *, log: Path, env: dict[str, str] | None = None, cwd: Path | None = None
) -> GroupProcess:
    """Start ``args`` as a new process group writing its output to ``log``."""
    return GroupProcess(args, log=log, env=env, cwd=cwd)


def kill_group(popen: subprocess.Popen[bytes], *, grace: float = 0.0) -> None:
    """Kill ``popen``'s whole process group (SIGTERM, then SIGKILL) and reap the leader.

    ``grace`` seconds are given after SIGTERM before SIGKILL; the group is always sent
    SIGKILL in the end, even when the leader already exited, so that grandchildren left
    behind by the leader die too.
    """
    if _POSIX:
        pgid = popen.pid
        if grace > 0:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pgid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                popen.wait(grace)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pgid, signal.SIGKILL)
    else:  # pragma: no cover - Windows: kill the tree with taskkill
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(popen.pid)], capture_output=True, check=False
        )
    with contextlib.suppress(subprocess.TimeoutExpired):
        popen.wait(10)
    if _POSIX:
        _wait_group_gone(popen.pid, 5.0)


def _wait_group_gone(pgid: int, limit: float) -> None:
    """Wait until every process of group ``pgid`` has died (they were sent SIGKILL).

    Zombies count as dead: a grandchild orphaned by the kill is reaped by init, later.
    """
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and _group_members(pgid):
        time.sleep(0.01)


def _group_members(pgid: int) -> bool:
    """Return whether group ``pgid`` has a live (non-zombie) process."""
    proc = Path("/proc")
    if not proc.is_dir():  # no /proc (macOS): ask the kernel, zombies included
        try:
            os.killpg(pgid, 0)
        except (ProcessLookupError, PermissionError):
            return False
        return True
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 2 and fields[2] == str(pgid) and fields[0] not in ("Z", "X"):
            return True
    return False


def processes_mentioning(text: str) -> list[int]:
    """Return the ids of live processes whose command line contains ``text`` (Linux only).

    Zombies (exited, not yet reaped by their parent) have an empty command line and are not
    listed. On systems without ``/proc`` the list is empty.

    >>> processes_mentioning("no process has this in its command line " + "x" * 8) == []
    True
    """
    found: list[int] = []
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    needle = text.encode()
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if needle in cmdline:
            found.append(int(entry.name))
    return found
