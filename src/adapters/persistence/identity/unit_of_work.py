"""Unit of work of the identity context: its repositories over one session."""

from __future__ import annotations

from typing import Final

from adapters.persistence.identity.access_control import (
    SqlApiKeyRepository,
    SqlBranchRepository,
    SqlFeatureRepository,
    SqlRolePolicyRepository,
    SqlSecuritySettingsRepository,
)
from adapters.persistence.identity.devices import SqlDeviceRepository
from adapters.persistence.identity.login_activity import SqlLoginActivityRepository
from adapters.persistence.identity.one_time_codes import SqlOtpRepository
from adapters.persistence.identity.refresh_tokens import SqlRefreshTokenRepository
from adapters.persistence.identity.registrations import SqlRegistrationRepository
from adapters.persistence.identity.sessions import SqlSessionRepository
from adapters.persistence.identity.two_factor import (
    SqlRecoveryCodeRepository,
    SqlTotpRepository,
)
from adapters.persistence.identity.users import SqlUserRepository
from adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork

# Unique constraints → the field they protect (a duplicate answers 409 naming it).
CONSTRAINT_FIELDS: Final = {
    "uq_users_email": "email",
    "uq_users_phone": "mobile",
    "uq_features_key": "key",
    "fk_users_branch_id_branches": "branch_code",
}


class IdentitySqlUnitOfWork(SqlAlchemyUnitOfWork):
    @property
    def users(self) -> SqlUserRepository:
        return SqlUserRepository(self.session)

    @property
    def registrations(self) -> SqlRegistrationRepository:
        return SqlRegistrationRepository(self.session)

    @property
    def otps(self) -> SqlOtpRepository:
        return SqlOtpRepository(self.session)

    @property
    def sessions(self) -> SqlSessionRepository:
        return SqlSessionRepository(self.session)

    @property
    def refresh_tokens(self) -> SqlRefreshTokenRepository:
        return SqlRefreshTokenRepository(self.session)

    @property
    def devices(self) -> SqlDeviceRepository:
        return SqlDeviceRepository(self.session)

    @property
    def totp(self) -> SqlTotpRepository:
        return SqlTotpRepository(self.session)

    @property
    def recovery_codes(self) -> SqlRecoveryCodeRepository:
        return SqlRecoveryCodeRepository(self.session)

    @property
    def login_activity(self) -> SqlLoginActivityRepository:
        return SqlLoginActivityRepository(self.session)

    @property
    def branches(self) -> SqlBranchRepository:
        return SqlBranchRepository(self.session)

    @property
    def features(self) -> SqlFeatureRepository:
        return SqlFeatureRepository(self.session)

    @property
    def security_settings(self) -> SqlSecuritySettingsRepository:
        return SqlSecuritySettingsRepository(self.session)

    @property
    def role_policies(self) -> SqlRolePolicyRepository:
        return SqlRolePolicyRepository(self.session)

    @property
    def api_keys(self) -> SqlApiKeyRepository:
        return SqlApiKeyRepository(self.session)
