"""The processes the side-by-side run starts (servers, the worker): each in its own session, so
it and every child are one process group; stopped TERM-then-KILL, all of them on any exit
(normal end, an error, Ctrl-C, SIGTERM or SIGHUP). Server CPU comes from /proc."""

from __future__ import annotations

import atexit
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
_started: list[Managed] = []


def _group_members(pgid: int) -> list[int]:
    """Pids whose process group is ``pgid`` (children that re-parented included)."""
    members = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == pgid:
            members.append(int(entry.name))
    return members


def _cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # gone meanwhile
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


class Managed:
    """One started command, its process group, its log file."""

    def __init__(
        self, name: str, argv: list[str], *, cwd: Path, env: dict[str, str], log: Path
    ) -> None:
        self.name = name
        self.log = log
        with log.open("ab") as out:
            self._popen = subprocess.Popen(
                argv,
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.pgid = self._popen.pid
        _started.append(self)

    def alive(self) -> bool:
        return self._popen.poll() is None

    def cpu_seconds(self) -> float:
        """User + system CPU of every live process of the group so far."""
        return sum(_cpu_ticks(pid) for pid in _group_members(self.pgid)) / CLOCK_TICKS

    def stop(self, grace: float = 15.0) -> None:
        """SIGTERM to the group, SIGKILL to what is left after ``grace`` seconds."""
        if self in _started:
            _started.remove(self)
        for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(self.pgid, sig)
            except ProcessLookupError:
                break
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline:
                self._popen.poll()
                if not _group_members(self.pgid):
                    return
                time.sleep(0.1)
        self._popen.poll()

    def tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def stop_all() -> None:
    for managed in list(reversed(_started)):
        managed.stop(grace=10.0)


def _on_signal(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def install_cleanup() -> None:
    """Stop every started process at exit, also on SIGTERM/SIGHUP (Ctrl-C raises
    KeyboardInterrupt, which unwinds through the same ``finally`` and ``atexit``)."""
    atexit.register(stop_all)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # also when started with it ignored
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGHUP, _on_signal)


def wait_http(url: str, proc: Managed, timeout: float = 90.0) -> None:
    """Until ``url`` answers 2xx; raises with the log's tail if the process dies or time runs
    out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not proc.alive():
            raise RuntimeError(f"{proc.name} exited during start-up:\n{proc.tail()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310  (loopback)
                if 200 <= answer.status < 300:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{proc.name} not ready after {timeout:.0f} s ({url}):\n{proc.tail()}")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_busy(seconds: float = 1.0) -> float:
    """Percent of all CPUs busy over ``seconds`` (from /proc/stat)."""

    def sample() -> tuple[int, int]:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
        return sum(values), values[3] + values[4]

    total_a, idle_a = sample()
    time.sleep(seconds)
    total_b, idle_b = sample()
    total = total_b - total_a
    return 100.0 * (total - (idle_b - idle_a)) / total if total else 0.0
