"""Portfolio: an investor's private investments, their capital activities and valuations, and
the analytics professionals use on them (IRR, multiples, public-market equivalents, allocation,
concentration) and on a brokerage return series (TWR, Sharpe, Sortino, drawdown, VaR)."""
