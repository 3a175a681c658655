"""Argon2id with argon2-cffi (hashes passlib made still verify), bcrypt and other parameters
verified and upgraded, nothing truncated, off the loop on a thread per core."""

from __future__ import annotations

import asyncio
import os
import time

import argon2
import bcrypt

from infrastructure.identity.password_hasher import Argon2PasswordHasher, hashing_threads

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


async def test_hashes_passlib_made_still_verify() -> None:
    from passlib.hash import argon2 as passlib_argon2  # type: ignore[import-untyped]

    made = passlib_argon2.using(type="ID", memory_cost=19_456, time_cost=2, parallelism=1).hash(
        PASSWORD
    )
    assert made.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    check = await hasher().verify(PASSWORD, made)
    assert check.matches
    assert check.upgraded_hash is None
    assert not (await hasher().verify(PASSWORD + "!", made)).matches


async def test_a_hash_with_other_parameters_is_rehashed_at_the_configured_ones() -> None:
    cheaper = Argon2PasswordHasher(memory_kib=8_192, time_cost=1, parallelism=1)
    old = await cheaper.hash(PASSWORD)
    check = await hasher().verify(PASSWORD, old)
    assert check.matches
    assert check.upgraded_hash is not None
    assert check.upgraded_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert (await hasher().verify(PASSWORD, check.upgraded_hash)).upgraded_hash is None
    assert (await hasher().verify(PASSWORD + "!", old)).upgraded_hash is None  # no match: kept


async def test_an_argon2i_hash_verifies_and_is_upgraded_to_argon2id() -> None:
    legacy = argon2.PasswordHasher(memory_cost=19_456, time_cost=2, type=argon2.Type.I).hash(
        PASSWORD
    )
    check = await hasher().verify(PASSWORD, legacy)
    assert check.matches
    assert check.upgraded_hash is not None
    assert check.upgraded_hash.startswith("$argon2id$")


async def test_a_corrupt_argon2_hash_is_a_mismatch() -> None:
    assert not (await hasher().verify(PASSWORD, "$argon2id$v=19$m=19456,t=2,p=1$broken")).matches
    assert not (await hasher().verify(PASSWORD, "$2b$12$notabcrypthash")).matches


def test_hashing_uses_a_thread_per_available_core() -> None:
    assert hashing_threads() == len(os.sched_getaffinity(0))
