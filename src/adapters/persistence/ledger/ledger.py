"""The ``Ledger`` port on an SQLAlchemy session: the caller's transaction, never committed here.

Every write locks the account rows it touches with ``SELECT ... FOR UPDATE`` ordered by account
id (a fixed order, so two entries over the same accounts queue instead of deadlocking), checks
the rules on the locked balances, then writes the entry, its postings, and the new posted and
held amounts. The database backs each rule (CHECK constraints, the balanced-entry trigger).

A hot platform account (a system account that may go negative: bank clearing, suspense, which
every deposit, settlement or adjustment touches) is stored as ``HOT_ACCOUNT_SHARDS`` rows: its
own (shard 0) and shards whose ``parent_id`` is its id. A posting to it locks whichever shard
no other transaction holds (``FOR UPDATE SKIP LOCKED``, after the entry's other accounts are
locked in id order), so concurrent entries do not queue on one row; nothing is checked on such
a row (it may go negative), so any shard will do. Callers only ever see the account itself:
its balance is the sum of its shards, and journal entries name it, not a shard.

An account row this transaction has locked stays locked until the transaction ends, and only
this transaction can change it meanwhile: its balance is kept on the session (``LOCKED``, with
every write's new amounts) and a later lock of it in the same transaction costs no statement
(the check is still on the locked balance). Likewise a hold this transaction placed is visible
to it only, so capturing or releasing it reads no row. What is kept is forgotten whenever a
transaction or a savepoint ends (committed or rolled back), so a rolled-back savepoint's
amounts are never used. Only rows that may not go below zero are kept (a hot account's
shard is drawn at each lock).

A transaction that will write to several accounts over many writes (a matcher batch) locks
them all first with ``lock_accounts``: one statement, in id order, so that it never holds one
while it waits for another that a transaction like it holds."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, cast
from uuid import UUID

from sqlalchemy import (
    Boolean,
    DateTime,
    Row,
    String,
    Table,
    and_,
    bindparam,
    column,
    event,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.cursor import Keyset
from adapters.persistence.ledger.models import AccountRow, EntryRow, HoldRow, PostingRow
from adapters.persistence.mapping import row_values, to_domain
from domain.ledger.accounts import Account, AccountId, AccountKind, AccountSpec
from domain.ledger.assets import Asset
from domain.ledger.entries import (
    EntryId,
    JournalEntry,
    Leg,
    NewEntry,
    Posting,
    balanced_postings,
    check_text,
)
from domain.ledger.errors import (
    AccountNotFound,
    AssetMismatch,
    DuplicateReference,
    EntryAlreadyReversed,
    EntryNotFound,
    HoldNotFound,
)
from domain.ledger.holds import Hold, HoldId, HoldStatus
from domain.shared.clock import Clock
from domain.shared.ids import UserId, new_uuid
from domain.shared.pagination import Page, PageRequest

ACCOUNTS = cast(Table, AccountRow.__table__)
ENTRIES = cast(Table, EntryRow.__table__)
POSTINGS = cast(Table, PostingRow.__table__)
HOLDS = cast(Table, HoldRow.__table__)
UNIQUE_ACCOUNT = "uq_ledger_accounts_owner_id_kind_asset_code_shard"
HOT_ACCOUNT_SHARDS = 16  # rows of a hot platform account, its own included
# An owner's accounts by asset, then kind: unique for one owner among accounts that are not
# shards (UNIQUE_ACCOUNT; only platform accounts have shards, and those rows are never listed).
BY_ASSET = Keyset("balances", (ACCOUNTS.c.asset_code, ACCOUNTS.c.kind), descending=False)

_SHARDS = ACCOUNTS.alias("shards")
# an account with its shards' amounts added (none for any account but a hot one)
_LOGICAL = select(
    ACCOUNTS,
    (
        ACCOUNTS.c.posted
        + func.coalesce(
            select(func.sum(_SHARDS.c.posted))
            .where(_SHARDS.c.parent_id == ACCOUNTS.c.id)
            .scalar_subquery(),
            0,
        )
    ).label("total_posted"),
    (
        ACCOUNTS.c.held
        + func.coalesce(
            select(func.sum(_SHARDS.c.held))
            .where(_SHARDS.c.parent_id == ACCOUNTS.c.id)
            .scalar_subquery(),
            0,
        )
    ).label("total_held"),
)

# An account (not a shard) by owner, kind and asset: one cached statement for a user's
# accounts, one for the platform's (``owner_id IS NULL``; both use the unique index).
_BY_KIND_ASSET = (
    ACCOUNTS.c.kind == bindparam("kind"),
    ACCOUNTS.c.asset_code == bindparam("asset_code"),
    ACCOUNTS.c.shard == 0,
)
_OWNED_BY_SPEC = _LOGICAL.where(ACCOUNTS.c.owner_id == bindparam("owner"), *_BY_KIND_ASSET)
_PLATFORM_BY_SPEC = _LOGICAL.where(ACCOUNTS.c.owner_id.is_(None), *_BY_KIND_ASSET)
_IDS = bindparam("ids", type_=ARRAY(PG_UUID(as_uuid=True)))
_LOCK_DIRECT = (
    select(ACCOUNTS)
    .where(ACCOUNTS.c.id == func.any(_IDS), ACCOUNTS.c.shard == 0)
    .order_by(ACCOUNTS.c.id)
    .with_for_update()
)
_HOT_ID = bindparam("hot_id", type_=PG_UUID(as_uuid=True))
_ANY_SHARD = (
    select(ACCOUNTS)
    .where(or_(ACCOUNTS.c.id == _HOT_ID, ACCOUNTS.c.parent_id == _HOT_ID))
    .order_by(func.random())
    .limit(1)
)
_FREE_SHARD = _ANY_SHARD.with_for_update(skip_locked=True)
_WAIT_FOR_SHARD = _ANY_SHARD.with_for_update()
# The entry's other rows in id order, then a free shard of its one hot account: one statement
# (PostgreSQL runs the two branches of UNION ALL in order, so the lock order is the same as
# two statements'; the second branch is empty when every shard is held).
_COLUMNS = ", ".join(c.name for c in ACCOUNTS.c)
_LOCK_WITH_SHARD = (
    text(
        f"""
        WITH direct AS (
            SELECT {_COLUMNS} FROM ledger_accounts
            WHERE id = ANY(:ids) AND shard = 0 ORDER BY id FOR UPDATE
        ), spread AS (
            SELECT {_COLUMNS} FROM ledger_accounts WHERE id = :hot_id OR parent_id = :hot_id
            ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED
        )
        SELECT {_COLUMNS}, false AS is_shard FROM direct
        UNION ALL
        SELECT {_COLUMNS}, true AS is_shard FROM spread
        """  # noqa: S608  (column names of our own table, no input)
    )
    .bindparams(_IDS, _HOT_ID)
    .columns(*ACCOUNTS.c, column("is_shard", Boolean))
)
# The ids of the accounts of several specs: users' by (owner, kind, asset), the platform's
# (owner NULL) by (kind, asset), shard 0 (what both locking statements below lock).
_IDS_OF_SPECS = """
    SELECT a.id FROM ledger_accounts AS a
    JOIN unnest(
        CAST(:owners AS uuid[]), CAST(:kinds AS varchar[]), CAST(:assets AS varchar[])
    ) AS s(owner_id, kind, asset_code)
    ON a.owner_id = s.owner_id AND a.kind = s.kind AND a.asset_code = s.asset_code
        AND a.shard = 0
    UNION ALL
    SELECT a.id FROM ledger_accounts AS a
    JOIN unnest(CAST(:platform_kinds AS varchar[]), CAST(:platform_assets AS varchar[]))
        AS p(kind, asset_code)
    ON a.owner_id IS NULL AND a.kind = p.kind AND a.asset_code = p.asset_code
        AND a.shard = 0
