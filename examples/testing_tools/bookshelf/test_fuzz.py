"""Contract tests with schemathesis: requests generated from the app's OpenAPI schema.

The app is called in-process, like a test client; no server is needed.
"""

import schemathesis
from hypothesis import settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from main import app  # conftest.py set its settings first

schema = schemathesis.openapi.from_asgi("/openapi.json", app)

# What we hold the service to. Not "every status code is documented": FastAPI's
# schema does not list the 401 and 403 answers that its security dependencies give.
CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]


@schema.parametrize()  # one test per operation: POST /token, GET /books, ...
@settings(max_examples=25, deadline=None)  # bounded, and no per-example time limit
def test_the_api_keeps_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)
