"""A client session with the finished Bookshelf service: log in, write, get refused.

Start the service with the demo accounts, then ``python walkthrough.py``;
``BOOKSHELF_URL`` points it elsewhere than http://127.0.0.1:8000.
"""

import os

import httpx

BASE_URL = os.environ.get("BOOKSHELF_URL", "http://127.0.0.1:8000")


def log_in(client: httpx.Client, username: str, password: str) -> dict[str, str]:
    """The OAuth2 password flow: form fields in, a bearer token out."""
    response = client.post("/token", data={"username": username, "password": password})
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def main(base_url: str = BASE_URL) -> None:
    with httpx.Client(base_url=base_url, timeout=10) as client:
        wrong = client.post("/token", data={"username": "alice", "password": "guess"})
        print(wrong.status_code, wrong.headers["www-authenticate"], wrong.json())
        #> 401 Bearer {'detail': 'Incorrect username or password'}

        book = {"title": "Through the Looking-Glass", "author": "Lewis Carroll", "year": 1871}
        anonymous = client.post("/books", json=book)
        print(anonymous.status_code, anonymous.json())
        #> 401 {'detail': 'Not authenticated'}

        alice = log_in(client, "alice", "wonderland")
        created = client.post("/books", json=book, headers=alice)
        print(created.status_code, created.json()["owner"])
        #> 201 alice

        url = f"/books/{created.json()['id']}"
        bob = log_in(client, "bob", "builder")
        refused = client.patch(url, json={"year": 1872}, headers=bob)
        print(refused.status_code, refused.json())
        #> 403 {'detail': 'only the owner may change this book'}

        updated = client.patch(url, json={"year": 1872}, headers=alice)
        print(updated.status_code, updated.json()["year"])
        #> 200 1872

        deleted = client.delete(url, headers=alice)
        print(deleted.status_code, client.get(url).status_code)
        #> 204 404


if __name__ == "__main__":
    main()
