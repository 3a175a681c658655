"""A route that returns a read schema is serialised once, by pydantic straight to JSON bytes:
FastAPI takes that path (``TypeAdapter.dump_json``, no model -> dict -> ``json.dumps``) when the
route has a response model and the default response class, and an instance of the response
model is not validated again. Setting a ``response_class`` (or an app-wide
``default_response_class``) would bring the dict round trip back: this names any route that
does it without answering with its own ``Response``."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.datastructures import DefaultPlaceholder
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel


def test_every_route_with_a_response_model_takes_the_single_pass_path(app: FastAPI) -> None:
    offenders = []
    checked = 0
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if not isinstance(route, APIRoute) or route.response_field is None:
            continue
        checked += 1
        if not isinstance(route.response_class, DefaultPlaceholder):
            offenders.append(f"{sorted(route.methods)} {context.path_format}")
    assert checked > 50
    assert offenders == []


def test_an_instance_of_the_response_model_is_passed_through_not_rebuilt(app: FastAPI) -> None:
    route = next(
        c.original_route
        for c in iter_route_contexts(app.routes)
        if c.path_format == "/api/v1/users/me" and "GET" in (c.methods or ())
    )
    assert isinstance(route, APIRoute)
    field = route.response_field
    assert field is not None
    model = field.field_info.annotation
    assert isinstance(model, type)
    assert issubclass(model, BaseModel)
    sample = model.model_construct(**dict.fromkeys(model.model_fields))
    value, errors = field.validate(sample, {}, loc=("response",))
    assert errors == []
    assert value is sample  # no second validation of what the router built
