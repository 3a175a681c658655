"""Argon2id password hashing with argon2-cffi's ``PasswordHasher`` (no passlib layer); bcrypt
hashes of older accounts still verify and are upgraded at the next login, and so is any
Argon2 hash made with other parameters than the configured ones.

Hashing runs in a pool of its own with one thread per core this process may use: argon2
releases the GIL while it hashes, so concurrent logins hash on every core while the event
loop goes on serving requests, and no more hashes run at once than there are cores to run
them (each holds ``memory_kib`` of memory)."""

from __future__ import annotations

import asyncio
import contextlib
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Final

import bcrypt
from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from usecases.identity.passwords.ports import PasswordCheck

BCRYPT_MAX_BYTES: Final = 72  # bcrypt ignores the rest: such a password cannot match as typed
ARGON2_PREFIX: Final = "$argon2"
BCRYPT_PREFIXES: Final = ("$2a$", "$2b$", "$2y$")


def hashing_threads() -> int:
    """The cores this process may run on (its CPU affinity), at least one."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # no affinity on this platform
        return max(1, os.cpu_count() or 1)


class Argon2PasswordHasher:
    def __init__(
        self, *, memory_kib: int, time_cost: int, parallelism: int, threads: int | None = None
    ) -> None:
        self._argon2 = PasswordHasher(
            time_cost=time_cost,
            memory_cost=memory_kib,
            parallelism=parallelism,
            type=Type.ID,
        )
        self._pool = ThreadPoolExecutor(
            max_workers=threads or hashing_threads(), thread_name_prefix="argon2"
        )
        # Checked when the account does not exist, so that costs what a real check costs.
        self._dummy = self._argon2.hash("dummy password for timing equality")

    async def hash(self, password: str) -> str:
        return await asyncio.get_running_loop().run_in_executor(
            self._pool, self._argon2.hash, password
        )

    async def verify(self, password: str, stored_hash: str | None) -> PasswordCheck:
        return await asyncio.get_running_loop().run_in_executor(
            self._pool, self._verify, password, stored_hash
        )

    def _verify(self, password: str, stored_hash: str | None) -> PasswordCheck:
        if stored_hash is not None and stored_hash.startswith(ARGON2_PREFIX):
            return self._verify_argon2(password, stored_hash)
        if stored_hash is not None and stored_hash.startswith(BCRYPT_PREFIXES):
            encoded = password.encode()
            if len(encoded) <= BCRYPT_MAX_BYTES:
                return self._verify_bcrypt(password, encoded, stored_hash)
        self._mismatch(password)  # no hash, an unknown format, or a bcrypt-truncated password
        return PasswordCheck(matches=False)

    def _verify_argon2(self, password: str, stored_hash: str) -> PasswordCheck:
        try:
            self._argon2.verify(stored_hash, password)
        except InvalidHashError:  # a corrupt hash: never a match, at the usual cost
            self._mismatch(password)
            return PasswordCheck(matches=False)
        except VerificationError:  # a wrong password (VerifyMismatchError) or a failed check
            return PasswordCheck(matches=False)
        if self._argon2.check_needs_rehash(stored_hash):  # other parameters or variant
            return PasswordCheck(matches=True, upgraded_hash=self._argon2.hash(password))
        return PasswordCheck(matches=True)

    def _verify_bcrypt(self, password: str, encoded: bytes, stored: str) -> PasswordCheck:
        try:
            matches = bcrypt.checkpw(encoded, stored.encode())
        except ValueError:  # a corrupt bcrypt hash
            return PasswordCheck(matches=False)
        if not matches:
            return PasswordCheck(matches=False)
        return PasswordCheck(matches=True, upgraded_hash=self._argon2.hash(password))

    def _mismatch(self, password: str) -> None:
        with contextlib.suppress(VerificationError):
            self._argon2.verify(self._dummy, password)
