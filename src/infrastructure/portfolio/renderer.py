"""The ``StatementRenderer`` adapter: ReportLab runs in a small thread pool, so awaiting a
statement never holds the event loop while it renders (a statement is a few tables; the cap
table's certificates, far more of them, use a process pool). The pool stops with the
container."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from infrastructure.container import Container
from infrastructure.portfolio.statement_pdf import render_quarterly_statement
from usecases.portfolio.statements.rendering import QuarterlyStatementSheet, StatementRenderer

WORKERS = 2


class PooledStatementRenderer:
    def __init__(self, workers: int = WORKERS) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="statement-pdf")

    async def quarterly(self, sheet: QuarterlyStatementSheet) -> bytes:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, render_quarterly_statement, sheet)

    async def aclose(self) -> None:
        await asyncio.to_thread(self._pool.shutdown, wait=True, cancel_futures=True)


def statement_renderer(container: Container) -> StatementRenderer:
    """One pool per container, closed with it."""
    renderer = PooledStatementRenderer()
    container.on_close(renderer.aclose)
    return renderer
