"""Schemathesis against every registered app that publishes an OpenAPI document,
each under its real production server: generated requests (valid and invalid)
never get a 5xx, and responses match what the schema promises.

Bounded and reproducible: a few dozen examples per operation, derandomized,
no deadline (the servers, not Hypothesis, decide how long a request takes).
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from tests.fuzz.schemas import SchemaTarget, schema_targets

TARGETS = schema_targets()
CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]


@pytest.fixture(params=TARGETS, ids=[t.id for t in TARGETS])
def api_schema(request, live_server):
    target: SchemaTarget = request.param
    server = live_server(target.slug, target.app)
    return schemathesis.openapi.from_url(server.url + target.schema_path, timeout=10)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_generated_requests_get_no_server_error_and_match_the_schema(case):
    case.call_and_validate(checks=CHECKS, timeout=10)
