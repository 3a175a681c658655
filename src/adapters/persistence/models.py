"""Every context's ORM models, imported so ``metadata`` is complete for Alembic and tests.

Add a context's models module here when it arrives.
"""

from __future__ import annotations

from adapters.persistence.audit import models as _audit_models  # noqa: F401
from adapters.persistence.banking import fx_models as _banking_fx_models  # noqa: F401
from adapters.persistence.banking import models as _banking_models  # noqa: F401
from adapters.persistence.base import Base
from adapters.persistence.captable import models as _captable_models  # noqa: F401
from adapters.persistence.captable import transfer_models as _captable_transfer_models  # noqa: F401
from adapters.persistence.governance import models as _governance_models  # noqa: F401
from adapters.persistence.identity import models as _identity_models  # noqa: F401
from adapters.persistence.kyc import models as _kyc_models  # noqa: F401
from adapters.persistence.kyc import review_models as _kyc_review_models  # noqa: F401
from adapters.persistence.ledger import models as _ledger_models  # noqa: F401
from adapters.persistence.marketdata import models as _marketdata_models  # noqa: F401
from adapters.persistence.notifications import models as _notification_models  # noqa: F401
from adapters.persistence.portfolio import models as _portfolio_models  # noqa: F401
from adapters.persistence.shared import (  # noqa: F401
    idempotency_models as _idempotency_models,
)
from adapters.persistence.trading import models as _trading_models  # noqa: F401

metadata = Base.metadata
