"""The instruments a new platform lists (``meridian trading seed``, and the demo data): seven
US stocks, five ETFs, five crypto pairs and two bonds, all quoted in USD. Reference prices are
round figures to start the price bands from; the market moves them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from domain.trading.instrument import AssetClass


@dataclass(frozen=True, slots=True)
class Listing:
    symbol: str
    name: str
    asset_class: AssetClass
    reference_price: str
    tick_size: str = "0.01"
    lot_size: str = "1"
    min_notional: str = "1.00"
    band_percent: str = "10"
    trading_hours: str = "xnys"
    currency: str = "USD"

    def decimal(self, name: str) -> Decimal:
        return Decimal(getattr(self, name))


_S, _E, _B, _C = AssetClass.STOCK, AssetClass.ETF, AssetClass.BOND, AssetClass.CRYPTO

CATALOG: Final[tuple[Listing, ...]] = (
    Listing("AAPL", "Apple Inc.", _S, "230.00"),
    Listing("GOOGL", "Alphabet Inc. Class A", _S, "175.00"),
    Listing("MSFT", "Microsoft Corporation", _S, "420.00"),
    Listing("TSLA", "Tesla, Inc.", _S, "250.00"),
    Listing("AMZN", "Amazon.com, Inc.", _S, "190.00"),
    Listing("META", "Meta Platforms, Inc. Class A", _S, "560.00"),
    Listing("NFLX", "Netflix, Inc.", _S, "700.00"),
    Listing("SPY", "SPDR S&P 500 ETF Trust", _E, "570.00"),
    Listing("QQQ", "Invesco QQQ Trust", _E, "490.00"),
    Listing("VTI", "Vanguard Total Stock Market ETF", _E, "285.00"),
    Listing("VOO", "Vanguard S&P 500 ETF", _E, "525.00"),
    Listing("IWM", "iShares Russell 2000 ETF", _E, "220.00"),
    Listing(
        "BTC-USD",
        "Bitcoin",
        _C,
        "60000.00",
        lot_size="0.0001",
        trading_hours="24x7",
        band_percent="20",
    ),
    Listing(
        "ETH-USD", "Ether", _C, "2500.00", lot_size="0.001", trading_hours="24x7", band_percent="20"
    ),
    Listing(
        "ADA-USD",
        "Cardano",
        _C,
        "0.3500",
        tick_size="0.0001",
        lot_size="1",
        trading_hours="24x7",
        band_percent="20",
    ),
    Listing(
        "DOT-USD",
        "Polkadot",
        _C,
        "4.500",
        tick_size="0.001",
        lot_size="0.1",
        trading_hours="24x7",
        band_percent="20",
    ),
    Listing(
        "SOL-USD", "Solana", _C, "150.00", lot_size="0.01", trading_hours="24x7", band_percent="20"
    ),
    Listing(
        "UST10Y",
        "US Treasury 4.25% 2034 (per 100 face)",
        _B,
        "98.50",
        tick_size="0.01",
        band_percent="5",
        trading_hours="us_bonds",
    ),
    Listing(
        "AAPL29",
        "Apple Inc. 3.25% 2029 (per 100 face)",
        _B,
        "96.75",
        tick_size="0.01",
        band_percent="5",
        trading_hours="us_bonds",
    ),
)
