"""Banking use cases: linked bank accounts, deposits, withdrawals, the rail and its webhook."""
