"""Banking: linked bank accounts, deposits and withdrawals, moving money through the ledger."""
