"""Data files (JSON or YAML) read into document models, within limits, with line numbers.

The one door through which PyYAML enters.
"""

from __future__ import annotations

from chibo_docs.loading.limits import DataLimits
from chibo_docs.loading.reader import SUFFIXES, load_data, read_data

__all__ = ["SUFFIXES", "DataLimits", "load_data", "read_data"]
