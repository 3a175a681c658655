"""What a person types to identify their account: an email address or a mobile number."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.contact import ContactChannel
from domain.identity.user import User
from usecases.identity.ports import ContactNormalizer, IdentityUnitOfWork


@dataclass(frozen=True, slots=True)
class AccountIdentifier:
    channel: ContactChannel
    value: str  # normalised: lower-case email, or E.164

    @classmethod
    def parse(
        cls, raw: str, contacts: ContactNormalizer, *, field: str = "identifier"
    ) -> AccountIdentifier:
        if "@" in raw:
            return cls(ContactChannel.EMAIL, contacts.email(raw, field=field))
        return cls(ContactChannel.MOBILE, contacts.phone(raw, field=field))

    async def find(self, uow: IdentityUnitOfWork) -> User | None:
        if self.channel is ContactChannel.EMAIL:
            return await uow.users.by_email(self.value)
        return await uow.users.by_phone(self.value)
