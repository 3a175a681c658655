"""The ``ResultsRenderer`` adapter: a one- or few-page A4 PDF drawn with ReportLab's canvas,
in a worker thread so the event loop is not held."""

from __future__ import annotations

import asyncio
import io
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from usecases.governance.rendering import ResultsSheet

MARGIN = 20 * mm
LINE = 5.2 * mm


def _votes(value: Decimal) -> str:
    return f"{value.normalize():,f}"


def render_results(sheet: ResultsSheet) -> bytes:
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle(f"{sheet.issuer_name}: {sheet.title}")
    _, height = A4
    y = height - MARGIN

    def line(text: str, size: float = 10, bold: bool = False) -> None:
        nonlocal y
        if y < MARGIN:
            pdf.showPage()
            y = height - MARGIN
        pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        pdf.drawString(MARGIN, y, text[:110])
        y -= LINE * size / 10

    line(sheet.issuer_name, 12, bold=True)
    line(f"Results: {sheet.title}", 14, bold=True)
    line(f"Kind {sheet.kind}; state {sheet.state}")
    line(f"Voting {sheet.vote_start:%Y-%m-%d %H:%M} to {sheet.vote_end:%Y-%m-%d %H:%M} UTC")
    line(
        f"Voting power at the snapshot {_votes(sheet.snapshot_total)}; quorum "
        f"{_votes(sheet.quorum_votes)}; counted {_votes(sheet.counted)}; ballots {sheet.ballots}"
    )
    y -= LINE
    line("Tally", 11, bold=True)
    for name, weight in sheet.options:
        line(f"{name}: {_votes(weight)}")
    y -= LINE
    line("Commitment (Merkle root over the ballots)", 11, bold=True)
    line(sheet.commitment, 8)
    y -= LINE
    line("Voters", 11, bold=True)
    for voter in sheet.voters:
        line(f"{voter.holder}: {_votes(voter.weight)} - {voter.choice}", 9)
    if sheet.more_voters:
        line(f"and {sheet.more_voters} more ballots (GET .../ballots lists them all)", 9)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


class ReportLabResults:
    async def results(self, sheet: ResultsSheet) -> bytes:
        return await asyncio.to_thread(render_results, sheet)
