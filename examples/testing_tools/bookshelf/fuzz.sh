#!/bin/sh
# Fuzz a running Bookshelf from the command line with schemathesis' CLI, logged in,
# so the write operations are tested past their 401. BOOKSHELF_URL points at the
# service (default http://127.0.0.1:8000); Litestar serves its schema at
# BOOKSHELF_SCHEMA_PATH=/schema/openapi.json. The stateful phase (chains of calls
# that follow the schema's links) is left out: it has no fixed size, so a run
# could take minutes. Add it with --phases ...,stateful --max-time 60 to explore.
set -eu
BASE_URL="${BOOKSHELF_URL:-http://127.0.0.1:8000}"
TOKEN=$(curl --silent --fail --data username=alice --data password=wonderland "$BASE_URL/token" \
    | python -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
schemathesis run "$BASE_URL${BOOKSHELF_SCHEMA_PATH:-/openapi.json}" \
    --header "Authorization: Bearer $TOKEN" \
    --checks not_a_server_error,content_type_conformance,response_schema_conformance \
    --phases examples,coverage,fuzzing \
    --max-examples 10 \
    --request-timeout 10 \
    --generation-deterministic
