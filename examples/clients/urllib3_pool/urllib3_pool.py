"""A urllib3 connection pool: the article's robots.txt sample, as a script.

``python urllib3_pool.py``; ``HTTPBIN_URL`` picks another httpbin (default https://httpbin.org).
"""

import os

import urllib3

BASE_URL = os.environ.get("HTTPBIN_URL", "https://httpbin.org")


def main(base_url: str = BASE_URL) -> None:
    # Keeps connections to at most two hosts open for reuse; the timeout is
    # explicit because urllib3, like Requests, has none by default.
    http = urllib3.PoolManager(num_pools=2, timeout=urllib3.Timeout(connect=5, read=10))
    response = http.request("GET", f"{base_url}/robots.txt")
    print(response.status)
    #> 200
    print(response.headers["content-type"])
    #> text/plain
    print(response.data)
    #> b'User-agent: *\nDisallow: /deny\n'


if __name__ == "__main__":
    main()
