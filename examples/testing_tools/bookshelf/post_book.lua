-- wrk script: every request is an authenticated POST /books with a JSON body.
-- BOOKSHELF_TOKEN holds the bearer token (log in first); wrk runs this once per thread.
wrk.method = "POST"
wrk.path = "/books"
wrk.body = '{"title": "Load test", "author": "wrk", "year": 2024}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. assert(os.getenv("BOOKSHELF_TOKEN"), "set BOOKSHELF_TOKEN")
