"""Reading and creating resources with Requests, against the site's FastAPI example API.

Start the API first (the page shows the command), then
``python requests_calls.py``. ``API_URL`` points elsewhere.
"""

import os

import requests

API_URL = os.environ.get("API_URL", "http://127.0.0.1:8000")


def main(api_url: str = API_URL) -> None:
    # GET reads a resource. Query parameters go in `params`, Requests encodes them.
    response = requests.get(f"{api_url}/items/5", params={"q": "green tea"}, timeout=10)
    print(response.status_code, response.reason)
    #> 200 OK
    print(response.headers["content-type"])
    #> application/json
    print(response.url.removeprefix(api_url))
    #> /items/5?q=green+tea
    print(response.json())
    #> {'item_id': 5, 'q': 'green tea'}

    # POST creates one. `json=` serialises the body and sets the Content-Type header.
    new_item = {"name": "Teapot", "price": 24.5, "tags": ["kitchen"]}
    response = requests.post(f"{api_url}/items", json=new_item, timeout=10)
    print(response.status_code, response.reason)
    #> 201 Created
    print(response.request.headers["content-type"])
    #> application/json
    created = response.json()
    print(sorted(created), created["name"], created["price"])
    #> ['id', 'name', 'price', 'tags'] Teapot 24.5


if __name__ == "__main__":
    main()
