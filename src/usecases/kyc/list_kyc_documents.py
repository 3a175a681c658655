"""Use case: the KYC documents I uploaded, newest first, a page at a time (metadata only)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.kyc.documents import KycDocument
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.kyc.access import signed_in_user
from usecases.kyc.ports import KycUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListKycDocuments:
    actor: Actor
    page: PageRequest


class ListKycDocumentsHandler:
    def __init__(self, uow: KycUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListKycDocuments) -> Page[KycDocument]:
        user_id = signed_in_user(cmd.actor)
        async with self._uow as uow:
            return await uow.documents.page_of_user(user_id, cmd.page)
