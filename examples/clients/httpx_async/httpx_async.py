"""Asynchronous requests with HTTPX: the article's sample, printing what it fetched.

``python httpx_async.py``; ``HTTPBIN_URL`` picks another httpbin (default https://httpbin.org).
"""

import asyncio
import os

import httpx

BASE_URL = os.environ.get("HTTPBIN_URL", "https://httpbin.org")


async def main(base_url: str = BASE_URL) -> None:
    async with httpx.AsyncClient(base_url=base_url) as client:
        # The point of async: three requests in flight at once over one client.
        responses = await asyncio.gather(
            *(client.get("/get", params={"page": page}) for page in (1, 2, 3))
        )
    for response in responses:
        response.raise_for_status()
        print(response.status_code, response.json()["args"])
        #> 200 {'page': '1'}
        #> 200 {'page': '2'}
        #> 200 {'page': '3'}


if __name__ == "__main__":
    asyncio.run(main())