"""


def _ids_of_specs_params(specs: Sequence[AccountSpec]) -> dict[str, list[Any]]:
    """The parameters of ``_IDS_OF_SPECS`` for ``specs``."""
    users = [s for s in specs if s.owner is not None]
    platform = [s for s in specs if s.owner is None]
    return {
        "owners": [s.owner for s in users],
        "kinds": [s.kind.value for s in users],
        "assets": [s.asset.code for s in users],
        "platform_kinds": [s.kind.value for s in platform],
        "platform_assets": [s.asset.code for s in platform],
    }


# The accounts of several specs locked at once, in id order: users' by (owner, kind, asset),
# the platform's (owner NULL) by (kind, asset); a hot platform account's row is not locked
# (its postings land on a shard drawn at each lock).
_LOCK_BY_SPECS = text(
    f"""
    SELECT {_COLUMNS} FROM ledger_accounts
    WHERE shard = 0 AND NOT (owner_id IS NULL AND may_go_negative) AND id IN (
        {_IDS_OF_SPECS}
    )
    ORDER BY id FOR UPDATE
    """  # noqa: S608  (column names of our own table, no input)
).columns(*ACCOUNTS.c)
# The accounts of an entry's specs, opened already, locked for it in one statement: the rows
# of the accounts that are not hot in id order, then a free shard of its (at most one) hot
# account, with that account's totals over its shards (``hot_*``: the shard's own amounts are
# its ``posted`` and ``held``) (the same order as ``_LOCK_WITH_SHARD``).
_SPREAD_COLUMNS = ", ".join(f"spread.{c.name}" for c in ACCOUNTS.c)
_OPEN_LOCKED = text(
    f"""
    WITH direct AS (
        SELECT {_COLUMNS} FROM ledger_accounts
        WHERE shard = 0 AND id IN (
        {_IDS_OF_SPECS}
        )
        ORDER BY id FOR UPDATE
    ), hot AS MATERIALIZED (
        SELECT id FROM ledger_accounts
        WHERE owner_id IS NULL AND kind = :hot_kind AND asset_code = :hot_asset AND shard = 0
    ), spread AS (
        SELECT {_COLUMNS} FROM ledger_accounts
        WHERE id = (SELECT id FROM hot) OR parent_id = (SELECT id FROM hot)
        ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED
    )
    SELECT {_COLUMNS}, false AS is_shard, NULL AS hot_posted, NULL AS hot_held
    FROM direct
    UNION ALL
    SELECT {_SPREAD_COLUMNS}, true AS is_shard, totals.hot_posted, totals.hot_held
    FROM spread, (
        SELECT sum(posted) AS hot_posted, sum(held) AS hot_held FROM ledger_accounts
        WHERE id = (SELECT id FROM hot) OR parent_id = (SELECT id FROM hot)
    ) AS totals
    """  # noqa: S608  (column names of our own table, no input)
).columns(
    *ACCOUNTS.c,
    column("is_shard", Boolean),
    column("hot_posted", ACCOUNTS.c.posted.type),
    column("hot_held", ACCOUNTS.c.held.type),
)
# An entry, its postings and the new balances of its accounts: one statement. An entry whose
# reference is taken (committed, or by a transaction that then commits) writes nothing and
# counts 0: the caller raises ``DuplicateReference`` and its transaction can go on.
_ENTRY_SQL = """
    WITH entry AS (
        INSERT INTO ledger_entries (id, memo, reference, metadata, reverses_id, created_at)
        VALUES (:entry_id, :memo, :reference, :metadata, :reverses_id, :created_at)
        ON CONFLICT (reference) DO NOTHING
        RETURNING id
    ), postings AS (
        INSERT INTO ledger_postings
            (entry_id, line, account_id, asset_code, amount, owner_id, created_at, balance_after)
        SELECT :entry_id, p.line, p.account_id, p.asset_code, p.amount, p.owner_id, :created_at,
               p.balance_after
        FROM unnest(
            CAST(:lines AS smallint[]), CAST(:account_ids AS uuid[]),
            CAST(:asset_codes AS varchar[]), CAST(:amounts AS numeric[]),
            CAST(:owner_ids AS uuid[]), CAST(:balances_after AS numeric[])
        ) WITH ORDINALITY AS p(line, account_id, asset_code, amount, owner_id, balance_after, n)
        WHERE EXISTS (SELECT 1 FROM entry)
        ORDER BY p.n
    ), balances AS (
        UPDATE ledger_accounts AS a SET posted = b.posted, held = b.held
        FROM unnest(
            CAST(:changed_ids AS uuid[]), CAST(:new_posted AS numeric[]),
            CAST(:new_held AS numeric[])
        ) AS b(id, posted, held)
        WHERE a.id = b.id AND EXISTS (SELECT 1 FROM entry)
    )%s
    SELECT count(*) AS written FROM entry
    """
_ENTRY_PARAMETERS = (
    bindparam("entry_id", type_=PG_UUID(as_uuid=True)),
    bindparam("memo", type_=String),
    bindparam("reference", type_=String),
    bindparam("metadata", type_=JSONB),
    bindparam("reverses_id", type_=PG_UUID(as_uuid=True)),
    bindparam("created_at", type_=DateTime(timezone=True)),
)
_WRITE_ENTRY = text(_ENTRY_SQL % "").bindparams(*_ENTRY_PARAMETERS)
# The same with the captured hold's resolution (a capture: one statement for all of it)
_WRITE_CAPTURE = text(
    _ENTRY_SQL
    % """, resolved AS (
        UPDATE ledger_holds SET status = :hold_status, captured_amount = :captured_amount,
            resolved_at = :created_at, capture_entry_id = :entry_id
        WHERE id = :hold_id AND EXISTS (SELECT 1 FROM entry)
    )"""
).bindparams(
    *_ENTRY_PARAMETERS,
    bindparam("hold_id", type_=PG_UUID(as_uuid=True)),
    bindparam("hold_status", type_=String),
)
# A new hold and its account's held amount: one statement
_HOLD_COLUMNS = tuple(c.name for c in HOLDS.c)
_PLACE_HOLD = text(
    f"""
    WITH hold AS (
        INSERT INTO ledger_holds ({", ".join(_HOLD_COLUMNS)})
        VALUES ({", ".join(":" + name for name in _HOLD_COLUMNS)})
    )
    UPDATE ledger_accounts SET posted = :new_posted, held = :new_held WHERE id = :account_id
    """  # noqa: S608  (column names of our own table, no input)
).bindparams(*(bindparam(c.name, type_=c.type) for c in HOLDS.c))
# A released hold and its account's held amount: one statement
_RELEASE_HOLD = text(
    """
    WITH hold AS (
        UPDATE ledger_holds SET status = :status, resolved_at = :resolved_at WHERE id = :hold_id
    )
    UPDATE ledger_accounts SET posted = :new_posted, held = :new_held WHERE id = :account_id
    """
).bindparams(
    bindparam("hold_id", type_=PG_UUID(as_uuid=True)),
    bindparam("account_id", type_=PG_UUID(as_uuid=True)),
    bindparam("status", type_=String),
    bindparam("resolved_at", type_=DateTime(timezone=True)),
)

# Accounts by several specs at once, one cached statement per shape (which are platform's)
_BY_SPECS: dict[tuple[bool, ...], Any] = {}

# Which account ids are hot (their shards are spread over): a fact that never changes, noted
# when the account is read, so a post knows before it locks.
_HOT: set[UUID] = set()

LOCKED = "ledger.locked"  # session.info key: what this transaction has locked (the module)


@dataclass(slots=True)
class _Kept:
    """The account rows this transaction holds locked, with their amounts, and the pending
    holds it placed (no other transaction sees them until it commits); forgotten at the end
    of every transaction or savepoint."""

    accounts: dict[AccountId, Account]
    holds: dict[HoldId, Hold]
    shards: dict[AccountId, Account]  # a hot account's id -> the row of it this one holds

    def forget(self, *_: object) -> None:
        self.accounts.clear()
        self.holds.clear()
        self.shards.clear()


def _kept(session: AsyncSession) -> _Kept:
    kept = session.info.get(LOCKED)
    if kept is None:
        kept = session.info[LOCKED] = _Kept({}, {}, {})
        event.listen(session.sync_session, "after_transaction_end", kept.forget)
    return cast(_Kept, kept)


def account_of(row: Row[Any]) -> Account:
    """The account of a row: with its shards' amounts when the row has them (``total_*``)."""
    asset = Asset(row.asset_code, row.precision)
    mapping = row._mapping
    if row.owner_id is None and row.may_go_negative and row.parent_id is None:
        _HOT.add(row.id)
    return to_domain(
        row,
        Account,
        owner=row.owner_id,
        asset=asset,
        posted=mapping.get("total_posted", row.posted).quantize(asset.quantum),
        held=mapping.get("total_held", row.held).quantize(asset.quantum),
    )


