"""Argon2id password hashing through passlib's CryptContext; bcrypt hashes still verify and are
upgraded at the next login. All hashing runs in a worker thread, off the event loop."""

from __future__ import annotations

import asyncio
from typing import Final

from passlib.context import CryptContext  # type: ignore[import-untyped]

from usecases.identity.passwords.ports import PasswordCheck

BCRYPT_MAX_BYTES: Final = 72  # bcrypt ignores the rest: such a password cannot match as typed


class Argon2PasswordHasher:
    def __init__(self, *, memory_kib: int, time_cost: int, parallelism: int) -> None:
        self._context = CryptContext(
            schemes=["argon2", "bcrypt"],
            deprecated=["bcrypt"],
            argon2__type="ID",
            argon2__memory_cost=memory_kib,
            argon2__time_cost=time_cost,
            argon2__parallelism=parallelism,
        )
        # Checked when the account does not exist, so that costs what a real check costs.
        self._dummy = self._context.hash("dummy password for timing equality")

    async def hash(self, password: str) -> str:
        return await asyncio.to_thread(self._context.hash, password)

    async def verify(self, password: str, stored_hash: str | None) -> PasswordCheck:
        return await asyncio.to_thread(self._verify, password, stored_hash)

    def _verify(self, password: str, stored_hash: str | None) -> PasswordCheck:
        if stored_hash is None or self._unverifiable(password, stored_hash):
            self._context.verify(password, self._dummy)
            return PasswordCheck(matches=False)
        try:
            matches, upgraded = self._context.verify_and_update(password, stored_hash)
        except ValueError:  # an unknown or corrupt hash format: never a match
            return PasswordCheck(matches=False)
        return PasswordCheck(matches=bool(matches), upgraded_hash=upgraded)

    def _unverifiable(self, password: str, stored_hash: str) -> bool:
        try:
            scheme = self._context.identify(stored_hash)
        except ValueError:
            return True
        return scheme == "bcrypt" and len(password.encode()) > BCRYPT_MAX_BYTES
