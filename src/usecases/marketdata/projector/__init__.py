"""The candle projector: trade log into candles, then the ticker and candle messages."""
