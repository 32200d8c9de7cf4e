"""Quality frameworks (khung tiêu chí đánh giá chất lượng sinh hoạt chi bộ), as data.

A framework says how a cell's meeting is scored: a tree of criteria with their maximum points,
the criteria pre-filled from the meeting's own data, the thresholds of the ratings (Tốt, Khá,
Trung bình, Kém) and how twelve monthly ratings roll up into the year's. Frameworks differ by
province and year, so each is a TOML file with its source and a confidence mark; they are
read from the built-in ``frameworks/`` folder, from folders (``CHIBO_DOCS_FRAMEWORKS_PATH``)
and from installed packages (entry point group ``chibo_docs.frameworks``), as forms are.

The assessment of one meeting against a framework is a model,
:class:`chibo_docs.models.QualityAssessment`.
"""

from __future__ import annotations

from chibo_docs.quality.framework import (
    AnnualOutcome,
    AnnualRule,
    Band,
    Confidence,
    Criterion,
    Framework,
    Measure,
    NotApplicable,
    Points,
    Prefill,
    Rating,
    RatingThreshold,
)
from chibo_docs.quality.registry import (
    ENTRY_POINT_GROUP,
    ENV_FRAMEWORKS_PATH,
    FrameworkRegistry,
    get_framework,
    list_frameworks,
    load_framework,
    load_framework_folder,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "ENV_FRAMEWORKS_PATH",
    "AnnualOutcome",
    "AnnualRule",
    "Band",
    "Confidence",
    "Criterion",
    "Framework",
    "FrameworkRegistry",
    "Measure",
    "NotApplicable",
    "Points",
    "Prefill",
    "Rating",
    "RatingThreshold",
    "get_framework",
    "list_frameworks",
    "load_framework",
    "load_framework_folder",
]
