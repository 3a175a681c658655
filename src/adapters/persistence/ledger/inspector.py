"""Reconciliation of the whole ledger in one REPEATABLE READ snapshot: each rule is a query
for the first row that breaks it. Rules on amounts hold row by row, so for every shard of a hot
account too; a reversal negates its original per account (its shards taken together); the
accounts counted are the accounts callers see (shards are rows of them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from usecases.ledger.ports import LedgerTotals, Violation

# (rule, query returning (subject, detail) of the first offender)
RULES: Final[tuple[tuple[str, str], ...]] = (
    (
        "entry_has_two_postings",
        """SELECT 'entry ' || e.id, 'has ' || count(p.line) || ' posting(s)'
           FROM ledger_entries e LEFT JOIN ledger_postings p ON p.entry_id = e.id
           GROUP BY e.id HAVING count(p.line) < 2 ORDER BY e.id LIMIT 1""",
    ),
    (
        "entry_balanced",
        """SELECT 'entry ' || entry_id, asset_code || ' postings sum to ' || sum(amount)
           FROM ledger_postings GROUP BY entry_id, asset_code
           HAVING sum(amount) <> 0 ORDER BY entry_id LIMIT 1""",
    ),
    (
        "posting_asset_matches_account",
        """SELECT 'entry ' || p.entry_id || ' line ' || p.line,
                  'posting in ' || p.asset_code || ' to an account in ' || a.asset_code
           FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
           WHERE p.asset_code <> a.asset_code LIMIT 1""",
    ),
    (
        "posted_equals_postings",
        """SELECT 'account ' || a.id,
                  'posted ' || a.posted || ' but its postings sum to ' || coalesce(s.total, 0)
           FROM ledger_accounts a LEFT JOIN (
               SELECT account_id, sum(amount) AS total FROM ledger_postings GROUP BY account_id
           ) s ON s.account_id = a.id
           WHERE a.posted <> coalesce(s.total, 0) ORDER BY a.id LIMIT 1""",
    ),
    (
        "running_balance_matches_postings",
        """SELECT 'entry ' || entry_id || ' line ' || line,
                  'balance after ' || coalesce(balance_after::text, 'missing')
                  || ' but the postings up to it sum to ' || running
           FROM (
               SELECT p.entry_id, p.line, p.balance_after, a.owner_id,
                      sum(p.amount) OVER (PARTITION BY p.account_id ORDER BY p.seq) AS running
               FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
           ) s
           WHERE owner_id IS NOT NULL AND balance_after IS DISTINCT FROM running
           ORDER BY entry_id, line LIMIT 1""",
    ),
    (
        "held_equals_pending_holds",
        """SELECT 'account ' || a.id,
                  'held ' || a.held || ' but its pending holds sum to ' || coalesce(h.total, 0)
           FROM ledger_accounts a LEFT JOIN (
               SELECT account_id, sum(amount) AS total FROM ledger_holds
               WHERE status = 'pending' GROUP BY account_id
           ) h ON h.account_id = a.id
           WHERE a.held <> coalesce(h.total, 0) ORDER BY a.id LIMIT 1""",
    ),
    (
        "user_account_not_negative",
        """SELECT 'account ' || id, 'posted ' || posted || ', held ' || held
                  || ': below zero available, and it may not go negative'
           FROM ledger_accounts
           WHERE NOT may_go_negative AND (posted < 0 OR posted < held OR held < 0)
           ORDER BY id LIMIT 1""",
    ),
    (
        "negative_only_for_system_accounts",
        """SELECT 'account ' || id, kind || ' account of a user marked may go negative'
           FROM ledger_accounts WHERE may_go_negative AND owner_id IS NOT NULL LIMIT 1""",
    ),
    (
        "hold_consistent",
        """SELECT 'hold ' || id, status || ' hold of ' || amount || ', captured '
                  || captured_amount
           FROM ledger_holds
           WHERE amount <= 0 OR captured_amount < 0 OR captured_amount > amount
              OR (status = 'pending') <> (resolved_at IS NULL)
              OR (status = 'captured') <> (capture_entry_id IS NOT NULL)
              OR (status <> 'captured' AND captured_amount <> 0)
           ORDER BY id LIMIT 1""",
    ),
    (
        "capture_matches_its_entry",
        """SELECT 'hold ' || h.id, 'captured ' || h.captured_amount || ' but entry '
                  || h.capture_entry_id || ' takes ' || coalesce(-sum(p.amount), 0)
           FROM ledger_holds h LEFT JOIN ledger_postings p
             ON p.entry_id = h.capture_entry_id AND p.account_id = h.account_id
           WHERE h.status = 'captured'
           GROUP BY h.id HAVING coalesce(-sum(p.amount), 0) <> h.captured_amount
           ORDER BY h.id LIMIT 1""",
    ),
    (
        "reversal_negates_original",
        """SELECT 'entry ' || r.id, 'does not negate the entry ' || r.reverses_id
                  || ' it reverses'
           FROM ledger_entries r
           WHERE r.reverses_id IS NOT NULL AND EXISTS (
               SELECT coalesce(a.parent_id, a.id), p.asset_code, sum(p.amount)
               FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
               WHERE p.entry_id IN (r.id, r.reverses_id)
               GROUP BY coalesce(a.parent_id, a.id), p.asset_code HAVING sum(p.amount) <> 0
           ) ORDER BY r.id LIMIT 1""",
    ),
    (
        "shard_matches_its_account",
        """SELECT 'account ' || s.id, 'shard ' || s.shard || ' of ' || s.parent_id
                  || ' is not a may-go-negative ' || p.kind || ' ' || p.asset_code || ' row'
           FROM ledger_accounts s JOIN ledger_accounts p ON p.id = s.parent_id
           WHERE s.kind <> p.kind OR s.asset_code <> p.asset_code OR s.precision <> p.precision
              OR p.parent_id IS NOT NULL OR s.owner_id IS NOT NULL OR p.owner_id IS NOT NULL
              OR NOT s.may_go_negative OR NOT p.may_go_negative
           ORDER BY s.id LIMIT 1""",
    ),
)

TOTALS = """SELECT (SELECT count(*) FROM ledger_accounts WHERE parent_id IS NULL),
                   (SELECT count(*) FROM ledger_entries),
                   (SELECT count(*) FROM ledger_postings), (SELECT count(*) FROM ledger_holds)"""


class SqlLedgerInspector:
    def __init__(self, session_factory: Callable[[], AsyncSession]) -> None:
        self._session_factory = session_factory

    async def inspect(self) -> tuple[LedgerTotals, Violation | None]:
        async with self._session_factory() as session:
            await session.execute(
                text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            )
            counts = (await session.execute(text(TOTALS))).one()
            totals = LedgerTotals(*(int(n) for n in counts))
            for rule, query in RULES:
                row = (await session.execute(text(query))).first()
                if row is not None:
                    return totals, Violation(rule, str(row[0]), str(row[1]))
            return totals, None
