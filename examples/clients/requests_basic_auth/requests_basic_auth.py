"""HTTP basic auth with Requests: the article's first client sample, as a script.

Run it with ``python requests_basic_auth.py``; set ``HTTPBIN_URL`` to talk to
another httpbin than https://httpbin.org (the tests start a local one).
"""

import os

import requests

BASE_URL = os.environ.get("HTTPBIN_URL", "https://httpbin.org")


def main(base_url: str = BASE_URL) -> None:
    response = requests.get(
        f"{base_url}/basic-auth/user/pass",
        auth=("user", "pass"),
        timeout=10,  # Requests waits forever unless told otherwise
    )
    response.raise_for_status()  # a 401 or 5xx raises instead of printing garbage
    print(response.status_code)
    #> 200
    print(response.headers["content-type"])
    #> application/json
    print(response.encoding)
    #> utf-8
    print(response.json())
    #> {'authenticated': True, 'user': 'user'}


if __name__ == "__main__":
    main()
