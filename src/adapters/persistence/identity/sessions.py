"""Sessions (refresh-token families)."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Insert, Table, bindparam, insert, or_, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.cursor import decode_cursor, encode_cursor
from adapters.persistence.identity.models import RefreshTokenRow, SessionRow
from adapters.persistence.identity.refresh_tokens import token_values
from adapters.persistence.mapping import row_values, to_domain
from domain.identity.ids import SessionId
from domain.identity.session import RefreshTokenRecord, Session
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest

# Built once: a Core insert with its values as parameters compiles from the statement cache
# with no per-call statement building (a login writes one session).
_SESSIONS = cast(Table, SessionRow.__table__)
_TOKENS = cast(Table, RefreshTokenRow.__table__)
_INSERT = insert(_SESSIONS)
_STARTS: dict[tuple[tuple[str, ...], tuple[str, ...]], Insert] = {}


def _start_statement(session_keys: tuple[str, ...], token_keys: tuple[str, ...]) -> Insert:
    """``INSERT`` of the session in a CTE, the refresh token's taking the session's id from it:
    one statement (built once per set of columns) for what a login starts."""
    found = _STARTS.get((session_keys, token_keys))
    if found is None:
        started = (
            insert(_SESSIONS)
            .values({k: bindparam(f"s_{k}", type_=_SESSIONS.c[k].type) for k in session_keys})
            .returning(_SESSIONS.c.id)
            .cte("started")
        )
        rest = [k for k in token_keys if k != "session_id"]
        first = select(started.c.id, *(bindparam(f"t_{k}", type_=_TOKENS.c[k].type) for k in rest))
        found = insert(_TOKENS).from_select(["session_id", *rest], first)
        _STARTS[(session_keys, token_keys)] = found
    return found


class SqlSessionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, session: Session) -> None:
        """Written at once: refresh tokens and devices refer to it."""
        values = row_values(session, SessionRow, device_label=session.device_label[:200])
        await self._session.execute(_INSERT, values)

    async def start(self, session: Session, first_token: RefreshTokenRecord) -> None:
        values = row_values(session, SessionRow, device_label=session.device_label[:200])
        token = token_values(first_token)
        statement = _start_statement(tuple(values), tuple(token))
        await self._session.execute(
            statement,
            {**{f"s_{k}": v for k, v in values.items()}, **{f"t_{k}": v for k, v in token.items()}},
        )

    async def get(self, session_id: SessionId) -> Session | None:
        row = await self._session.get(SessionRow, session_id, populate_existing=True)
        return to_domain(row, Session) if row else None

    async def touch(self, session_id: SessionId, *, now: datetime, expires_at: datetime) -> None:
        await self._session.execute(
            update(SessionRow)
            .where(SessionRow.id == session_id)
            .values(last_seen_at=now, expires_at=expires_at)
        )

    async def revoke(self, session_id: SessionId, *, now: datetime, reason: str) -> bool:
        revoked = await self._session.scalar(
            update(SessionRow)
            .where(SessionRow.id == session_id, SessionRow.revoked_at.is_(None))
            .values(revoked_at=now, revoked_reason=reason)
            .returning(SessionRow.id)
        )
        return revoked is not None

    async def revoke_all(self, user_id: UserId, *, now: datetime, reason: str) -> list[SessionId]:
        ids = await self._session.scalars(
            update(SessionRow)
            .where(SessionRow.user_id == user_id, SessionRow.revoked_at.is_(None))
            .values(revoked_at=now, revoked_reason=reason)
            .returning(SessionRow.id)
        )
        return [SessionId(i) for i in ids]

    async def revoke_device(
        self, user_id: UserId, device_key: str, *, now: datetime, reason: str
    ) -> list[SessionId]:
        ids = await self._session.scalars(
            update(SessionRow)
            .where(
                SessionRow.user_id == user_id,
                SessionRow.device_key == device_key,
                SessionRow.revoked_at.is_(None),
            )
            .values(revoked_at=now, revoked_reason=reason)
            .returning(SessionRow.id)
        )
        return [SessionId(i) for i in ids]

    async def active_for_user(
        self, user_id: UserId, *, now: datetime, page: PageRequest
    ) -> Page[Session]:
        query = select(SessionRow).where(
            SessionRow.user_id == user_id,
            SessionRow.revoked_at.is_(None),
            SessionRow.expires_at > now,
        )
        if page.cursor:
            at, last_id = decode_cursor(page.cursor, scope="sessions")
            query = query.where(
                or_(
                    SessionRow.created_at < at,
                    tuple_(SessionRow.created_at, SessionRow.id) < tuple_(at, last_id),
                )
            )
        rows = list(
            await self._session.scalars(
                query.order_by(SessionRow.created_at.desc(), SessionRow.id.desc()).limit(
                    page.limit + 1
                )
            )
        )
        more = len(rows) > page.limit
        rows = rows[: page.limit]
        cursor = encode_cursor(rows[-1].created_at, rows[-1].id, scope="sessions") if more else None
        return Page(items=[to_domain(r, Session) for r in rows], next_cursor=cursor)
