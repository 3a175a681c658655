"""KYC's unit of work. The level is identity's column, written through identity's sink on
this session."""

from __future__ import annotations

from adapters.persistence.kyc.unit_of_work import CONSTRAINT_FIELDS, KycUnitOfWork
from infrastructure.container import Container
from infrastructure.identity.public import kyc_level_sink


def unit_of_work(container: Container, *, require_audit: bool = True) -> KycUnitOfWork:
    return KycUnitOfWork(
        container.session_factory,
        notifier_factory=container.notifier_factory,
        constraint_fields=CONSTRAINT_FIELDS,
        clock=container.clock,
        require_audit=require_audit,
        level_sink=kyc_level_sink,
    )
