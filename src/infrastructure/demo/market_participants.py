"""The market simulator's accounts: one user per seat, each instrument its own seats
(``market-maker-1.btc-usd@simulator.meridian.dev``, "Market Simulator Market Maker 1 BTC-USD"),
created once through identity's use case with a random
password nobody knows (nobody signs in as them), walked to the KYC level that unlocks
``trade`` through kyc's use cases against the sandbox provider (as the demo investor is), and
funded in the ledger: before each run every account is topped up to its role's cash in its
instrument's currency and its role's notional of the instrument, each top-up a balanced entry
against the asset's suspense account with a reference that makes it post once. Idempotent:
a second call finds the users, skips the KYC they passed and posts only what is missing.
Never in production (the settings refuse the simulator there)."""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import string
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from stdnum import verhoeff

from adapters.http.registry import HandlerRegistry
from domain.identity.access import USER
from domain.ledger.accounts import AccountKind, AccountSpec
from domain.ledger.assets import Asset
from domain.ledger.entries import Leg, NewEntry
from domain.ledger.errors import DuplicateReference
from domain.shared.actor import Actor
from domain.shared.errors import Conflict
from domain.shared.ids import UserId
from domain.shared.pagination import PageRequest
from infrastructure.container import Container
from infrastructure.ledger.public import ledger_factory
from usecases.identity.administration.create_admin import CreateAdmin, CreateAdminHandler
from usecases.identity.administration.ports import UserQuery
from usecases.identity.administration.search_users import SearchUsers, SearchUsersHandler
from usecases.kyc.request_aadhaar_otp import RequestAadhaarOtp, RequestAadhaarOtpHandler
from usecases.kyc.submit_aadhaar import SubmitAadhaar, SubmitAadhaarHandler
from usecases.kyc.submit_pan import SubmitPan, SubmitPanHandler
from usecases.kyc.verify_aadhaar_otp import VerifyAadhaarOtp, VerifyAadhaarOtpHandler
from usecases.marketdata.simulation.participants import FUNDING, Participants, Seat
from usecases.trading.public.order_entry import ListedInstrument

SYSTEM = Actor.system("market-simulator")
SANDBOX_OTP = "123456"
TRADE_LEVEL_STEPS = 2  # PAN and Aadhaar verified: KYC level 2, which unlocks ``trade``
PREPARED_AT_ONCE = 4  # seats made and funded concurrently
_LETTERS = string.ascii_uppercase
_LAST = "ABCDEFGHJKLMNPQRSTUVW"  # a PAN's last letter the sandbox registers (not X, Y, Z)


def _digest(seat: Seat) -> int:
    """A stable number of the seat, for the identity numbers each user needs its own of."""
    return int.from_bytes(hashlib.sha256(seat.handle.encode()).digest()[:16], "big")


def seat_mobile(seat: Seat) -> str:
    return f"+9190{_digest(seat) % 10**8:08d}"


