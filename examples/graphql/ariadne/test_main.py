import pytest


def graphql(client, query: str, status: int = 200, **variables) -> dict:
    """POST a query the way GraphQL clients do; the JSON body of the answer.

    Ariadne answers 400 when nothing could run or `data` is null (see the page)."""
    payload = {"query": query, "variables": variables} if variables else {"query": query}
    response = client.post("/graphql", json=payload)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def test_first_two_books_with_their_authors(client):
    body = graphql(client, "{ books(limit: 2) { id title author { name } } }")
    assert body == {
        "data": {
            "books": [
                {
                    "id": 1,
                    "title": "The Left Hand of Darkness",
                    "author": {"name": "Ursula K. Le Guin"},
                },
                {"id": 2, "title": "A Wizard of Earthsea", "author": {"name": "Ursula K. Le Guin"}},
            ]
        }
    }


def test_a_variable_and_a_missing_book(client):
    query = "query Book($id: Int!) { book(id: $id) { title } }"
    assert graphql(client, query, id=2) == {"data": {"book": {"title": "A Wizard of Earthsea"}}}
    assert graphql(client, query, id=999) == {"data": {"book": None}}  # null, not an error


def test_add_book_then_read_it_back(client):
    # Only books by Octavia E. Butler are added, so Le Guin's list stays the same.
    added = graphql(
        client,
        "mutation Add($title: String!, $author: String!) {"
        " addBook(title: $title, author: $author) { id title author { name } } }",
        title="  Parable of the Sower ",
        author="Octavia E. Butler",
    )["data"]["addBook"]
    assert added["title"] == "Parable of the Sower"  # stripped
    assert added["author"] == {"name": "Octavia E. Butler"}
    read = graphql(client, "query ($id: Int!) { book(id: $id) { title } }", id=added["id"])
    assert read == {"data": {"book": {"title": "Parable of the Sower"}}}


def test_a_resolver_error_nulls_only_its_own_field(client):
    """addBook is nullable: one bad call in a request fails alone, the other one succeeds."""
    body = graphql(
        client,
        'mutation { good: addBook(title: "Lilith\'s Brood", author: "Octavia E. Butler") { title }'
        ' bad: addBook(title: "", author: "Nobody") { title } }',
    )
    assert body["data"] == {"good": {"title": "Lilith's Brood"}, "bad": None}
    [error] = body["errors"]
    assert error["message"] == "title must be 1 to 100 characters"
    assert error["path"] == ["bad"]


def test_an_error_in_a_non_null_field_nulls_the_whole_data(client):
    """books is [Book!]!: it cannot be null, so the null spreads up to `data`."""
    body = graphql(client, "{ books(limit: -1) { title } }", 400)
    assert body["data"] is None
    assert [(e["message"], e["path"]) for e in body["errors"]] == [
        ("limit must be between 0 and 100", ["books"])
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("{ books { title isbn } }", "Cannot query field 'isbn' on type 'Book'."),
        ('{ book(id: "one") { title } }', 'Int cannot represent non-integer value: "one"'),
        (
            "{ book { title } }",
            "Argument 'Query.book(id:)' of type 'Int!' is required, but it was not provided.",
        ),
        ("{ books { title }", "Syntax Error: Expected Name, found <EOF>."),
    ],
    ids=["unknown field", "wrong type", "missing argument", "syntax error"],
)
def test_an_invalid_query_is_refused_before_anything_runs(client, query, message):
    body = graphql(client, query, 400)
    assert "data" not in body  # nothing ran, so there is no data at all
    assert [error["message"] for error in body["errors"]] == [message]


def test_a_body_that_is_not_json_is_a_plain_text_400(client):
    response = client.post(
        "/graphql", content=b'{"query": ', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
