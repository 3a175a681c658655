"""The one read-schema style: a response schema is built from a domain object or a view by
attribute name (pydantic ``from_attributes``), so a field is written once, in the schema.

``Read.of(source)`` takes every field by name; ``Read.taking(source, field=...)`` takes every
field by name except the ones given (a renamed attribute, a derived value). Money is a
``DecimalString`` field: the ``Decimal`` rendered as ``f"{amount:f}"`` (the scale it carries,
never an exponent), exactly as the hand-written copies did."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict


def decimal_text(value: Any) -> Any:
    return f"{value:f}" if isinstance(value, Decimal) else value


DecimalString = Annotated[str, BeforeValidator(decimal_text)]


class _Overlay:
    """``source`` seen through ``fields``: what pydantic reads attribute by attribute."""

    __slots__ = ("_fields", "_source")

    def __init__(self, source: Any, fields: dict[str, Any]) -> None:
        self._source = source
        self._fields = fields

    def __getattr__(self, name: str) -> Any:
        fields = object.__getattribute__(self, "_fields")
        if name in fields:
            return fields[name]
        return getattr(object.__getattribute__(self, "_source"), name)


class ReadModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    @classmethod
    def of(cls, *args: Any, **kwargs: Any) -> Self:
        """``Read.of(source)``. The open signature lets a schema built from more than one
        object (``KycStatusRead.of(user_code, status)``) define its own ``of``."""
        (source,) = args
        if kwargs:
            raise TypeError(f"{cls.__name__}.of takes one source; use taking() to override")
        return cls.model_validate(source)

    @classmethod
    def taking(cls, source: Any, /, **fields: Any) -> Self:
        unknown = set(fields) - set(cls.model_fields)
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
        return cls.model_validate(_Overlay(source, fields))
