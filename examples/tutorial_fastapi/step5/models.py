"""What a book is: the rules every request body must follow (Pydantic)."""

from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

Title = Annotated[str, Field(min_length=1, max_length=200)]
Author = Annotated[str, Field(min_length=1, max_length=100)]
Year = Annotated[int, Field(ge=0, le=2100)]
SQLITE_MAX_INT = 2**63 - 1  # SQLite integers (our ids) are signed 64-bit


class BookIn(BaseModel):
    """What a client sends. Unknown fields (an `id`, say) are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")

    title: Title
    author: Author
    year: Year


class Book(BookIn):
    """What the API returns: the client's fields plus the id the server chose."""

    model_config = ConfigDict(from_attributes=True)  # built from database rows

    id: int
    owner: str  # set from the token, never from the request body


class BookUpdate(BaseModel):
    """A partial update: fields left out keep their value; null is refused, not stored."""

    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    author: Author | None = None
    year: Year | None = None

    @model_validator(mode="after")
    def refuse_nulls(self) -> "BookUpdate":
        nulls = sorted(name for name in self.model_fields_set if getattr(self, name) is None)
        if nulls:
            raise ValueError(f"{', '.join(nulls)} cannot be null")
        return self

    def apply_to(self, row: object) -> None:
        for name, value in self.model_dump(exclude_unset=True).items():
            setattr(row, name, value)


class Pagination(BaseModel):
    """The query parameters of a list: ?limit=20&offset=0 unless the client says otherwise."""

    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=SQLITE_MAX_INT)


ItemT = TypeVar("ItemT")


class Page(BaseModel, Generic[ItemT]):
    items: list[ItemT]
    total: int
    limit: int
    offset: int


class Token(BaseModel):
    """What POST /token answers, as the OAuth2 password flow specifies."""

    access_token: str
    token_type: str = "bearer"