def seat_pan(seat: Seat) -> str:
    """``S??P?nnnn?``: an individual's PAN (4th letter P) the sandbox registers to the name
    given."""
    n = _digest(seat)
    head = "S" + _LETTERS[n % 26] + _LETTERS[n // 26 % 26]
    middle = _LETTERS[n // 676 % 26]
    digits = f"{n // 17576 % 10**4:04d}"
    return f"{head}P{middle}{digits}{_LAST[n // 10**9 % len(_LAST)]}"


def seat_aadhaar(seat: Seat) -> str:
    body = f"7{_digest(seat) // 10**12 % 10**10:010d}"
    return body + str(verhoeff.calc_check_digit(body))


async def _user(registry: HandlerRegistry, seat: Seat) -> tuple[UserId, int]:
    """The seat's user and its KYC level, created when missing."""
    try:
        view = await registry.resolve(CreateAdminHandler).execute(
            CreateAdmin(
                actor=SYSTEM,
                email=seat.email,
                mobile=seat_mobile(seat),
                password=secrets.token_urlsafe(32),
                full_name=seat.full_name,
                super_admin=False,
            )
        )
        return view.id, 0
    except Conflict:  # made by an earlier run
        found = await registry.resolve(SearchUsersHandler).execute(
            SearchUsers(actor=SYSTEM, query=UserQuery(email=seat.email), page=PageRequest(limit=1))
        )
        if not found.items:
            raise
        return found.items[0].id, found.items[0].kyc_level


async def _verify(registry: HandlerRegistry, seat: Seat, user_id: UserId) -> None:
    me = Actor(kind="user", user_id=user_id, roles=frozenset({USER}))
    steps = (
        (SubmitPanHandler, SubmitPan(actor=me, pan=seat_pan(seat), name=seat.full_name)),
        (
            SubmitAadhaarHandler,
            SubmitAadhaar(
                actor=me,
                aadhaar_number=seat_aadhaar(seat),
                name=seat.full_name,
                date_of_birth=date(1990, 1, 1),
            ),
        ),
        (RequestAadhaarOtpHandler, RequestAadhaarOtp(actor=me)),
        (VerifyAadhaarOtpHandler, VerifyAadhaarOtp(actor=me, otp=SANDBOX_OTP)),
    )
    for handler, command in steps:
        try:
            await registry.resolve(handler).execute(command)  # type: ignore[attr-defined]
        except Conflict:  # a step an interrupted earlier call already passed
            continue


async def _top_up(
    container: Container, user_id: UserId, kind: AccountKind, asset: Asset, target: Decimal
) -> None:
    ledger_of = ledger_factory(container)
    async with container.session_factory() as session:
        ledger = ledger_of(session)
        account, suspense = await ledger.open_accounts(
            AccountSpec(user_id, kind, asset), AccountSpec(None, AccountKind.SUSPENSE, asset)
        )
        missing = asset.amount(target) - account.posted
        if missing <= 0:
            return
        try:
            await ledger.post(
                NewEntry(
                    legs=[Leg(account.id, missing), Leg(suspense.id, -missing)],
                    memo="market simulator funding",
                    reference=f"market-simulator:funding:{user_id}:{asset.code}:{account.posted}",
                    metadata={"kind": "market_simulator_funding"},
                )
            )
        except DuplicateReference:  # another process topped it up from the same balance
            return
        await session.commit()


async def _fund(
    container: Container, seat: Seat, user_id: UserId, instrument: ListedInstrument
) -> None:
    funding = FUNDING[seat.role]
    cash = Asset.currency(instrument.currency)
    await _top_up(container, user_id, AccountKind.USER_CASH, cash, funding.cash)
    worth = funding.securities_notional / instrument.mark / instrument.lot_size
    lots = worth.to_integral_value(ROUND_FLOOR)
    if lots > 0:
        asset = Asset.instrument(instrument.symbol, instrument.quantity_places)
        quantity = lots * instrument.lot_size
        await _top_up(container, user_id, AccountKind.USER_SECURITIES, asset, quantity)


async def market_participants(
    container: Container,
    registry: HandlerRegistry,
    seats: list[Seat],
    instruments: list[ListedInstrument],
) -> Participants:
    """The seats' users, verified and funded for their instrument (a seat of an instrument not
    in ``instruments`` is left out)."""
    if container.settings.is_production:
        raise RuntimeError("the market simulator never runs in production")
    by_symbol = {i.symbol: i for i in instruments}
    users: dict[Seat, UserId] = {}
    gate = asyncio.Semaphore(PREPARED_AT_ONCE)

    async def ready(seat: Seat, instrument: ListedInstrument) -> None:
        async with gate:
            user_id, level = await _user(registry, seat)
            if level < TRADE_LEVEL_STEPS:
                await _verify(registry, seat, user_id)
            await _fund(container, seat, user_id, instrument)
            users[seat] = user_id

    await asyncio.gather(
        *(ready(seat, by_symbol[seat.symbol]) for seat in seats if seat.symbol in by_symbol)
    )
    return Participants.of(users)
