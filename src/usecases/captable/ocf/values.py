"""Reading OCF's value types (numeric strings, dates, monetary amounts, names, addresses)
into the cap table's, every refusal naming the object and the JSON path of the value."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from domain.captable.issuer import Address, AddressType
from domain.shared.errors import DomainError
from usecases.captable.ocf.ports import OcfObject, OcfObjectRefused


def refused(
    item: OcfObject, path: str, reason: str, code: str = "ocf_object_refused"
) -> OcfObjectRefused:
    return OcfObjectRefused(
        object_id=item.get("id"),
        object_type=str(item.get("object_type")),
        path=path,
        reason=reason,
        reason_code=code,
    )


@contextmanager
def about(item: OcfObject, paths: Mapping[str, str] | None = None) -> Iterator[None]:
    """Any refusal of the cap table inside, as a refusal of ``item``: the domain field the rule
    names becomes the object's JSON path (``quantity`` → ``$.quantity``, or as ``paths``
    says)."""
    try:
        yield
    except OcfObjectRefused:
        raise
    except DomainError as error:
        field = error.errors[0].field if error.errors else ""
        path = (paths or {}).get(field) or json_path(field)
        reason = error.errors[0].message if error.errors else error.detail
        raise refused(item, path, reason, error.error_code) from None


def json_path(field: str) -> str:
    """A domain field name as a JSON path: ``tax_ids.0.country`` → ``$.tax_ids[0].country``."""
    path = "$"
    for part in field.split(".") if field else []:
        path += f"[{part}]" if part.isdigit() else f".{part}"
    return path


def number(item: OcfObject, key: str, value: Any = None) -> Decimal:
    """An OCF ``Numeric`` (a decimal string, "+10000000.00" allowed) as an exact Decimal."""
    raw = item.get(key) if value is None else value
    try:
        result = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        raise refused(item, f"$.{key}", f"{raw!r} is not a number") from None
    if not result.is_finite():
        raise refused(item, f"$.{key}", f"{raw!r} is not a finite number")
    return result


def optional_number(item: OcfObject, key: str) -> Decimal | None:
    return number(item, key) if item.get(key) is not None else None


def day(item: OcfObject, key: str = "date") -> date:
    raw = item.get(key)
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise refused(item, f"$.{key}", f"{raw!r} is not a date such as 2022-01-28") from None


def optional_day(item: OcfObject, key: str) -> date | None:
    return day(item, key) if item.get(key) is not None else None


def amount(item: OcfObject, key: str, currency: str) -> Decimal:
    """The ``amount`` of an OCF ``Monetary`` in the issuer's currency (another is refused)."""
    money = item.get(key)
    if not isinstance(money, Mapping):
        raise refused(item, f"$.{key}", "a monetary amount {amount, currency} is required")
    if money.get("currency") != currency:
        raise refused(
            item,
            f"$.{key}.currency",
            f"{money.get('currency')} differs from the issuer's currency {currency}",
            "currency_mismatch",
        )
    return number(item, f"{key}.amount", money.get("amount"))


def optional_amount(item: OcfObject, key: str, currency: str) -> Decimal | None:
    return amount(item, key, currency) if item.get(key) is not None else None


def text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def comments(item: OcfObject) -> str | None:
    lines = [c for c in item.get("comments") or [] if isinstance(c, str) and c.strip()]
    return "\n".join(lines) or None


def address(raw: Any) -> Address | None:
    if not isinstance(raw, Mapping):
        return None
    return Address(
        address_type=AddressType(str(raw.get("address_type", "OTHER")).lower()),
        street_suite=text(raw.get("street_suite")),
        city=text(raw.get("city")),
        country_subdivision=text(raw.get("country_subdivision")),
        country=str(raw["country"]),
        postal_code=text(raw.get("postal_code")),
    )


def address_json(value: Address) -> dict[str, str]:
    """The cap table's address as an OCF ``Address``."""
    out = {"address_type": value.address_type.value.upper()}
    for key in ("street_suite", "city", "country_subdivision"):
        if getattr(value, key) is not None:
            out[key] = getattr(value, key)
    out["country"] = value.country
    if value.postal_code is not None:
        out["postal_code"] = value.postal_code
    return out


def numeric(value: Decimal) -> str:
    """A Decimal as an OCF ``Numeric`` string: no exponent, at most 10 places, no trailing
    zeros (``1000``, ``0.0001``)."""
    text_value = format(value.normalize(), "f")
    if "." in text_value:
        whole, fraction = text_value.split(".")
        fraction = fraction[:10].rstrip("0")
        text_value = f"{whole}.{fraction}" if fraction else whole
    return text_value


def monetary(value: Decimal, currency: str) -> dict[str, str]:
    return {"amount": numeric(value), "currency": currency}
