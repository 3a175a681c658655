"""A proposal to and from its row: the rules as columns (durations in seconds), the outcome as
JSON."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from adapters.persistence.governance.models import ProposalRow
from domain.governance.proposal import Proposal, ProposalKind, ProposalRules, ProposalState
from domain.governance.tally import Outcome


def _seconds(value: timedelta) -> int:
    return int(value.total_seconds())


def outcome_json(outcome: Outcome | None) -> dict[str, Any] | None:
    if outcome is None:
        return None
    return {
        "quorum_votes": str(outcome.quorum_votes),
        "counted": str(outcome.counted),
        "quorum_reached": outcome.quorum_reached,
        "vote_succeeded": outcome.vote_succeeded,
        "winner": outcome.winner,
    }


def _outcome(data: dict[str, Any] | None) -> Outcome | None:
    if data is None:
        return None
    return Outcome(
        quorum_votes=Decimal(data["quorum_votes"]),
        counted=Decimal(data["counted"]),
        quorum_reached=bool(data["quorum_reached"]),
        vote_succeeded=bool(data["vote_succeeded"]),
        winner=data["winner"],
    )


def row_values(p: Proposal) -> dict[str, Any]:
    r = p.rules
    return {
        "id": p.id,
        "issuer_id": p.issuer_id,
        "title": p.title,
        "description": p.description,
        "proposer_user_id": p.proposer_user_id,
        "kind": r.kind.value,
        "options": list(r.options),
        "voting_delay_seconds": _seconds(r.voting_delay),
        "voting_period_seconds": _seconds(r.voting_period),
        "quorum": r.quorum,
        "pass_threshold": r.pass_threshold,
        "execution_delay_seconds": _seconds(r.execution_delay),
        "grace_period_seconds": _seconds(r.grace_period),
        "allow_changes": r.allow_changes,
        "hide_results": r.hide_results,
        "anonymous": r.anonymous,
        "created_at": p.created_at,
        "vote_start": p.vote_start,
        "vote_end": p.vote_end,
        **mutable_values(p),
    }


def mutable_values(p: Proposal) -> dict[str, Any]:
    return {
        "status": p.status.value,
        "snapshot_total": p.snapshot_total,
        "snapshot_at": p.snapshot_at,
        "closed_at": p.closed_at,
        "outcome": outcome_json(p.outcome),
        "commitment": p.commitment,
        "canceled_at": p.canceled_at,
        "eta": p.eta,
        "executed_at": p.executed_at,
        "board_action": p.board_action,
        "opening_notice_sent": p.opening_notice_sent,
        "closing_notice_sent": p.closing_notice_sent,
    }


def to_proposal(row: ProposalRow) -> Proposal:
    rules = ProposalRules(
        kind=ProposalKind(row.kind),
        options=tuple(row.options),
        voting_delay=timedelta(seconds=row.voting_delay_seconds),
        voting_period=timedelta(seconds=row.voting_period_seconds),
        quorum=row.quorum,
        pass_threshold=row.pass_threshold,
        execution_delay=timedelta(seconds=row.execution_delay_seconds),
        grace_period=timedelta(seconds=row.grace_period_seconds),
        allow_changes=row.allow_changes,
        hide_results=row.hide_results,
        anonymous=row.anonymous,
    )
    return Proposal(
        id=row.id,
        issuer_id=row.issuer_id,
        title=row.title,
        description=row.description,
        proposer_user_id=row.proposer_user_id,
        rules=rules,
        created_at=row.created_at,
        vote_start=row.vote_start,
        vote_end=row.vote_end,
        status=ProposalState(row.status),
        snapshot_total=row.snapshot_total,
        snapshot_at=row.snapshot_at,
        closed_at=row.closed_at,
        outcome=_outcome(row.outcome),
        commitment=row.commitment,
        canceled_at=row.canceled_at,
        eta=row.eta,
        executed_at=row.executed_at,
        board_action=row.board_action,
        opening_notice_sent=row.opening_notice_sent,
        closing_notice_sent=row.closing_notice_sent,
    )
