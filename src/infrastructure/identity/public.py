"""Identity's public port for other contexts' wiring: the adapters behind the identity ports in
``usecases.identity.public``, built from the container."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.identity.kyc_level_sink import SqlKycLevelSink
from adapters.persistence.identity.statistics import SqlIdentityStatistics
from infrastructure.container import Container
from infrastructure.identity.kit import build_kit, unit_of_work_factory
from usecases.identity.one_time_code_service import IdentityOneTimeCodeService
from usecases.identity.public.identity_statistics import IdentityStatistics
from usecases.identity.public.kyc_level_sink import KycLevelSink
from usecases.identity.public.one_time_codes import OneTimeCodeService
from usecases.identity.public.second_factor import SecondFactorVerifier
from usecases.identity.public.user_directory import UserDirectory
from usecases.identity.second_factor_verifier import IdentitySecondFactorVerifier
from usecases.identity.user_directory import IdentityUserDirectory


def user_directory(container: Container) -> UserDirectory:
    """Look-ups only, so its unit of work writes no audit record."""
    return IdentityUserDirectory(unit_of_work_factory(container, require_audit=False))


def second_factor_verifier(container: Container) -> SecondFactorVerifier:
    return IdentitySecondFactorVerifier(
        unit_of_work_factory(container), build_kit(container).second_factor
    )


def one_time_code_service(container: Container) -> OneTimeCodeService:
    return IdentityOneTimeCodeService(unit_of_work_factory(container), build_kit(container).codes)


def identity_statistics(container: Container) -> IdentityStatistics:
    return SqlIdentityStatistics(container.session_factory)


def kyc_level_sink(session: AsyncSession) -> KycLevelSink:
    """The user's KYC level, written on the caller's session (inside its transaction)."""
    return SqlKycLevelSink(session)
