"""The notes API on Quart: the Flask app, moved.

Notes live in memory. pydantic checks what clients send, and every error,
Quart's own included, answers in JSON.
"""

import itertools
import json
from typing import Annotated

from pydantic import BaseModel, Field, ValidationError
from quart import Quart, Response, abort, request, url_for
from werkzeug.exceptions import HTTPException

app = Quart(__name__)

Tag = Annotated[str, Field(min_length=1, max_length=20)]


class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=500)
    tags: list[Tag] = Field(default=[], max_length=5)


class Note(NoteIn):
    id: int


notes: dict[int, Note] = {}
next_id = itertools.count(1)
# One event loop serves every request, and no handler awaits between reading
# `notes` and changing it: nothing else runs in between, so no lock.


@app.before_request
async def read_the_body_first() -> None:
    """Hypercorn closes the connection when an answer goes out before the body was
    read, and the reset can destroy the answer (a 405, a 415): read it first."""
    await request.get_data()


@app.errorhandler(HTTPException)
async def http_error_as_json(error: HTTPException) -> Response:
    """Quart answers errors with an HTML page; keep the status and headers, send JSON."""
    response = error.get_response()
    response.data = json.dumps({"error": error.name, "detail": error.description})
    response.content_type = "application/json"
    return response


async def note_from_request() -> NoteIn:
    """The request's body as a note: 415 if it is not JSON, 422 naming each bad field."""
    if not request.is_json:
        abort(415, description="send the note as application/json")
    try:
        # pydantic parses the bytes itself: malformed JSON, bytes that are not UTF-8
        # and lone surrogates ("\ud800") are validation errors too.
        return NoteIn.model_validate_json(await request.get_data())
    except ValidationError as error:
        abort(422, description=error.errors(include_url=False, include_input=False))


@app.get("/notes")
async def list_notes() -> dict[str, list[dict[str, object]]]:
    tag = request.args.get("tag")
    found = [note for note in notes.values() if tag is None or tag in note.tags]
    return {"notes": [note.model_dump() for note in found]}


@app.post("/notes")
async def create_note() -> tuple[dict[str, object], int, dict[str, str]]:
    new = await note_from_request()
    note = Note(id=next(next_id), **new.model_dump())
    notes[note.id] = note
    return note.model_dump(), 201, {"Location": url_for("read_note", note_id=note.id)}


@app.get("/notes/<int:note_id>")
async def read_note(note_id: int) -> dict[str, object]:
    note = notes.get(note_id)
    if note is None:
        abort(404, description=f"no note {note_id}")
    return note.model_dump()


@app.delete("/notes/<int:note_id>")
async def delete_note(note_id: int) -> tuple[str, int]:
    note = notes.pop(note_id, None)
    if note is None:
        abort(404, description=f"no note {note_id}")
    return "", 204
