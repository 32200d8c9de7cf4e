"""Checks of votes: counts fit the members present who may vote (V4); a resolution's adoption
vote passes (V2, V3); a vote of the minutes that did not pass is noted (V2, V3, info), or
warned about when it was on a person (V3); a vote on admitting or confirming a member names
its one candidate, voted on once, and needs two thirds (V3)."""

from __future__ import annotations

from collections.abc import Iterator

from chibo_docs.models.documents import Resolution
from chibo_docs.models.meeting import Meeting
from chibo_docs.models.organisation import Member
from chibo_docs.models.proceedings import ContentKind
from chibo_docs.models.scorecard import Scorecard
from chibo_docs.models.views import Tally
from chibo_docs.models.vote import Vote, VoteThreshold
from chibo_docs.rules.registry import Violation, member, phrase, phrases

__all__ = [
    "adoption_passes",
    "adoption_vote_counts",
    "candidate_votes",
    "failed_votes",
    "meeting_votes",
    "quality_vote_counts",
    "scorecard_vote_counts",
]


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


def quality_vote_counts(meeting: Meeting) -> Iterator[Violation]:
    """V4: the vote adopting the meeting's quality score (``quality.adoption_vote``) counts right."""
    vote = meeting.quality.adoption_vote if meeting.quality is not None else None
    if vote is not None:
        yield from (v.within("quality", "adoption_vote") for v in _vote_counts(meeting, vote))


def scorecard_vote_counts(scorecard: Scorecard) -> Iterator[Violation]:
    """V4: the vote adopting a scorecard's own assessment counts right, against its meeting."""
    vote = scorecard.quality.adoption_vote if scorecard.quality is not None else None
    if vote is not None:
        yield from (v.within("quality", "adoption_vote")
                    for v in _vote_counts(scorecard.meeting, vote))


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
    counts = {"subject": tally.subject, "approve": tally.approve, "base": tally.eligible_base,
              "required": tally.required}
    if tally.candidate is not None:
        person = tally.candidate
        who = (member(person.id, person.full_name) if isinstance(person, Member)
               else phrase("candidate", name=person.full_name, id=person.id))
        return Violation("V3", "failed_candidate_vote", ("votes", i), {
            **counts, "candidate": who, "candidate_id": person.id})
    return Violation(_threshold_rule(tally.threshold), "failed_vote", ("votes", i), counts)


def candidate_votes(meeting: Meeting) -> Iterator[Violation]:
    """V3: a vote on kết nạp or chuyển chính thức names one candidate, who is voted on once, and
    needs two thirds; a vote naming a candidate is on such an item; its item exists (V15)."""
    members = meeting.cell.member_by_id
    candidates = {c.id for c in meeting.candidates}
    voted: dict[tuple[str, str], int] = {}
    for i, vote in enumerate(meeting.votes):
        yield from (v.within("votes", i) for v in _candidate_vote(meeting, vote, members, candidates, voted, i))


def _candidate_vote(
    meeting: Meeting, vote: Vote, members: dict[str, Member], candidates: set[str],
    voted: dict[tuple[str, str], int], i: int,
) -> Iterator[Violation]:
    n = vote.agenda_item
    if n is not None and n > len(meeting.agenda):
        yield Violation("V15", "no_such_agenda_item", ("agenda_item",), {"item": n, "items": len(meeting.agenda)})
        return
    kind = meeting.item_kind_of(vote)
    two_thirds = meeting.needs_two_thirds(vote)
    item = {"item": n, "title": meeting.agenda[n - 1].title} if n is not None else {}
    if not two_thirds:
        if vote.candidate is not None:
            yield Violation("V3", "candidate_without_item", ("candidate",), {"candidate_id": vote.candidate})
        return
    if vote.threshold is VoteThreshold.MAJORITY:
        yield Violation("V3", "threshold_too_low", ("threshold",), item)
    if vote.candidate is None:
        yield Violation("V3", "no_candidate", ("candidate",), item)
        return
    person_id = vote.candidate
    m = members.get(person_id)
    if kind is ContentKind.ADMISSION:
        if m is not None:
            yield Violation("V3", "admitting_a_member", ("candidate",),
                            {**item, "candidate": member(m.id, m.full_name), "candidate_id": m.id})
            return
        if person_id not in candidates:
            yield Violation("V3", "unknown_admission_candidate", ("candidate",), {**item, "candidate_id": person_id})
            return
    else:
        if m is None:
            yield Violation("V3", "unknown_confirmation_candidate", ("candidate",), {**item, "candidate_id": person_id})
            return
        if m.is_official:
            yield Violation("V3", "confirming_an_official_member", ("candidate",),
                            {**item, "candidate": member(m.id, m.full_name), "candidate_id": m.id})
            return
    key = (str(kind), person_id)
    if key in voted:
        person = meeting.candidate_of(vote)
        name = (member(person_id, person.full_name) if isinstance(person, Member)
                else phrase("candidate", name=person.full_name, id=person_id) if person is not None
                else person_id)
        yield Violation("V3", "voted_twice", ("candidate",),
                        {**item, "candidate": name, "candidate_id": person_id, "first": voted[key]})
    else:
        voted[key] = i
