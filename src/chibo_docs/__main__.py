"""Run the command-line tool: ``python -m chibo_docs``."""

from __future__ import annotations

import sys

from chibo_docs.cli import main

if __name__ == "__main__":
    sys.exit(main())
