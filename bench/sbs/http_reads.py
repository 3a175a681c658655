"""Reads, interleaved: Meridian ``/healthz``, Meridian ``/api/v1/users/me``, the DRF peer's
``/api/v1/users/me`` (and its ``/healthz`` in the full profile), one short wrk run each per
round, the same wrk settings for all; figures are the medians of the rounds' requests/s."""

from __future__ import annotations

from sbs.context import Bench, Row, median, rounds_text
from sbs.wrk import run_wrk


def run_reads(bench: Bench, me_token: str) -> None:
    p = bench.profile
    assert bench.meridian is not None
    targets = {
        "meridian /healthz": (bench.meridian.base, "/healthz", None),
        "meridian /users/me": (bench.meridian.base, "/api/v1/users/me", me_token),
    }
    if bench.peer is not None:
        _, peer_base, peer_token = bench.peer
        targets["drf /users/me"] = (peer_base, "/api/v1/users/me", peer_token)
        if p.name == "full":
            targets["drf /healthz"] = (peer_base, "/healthz", None)

    def once(name: str, seconds: float) -> float:
        base, path, token = targets[name]
        result = run_wrk(
            "get",
            base,
            seconds=seconds,
            connections=p.connections,
            headers={"Authorization": f"Bearer {token}"} if token else None,
            env={"BENCH_PATH": path},
        )
        if result.errors or not result.answered:
            bench.errors.append(f"{name}: {result.answered} answered, {result.errors} errors")
        bench.log(
            f"  {name:<20} {result.rps:10.1f} req/s  p50 {result.p50_ms:7.2f} ms"
            f"  p99 {result.p99_ms:7.2f} ms  errors {result.errors}"
        )
        return result.rps

    bench.log(
        f"\n## reads: {p.rounds} interleaved rounds of {p.http_seconds:.0f} s, "
        f"{p.connections} connections"
    )
    for name in targets:
        once(name, p.warmup_seconds)  # warm-up, not counted
    rps: dict[str, list[float]] = {name: [] for name in targets}
    for r in range(p.rounds):
        bench.log(f" round {r + 1}")
        for name in targets:
            rps[name].append(once(name, p.http_seconds))
    for name, values in rps.items():
        bench.log(f"  {name}: {rounds_text(values)} req/s, median {median(values):.1f}")

    me, health = median(rps["meridian /users/me"]), median(rps["meridian /healthz"])
    if "drf /users/me" in rps:
        bench.compare(
            "/users/me vs the DRF peer's",
            me,
            median(rps["drf /users/me"]),
            "req/s",
            "≥ 5x",
            lambda x: x >= 5,
        )
    else:
        bench.add(
            Row("/users/me vs the DRF peer's", f"{me:,.1f} req/s", "peer absent", target="≥ 5x")
        )
    bench.compare("/users/me vs our /healthz", me, health, "req/s", "≥ 0.40x", lambda x: x >= 0.4)
    if "drf /healthz" in rps:
        drf_health = median(rps["drf /healthz"])
        bench.add_info("(info) DRF /healthz", f"{drf_health:,.1f} req/s")
