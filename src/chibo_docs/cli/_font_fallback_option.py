"""``--allow-font-fallback`` for the commands that convert, and how they show its warnings."""

from __future__ import annotations

import argparse
import contextlib
import sys
import warnings
from collections.abc import Iterator

from chibo_docs.errors import FontFallbackWarning
from chibo_docs.i18n import _
from chibo_docs.pdf.font_fallback import ENV_VAR

__all__ = ["add_font_fallback_option", "font_warnings_on_stderr"]


def add_font_fallback_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--allow-font-fallback`` (absent: ``None``, so the environment variable decides)."""
    parser.add_argument(
        "--allow-font-fallback",
        action="store_const",
        const=True,
        default=None,
        help=_(
            "keep a PDF in which LibreOffice drew characters in a fallback font (a warning, "
            "not an error); the same as {variable}=1",
            variable=ENV_VAR,
        ),
    )


@contextlib.contextmanager
def font_warnings_on_stderr() -> Iterator[None]:
    """Print each font fallback warning raised inside as ``warning: …`` on stderr (translated)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FontFallbackWarning)
        try:
            yield
        finally:
            for item in caught:
                if issubclass(item.category, FontFallbackWarning):
                    print(_("warning: {message}", message=item.message), file=sys.stderr)
                else:
                    warnings.warn_explicit(item.message, item.category, item.filename, item.lineno)
