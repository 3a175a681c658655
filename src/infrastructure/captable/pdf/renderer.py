"""The ``CertificateRenderer`` adapter: ReportLab runs in a pool of worker processes, so
``await renderer.certificate(sheet)`` never holds the event loop and several PDFs render at
once on several CPUs.

The pool starts on the first rendering (an API process that never prints a certificate
starts no process) and stops with the container (``Container.on_close``). A worker that died
breaks the pool; the renderer then starts a fresh pool and renders once more.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from infrastructure.captable.pdf.agreement import render_transfer_agreement
from infrastructure.captable.pdf.certificate import render_certificate
from infrastructure.captable.pdf.worker import warm_up
from infrastructure.config.settings import Settings
from infrastructure.container import Container
from usecases.captable.rendering import (
    CertificateRenderer,
    CertificateSheet,
    TransferAgreementSheet,
)

log = logging.getLogger(__name__)
Sheet = TypeVar("Sheet", CertificateSheet, TransferAgreementSheet)


def render_workers(settings: Settings) -> int:
    """``CAPTABLE_RENDER_WORKERS``, or one per CPU; at least 1."""
    return max(1, settings.captable_render_workers or os.cpu_count() or 1)


class PooledCertificateRenderer:
    """Renders in ``workers`` processes, started on first use."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False

    @property
    def started(self) -> bool:
        return self._pool is not None

    def _running_pool(self) -> ProcessPoolExecutor:
        if self._closed:
            raise RuntimeError("the certificate renderer is closed")
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                # spawn, not fork: a fork of a process running an event loop and threads
                # (asyncpg, Redis, the resolver's objects) is unsafe; the start is paid once.
                mp_context=multiprocessing.get_context("spawn"),
                initializer=warm_up,
            )
        return self._pool

    async def _render(self, render: Callable[[Sheet], bytes], sheet: Sheet) -> bytes:
        loop = asyncio.get_running_loop()
        pool = self._running_pool()
        try:
            return await loop.run_in_executor(pool, render, sheet)
        except BrokenProcessPool:
            log.warning("a PDF worker died; starting a fresh pool and rendering again")
            if self._pool is pool:
                self._pool = None
            pool.shutdown(wait=False)  # its futures have failed already
            return await loop.run_in_executor(self._running_pool(), render, sheet)

    async def certificate(self, sheet: CertificateSheet) -> bytes:
        return await self._render(render_certificate, sheet)

    async def transfer_agreement(self, sheet: TransferAgreementSheet) -> bytes:
        return await self._render(render_transfer_agreement, sheet)

    async def aclose(self) -> None:
        """Stop the workers: renderings already running finish, queued ones are cancelled;
        later calls refuse."""
        self._closed = True
        pool, self._pool = self._pool, None
        if pool is not None:
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)


def certificate_renderer(settings: Settings, container: Container) -> CertificateRenderer:
    """The provider the captable wiring lists as ``once(CertificateRenderer,
    certificate_renderer)``: one pool per container, closed with it."""
    renderer = PooledCertificateRenderer(render_workers(settings))
    container.on_close(renderer.aclose)
    return renderer
