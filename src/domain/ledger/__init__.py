"""The ledger: double-entry accounts, journal entries, holds and balances (cash and
securities). Pure rules; persistence and locking live in the adapters."""
