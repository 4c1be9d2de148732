"""Numbers and strings that Python's own parsers let through, against the contract apps
of Litestar, Flask, BlackSheep, Quart and Falcon under their real servers (issue 13):
ids past int()'s 4,300-digit limit, non-finite or out-of-range prices, and lone UTF-16
surrogates in JSON strings. Each is a 4xx, never a 5xx, never echoed.

Starlette's checks are the shared ones in examples/common (as_int, jsonbody.loads),
which tests/fuzz/test_hostile_input.py sends the same classes to.
"""

from urllib.parse import quote

import falcon.testing
import pytest

from apiguide.examples import import_module

# What these tests assert (a 4xx for each hostile value) is what the apps' checks are
# for: the coverage gate counts those lines from here.
pytestmark = pytest.mark.traced

SLUGS = ["litestar", "flask", "blacksheep", "quart", "falcon", "falcon-asgi"]
HUGE = "9" * 5000  # Python's int() refuses strings of more than 4,300 digits
JSON = {"content-type": "application/json"}
# Gunicorn refuses a request line of more than 4,094 bytes itself (414) before the app sees it.
ID_STATUSES = {400, 404, 414, 422}


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize(
    "path", [f"/items/{HUGE}", f"/items/-{HUGE}", f"/db?id={HUGE}", f"/db?id=-{HUGE}"]
)
def test_an_id_too_long_for_int_is_a_client_error(slug, path, live_client):
    client = live_client(slug)
    assert client.get(path).status_code in ID_STATUSES
    assert client.get("/json").status_code == 200


OTHER_DIGITS = {"Arabic-Indic": "\u0661\u0662", "fullwidth": "\uff11\uff12"}


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("digits", OTHER_DIGITS.values(), ids=list(OTHER_DIGITS))
@pytest.mark.parametrize("where", ["/items/{}", "/db?id={}"])
def test_an_id_in_other_digits_is_no_id(slug, digits, where, live_client):
    """int() reads every script's digits ("\u0661\u0662" is 12); an id is ASCII digits."""
    response = live_client(slug).get(where.format(quote(digits)))
    assert response.status_code in {400, 404, 422}, response.text[:300]


NOT_A_PRICE = {
    "NaN": b"NaN",
    "Infinity": b"Infinity",
    "-Infinity": b"-Infinity",
    "1e400": b"1e400",  # read as a float, it overflows to Infinity
    "-1e400": b"-1e400",
    "400-digit integer": b"1" + b"0" * 400,  # too big for a float
}


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("price", NOT_A_PRICE.values(), ids=list(NOT_A_PRICE))
def test_a_price_that_is_no_finite_double_is_refused(slug, price, live_client):
    body = b'{"name": "x", "price": ' + price + b"}"
    response = live_client(slug).post("/items", content=body, headers=JSON)
    assert response.status_code in {400, 422}, response.text[:300]
    assert response.headers["content-type"].startswith("application/json")


LONE_SURROGATES = {
    "high in name": rb'{"name": "\ud800", "price": 1}',
    "low in name": rb'{"name": "x\udfff", "price": 1}',
    "high at the end": rb'{"name": "x\ud83d", "price": 1}',
    "reversed pair": rb'{"name": "\ude00\ud83d", "price": 1}',
    "in a tag": rb'{"name": "x", "price": 1, "tags": ["\udfff"]}',
}


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("body", LONE_SURROGATES.values(), ids=list(LONE_SURROGATES))
def test_a_lone_surrogate_is_refused(slug, body, live_client):
    client = live_client(slug)
    response = client.post("/items", content=body, headers=JSON)
    assert response.status_code in {400, 422}, response.text[:300]
    assert client.get("/json").status_code == 200


@pytest.mark.parametrize("slug", SLUGS)
def test_a_surrogate_pair_is_text(slug, live_client):
    """Refusing lone surrogates must not refuse characters outside the BMP."""
    body = rb'{"name": "\ud83d\ude00", "price": 1, "tags": ["\ud83d\udc4d"]}'
    response = live_client(slug).post("/items", content=body, headers=JSON)
    assert response.status_code == 201
    assert (response.json()["name"], response.json()["tags"]) == ("\U0001f600", ["\U0001f44d"])


# Under Gunicorn the ids above never reach a WSGI app (414): check the apps themselves.
@pytest.mark.parametrize(
    "path", [f"/items/{HUGE}", f"/items/-{HUGE}", f"/db?id={HUGE}", f"/db?id=-{HUGE}"]
)
def test_flask_app_refuses_ids_too_long_for_int(path):
    app = import_module("flask/contract", "app").app
    assert app.test_client().get(path).status_code in {404, 422}


@pytest.mark.parametrize("path", [f"/items/{HUGE}", f"/items/-{HUGE}", "/db"])
def test_falcon_wsgi_app_refuses_ids_too_long_for_int(path):
    app = import_module("falcon/contract_wsgi", "app").app
    query = f"id={HUGE}" if path == "/db" else None
    result = falcon.testing.TestClient(app).simulate_get(path, query_string=query)
    assert result.status_code in {400, 404}
