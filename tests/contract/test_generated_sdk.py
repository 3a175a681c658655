"""A Python SDK generated from the live schema reads the platform status from a real server."""

from __future__ import annotations

import pytest

from tests.contract.conftest import sdk

pytestmark = pytest.mark.slow


def test_a_generated_sdk_reads_the_platform_status(live_server: str, generated_sdk: str) -> None:
    status_api = sdk("api.system.system_get_status")
    with sdk().Client(base_url=live_server) as client:
        status = status_api.sync(client=client)

    assert isinstance(status, sdk("models").StatusRead)
    assert status.version == "0.1.0"
    assert status.database.status.value == "ok"
    assert status.mode.value == "single-process"
