"""The in-memory books and authors every GraphQL example serves, and the rules for adding one."""

from dataclasses import dataclass

MAX_LENGTH = 100  # the longest title or author name, and the most books one list returns
MAX_BOOKS = 1_000  # the library lives in memory, so it stops growing here
MAX_BY_AUTHOR = 10  # an author's `books` lists the first ten: lists stay bounded


@dataclass(frozen=True)
class BookRecord:
    id: int
    title: str
    author: str


BOOKS: list[BookRecord] = [
    BookRecord(1, "The Left Hand of Darkness", "Ursula K. Le Guin"),
    BookRecord(2, "A Wizard of Earthsea", "Ursula K. Le Guin"),
    BookRecord(3, "Kindred", "Octavia E. Butler"),
]


def list_books(limit: int) -> list[BookRecord]:
    if not 0 <= limit <= MAX_LENGTH:
        # Raised inside a resolver, this becomes an entry in the response's `errors`.
        raise ValueError(f"limit must be between 0 and {MAX_LENGTH}")
    return BOOKS[:limit]


def find_book(book_id: int) -> BookRecord | None:
    return next((book for book in BOOKS if book.id == book_id), None)


def books_by(author: str) -> list[BookRecord]:
    return [book for book in BOOKS if book.author == author][:MAX_BY_AUTHOR]


def add_book(title: str, author: str) -> BookRecord:
    title, author = title.strip(), author.strip()
    for field, value in (("title", title), ("author", author)):
        if not 1 <= len(value) <= MAX_LENGTH:
            raise ValueError(f"{field} must be 1 to {MAX_LENGTH} characters")
    if len(BOOKS) >= MAX_BOOKS:
        raise ValueError(f"the library is full ({MAX_BOOKS} books)")
    book = BookRecord(len(BOOKS) + 1, title, author)
    BOOKS.append(book)
    return book
