import io
import json
import logging

from adapters.http.request_context import request_id_var
from infrastructure.logging_setup import configure_logging


def test_log_lines_are_json_with_the_request_id() -> None:
    configure_logging("INFO", json_lines=True)
    handler = logging.getLogger().handlers[0]
    stream = io.StringIO()
    handler.setStream(stream)  # type: ignore[attr-defined]
    token = request_id_var.set("req-42")
    try:
        logging.getLogger("meridian.access").info("request", extra={"status": 201, "route": "/x"})
    finally:
        request_id_var.reset(token)
    line = json.loads(stream.getvalue().strip().splitlines()[-1])
    assert line["message"] == "request"
    assert line["level"] == "INFO"
    assert line["logger"] == "meridian.access"
    assert line["request_id"] == "req-42"
    assert line["status"] == 201
    assert "time" in line
