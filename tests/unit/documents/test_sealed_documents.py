"""Files sealed at rest: the segmented AES-GCM format and the local store around it."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from infrastructure.crypto.field_cipher import CipherError
from infrastructure.crypto.file_cipher import SEGMENT_BYTES, TAG_BYTES, FileCipher
from infrastructure.documents.local_store import LocalDocumentStore
from usecases.shared.ports.document_store import StoredFileMissing

V1 = {"v1": b"1" * 32}
V2_THEN_V1 = {"v2": b"2" * 32, "v1": b"1" * 32}
FILE_ID = "0123456789abcdef0123456789abcdef"


def sealed(cipher: FileCipher, data: bytes, file_id: str = FILE_ID) -> bytes:
    return b"".join(cipher.seal(data, file_id=file_id))


def opened(cipher: FileCipher, blob: bytes, file_id: str = FILE_ID) -> bytes:
    return b"".join(cipher.open(io.BytesIO(blob), file_id=file_id))


@pytest.mark.parametrize(
    "size", [0, 1, SEGMENT_BYTES - 1, SEGMENT_BYTES, SEGMENT_BYTES + 1, 3 * SEGMENT_BYTES + 7]
)
def test_a_sealed_file_opens_to_its_content_whatever_its_size(size: int) -> None:
    data = os.urandom(size)
    cipher = FileCipher(V1)
    blob = sealed(cipher, data)
    if size >= 64:
        assert data[:64] not in blob
    assert opened(cipher, blob) == data


def test_tampering_truncation_and_another_file_id_are_refused() -> None:
    cipher = FileCipher(V1)
    data = os.urandom(2 * SEGMENT_BYTES + 10)
    blob = sealed(cipher, data)
    flipped = bytearray(blob)
    flipped[-5] ^= 1
    header = len(blob) - len(data) - 3 * TAG_BYTES
    cut_at_a_segment = blob[: header + SEGMENT_BYTES + TAG_BYTES]
    for bad, file_id in ((bytes(flipped), FILE_ID), (cut_at_a_segment, FILE_ID), (blob, "f" * 32)):
        with pytest.raises(CipherError):
            opened(cipher, bad, file_id)


def test_the_header_names_the_key_version_and_old_keys_still_open() -> None:
    old = sealed(FileCipher(V1), b"card")
    rotated = FileCipher(V2_THEN_V1)
    assert rotated.read_header(io.BytesIO(old))[0] == "v1"
    assert opened(rotated, old) == b"card"
    assert rotated.read_header(io.BytesIO(sealed(rotated, b"card")))[0] == "v2"
    with pytest.raises(CipherError):
        opened(FileCipher({"v2": b"2" * 32}), old)


def on_disk(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by name, with its bytes."""
    return {p.name: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def private(root: Path) -> bool:
    return all(p.stat().st_mode & 0o077 == 0 for p in root.rglob("*") if p.is_file())


async def read(store: LocalDocumentStore, key: str) -> bytes:
    return b"".join([chunk async for chunk in store.get(key)])


async def test_the_store_keeps_files_sealed_under_keys_it_chooses(tmp_path: Path) -> None:
    store = LocalDocumentStore(tmp_path, FileCipher(V1))
    data = b"\xff\xd8\xff" + b"plain card image" * 100
    stored = await store.put(data)
    assert (stored.key_version, stored.size_bytes) == ("v1", len(data))
    files = on_disk(tmp_path)
    assert list(files) == [stored.key]  # no temporary file left behind
    assert b"plain card image" not in files[stored.key]
    assert private(tmp_path)
    assert await read(store, stored.key) == data
    await store.delete(stored.key)
    await store.delete(stored.key)  # idempotent
    with pytest.raises(StoredFileMissing):
        await read(store, stored.key)


@pytest.mark.parametrize("key", ["../../etc/passwd", "ABCDEF0123456789abcdef0123456789", "x"])
async def test_keys_the_store_did_not_make_never_reach_the_filesystem(
    tmp_path: Path, key: str
) -> None:
    store = LocalDocumentStore(tmp_path, FileCipher(V1))
    with pytest.raises(StoredFileMissing):
        await read(store, key)
    with pytest.raises(StoredFileMissing):
        await store.delete(key)


async def test_reseal_moves_a_file_to_the_newest_key_once(tmp_path: Path) -> None:
    stored = await LocalDocumentStore(tmp_path, FileCipher(V1)).put(b"offline ekyc")
    store = LocalDocumentStore(tmp_path, FileCipher(V2_THEN_V1))
    assert await store.key_version(stored.key) == "v1"
    assert await store.reseal(stored.key) == "v2"
    before = on_disk(tmp_path)
    assert await store.reseal(stored.key) == "v2"  # already there: untouched
    assert on_disk(tmp_path) == before
    retired = LocalDocumentStore(tmp_path, FileCipher({"v2": b"2" * 32}))
    assert await read(retired, stored.key) == b"offline ekyc"
