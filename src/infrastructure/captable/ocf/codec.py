"""The ``OcfCodec`` the use cases hold: read and validate, or validate and write, off the event
loop (a large package is seconds of CPU)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from infrastructure.captable.ocf.package_reader import read_package
from infrastructure.captable.ocf.package_writer import write_package
from infrastructure.captable.ocf.validation import validate_package
from usecases.captable.ocf.ports import OcfFile, OcfLimits, OcfObject, OcfPackage


def read_validated(data: bytes, *, filename: str, limits: OcfLimits) -> OcfPackage:
    package = read_package(data, filename=filename, limits=limits)
    validate_package(package)
    return package


class OcfZipCodec:
    def __init__(self, limits: OcfLimits) -> None:
        self._limits = limits

    async def read(self, data: bytes, *, filename: str) -> OcfPackage:
        return await asyncio.to_thread(read_validated, data, filename=filename, limits=self._limits)

    async def write(self, manifest: OcfObject, files: Sequence[OcfFile]) -> bytes:
        return await asyncio.to_thread(write_package, manifest, files)
