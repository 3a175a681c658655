"""Argon2id through passlib, bcrypt verified and upgraded, nothing truncated, off the loop."""

from __future__ import annotations

import asyncio
import time

import bcrypt

from infrastructure.identity.password_hasher import Argon2PasswordHasher

PASSWORD = "correct horse battery staple"


def hasher() -> Argon2PasswordHasher:
    return Argon2PasswordHasher(memory_kib=19_456, time_cost=2, parallelism=1)


async def test_argon2id_at_the_configured_cost() -> None:
    hashed = await hasher().hash(PASSWORD)
    assert hashed.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    check = await hasher().verify(PASSWORD, hashed)
    assert check.matches
    assert check.upgraded_hash is None
    assert not (await hasher().verify(PASSWORD + " ", hashed)).matches


async def test_bcrypt_verifies_and_asks_for_an_upgrade() -> None:
    legacy = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
    check = await hasher().verify(PASSWORD, legacy)
    assert check.matches
    assert check.upgraded_hash is not None
    assert check.upgraded_hash.startswith("$argon2id$")
    assert (await hasher().verify(PASSWORD, check.upgraded_hash)).matches


async def test_a_password_past_bcrypts_72_bytes_never_matches_a_bcrypt_hash() -> None:
    long_one = "k" * 72
    legacy = bcrypt.hashpw(long_one.encode(), bcrypt.gensalt(rounds=4)).decode()
    assert (await hasher().verify(long_one, legacy)).matches
    assert not (await hasher().verify(long_one + "anything", legacy)).matches


async def test_long_passwords_are_verified_in_full_with_argon2() -> None:
    long_one = "ü" * 500
    hashed = await hasher().hash(long_one)
    assert (await hasher().verify(long_one, hashed)).matches
    assert not (await hasher().verify(long_one[:-1], hashed)).matches


async def test_no_hash_or_a_broken_hash_is_a_mismatch_at_full_cost() -> None:
    started = time.perf_counter()
    assert not (await hasher().verify(PASSWORD, None)).matches
    assert time.perf_counter() - started > 0.005  # a real argon2 verification happened
    assert not (await hasher().verify(PASSWORD, "$unknown$abc")).matches


async def test_hashing_does_not_block_the_event_loop() -> None:
    subject = hasher()
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.001)
            ticks += 1

    task = asyncio.create_task(ticker())
    await asyncio.gather(*(subject.hash(PASSWORD) for _ in range(4)))
    task.cancel()
    assert ticks >= 5
