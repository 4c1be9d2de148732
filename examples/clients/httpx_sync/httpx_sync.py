"""The same HTTPX library used synchronously: a Requests-like API with a default timeout.

``python httpx_sync.py``; ``HTTPBIN_URL`` picks another httpbin (default https://httpbin.org).
"""

import os

import httpx

BASE_URL = os.environ.get("HTTPBIN_URL", "https://httpbin.org")


def main(base_url: str = BASE_URL) -> None:
    with httpx.Client(base_url=base_url) as client:
        response = client.get("/basic-auth/user/pass", auth=("user", "pass"))
    response.raise_for_status()
    print(response.status_code, response.http_version)
    #> 200 HTTP/1.1
    print(response.headers["content-type"])
    #> application/json
    print(response.json())
    #> {'authenticated': True, 'user': 'user'}


if __name__ == "__main__":
    main()
