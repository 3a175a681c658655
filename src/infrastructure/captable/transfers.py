"""The share-transfer workflow's part of the cap table's wiring: its unit of work (the cap
table's, with the ledger and KYC's level reader on the same session, so a completion posts
inside captable's transaction), its config, handlers and router, and the worker's sweep of
ROFR windows and stale transfers. ``infrastructure.wiring.captable`` adds these to the
context's module."""

from __future__ import annotations

from datetime import timedelta

from adapters.http.captable.transfers_router import router as transfers_router
from adapters.persistence.captable.transfer_unit_of_work import (
    TRANSFER_CONSTRAINT_FIELDS,
    TransfersUnitOfWork,
)
from infrastructure.config.settings import Settings
from infrastructure.container import Container
from infrastructure.kyc.public import kyc_levels
from infrastructure.ledger.public import ledger_factory
from infrastructure.wiring.kernel import idempotency_ttl
from infrastructure.wiring.module import Mounted
from infrastructure.wiring.providers import Provider, once, per_use
from usecases.captable.transfers import ports
from usecases.captable.transfers.approve_transfer import ApproveTransferHandler
from usecases.captable.transfers.complete_transfer import CompleteTransferHandler
from usecases.captable.transfers.config import TransferConfig
from usecases.captable.transfers.download_transfer_agreement import (
    DownloadTransferAgreementHandler,
)
from usecases.captable.transfers.draft_transfer import DraftTransferHandler
from usecases.captable.transfers.exercise_rofr import ExerciseRofrHandler
from usecases.captable.transfers.get_transfer import GetTransferHandler
from usecases.captable.transfers.list_my_transfers import ListMyTransfersHandler
from usecases.captable.transfers.list_transfers import ListTransfersHandler
from usecases.captable.transfers.reject_transfer import RejectTransferHandler
from usecases.captable.transfers.submit_transfer import SubmitTransferHandler
from usecases.captable.transfers.sweep_transfers import SweepTransfersHandler
from usecases.captable.transfers.waive_rofr import WaiveRofrHandler
from usecases.captable.transfers.withdraw_transfer import WithdrawTransferHandler


def transfers_unit_of_work(container: Container) -> TransfersUnitOfWork:
    return TransfersUnitOfWork(
        container.session_factory,
        ledger_factory=ledger_factory(container),
        kyc_levels_factory=kyc_levels,
        notifier_factory=container.notifier_factory,
        constraint_fields=TRANSFER_CONSTRAINT_FIELDS,
        clock=container.clock,
    )


def transfer_config(settings: Settings) -> TransferConfig:
    return TransferConfig(
        idempotency_ttl=idempotency_ttl(settings),
        stale_after=timedelta(days=settings.captable_transfer_stale_days),
    )


HANDLERS: tuple[type, ...] = (
    DraftTransferHandler,
    SubmitTransferHandler,
    WaiveRofrHandler,
    ExerciseRofrHandler,
    ApproveTransferHandler,
    RejectTransferHandler,
    WithdrawTransferHandler,
    CompleteTransferHandler,
    ListTransfersHandler,
    ListMyTransfersHandler,
    GetTransferHandler,
    DownloadTransferAgreementHandler,
    SweepTransfersHandler,  # the worker's
)
COLLABORATORS: tuple[Provider, ...] = (
    per_use(ports.TransfersUnitOfWork, transfers_unit_of_work),
    once(TransferConfig, transfer_config),
)
ROUTERS: tuple[Mounted, ...] = (Mounted(transfers_router),)
