"""Counting: per-option weights and the participation, and the decision Governor makes from
them. For/against/abstain: the quorum counts For + Abstain and the vote succeeds only if
For > Against (and For is more than ``pass_threshold`` of For + Against). Other kinds: the
quorum counts every weight that took part and the one leading option succeeds if it has more
than ``pass_threshold`` of that weight."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

FOR, AGAINST, ABSTAIN = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Tally:
    by_option: tuple[Decimal, ...]  # weight per option, in option order
    participation: Decimal  # the summed weight of the ballots
    ballots: int

    @classmethod
    def of(
        cls, options: int, allocations: Iterable[Mapping[int, Decimal]], weights: Iterable[Decimal]
    ) -> Tally:
        sums = [Decimal(0)] * options
        for allocation in allocations:
            for index, weight in allocation.items():
                sums[index] += weight
        taken = list(weights)
        return cls(tuple(sums), sum(taken, Decimal(0)), len(taken))


@dataclass(frozen=True, slots=True)
class Outcome:
    quorum_votes: Decimal  # needed
    counted: Decimal  # what counted towards the quorum
    quorum_reached: bool
    vote_succeeded: bool
    winner: int | None  # the option that carried, if any

    @property
    def succeeded(self) -> bool:
        return self.quorum_reached and self.vote_succeeded


def decide(
    tally: Tally,
    *,
    yes_no: bool,
    snapshot_total: Decimal,
    quorum: Decimal,
    pass_threshold: Decimal,
) -> Outcome:
    quorum_votes = quorum * snapshot_total
    if yes_no:
        yes, no, abstain = tally.by_option
        counted = yes + abstain
        succeeded = yes > no and yes > pass_threshold * (yes + no)
        return Outcome(
            quorum_votes, counted, counted >= quorum_votes, succeeded, FOR if succeeded else None
        )
    counted = tally.participation
    ranked = sorted(range(len(tally.by_option)), key=lambda i: tally.by_option[i], reverse=True)
    best = ranked[0]
    top = tally.by_option[best]
    unique = len(ranked) < 2 or top > tally.by_option[ranked[1]]
    succeeded = unique and top > 0 and top > pass_threshold * counted
    return Outcome(
        quorum_votes, counted, counted >= quorum_votes, succeeded, best if succeeded else None
    )
