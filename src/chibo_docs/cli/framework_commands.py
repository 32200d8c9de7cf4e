"""``chibo-docs frameworks``: list the quality frameworks; ``frameworks ID``: show one whole."""

from __future__ import annotations

import argparse
from typing import Any

from chibo_docs.i18n import N_, _, current_language, format_value
from chibo_docs.quality import Confidence, Criterion, Framework, FrameworkRegistry, Measure, Rating
from chibo_docs.quality.registry import origin_said

__all__ = ["register"]

_CONFIDENCE = {
    Confidence.CONFIRMED: N_("confirmed"),
    Confidence.UNCONFIRMED: N_("unconfirmed"),
}
_MEASURE = {
    Measure.ATTENDANCE_PERCENT: N_("pre-filled from the attendance rate"),
    Measure.MINUTES_SHORT: N_("pre-filled from the minutes short of the rule set's minimum"),
    Measure.MATERIALS_DAYS_BEFORE: N_("pre-filled from when the materials were posted"),
}


def register(subparsers: Any) -> None:
    """Add the ``frameworks`` sub-command."""
    p = subparsers.add_parser(
        "frameworks",
        help=_("list the quality frameworks (khung tiêu chí), one a line, id first; with an id, "
               "show that framework's criteria, ratings and sources"),
    )
    p.add_argument("framework", metavar=_("ID"), nargs="?",
                   help=_("the id of a framework to show whole"))
    p.add_argument("--frameworks", metavar=_("DIR"), action="append", default=[],
                   help=_("a folder of extra frameworks (one TOML file each); may be repeated"))
    p.set_defaults(handler=_frameworks)


def _frameworks(args: argparse.Namespace) -> int:
    registry = FrameworkRegistry.default(args.frameworks)
    if args.framework is None:
        for frame in registry:
            confidence = _(_CONFIDENCE[frame.confidence])
            origin = format_value(origin_said(frame.origin), current_language())
            print(f"{frame.id}\t{frame.total}\t{confidence}\t{frame.name}\t{origin}")
        return 0
    print("\n".join(describe(registry.get(args.framework))))
    return 0


def _at(indent: int, line: str) -> str:
    """``line`` indented by ``indent`` spaces (a whole message, never a piece of one)."""
    return " " * indent + line


def _criterion_lines(criterion: Criterion, number: str, depth: int) -> list[str]:
    indent = 2 * depth
    lines = [_at(indent, _("{number}. {name} [{id}]: at most {points}", number=number,
                           name=criterion.name, id=criterion.id, points=criterion.max_points))]
    if criterion.note:
        lines.append(_at(indent + 3, criterion.note))
    rule = criterion.prefill
    if rule is not None:
        lines.append(_at(indent + 3, _("{how} ({confidence}: {source})", how=_(_MEASURE[rule.measure]),
                                       confidence=_(_CONFIDENCE[rule.confidence]), source=rule.source)))
    for n, child in enumerate(criterion.criteria, start=1):
        lines += _criterion_lines(child, f"{number}.{n}", depth + 1)
    return lines


def describe(frame: Framework) -> list[str]:
    """Return the lines that show ``frame`` whole: criteria, ratings, annual rules, sources."""
    lines = [
        _("{id}: {name}", id=frame.id, name=frame.name),
        _("Issued by: {issuer}", issuer=frame.issuer),
        _("Source: {source}", source=frame.source),
        _("Confidence: {confidence}", confidence=_(_CONFIDENCE[frame.confidence])),
    ]
    if frame.note:
        lines.append(_("Note: {note}", note=frame.note))
    lines.append(_("Criteria ({total} points in all):", total=frame.total))
    for n, criterion in enumerate(frame.criteria, start=1):
        lines += _criterion_lines(criterion, str(n), 1)
    lines.append(_("Ratings:"))
    lines += [_at(2, _("{name} ({rating}): from {points} points", name=frame.ratings[r].name,
                       rating=r.value, points=frame.ratings[r].at_least)) for r in Rating]
    lines.append(_("Criteria that do not apply: {rule} ({source})", source=frame.not_applicable_source,
                   rule=_("the score is scaled to the total") if frame.not_applicable == "scale"
                   else _("they count their maximum")))
    if frame.target_tot_percent is not None:
        lines.append(_("Target: the share of cells rated {name} is at least {percent}% ({source})",
                       percent=frame.target_tot_percent, name=frame.rating_name(Rating.TOT),
                       source=frame.target_source))
    lines.append(_("Annual rating, from the best down (a year no rule takes is rated {name}):",
                   name=frame.rating_name(Rating.KEM)))
    for rule in frame.annual:
        lines.append(_at(2, _("{name} ({confidence}: {source})", name=frame.rating_name(rule.rating),
                              confidence=_(_CONFIDENCE[rule.confidence]), source=rule.source)))
        if rule.every_month_at_least is not None:
            lines.append(_at(4, _("every month rated {name} or better",
                                  name=frame.rating_name(rule.every_month_at_least))))
        for rating, count in rule.months_rated.items():
            lines.append(_at(4, _("at least {count} months rated {name}", count=count,
                                  name=frame.rating_name(rating))))
        if rule.min_average is not None:
            lines.append(_at(4, _("an average of at least {points} points", points=rule.min_average)))
        if rule.months_held is not None:
            lines.append(_at(4, _("at least {count} months held and rated", count=rule.months_held)))
    return lines
