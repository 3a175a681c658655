"""The HTTP server the ``meridian serve`` command runs: uvicorn with request limits."""
