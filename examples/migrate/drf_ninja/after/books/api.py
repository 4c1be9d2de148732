"""The books API on Django Ninja: the DRF ViewSet's six actions, one function each."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Status
from ninja.errors import ValidationError

from books.models import Book
from books.schemas import BookChanges, BookIn, BookOut

api = NinjaAPI(title="Books")


def changed(book: Book, values: dict[str, str]) -> Book:
    for name, value in values.items():
        setattr(book, name, value)
    book.save()
    return book


@api.get("/books/", response=list[BookOut])
def list_books(request: HttpRequest):
    return Book.objects.all()


@api.post("/books/", response={201: BookOut})
def create_book(request: HttpRequest, book: BookIn) -> Status[Book]:
    return Status(201, Book.objects.create(**book.dict()))


@api.get("/books/{book_id}/", response=BookOut)
def read_book(request: HttpRequest, book_id: int) -> Book:
    return get_object_or_404(Book, pk=book_id)


@api.put("/books/{book_id}/", response=BookOut)
def replace_book(request: HttpRequest, book_id: int, book: BookIn) -> Book:
    return changed(get_object_or_404(Book, pk=book_id), book.dict())


@api.patch("/books/{book_id}/", response=BookOut)
def update_book(request: HttpRequest, book_id: int, changes: BookChanges) -> Book:
    return changed(get_object_or_404(Book, pk=book_id), changes.dict(exclude_unset=True))


@api.delete("/books/{book_id}/", response={204: None})
def delete_book(request: HttpRequest, book_id: int) -> Status[None]:
    get_object_or_404(Book, pk=book_id).delete()
    return Status(204, None)


# DRF's error answers, for clients written against them.
@api.exception_handler(ValidationError)
def drf_style_errors(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """400 and each field's messages (Ninja says 422 and lists the errors)."""
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        where = error["loc"]  # ("path", "book_id") or ("body", "book", "title")
        if where[0] == "path":  # DRF looked an id that is no number up, and found nothing
            return api.create_response(request, {"detail": "Not found."}, status=404)
        fields.setdefault(str(where[-1]), []).append(error["msg"])
    return api.create_response(request, fields, status=400)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # get_object_or_404 says which model found nothing, as DRF passed on.
    return api.create_response(request, {"detail": str(exc)}, status=404)
