"""Sealing and indexing a linked account's number: sealed under the field cipher bound to the
account's id, blind-indexed by bank code and number (as KYC does) to find duplicates."""

from __future__ import annotations

from uuid import UUID

from domain.banking.bank_accounts import bank_account_context
from domain.shared.bank_details import BankAccountNumber, Ifsc
from usecases.shared.ports.blind_index import BlindIndex
from usecases.shared.ports.field_cipher import FieldCipher

INDEX_KIND = "banking_bank_account"


class BankAccountKeys:
    def __init__(self, cipher: FieldCipher, index: BlindIndex) -> None:
        self._cipher = cipher
        self._index = index

    def index(self, number: BankAccountNumber, ifsc: Ifsc) -> str:
        return self._index.index(f"{ifsc.bank_code}:{number.value}", kind=INDEX_KIND)

    def seal(self, account_id: UUID, number: BankAccountNumber) -> str:
        return self._cipher.encrypt(number.value.encode(), context=bank_account_context(account_id))

    def open(self, account_id: UUID, sealed: str) -> str:
        return self._cipher.decrypt(sealed, context=bank_account_context(account_id)).decode()

    def open_foreign(self, sealed: str, context: bytes) -> str:
        """A number sealed by another context (the KYC bank step), for adopting it."""
        return self._cipher.decrypt(sealed, context=context).decode()
