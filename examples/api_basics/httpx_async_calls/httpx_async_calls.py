"""Several API calls at once with HTTPX's async client.

Start the API first (the page shows the command), then
``python httpx_async_calls.py``. ``API_URL`` points elsewhere.
"""

import asyncio
import os

import httpx

API_URL = os.environ.get("API_URL", "http://127.0.0.1:8000")


async def main(api_url: str = API_URL) -> None:
    async with httpx.AsyncClient(base_url=api_url, timeout=10) as client:
        # Each /io call waits 10 ms on the server; gathered, the waits overlap
        # instead of adding up, and the answers come back in the order asked.
        responses = await asyncio.gather(
            client.get("/json"),
            client.get("/io"),
            client.get("/items/7", params={"q": "async"}),
        )
    for response in responses:
        print(response.request.url.path, response.status_code, response.json())
        #> /json 200 {'message': 'Hello, World!'}
        #> /io 200 {'waited_ms': 10}
        #> /items/7 200 {'item_id': 7, 'q': 'async'}


if __name__ == "__main__":
    asyncio.run(main())
