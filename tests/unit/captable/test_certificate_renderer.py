"""The renderer behind the port renders in real worker processes: started on the first
rendering, several renderings at once while the event loop keeps serving, the same bytes as
in-process rendering, a killed worker replaced, and no process left once the container that
holds it is closed."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
from collections.abc import AsyncIterator, Awaitable

import pytest

from infrastructure.captable.pdf.agreement import render_transfer_agreement
from infrastructure.captable.pdf.certificate import render_certificate
from infrastructure.captable.pdf.renderer import (
    PooledCertificateRenderer,
    certificate_renderer,
    render_workers,
)
from infrastructure.config.settings import Settings
from infrastructure.container import Container, build_container
from infrastructure.wiring.kernel import KERNEL
from infrastructure.wiring.providers import Scope, once
from infrastructure.wiring.resolver import Wiring
from tests.support.captable_sheets import agreement_sheet, certificate_sheet, pages_text
from usecases.captable.rendering import CertificateRenderer

pytestmark = pytest.mark.slow


def workers() -> list[multiprocessing.process.BaseProcess]:
    return [p for p in multiprocessing.active_children() if p.name.startswith("SpawnProcess")]


@pytest.fixture
async def renderer() -> AsyncIterator[PooledCertificateRenderer]:
    renderer = PooledCertificateRenderer(2)
    yield renderer
    await renderer.aclose()


class Ticker:
    """Counts turns of the event loop while it runs."""

    def __init__(self) -> None:
        self.ticks = 0

    async def run(self) -> None:
        while True:
            self.ticks += 1
            await asyncio.sleep(0)


async def test_renderings_run_in_worker_processes_while_the_loop_keeps_serving(
    renderer: PooledCertificateRenderer,
) -> None:
    assert not renderer.started
    assert workers() == []  # nothing started before the first rendering

    sheets = [certificate_sheet(certificate_number=f"CS-{n:04d}") for n in range(1, 9)]
    ticker = Ticker()
    ticking = asyncio.create_task(ticker.run())
    seen: list[int] = []

    async def watched(render: Awaitable[bytes]) -> bytes:
        before = ticker.ticks
        pdf = await render
        seen.append(ticker.ticks - before)  # loop turns the ticker got during this rendering
        return pdf

    pdfs = await asyncio.gather(*(watched(renderer.certificate(s)) for s in sheets))
    agreement = await watched(renderer.transfer_agreement(agreement_sheet()))
    ticking.cancel()

    assert len(workers()) == 2  # two real processes
    assert all(turns > 0 for turns in seen), seen  # the loop served the ticker every time
    assert pdfs == [render_certificate(s) for s in sheets]  # byte for byte, across processes
    assert agreement == render_transfer_agreement(agreement_sheet())
    assert "CS-0008" in pages_text(pdfs[-1])[0]


async def test_a_killed_worker_is_replaced(
    renderer: PooledCertificateRenderer, caplog: pytest.LogCaptureFixture
) -> None:
    sheet = certificate_sheet()
    await asyncio.gather(renderer.certificate(sheet), renderer.certificate(sheet))
    victim = workers()[0]  # one dead worker breaks the pool (the pool ends the others)
    assert victim.pid is not None
    os.kill(victim.pid, signal.SIGKILL)
    victim.join(10)

    # the logger's own level: an earlier test in this process may have left the root's higher
    with caplog.at_level(logging.WARNING, logger="infrastructure.captable.pdf.renderer"):
        assert await renderer.certificate(sheet) == render_certificate(sheet)
    assert "a PDF worker died" in caplog.text
    assert len(workers()) >= 1  # a fresh pool


async def test_closing_stops_the_workers_and_refuses_later_renderings(
    renderer: PooledCertificateRenderer,
) -> None:
    await renderer.certificate(certificate_sheet())
    assert workers()

    await renderer.aclose()

    assert workers() == []
    with pytest.raises(RuntimeError, match="closed"):
        await renderer.certificate(certificate_sheet())


class PrintsCertificates:
    """Stands for a cap table handler that takes the port."""

    def __init__(self, renderer: CertificateRenderer) -> None:
        self.renderer = renderer


async def test_the_wiring_builds_one_renderer_per_container_and_closing_it_stops_the_pool(
    database_url: str,
) -> None:
    settings = Settings(_env_file=None, app_env="test", captable_render_workers=1)
    container = build_container(settings, database_url)
    scope = Scope(
        "captable",
        providers=(once(CertificateRenderer, certificate_renderer),),
        handlers=(PrintsCertificates,),
    )
    bound = Wiring([KERNEL, scope], roots=(Container,)).bind({Container: container})
    first, second = (bound.factory(PrintsCertificates)() for _ in range(2))
    assert first.renderer is second.renderer
    assert isinstance(first.renderer, PooledCertificateRenderer)
    assert first.renderer.workers == 1
    assert workers() == []  # built, not started

    await first.renderer.certificate(certificate_sheet())
    assert len(workers()) == 1

    await container.aclose()
    assert workers() == []


def test_pool_size_from_the_setting_or_the_cpus() -> None:
    assert render_workers(Settings(_env_file=None, captable_render_workers=3)) == 3
    default = render_workers(Settings(_env_file=None))
    assert default == max(1, os.cpu_count() or 1)
