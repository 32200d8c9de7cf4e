"""A small progress display on stderr for batches: ``[=====     ] 12/50 pdf``.

Quiet when stderr is not a terminal (logs, CI, pipes) or when asked to be.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """Show ``done/total`` on one stderr line, redrawn at most ten times a second.

    Call the object as ``progress(done, total)`` (thread-safe), then :meth:`close`.

    >>> import io
    >>> out = io.StringIO()
    >>> bar = Progress("pdf", stream=out, enabled=True, width=10)
    >>> bar(5, 10); bar.close()
    >>> out.getvalue().split("\\r")[-1]
    '[=====     ] 5/10 pdf\\n'
    """

    def __init__(
        self,
        label: str,
        *,
        stream: TextIO | None = None,
        enabled: bool | None = None,
        width: int = 30,
    ) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.width = width
        self._lock = threading.Lock()
        self._last = 0.0
        self._shown: tuple[int, int] | None = None
        self._state = (0, 0)

    def __call__(self, done: int, total: int) -> None:
        """Record progress and redraw when due (always on the last item)."""
        with self._lock:
            self._state = (done, total)
            now = time.monotonic()
            if self.enabled and (done >= total or now - self._last >= 0.1):
                self._last = now
                self._draw()

    def _draw(self) -> None:
        done, total = self._state
        filled = self.width * done // total if total else self.width
        bar = "=" * filled + " " * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} {self.label}")
        self.stream.flush()
        self._shown = self._state

    def close(self) -> None:
        """Draw the final state and end the line."""
        with self._lock:
            if self.enabled and self._shown is not None:
                if self._shown != self._state:
                    self._draw()
                self.stream.write("\n")
                self.stream.flush()