def hold_of(row: Row[Any], asset: Asset) -> Hold:
    return to_domain(
        row,
        Hold,
        asset=asset,
        amount=row.amount.quantize(asset.quantum),
        captured_amount=row.captured_amount.quantize(asset.quantum),
    )


@dataclass(frozen=True, slots=True)
class _Write:
    postings: tuple[Posting, ...]
    memo: str
    reference: str | None
    metadata: Mapping[str, Any]
    reverses: EntryId | None = None


class SqlLedger:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock
        kept = _kept(session)
        self._kept, self._holds, self._shards = kept.accounts, kept.holds, kept.shards

    # --- accounts ----------------------------------------------------------------------

    async def find_account(
        self, owner: UserId | None, kind: AccountKind, asset_code: str
    ) -> Account | None:
        statement = _PLATFORM_BY_SPEC if owner is None else _OWNED_BY_SPEC
        row = (
            await self._session.execute(
                statement, {"owner": owner, "kind": kind.value, "asset_code": asset_code}
            )
        ).first()
        return None if row is None else account_of(row)

    async def open_account(self, spec: AccountSpec) -> Account:
        found = await self.find_account(spec.owner, spec.kind, spec.asset.code)
        if found is None:
            account_id = new_uuid()
            hot = spec.owner is None and spec.negative_allowed
            shards = range(HOT_ACCOUNT_SHARDS if hot else 1)
            await self._session.execute(
                pg_insert(ACCOUNTS)
                .values(
                    [
                        {
                            "id": account_id if shard == 0 else new_uuid(),
                            "owner_id": spec.owner,
                            "kind": spec.kind.value,
                            "asset_code": spec.asset.code,
                            "precision": spec.asset.precision,
                            "may_go_negative": spec.negative_allowed,
                            "posted": Decimal(0),
                            "held": Decimal(0),
                            "created_at": self._clock.now(),
                            "parent_id": None if shard == 0 else account_id,
                            "shard": shard,
                        }
                        for shard in shards
                    ]
                )
                .on_conflict_do_nothing(constraint=UNIQUE_ACCOUNT)
            )
            found = await self.find_account(spec.owner, spec.kind, spec.asset.code)
            assert found is not None
        if found.asset != spec.asset:
            raise AssetMismatch(f"{spec.asset.code} is kept at {found.asset.precision} decimals")
        return found

    async def open_accounts(self, *specs: AccountSpec) -> list[Account]:
        found = await self._find_accounts(specs)
        opened = []
        for spec in specs:
            account = found.get((spec.owner, spec.kind.value, spec.asset.code))
            if account is None:
                account = await self.open_account(spec)
            elif account.asset != spec.asset:
                raise AssetMismatch(
                    f"{spec.asset.code} is kept at {account.asset.precision} decimals"
                )
            opened.append(account)
        return opened

    async def open_locked(self, *specs: AccountSpec) -> list[Account]:
        """``open_accounts`` of the specs, locked for the entries this transaction posts next
        (their writes then lock nothing more): when the accounts exist and at most one is hot,
        ONE statement reads and locks them (the rows in id order, then a free shard of the
        hot account, as ``post`` would); otherwise they are opened, then locked."""
        hot = [s for s in specs if s.owner is None and s.negative_allowed]
        if len(hot) > 1 or len(set(specs)) != len(specs):
            return await self._open_then_lock(specs)
        rest = [s for s in specs if not (s.owner is None and s.negative_allowed)]
        rows = await self._session.execute(
            _OPEN_LOCKED,
            {
                **_ids_of_specs_params(rest),
                "hot_kind": hot[0].kind.value if hot else None,
                "hot_asset": hot[0].asset.code if hot else None,
            },
        )
        direct: dict[tuple[UUID | None, str, str], Account] = {}
        shard: Row[Any] | None = None
        for row in rows:
            if row.is_shard:
                shard = row
            else:
                direct[(row.owner_id, row.kind, row.asset_code)] = account_of(row)
        self._keep(direct.values())
        if len(direct) != len(rest) or (hot and shard is None):  # not opened yet, or no free shard
            return await self._open_then_lock(specs)
        opened = []
        for spec in specs:
            if shard is not None and spec is hot[0]:
                hot_id = AccountId(shard.parent_id or shard.id)
                _HOT.add(hot_id)
                self._shards[hot_id] = account_of(shard)
                asset = Asset(shard.asset_code, shard.precision)
                account = Account(
                    hot_id,
                    None,
                    spec.kind,
                    asset,
                    True,
                    shard.hot_posted.quantize(asset.quantum),
                    shard.hot_held.quantize(asset.quantum),
                )
            else:
                account = direct[(spec.owner, spec.kind.value, spec.asset.code)]
            if account.asset != spec.asset:
                raise AssetMismatch(
                    f"{spec.asset.code} is kept at {account.asset.precision} decimals"
                )
            opened.append(account)
        return opened

    async def _open_then_lock(self, specs: Sequence[AccountSpec]) -> list[Account]:
        accounts = await self.open_accounts(*specs)
        locked = await self._lock(a.id for a in accounts)
        return [a if a.id in _HOT else locked[a.id] for a in accounts]

    async def _find_accounts(
        self, specs: Sequence[AccountSpec]
    ) -> dict[tuple[UUID | None, str, str], Account]:
        shape = tuple(spec.owner is None for spec in specs)
        statement = _BY_SPECS.get(shape)
        if statement is None:
            statement = _BY_SPECS[shape] = _LOGICAL.where(
                ACCOUNTS.c.shard == 0,
                or_(
                    *(
                        and_(
                            ACCOUNTS.c.owner_id.is_(None)
                            if platform
                            else ACCOUNTS.c.owner_id == bindparam(f"owner_{n}"),
                            ACCOUNTS.c.kind == bindparam(f"kind_{n}"),
                            ACCOUNTS.c.asset_code == bindparam(f"asset_{n}"),
                        )
                        for n, platform in enumerate(shape)
                    )
                ),
            )
        values: dict[str, Any] = {}
        for n, spec in enumerate(specs):
            values |= {f"owner_{n}": spec.owner, f"kind_{n}": spec.kind.value}
            values[f"asset_{n}"] = spec.asset.code
        rows = await self._session.execute(statement, values)
        return {(row.owner_id, row.kind, row.asset_code): account_of(row) for row in rows}

    async def get_account(self, account_id: AccountId) -> Account:
        row = (
            await self._session.execute(
                _LOGICAL.where(ACCOUNTS.c.id == account_id, ACCOUNTS.c.shard == 0)
            )
        ).first()
        if row is None:
            raise AccountNotFound(f"no ledger account {account_id}")
        return account_of(row)

    async def accounts_of(self, owner: UserId, page: PageRequest) -> Page[Account]:
        query = select(ACCOUNTS).where(ACCOUNTS.c.owner_id == owner)
        rows = (await self._session.execute(BY_ASSET.select(query, page))).all()
        return BY_ASSET.page(rows, page, account_of)

    async def lock_accounts(self, specs: Sequence[AccountSpec]) -> list[Account]:
        """Lock the existing accounts of ``specs`` in ONE statement, in account-id order (the
        order every write locks in), and keep them as locked by this transaction, so that its
        later writes to them lock nothing more (see the module docstring). Nothing is opened:
        an account that does not exist yet is left out; a hot platform account is not
        locked (a shard of it is drawn at each post)."""
        if not specs:
            return []
        rows = await self._session.execute(_LOCK_BY_SPECS, _ids_of_specs_params(specs))
        locked = [account_of(row) for row in rows]
        self._keep(locked)
        return locked

    async def _lock(
        self, ids: Iterable[AccountId], *, pinned: Iterable[AccountId] = ()
    ) -> dict[AccountId, Account]:
        """Lock the accounts: each account's row in id order (the one order every writer
        uses), then, for each hot account (id order), a free shard of it. The result maps each
        account id to the row its postings land on. A ``pinned`` account's own row is locked
        even when it is hot (the row its hold lives on)."""
        wanted = sorted(set(ids))
        keep = set(pinned)
        spread = [i for i in wanted if i in _HOT and i not in keep]
        locked: dict[AccountId, Account] = {
            i: self._kept[i] for i in wanted if i not in spread and i in self._kept
        }
        locked |= {i: self._shards[i] for i in spread if i in self._shards}
        spread = [i for i in spread if i not in locked]
        direct = [i for i in wanted if i not in spread and i not in locked]
        if direct and len(spread) == 1:  # the common shape: one round trip for all the locks
            rows = await self._session.execute(
                _LOCK_WITH_SHARD, {"ids": direct, "hot_id": spread[0]}
            )
            for row in rows:
                if row.is_shard:
                    locked[spread[0]] = self._shards[spread[0]] = account_of(row)
                else:
                    locked[AccountId(row.id)] = account_of(row)
            if spread[0] not in locked:  # every shard was held: wait for one
                shard = await self._free_shard(spread[0], wait=True)
                if shard is not None:
                    locked[spread[0]] = self._shards[spread[0]] = shard
            spread = []
        elif direct:
            rows = await self._session.execute(_LOCK_DIRECT, {"ids": direct})
            locked |= {AccountId(row.id): account_of(row) for row in rows}
        self._keep(locked[i] for i in direct if i in locked)
        for account_id in spread:
            shard = await self._free_shard(account_id)
            if shard is not None:
                locked[account_id] = self._shards[account_id] = shard
        missing = [str(i) for i in wanted if i not in locked]
        if missing:
            raise AccountNotFound(f"no ledger account {', '.join(missing)}")
        return locked

    async def _free_shard(self, account_id: AccountId, *, wait: bool = False) -> Account | None:
        """A row of the hot account no other transaction holds, locked; when every one is
        held, wait for one (taken last, so no one waits on this transaction's other rows)."""
        for lock in (_WAIT_FOR_SHARD,) if wait else (_FREE_SHARD, _WAIT_FOR_SHARD):
            row = (await self._session.execute(lock, {"hot_id": account_id})).first()
            if row is not None:
                return account_of(row)
        return None

    def _keep(self, accounts: Iterable[Account]) -> None:
        """Note the amounts of rows this transaction holds locked: the accounts that may not go
        negative, and the shard it drew of each hot account (drawn once a transaction, its
        amounts kept as every write changes them; any other row of a hot account is read at
        each lock)."""
        for account in accounts:
            if not account.may_go_negative:
                self._kept[account.id] = account
            else:  # a shard this transaction holds: its amounts as written
                for hot_id, shard in self._shards.items():
                    if shard.id == account.id:
                        self._shards[hot_id] = account
                        break

    # --- entries -----------------------------------------------------------------------

    async def post(self, entry: NewEntry) -> JournalEntry:
        accounts = await self._lock(leg.account_id for leg in entry.legs)
        postings = balanced_postings([(leg, accounts[leg.account_id].asset) for leg in entry.legs])
        return await self._write(
            _Write(postings, entry.memo, entry.reference, entry.metadata), accounts, {}
        )

    async def _write(
        self,
        write: _Write,
        accounts: dict[AccountId, Account],
        held_deltas: Mapping[AccountId, Decimal],
        capturing: tuple[Hold, Decimal] | None = None,
    ) -> JournalEntry:
        """Write the entry (with, for ``capturing``, the hold captured for the amount)."""
        posted_deltas: dict[AccountId, Decimal] = {}
        for posting in write.postings:
            posted_deltas[posting.account_id] = (
                posted_deltas.get(posting.account_id, Decimal(0)) + posting.amount
            )
        changed = [
            accounts[account_id].after(
                posted_delta=posted_deltas.get(account_id, Decimal(0)),
                held_delta=held_deltas.get(account_id, Decimal(0)),
            )
            for account_id in sorted(set(posted_deltas) | set(held_deltas))
        ]
        entry_id = EntryId(new_uuid())
        now = self._clock.now()
        metadata = dict(write.metadata)
        # each posting on the row locked for its account (a shard of a hot one)
        rows = _posting_rows(entry_id, now, write.postings, accounts)
        resolution: dict[str, Any] = {}
        if capturing is not None:
            captured = capturing[0].capture(capturing[1], entry_id, now)
            resolution = {
                "hold_id": captured.id,
                "hold_status": captured.status.value,
                "captured_amount": captured.captured_amount,
            }
        written = await self._session.scalar(
            _WRITE_ENTRY if capturing is None else _WRITE_CAPTURE,
            resolution
            | {
                "entry_id": entry_id,
                "memo": write.memo,
                "reference": write.reference,
                "metadata": metadata,
                "reverses_id": write.reverses,
                "created_at": now,
                "lines": [r["line"] for r in rows],
                "account_ids": [r["account_id"] for r in rows],
                "asset_codes": [r["asset_code"] for r in rows],
                "amounts": [r["amount"] for r in rows],
                "owner_ids": [r["owner_id"] for r in rows],
                "balances_after": [r["balance_after"] for r in rows],
                "changed_ids": [a.id for a in changed],
                "new_posted": [a.posted for a in changed],
                "new_held": [a.held for a in changed],
            },
        )
        if not written:
            raise DuplicateReference(f"an entry with reference {write.reference!r} exists")
        self._keep(changed)
        return JournalEntry(
            entry_id, write.postings, write.memo, write.reference, metadata, now, write.reverses
        )

    async def entry_by_reference(self, reference: str) -> JournalEntry | None:
        entry_id = await self._session.scalar(
            select(ENTRIES.c.id).where(ENTRIES.c.reference == reference)
        )
        return None if entry_id is None else await self.get_entry(EntryId(entry_id))

    async def get_entry(self, entry_id: EntryId) -> JournalEntry:
        entries = await load_entries(self._session, [entry_id])
        if not entries:
            raise EntryNotFound(f"no journal entry {entry_id}")
        return entries[0]

    async def reverse(
        self, entry_id: EntryId, *, memo: str, reference: str | None = None
    ) -> JournalEntry:
        check_text(memo, reference)
        original = await self.get_entry(entry_id)
        accounts = await self._lock(p.account_id for p in original.postings)
        original = await self.get_entry(entry_id)  # reread under the locks
        if original.reversed_by is not None:
            raise EntryAlreadyReversed(f"entry {entry_id} was reversed by {original.reversed_by}")
        postings = tuple(Posting(p.account_id, p.asset, -p.amount) for p in original.postings)
        metadata = {"reverses": str(entry_id)}
        return await self._write(
            _Write(postings, memo, reference, metadata, reverses=entry_id), accounts, {}
        )

    # --- holds -------------------------------------------------------------------------

    async def place_hold(
        self,
        account_id: AccountId,
        amount: Decimal,
        *,
        memo: str,
        reference: str | None = None,
        hold_id: HoldId | None = None,
    ) -> Hold:
        check_text(memo, reference)
        account = (await self._lock([account_id], pinned=[account_id]))[account_id]
        exact = Hold.checked_amount(account.asset, amount)
        changed = account.after(held_delta=exact)
        hold = Hold(
            id=hold_id or HoldId(new_uuid()),
            account_id=account_id,
            asset=account.asset,
            amount=exact,
            status=HoldStatus.PENDING,
            captured_amount=Decimal(0),
            memo=memo,
            reference=reference,
            created_at=self._clock.now(),
        )
        values = row_values(hold, HOLDS, asset_code=hold.asset.code)
        await self._session.execute(
            _PLACE_HOLD,
            {name: values.get(name) for name in _HOLD_COLUMNS}
            | {"new_posted": changed.posted, "new_held": changed.held},
        )
        self._keep([changed])
        self._holds[hold.id] = hold
        return hold

    async def _hold_row(self, hold_id: HoldId, *, lock: bool) -> Row[Any]:
        query = (
            select(HOLDS, ACCOUNTS.c.precision)
            .join(ACCOUNTS, ACCOUNTS.c.id == HOLDS.c.account_id)
            .where(HOLDS.c.id == hold_id)
        )
        if lock:
            query = query.with_for_update(of=HOLDS)
        row = (await self._session.execute(query)).first()
        if row is None:
            raise HoldNotFound(f"no hold {hold_id}")
        return row

    async def get_hold(self, hold_id: HoldId) -> Hold:
        row = await self._hold_row(hold_id, lock=False)
        return hold_of(row, Asset(row.asset_code, row.precision))

    async def capture_hold(
        self,
        hold_id: HoldId,
        counter: Sequence[Leg],
        *,
        memo: str,
        reference: str | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> tuple[Hold, JournalEntry]:
        check_text(memo, reference)
        hold = await self._pending(hold_id)
        total = sum((leg.amount for leg in counter), Decimal(0))
        hold.capture(total, EntryId(new_uuid()), self._clock.now())  # its rules, before a lock
        legs = [Leg(hold.account_id, -total), *counter]
        accounts = await self._lock((leg.account_id for leg in legs), pinned=[hold.account_id])
        postings = balanced_postings([(leg, accounts[leg.account_id].asset) for leg in legs])
        entry = await self._write(
            _Write(postings, memo, reference, {"hold": str(hold_id), **(metadata or {})}),
            accounts,
            {hold.account_id: -hold.amount},
            capturing=(hold, total),
        )
        self._holds.pop(hold.id, None)
        return hold.capture(total, entry.id, entry.created_at), entry

    async def release_hold(self, hold_id: HoldId) -> Hold:
        hold = await self._pending(hold_id)
        released = hold.release(self._clock.now())
        account = (await self._lock([hold.account_id], pinned=[hold.account_id]))[hold.account_id]
        changed = account.after(held_delta=-hold.amount)
        await self._session.execute(
            _RELEASE_HOLD,
            {
                "hold_id": hold.id,
                "account_id": changed.id,
                "status": released.status.value,
                "resolved_at": released.resolved_at,
                "new_posted": changed.posted,
                "new_held": changed.held,
            },
        )
        self._keep([changed])
        self._holds.pop(hold.id, None)
        return released

    async def _pending(self, hold_id: HoldId) -> Hold:
        """The hold, its row locked (one this transaction placed is known and seen by no
        other); its resolution's rules are checked by the caller."""
        placed = self._holds.get(hold_id)
        if placed is not None:
            return placed
        row = await self._hold_row(hold_id, lock=True)
        return hold_of(row, Asset(row.asset_code, row.precision))


def _posting_rows(
    entry_id: EntryId,
    at: datetime,
    postings: Sequence[Posting],
    accounts: Mapping[AccountId, Account],
) -> list[dict[str, Any]]:
    """Rows of an entry's postings, each on the row locked for its account; an owned
    account's rows carry its posted balance after each one, running on from the balance read
    under the row lock."""
    running = {account_id: account.posted for account_id, account in accounts.items()}
    rows = []
    for line, p in enumerate(postings, start=1):
        owner = accounts[p.account_id].owner
        running[p.account_id] += p.amount
        rows.append(
            {
                "entry_id": entry_id,
                "line": line,
                "account_id": accounts[p.account_id].id,
                "asset_code": p.asset.code,
                "amount": p.amount,
                "owner_id": owner,
                "created_at": at,
                "balance_after": None if owner is None else running[p.account_id],
            }
        )
    return rows


async def load_entries(session: AsyncSession, ids: Sequence[UUID]) -> list[JournalEntry]:
    """The entries with these ids, in the order given, with postings and reversal links."""
    if not ids:
        return []
    reversal = ENTRIES.alias("reversal")
    entry_rows = await session.execute(
        select(ENTRIES, reversal.c.id.label("reversed_by"))
        .outerjoin(reversal, reversal.c.reverses_id == ENTRIES.c.id)
        .where(ENTRIES.c.id.in_(ids))
    )
    posting_rows = await session.execute(
        select(
            POSTINGS,
            ACCOUNTS.c.precision,
            func.coalesce(ACCOUNTS.c.parent_id, ACCOUNTS.c.id).label("logical_id"),
        )
        .join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id)
        .where(POSTINGS.c.entry_id.in_(ids))
        .order_by(POSTINGS.c.entry_id, POSTINGS.c.line)
    )
    postings: dict[UUID, list[Posting]] = {}
    for p in posting_rows:
        asset = Asset(p.asset_code, p.precision)
        postings.setdefault(p.entry_id, []).append(
            Posting(AccountId(p.logical_id), asset, p.amount.quantize(asset.quantum))
        )
    by_id = {
        row.id: JournalEntry(
            id=EntryId(row.id),
            postings=tuple(postings.get(row.id, ())),
            memo=row.memo,
            reference=row.reference,
            metadata=row.metadata,
            created_at=row.created_at,
            reverses=None if row.reverses_id is None else EntryId(row.reverses_id),
            reversed_by=None if row.reversed_by is None else EntryId(row.reversed_by),
        )
        for row in entry_rows
    }
    return [by_id[i] for i in ids if i in by_id]
