"""Status codes and error bodies with HTTPX: what an API says when a request is wrong.

Start the API first (the page shows the command), then
``python httpx_errors.py``. ``API_URL`` points elsewhere.
"""

import os

import httpx

API_URL = os.environ.get("API_URL", "http://127.0.0.1:8000")


def main(api_url: str = API_URL) -> None:
    # A Client reuses one connection for every call and resolves paths against base_url.
    with httpx.Client(base_url=api_url, timeout=10) as client:
        # 422: the request reached the right place, but the data is wrong.
        # (A server on Python 3.13 or later names it "Unprocessable Content", as RFC 9110 does.)
        response = client.get("/items/five")
        print(response.status_code, response.reason_phrase)
        #> 422 Unprocessable Entity
        error = response.json()["detail"][0]
        print(error["loc"], error["type"])
        #> ['path', 'item_id'] int_parsing

        response = client.post("/items", json={"name": "Teapot", "price": -1})
        print(response.status_code, response.json()["detail"][0]["loc"])
        #> 422 ['body', 'price']

        # 404: there is no such resource.
        response = client.get("/db", params={"id": 0})
        print(response.status_code, response.json())
        #> 404 {'detail': 'no row with id 0'}

        # HTTPX never raises for a 4xx or 5xx by itself: ask it to, or check status_code.
        try:
            client.get("/items/five").raise_for_status()
        except httpx.HTTPStatusError as exc:
            print(type(exc).__name__, exc.response.status_code)
            #> HTTPStatusError 422


if __name__ == "__main__":
    main()
