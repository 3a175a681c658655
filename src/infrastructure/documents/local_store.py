"""The document store on the local filesystem: one sealed file per key under ``DOCUMENTS_DIR``
(default ``DATA_DIR/documents``, never inside a served directory).

Keys are 32 random hex characters chosen here, so no path component ever comes from a user;
anything else is refused before the filesystem is touched. Files fan out by their first two
characters, are written to a temporary name, synced and renamed into place (a reader sees the
old file or the new one, never half of one), and are readable by this user only."""

from __future__ import annotations

import asyncio
import os
import re
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

from infrastructure.crypto.file_cipher import FileCipher
from usecases.shared.ports.document_store import StoredFile, StoredFileMissing

_KEY = re.compile(r"[0-9a-f]{32}")


class LocalDocumentStore:
    def __init__(self, root: Path, cipher: FileCipher) -> None:
        self._root = root
        self._cipher = cipher

    @property
    def current_key_version(self) -> str:
        return self._cipher.current_key_id

    def _path(self, key: str) -> Path:
        if not _KEY.fullmatch(key):
            raise StoredFileMissing("not a document key")
        return self._root / key[:2] / key

    def _write(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = path.with_name(f".{key}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                for part in self._cipher.seal(data, file_id=key):
                    out.write(part)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    async def put(self, data: bytes) -> StoredFile:
        key = secrets.token_hex(16)
        await asyncio.to_thread(self._write, key, data)
        return StoredFile(key=key, key_version=self.current_key_version, size_bytes=len(data))

    def _chunks(self, key: str) -> Iterator[bytes]:
        try:
            stream = self._path(key).open("rb")
        except FileNotFoundError:
            raise StoredFileMissing(key) from None
        with stream:
            yield from self._cipher.open(stream, file_id=key)

    async def get(self, key: str) -> AsyncIterator[bytes]:
        chunks = self._chunks(key)
        while (chunk := await asyncio.to_thread(next, chunks, None)) is not None:
            yield chunk

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._path(key).unlink, missing_ok=True)

    def _key_version(self, key: str) -> str:
        try:
            with self._path(key).open("rb") as stream:
                return self._cipher.read_header(stream)[0]
        except FileNotFoundError:
            raise StoredFileMissing(key) from None

    async def key_version(self, key: str) -> str:
        return await asyncio.to_thread(self._key_version, key)

    def _reseal(self, key: str) -> str:
        if self._key_version(key) == self.current_key_version:
            return self.current_key_version
        plaintext = b"".join(self._chunks(key))
        self._write(key, plaintext)
        return self.current_key_version

    async def reseal(self, key: str) -> str:
        return await asyncio.to_thread(self._reseal, key)
