"""The results PDF: what is printed on it, and the renderer port (ReportLab, in
``infrastructure/governance/pdf.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Final, Protocol

MAX_VOTERS: Final = 500  # listed on the sheet; the rest are counted


@dataclass(frozen=True, slots=True)
class VoterLine:
    holder: str  # "anonymous" on anonymous proposals
    weight: Decimal
    choice: str


@dataclass(frozen=True, slots=True)
class ResultsSheet:
    issuer_name: str
    title: str
    kind: str
    state: str
    vote_start: datetime
    vote_end: datetime
    options: tuple[tuple[str, Decimal], ...]  # name, weight
    snapshot_total: Decimal
    quorum_votes: Decimal
    counted: Decimal
    ballots: int
    commitment: str
    voters: tuple[VoterLine, ...]
    more_voters: int


class ResultsRenderer(Protocol):
    async def results(self, sheet: ResultsSheet) -> bytes: ...
