"""Everything sealed under ``FIELD_ENCRYPTION_KEYS``, for ``meridian keys rotate|status``.

A new sealed column is one ``SealedColumn`` here (its table, primary key, column and the
context its values are bound to); a new table of stored files is one ``StoredFiles``. A
value missing from this list would stop opening once its key is retired."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from domain.banking.bank_accounts import bank_account_context as banking_account_context
from domain.identity.api_key import ApiKeyId, key_context
from domain.identity.two_factor import totp_context
from domain.shared.ids import UserId
from usecases.kyc.submit_aadhaar import aadhaar_context
from usecases.kyc.submit_bank_account import bank_account_context
from usecases.notifications.deliver_outbox_batch import secrets_context


@dataclass(frozen=True, slots=True)
class SealedColumn:
    table: str
    key: str  # the primary key column (one column)
    column: str  # holds field-cipher tokens "<key id>.<...>" (NULL allowed)
    context: Callable[[Any], bytes]  # the primary key value → the token's bound context

    @property
    def name(self) -> str:
        return f"{self.table}.{self.column}"


@dataclass(frozen=True, slots=True)
class StoredFiles:
    table: str
    key: str
    storage_key: str  # the document store's key
    key_version: str  # the key version recorded at upload (the file's header is the truth)

    @property
    def name(self) -> str:
        return f"{self.table} (files)"


SEALED_COLUMNS: tuple[SealedColumn, ...] = (
    SealedColumn("kyc_aadhaar", "user_id", "sealed_number", aadhaar_context),
    SealedColumn("kyc_bank", "user_id", "sealed_number", bank_account_context),
    SealedColumn("banking_bank_accounts", "id", "sealed_number", banking_account_context),
    SealedColumn("totp_credentials", "user_id", "sealed_secret", lambda k: totp_context(UserId(k))),
    SealedColumn("notification_outbox", "id", "sealed_secrets", secrets_context),
    SealedColumn("api_keys", "id", "sealed_secret", lambda k: key_context(ApiKeyId(k))),
)

STORED_FILES: tuple[StoredFiles, ...] = (
    StoredFiles("kyc_documents", "id", "storage_key", "key_version"),
    StoredFiles("portfolio_documents", "id", "storage_key", "key_version"),
)
