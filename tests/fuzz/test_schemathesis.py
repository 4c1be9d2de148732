"""Schemathesis against every registered app that publishes an OpenAPI document,
each under its real production server: generated requests, valid and invalid,
never get a 5xx, and responses match what the schema promises.

Bounded and reproducible: a few dozen examples per operation, derandomized,
no deadline (the servers, not Hypothesis, decide how long a request takes).
"""

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from tests.fuzz.schemas import SchemaTarget, schema_targets

TARGETS = schema_targets()
CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]
# Checks a framework's generated schema cannot pass, with the reason; the others still run.
NOT_CLAIMED = {
    "robyn": (
        content_type_conformance,
        "Robyn 0.88 generates the schema and documents every response as application/json, "
        "including its own text/plain answer for a handler returning str (GET /plaintext).",
    ),
}
BOUNDED = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],  # report, don't shrink
)


def fuzz(operation, base_url: str, checks: list) -> None:
    """Valid and invalid requests for one operation; the first failure raises."""
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    @BOUNDED
    @given(case=cases)
    def run(case) -> None:
        case.call_and_validate(base_url=base_url, checks=checks, timeout=10)

    run()


@pytest.mark.parametrize("target", TARGETS, ids=[t.id for t in TARGETS])
def test_generated_requests_get_no_server_error_and_match_the_schema(
    target: SchemaTarget, live_server
):
    base_url = live_server(target.slug, target.app).url
    schema = schemathesis.openapi.from_url(base_url + target.schema_path, timeout=10)
    unclaimed = NOT_CLAIMED.get(target.slug, (None, ""))[0]
    checks = [check for check in CHECKS if check is not unclaimed]
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        try:
            fuzz(operation, base_url, checks)
        except Exception as error:  # every operation is fuzzed; all failures are reported
            details = getattr(error, "exceptions", [error])  # a group holds each failure
            failures += [f"--- {operation.label}\n{detail}" for detail in details]
    assert not failures, "\n".join(failures)
