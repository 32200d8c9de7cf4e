"""Checks of votes: counts fit the members present who may vote (V4); a resolution's adoption
vote passes (V2, V3); a vote of the minutes that did not pass is noted (V2, V3, info)."""

from __future__ import annotations

from collections.abc import Iterator

from chibo_docs.models.documents import Resolution
from chibo_docs.models.meeting import Meeting
from chibo_docs.models.views import Tally
from chibo_docs.models.vote import Vote, VoteThreshold
from chibo_docs.rules.registry import Violation, phrase, phrases

__all__ = ["adoption_passes", "adoption_vote_counts", "failed_votes", "meeting_votes"]


def _threshold_rule(threshold: VoteThreshold) -> str:
    return "V2" if threshold is VoteThreshold.MAJORITY else "V3"


def _vote_counts(meeting: Meeting, vote: Vote) -> Iterator[Violation]:
    """V4: a stated vote base matches the meeting's; no more votes than members who may vote."""
    base, voters = meeting.eligible_base, meeting.voters_present_count
    if vote.eligible is not None and vote.eligible != base:
        yield Violation("V4", "eligible_differs", ("eligible",), {"stated": vote.eligible, "base": base})
    if vote.cast > voters:
        voting = {m.id for m in meeting.voters_present}
        present_without_vote = [m for m in meeting.present if m.id not in voting]
        others = [phrase("hosted" if m.is_official else "probationary", name=m.full_name, id=m.id)
                  for m in present_without_vote]
        counts = {"cast": vote.cast, "approve": vote.approve, "disapprove": vote.disapprove,
                  "abstain": vote.abstain, "voters": voters}
        if others:
            yield Violation("V4", "too_many_votes_others_present", ("approve",), {
                **counts, "others": phrases(others),
                "other_ids": [m.id for m in present_without_vote]})
        else:
            yield Violation("V4", "too_many_votes", ("approve",), counts)


def meeting_votes(meeting: Meeting) -> Iterator[Violation]:
    """V4 for every vote of the meeting."""
    for i, vote in enumerate(meeting.votes):
        yield from (v.within("votes", i) for v in _vote_counts(meeting, vote))


def adoption_vote_counts(resolution: Resolution) -> Iterator[Violation]:
    """V4: the vote adopting a resolution counts right."""
    return (v.within("adoption_vote") for v in _vote_counts(resolution.meeting, resolution.adoption_vote))


def adoption_passes(resolution: Resolution) -> Iterator[Violation]:
    """V2/V3: the vote adopting a resolution passes (checked once its counts are right, V4)."""
    tally = resolution.adoption_tally
    if tally.passed is False:
        yield Violation(_threshold_rule(tally.threshold), "not_adopted", ("adoption_vote", "approve"),
                        {"approve": tally.approve, "base": tally.eligible_base, "required": tally.required})


def failed_votes(meeting: Meeting) -> Iterator[Violation]:
    """V2/V3 (info): a vote recorded in the minutes did not pass."""
    for i, tally in enumerate(meeting.tallies):
        if tally.passed is False:
            yield _failed(tally, i)


def _failed(tally: Tally, i: int) -> Violation:
    return Violation(_threshold_rule(tally.threshold), "failed_vote", ("votes", i), {
        "subject": tally.subject, "approve": tally.approve, "base": tally.eligible_base,
        "required": tally.required})
