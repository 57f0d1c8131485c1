"""Schemathesis against the app's own OpenAPI schema, in process: no parameter makes the API fail.

Every operation in /openapi.json gets generated requests, valid and invalid (schemathesis mutates
types, ranges and formats), sent through the ASGI app directly: no socket, no network. Each answer must
not be a 5xx, must have the declared content type, and a 200 must match the declared response schema.
Bounded (FUZZ_EXAMPLES per operation, no deadline) so the folder stays within its time budget.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance
from sqlalchemy.engine import Engine

from app.db import get_engine
from app.web.factory import create_app
from tests.web.factories import seed_gold

FUZZ_EXAMPLES = 40


@pytest.fixture
def api_schema(engine: Engine, database_url: str) -> Iterator[schemathesis.BaseSchema]:
    """The schema the app serves, bound to that app over the gold rows (so lookups can also succeed)."""
    seed_gold(engine)
    app = create_app(database_url)
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    get_engine(database_url).dispose()


def _can_be_invalid(parameter: dict) -> bool:
    """A parameter a request can break: anything but an unconstrained string (a slug path segment)."""
    schema = {k: v for k, v in parameter.get("schema", {}).items() if k not in ("title", "description")}
    return schema != {"type": "string"}


def _cases() -> list[tuple[str, str, GenerationMode]]:
    """(path, method, mode) for every operation, read at collection time (the schema needs no database).

    Negative cases only where some parameter can be invalid: /healthz has none, and hypothesis would
    rightly call such a test unsatisfiable.
    """
    paths = create_app("sqlite://").openapi()["paths"]
    cases = []
    for path, methods in paths.items():
        for method, operation in methods.items():
            cases.append((path, method.upper(), GenerationMode.POSITIVE))
            if any(_can_be_invalid(p) for p in operation.get("parameters", [])):
                cases.append((path, method.upper(), GenerationMode.NEGATIVE))
    return cases


CASES = _cases()


@pytest.mark.parametrize(("path", "method", "mode"), CASES, ids=[f"{m} {p} {g.value}" for p, m, g in CASES])
def test_api_never_fails(
    api_schema: schemathesis.BaseSchema, path: str, method: str, mode: GenerationMode
) -> None:
    """Valid requests (positive) and requests that break the schema (negative): never a 5xx.

    Driven through hypothesis directly: schemathesis's pytest loader does not support pytest 9 yet.
    """
    operation = api_schema[path][method]
    answered: set[int] = set()

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case: schemathesis.Case) -> None:
        response = case.call()
        case.validate_response(
            response, checks=[not_a_server_error, content_type_conformance, response_schema_conformance]
        )
        assert response.headers.get("x-content-type-options") == ["nosniff"]  # schemathesis: lists
        answered.add(response.status_code)

    fuzz()
    assert answered, f"{method} {path} was never called"
    if mode is GenerationMode.NEGATIVE:  # invalid requests were sent, and refused as the client's fault
        assert any(400 <= status < 500 for status in answered), (method, path, answered)


def test_schema_lists_every_api_operation(api_schema: schemathesis.BaseSchema) -> None:
    """The fuzzing above covers what the schema lists; make sure that is the whole API."""
    paths = set(api_schema.raw_schema["paths"])
    assert {
        "/api/incentives",
        "/api/incentives/{incentive_id}",
        "/api/places",
        "/api/places/{slug}",
        "/api/calculator",
    } <= paths
