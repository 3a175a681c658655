"""Where a client sent a field: the request path of a field the domain or a use case names.

The core names its own fields (``amount``, ``deposit_id``, ``preferences.0.enabled``); a client
needs to know where in its request that was (``body.amount``, ``path.deposit_id``). The error
handler asks ``RequestFields.of(route)`` for the matched route's inputs and ``path(name)`` for
each field error. The first dotted segment of the name is looked up among the route's inputs
(its own parameters and those of its dependencies) in this order: path parameters, query
parameters, headers, cookies, body. A single pydantic body model contributes its fields (the
body is the model); any other body (several parameters, ``embed=True``, form and file fields)
contributes one field per parameter. The Python name and the alias both match, and the answer
uses the alias, the key the client sends. The rest of the name is kept, with nested model fields
turned into their aliases too. A name that no input has (a field of a stored value, or one that
already names its place, such as ``header.Idempotency-Key``) is left as it is, and so is every
name when no route matched.
"""

from __future__ import annotations

import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Union, get_args, get_origin

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import BaseModel


@dataclass(frozen=True, slots=True)
class _Input:
    path: str  # "body.amount"
    annotation: Any  # the field's type, to follow nested names


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) in (Union, types.UnionType):
        for arg in get_args(annotation):
            if (model := _model_of(arg)) is not None:
                return model
    return None


def _item_of(annotation: Any) -> Any:
    """The element type of a sequence (the value type of a mapping), optional or not."""
    origin = get_origin(annotation)
    args = [arg for arg in get_args(annotation) if arg is not Ellipsis]
    if origin in (Union, types.UnionType):
        return next((_item_of(arg) for arg in args if arg is not type(None)), None)
    if isinstance(origin, type) and issubclass(origin, Mapping):
        return args[-1] if args else None
    return args[0] if args else None


def _nested(annotation: Any, rest: list[str]) -> list[str]:
    """``rest`` of a dotted name with each model field turned into its alias."""
    out: list[str] = []
    for segment in rest:
        model = _model_of(annotation)
        if model is not None:
            found = _model_field(model, segment)
            if found is None:
                return out + rest[len(out) :]
            alias, annotation = found
            out.append(alias)
        else:
            out.append(segment)  # an index into a sequence, or a key of a mapping
            annotation = _item_of(annotation)
    return out


def _model_field(model: type[BaseModel], name: str) -> tuple[str, Any] | None:
    for field_name, info in model.model_fields.items():
        if name in (field_name, info.alias):
            return info.alias or field_name, info.annotation
    return None


def _dependants(root: Dependant) -> list[Dependant]:
    """The route's dependant and all its dependencies', depth first."""
    found, todo = [], [root]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(reversed(current.dependencies))
    return found


class RequestFields:
    """The inputs of one route, by Python name and alias."""

    def __init__(self, inputs: Mapping[str, _Input]) -> None:
        self._inputs = inputs

    @classmethod
    def of(cls, route: object) -> RequestFields:
        if not isinstance(route, APIRoute):
            return cls({})
        dependants = _dependants(route.dependant)
        inputs: dict[str, _Input] = {}

        def add(names: Iterable[str], where: str, alias: str, annotation: Any) -> None:
            for name in names:
                inputs.setdefault(name, _Input(f"{where}.{alias}", annotation))

        for where in ("path", "query", "header", "cookie"):
            for param in (p for d in dependants for p in getattr(d, f"{where}_params")):
                add((param.name, param.alias), where, param.alias, param.field_info.annotation)
        bodies = {param.name: param for d in dependants for param in d.body_params}
        only = next(iter(bodies.values())) if len(bodies) == 1 else None
        model = None if only is None else _model_of(only.field_info.annotation)
        if only is not None and model is not None and not getattr(only.field_info, "embed", False):
            for name, info in model.model_fields.items():
                alias = info.alias or name
                add((name, alias), "body", alias, info.annotation)
        else:
            for param in bodies.values():
                add((param.name, param.alias), "body", param.alias, param.field_info.annotation)
        return cls(inputs)

    def path(self, name: str) -> str:
        head, *rest = name.split(".")
        found = self._inputs.get(head)
        if found is None:
            return name
        return ".".join([found.path, *_nested(found.annotation, rest)])

    def detail(self, detail: str, names: Iterable[str]) -> str:
        """``detail`` with each leading ``name: `` of its ``; ``-separated parts (the form
        ``invalid_field`` writes) turned into the request path."""
        renames = {f"{n}: ": f"{self.path(n)}: " for n in names if self.path(n) != n}
        if not renames:
            return detail
        parts = detail.split("; ")
        for i, part in enumerate(parts):
            for old, new in renames.items():
                if part.startswith(old):
                    parts[i] = new + part[len(old) :]
                    break
        return "; ".join(parts)
