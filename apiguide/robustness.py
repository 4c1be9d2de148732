"""What each server does with hostile HTTP/1.1 requests, measured over raw sockets.

Every server framework's contract app is started under its real server (through the
launcher) and sent the protocol-level cases below, each as raw bytes on its own
connection to 127.0.0.1. What comes back (status, connection closed or kept, smuggled
request served, server still alive) is stored in ``docs/data/robustness.json``, which
the site's robustness tables are rendered from, and which tests/fuzz/test_protocol.py
checks against a fresh run.

    python -m apiguide.robustness                 # run every case, show what differs
    python -m apiguide.robustness --update        # ... and rewrite the results file
    python -m apiguide.robustness --frameworks robyn,quart --update
"""

from __future__ import annotations

import argparse
import contextlib
import json
import socket
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from apiguide import launcher, pages, registry
from apiguide.registry import ROOT, Framework

RESULTS_FILE = ROOT / "docs" / "data" / "robustness.json"
UPSTREAM_DIR = ROOT / "docs" / "upstream"
HOST = "127.0.0.1"
READ_TIMEOUT = 4.0  # seconds to wait for an answer that is due; a silent server costs this
RFC9112 = "https://www.rfc-editor.org/rfc/rfc9112"
RFC9110 = "https://www.rfc-editor.org/rfc/rfc9110"

# --- the cases -----------------------------------------------------------------------

# Verdicts, from worst to best. A case lists the verdicts that count as handled.
CRASH = "crash"  # the server process exited (or stopped answering anyone)
SMUGGLED = "smuggled"  # a second request hidden in the first one's body was served
SERVER_ERROR = "5xx"  # a 5xx the case does not allow (505 is right for an HTTP version)
# Answered before the request body arrived, then closed without reading it: the body
# meets a closed socket, the kernel resets the connection, and a client that reads its
# answer only after sending the body (most do) can lose the answer.
UNREAD = "closed unread"
NO_ANSWER = "no answer"  # nothing within READ_TIMEOUT, connection left open
ACCEPTED = "accepted"  # answered as a valid request (2xx/3xx)
REFUSED = "refused"  # a 4xx (or the allowed 505)
CLOSED = "closed"  # the connection closed with no answer
VERDICTS = (CRASH, SMUGGLED, SERVER_ERROR, UNREAD, NO_ANSWER, ACCEPTED, REFUSED, CLOSED)
# Outcomes with consequences: each must be a known upstream defect (KNOWN_DEFECTS).
DEFECTS = (CRASH, SMUGGLED, SERVER_ERROR, UNREAD)

STRICT = frozenset({REFUSED, CLOSED})
# RFC 9112 lets a server read a bare LF as a line end (section 2.2) and replace an
# obsolete line fold by spaces (section 5.2): accepting those is allowed.
LENIENT = frozenset({REFUSED, CLOSED, ACCEPTED})

SMUGGLED_REQUEST = b"GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
SMUGGLED_BODY = b"Hello, World!"  # what /plaintext answers; /json answers JSON
FOLLOW_UP = b"GET /json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
ITEM = b'{"name":"x","price":1}'  # 22 bytes: 0x16
EARLY_ANSWER_WAIT = 1.0  # seconds to wait for an answer before the body is sent


@dataclass(frozen=True)
class InputClass:
    key: str
    title: str
    meaning: str
    rfc: str


CLASSES = {
    c.key: c
    for c in (
        InputClass(
            "host",
            "Missing Host",
            "an HTTP/1.1 request with no `Host` header; the server must answer 400",
            f"{RFC9112}#section-3.2",
        ),
        InputClass(
            "framing",
            "Line endings, folding, NUL",
            "bare LF line ends and obsolete folded headers (either refused or read "
            "leniently is allowed), a NUL byte in a header value (must be refused)",
            f"{RFC9110}#section-5.5",
        ),
        InputClass(
            "smuggling",
            "Request smuggling",
            "`Content-Length` with `Transfer-Encoding: chunked`, and two different "
            "`Content-Length` values, each hiding a second request in the body; the "
            "hidden request must never be served",
            f"{RFC9112}#section-6.3",
        ),
        InputClass(
            "version",
            "HTTP version",
            "`HTTP/2.0` and `HTTP/3.0` request lines on an HTTP/1 connection, and an "
            "HTTP/0.9 request line with no version; 400, 505 or a closed connection",
            f"{RFC9110}#section-15.6.6",
        ),
        InputClass(
            "limits",
            "Header size and count",
            "one 1 MB header, and 10,000 headers; refused (431 or 400) or closed",
            "https://www.rfc-editor.org/rfc/rfc6585#section-5",
        ),
        InputClass(
            "chunked",
            "Malformed chunked body",
            "bad, negative and 64-bit-overflowing chunk sizes, a `0x` prefix, LF-only "
            "chunk lines, and a chunk one byte longer than its size; must be refused",
            f"{RFC9112}#section-7.1",
        ),
        InputClass(
            "multipart",
            "Multipart without boundary",
            "a `multipart/form-data` body whose `Content-Type` names no boundary, so it "
            "cannot be split into parts; must be refused (400, 415 or 422)",
            "https://www.rfc-editor.org/rfc/rfc7578#section-4.1",
        ),
        InputClass(
            "unread",
            "Body after the answer",
            "a body for a method the route does not allow, sent only after the 405 came "
            "back (as a slow client's would); the server must read it and keep serving, "
            "or close without a reset that can destroy the answer",
            f"{RFC9112}#section-9.6",
        ),
    )
}


@dataclass(frozen=True)
class Case:
    name: str
    klass: str
    payload: bytes
    handled: frozenset[str] = STRICT
    allowed_5xx: frozenset[int] = frozenset()
    smuggles: bool = False  # the payload hides SMUGGLED_REQUEST after the first request
    # Sent once the first answer came back (or after EARLY_ANSWER_WAIT without one).
    body_after_answer: bytes = b""


def _post(headers: bytes, body: bytes) -> bytes:
    return (
        b"POST /items HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + headers
        + b"\r\n"
        + body
    )


def _chunked(body: bytes) -> bytes:
    return _post(b"Transfer-Encoding: chunked\r\n", body)


def _get(head: bytes) -> bytes:
    return b"GET /json " + head


_CL_TE_BODY = b"0\r\n\r\n" + SMUGGLED_REQUEST
_TWO_CL_BODY = ITEM + SMUGGLED_REQUEST
HTTP_VERSION = frozenset({505})

CASES = {
    c.name: c
    for c in (
        Case("missing Host", "host", _get(b"HTTP/1.1\r\n\r\n")),
        Case("bare LF", "framing", _get(b"HTTP/1.1\nHost: 127.0.0.1\n\n"), LENIENT),
        Case(
            "folded header",
            "framing",
            _get(b"HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Folded: a\r\n b\r\n\r\n"),
            LENIENT,
        ),
        Case(
            "NUL in header", "framing", _get(b"HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Nul: a\0b\r\n\r\n")
        ),
        Case(
            "CL + TE",
            "smuggling",
            _post(
                b"Content-Length: %d\r\nTransfer-Encoding: chunked\r\n" % len(_CL_TE_BODY),
                _CL_TE_BODY,
            ),
            smuggles=True,
        ),
        Case(
            "two Content-Lengths",
            "smuggling",
            _post(
                b"Content-Length: %d\r\nContent-Length: %d\r\n" % (len(ITEM), len(_TWO_CL_BODY)),
                _TWO_CL_BODY,
            ),
            smuggles=True,
        ),
        Case(
            "HTTP/2.0",
            "version",
            _get(b"HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n"),
            STRICT,
            HTTP_VERSION,
        ),
        Case(
            "HTTP/3.0",
            "version",
            _get(b"HTTP/3.0\r\nHost: 127.0.0.1\r\n\r\n"),
            STRICT,
            HTTP_VERSION,
        ),
        Case("HTTP/0.9", "version", b"GET /json\r\n\r\n", STRICT, HTTP_VERSION),
        Case(
            "1 MB header",
            "limits",
            _get(b"HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 1_048_576 + b"\r\n\r\n"),
        ),
        Case(
            "10,000 headers",
            "limits",
            _get(
                b"HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + b"".join(b"X-H%d: v\r\n" % i for i in range(10_000))
                + b"\r\n"
            ),
        ),
        Case("chunk size not hex", "chunked", _chunked(b"zz\r\n" + ITEM + b"\r\n0\r\n\r\n")),
        Case("negative chunk size", "chunked", _chunked(b"-16\r\n" + ITEM + b"\r\n0\r\n\r\n")),
        Case(
            "overflowing chunk size",
            "chunked",
            _chunked(b"10000000000000016\r\n" + ITEM + b"\r\n0\r\n\r\n"),
        ),
        Case("0x chunk size", "chunked", _chunked(b"0x16\r\n" + ITEM + b"\r\n0\r\n\r\n")),
        Case("LF-only chunk lines", "chunked", _chunked(b"16\n" + ITEM + b"\n0\n\n")),
        Case("chunk one byte too long", "chunked", _chunked(b"16\r\n" + ITEM + b"x\r\n0\r\n\r\n")),
        Case(
            "multipart without boundary",
            "multipart",
            b"POST /items HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data\r\n"
            b"Content-Length: 7\r\n\r\n--x\r\n\r\n",
        ),
        Case(
            "refused before the body",
            "unread",
            b"PUT /json HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n" % len(ITEM),
            body_after_answer=ITEM,
        ),
    )
}


# --- reading answers -----------------------------------------------------------------


@dataclass
class Answer:
    status: int
    body: bytes


def parse_answers(data: bytes, *, eof: bool) -> tuple[list[Answer], bool]:
    """The complete HTTP/1.x responses at the start of ``data``, and whether ``data``
    ends exactly after the last of them (nothing partial left over). Bytes that are
    not a well-formed response end the list (they count as partial)."""
    answers: list[Answer] = []
    try:
        complete = _parse_into(answers, data, eof=eof)
    except (ValueError, IndexError):  # an unparsable status line, length or chunk size
        complete = False
    return answers, complete


def _parse_into(answers: list[Answer], data: bytes, *, eof: bool) -> bool:
    while data:
        head_end = data.find(b"\r\n\r\n")
        if not data.startswith(b"HTTP/1.") or head_end < 0:
            return False
        lines = data[:head_end].decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        rest = data[head_end + 4 :]
        if status in (204, 304) or 100 <= status < 200:
            body, data = b"", rest
        elif "chunked" in headers.get("transfer-encoding", "").lower():
            parsed = _dechunk(rest)
            if parsed is None:
                return False
            body, data = parsed
        elif "content-length" in headers:
            length = int(headers["content-length"])
            if len(rest) < length:
                return False
            body, data = rest[:length], rest[length:]
        elif eof:
            body, data = rest, b""
        else:
            return False
        answers.append(Answer(status, body))
    return True


def _dechunk(data: bytes) -> tuple[bytes, bytes] | None:
    body = b""
    while True:
        line_end = data.find(b"\r\n")
        if line_end < 0:
            return None
        size = int(data[:line_end].split(b";")[0], 16)
        data = data[line_end + 2 :]
        if size == 0:
            trailer_end = data.find(b"\r\n")
            if trailer_end < 0:
                return None
            return body, data[trailer_end + 2 :]
        if len(data) < size + 2:
            return None
        body, data = body + data[:size], data[size + 2 :]


class Connection:
    """One raw socket; ``read_until`` collects bytes until a condition, EOF or timeout."""

    def __init__(self, port: int, host: str = HOST) -> None:
        self.sock = socket.create_connection((host, port), timeout=READ_TIMEOUT)
        self.data = b""
        self.eof = False

    def send(self, payload: bytes) -> bool:
        try:
            self.sock.sendall(payload)
            return True
        except OSError:  # the server closed (or reset) while we were still sending
            return False

    def read_until(
        self, done: Callable[[list[Answer]], bool], timeout: float = READ_TIMEOUT
    ) -> list[Answer]:
        deadline = time.monotonic() + timeout
        while not self.eof:
            answers, complete = parse_answers(self.data, eof=False)
            if complete and done(answers):
                return answers
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self.sock.settimeout(remaining)
            try:
                chunk = self.sock.recv(65536)
            except TimeoutError:
                break
            except OSError:  # reset: the server dropped the connection
                chunk = b""
            if chunk:
                self.data += chunk
            else:
                self.eof = True
        return parse_answers(self.data, eof=self.eof)[0]

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()


@dataclass
class Outcome:
    verdict: str
    status: int | None  # the first answer's status (None: no answer)
    closed: bool  # the server closed the connection instead of serving a follow-up request
    smuggled: bool  # the hidden request was answered
    alive: bool  # the server still answered a fresh connection afterwards
    unread: bool = False  # answered before the body and closed without reading it


def classify(
    case: Case, status: int | None, closed: bool, smuggled: bool, alive: bool, unread: bool = False
) -> str:
    if not alive:
        return CRASH
    if smuggled:
        return SMUGGLED
    if unread:
        return UNREAD
    if status is None:
        return CLOSED if closed else NO_ANSWER
    if status >= 500 and status not in case.allowed_5xx:
        return SERVER_ERROR
    if status >= 400:
        return REFUSED
    return ACCEPTED


def _is_smuggled(answer: Answer) -> bool:
    return answer.body == SMUGGLED_BODY


@dataclass(frozen=True)
class Sent:
    """What came back for one case on its connection."""

    status: int | None  # the first answer's
    closed: bool  # the follow-up request was not served
    smuggled: bool
    unread: bool = False  # answered before the body was sent, then closed: the body unread


def send_case(port: int, case: Case) -> Sent:
    conn = Connection(port)
    try:
        conn.send(case.payload)
        early = False
        if case.body_after_answer:
            # A server may answer as soon as the headers say the route refuses the
            # request; a slow client's body (or a busy network's) arrives after that.
            early = bool(conn.read_until(lambda a: len(a) >= 1, EARLY_ANSWER_WAIT))
            if not conn.eof:
                conn.send(case.body_after_answer)
        first = conn.read_until(lambda answers: len(answers) >= 1)
        if not first:
            return Sent(None, conn.eof, False)
        status = first[0].status
        if case.smuggles and not conn.eof:
            # A pipelined hidden request is answered right after the first one.
            conn.read_until(lambda answers: len(answers) >= 2)
        # Then a normal request on the same connection: answered only if it stayed open.
        if not conn.eof:
            conn.send(FOLLOW_UP)
            conn.read_until(lambda answers: any(a.body.startswith(b"{") for a in answers[1:]))
        later = parse_answers(conn.data, eof=True)[0][1:]
        smuggled = any(_is_smuggled(a) for a in later)
        served_follow_up = any(a.body.startswith(b"{") and a.status == 200 for a in later)
        return Sent(status, not served_follow_up, smuggled, early and not served_follow_up)
    finally:
        conn.close()


def answers_normally(server: launcher.RunningServer) -> bool:
    """The server still serves GET /json on a fresh connection."""
    if not server.alive():
        return False
    with contextlib.suppress(OSError):
        conn = Connection(server.port)
        try:
            conn.send(FOLLOW_UP)
            answers = conn.read_until(lambda answers: len(answers) >= 1)
            return bool(answers) and answers[0].status == 200
        finally:
            conn.close()
    return False


# --- running them --------------------------------------------------------------------


@dataclass
class ServerResult:
    slug: str
    framework: str
    framework_version: str | None
    server: str
    server_version: str | None
    outcomes: dict[str, Outcome] = field(default_factory=dict)

    def verdicts(self) -> dict[str, str]:
        return {name: outcome.verdict for name, outcome in self.outcomes.items()}


def measure(
    fw: Framework,
    cases: Iterable[Case] | None = None,
    *,
    start: Callable[[], launcher.RunningServer] | None = None,
) -> ServerResult:
    """Send every case to ``fw``'s contract app under its server.

    ``start`` gives a running server (default: a new one, stopped at the end; the
    tests pass their session's shared server, which restarts when it has died).

    Cases that are known to kill the server (KNOWN_DEFECTS) go last, one at a time, each
    on a server that answers. The others go at once, each on its own connection, so a
    server that waits for bytes that never come costs READ_TIMEOUT once, not per case;
    if the server does not survive them, they are sent again one at a time, with a new
    server after any case that kills it, so a crash is pinned on the case that caused it.
    """
    assert fw.server is not None, f"{fw.slug} has no server"
    owned: list[launcher.RunningServer] = []

    def fresh() -> launcher.RunningServer:
        owned.append(launcher.start_framework(fw, "contract"))
        return owned[-1]

    get = start or fresh
    selected = list(cases if cases is not None else CASES.values())
    crashing = {c for (slug, c), d in pinned().items() if slug == fw.slug and d.verdict == CRASH}
    together = [case for case in selected if case.name not in crashing]
    alone = [case for case in selected if case.name in crashing]
    result = ServerResult(fw.slug, fw.name, fw.version, fw.server.name, fw.server.version)
    try:
        server = get()
        with ThreadPoolExecutor(max(1, len(together))) as pool:
            sent = list(pool.map(lambda case: send_case(server.port, case), together))
        if answers_normally(server):
            for case, answer in zip(together, sent, strict=True):
                result.outcomes[case.name] = _outcome(case, answer, alive=True)
        else:
            alone = together + alone
        for case in alone:
            if not answers_normally(server):
                server.stop()
                server = get()
            answer = send_case(server.port, case)
            result.outcomes[case.name] = _outcome(case, answer, alive=answers_normally(server))
    finally:
        for started in owned:
            started.stop()
    result.outcomes = {c.name: result.outcomes[c.name] for c in selected}  # in case order
    return result


def _outcome(case: Case, sent: Sent, *, alive: bool) -> Outcome:
    verdict = classify(case, sent.status, sent.closed, sent.smuggled, alive, sent.unread)
    return Outcome(verdict, sent.status, sent.closed, sent.smuggled, alive, sent.unread)


# --- the known upstream defects ------------------------------------------------------


@dataclass(frozen=True)
class UpstreamDefect:
    """A defect in a framework or server, with its ready-to-file report in docs/upstream/."""

    report: str  # docs/upstream/<report>.md
    title: str
    verdict: str
    slugs: tuple[str, ...]
    cases: tuple[str, ...]
    tracker: str  # where to file it
    shield: str  # how to keep it away from the app until upstream fixes it (Markdown)

    @property
    def path(self) -> Path:
        return UPSTREAM_DIR / f"{self.report}.md"


UVICORN = ("fastapi", "litestar", "starlette", "blacksheep", "falcon-asgi", "bare-asgi")
CHUNKED = tuple(name for name, case in CASES.items() if case.klass == "chunked")
HTTP_VERSIONS = ("HTTP/2.0", "HTTP/0.9")

# Every outcome with consequences (DEFECTS) must be listed here, and every entry must
# still be what the server does: the test fails on both, so the page and the reports
# are updated the day upstream changes. Laxness with a report is pinned the same way.
KNOWN_DEFECTS: tuple[UpstreamDefect, ...] = (
    UpstreamDefect(
        "robyn-chunked-panic",
        "Robyn: a malformed chunked body panics the server, which exits",
        CRASH,
        ("robyn",),
        CHUNKED,
        "https://github.com/sparckles/Robyn/issues",
        "Run it behind a proxy that decodes chunked bodies itself and forwards a "
        "`Content-Length` (nginx does by default), and under a supervisor that restarts "
        "it.",
    ),
    UpstreamDefect(
        "robyn-cl-te-smuggling",
        "Robyn: Content-Length with Transfer-Encoding keeps the connection and serves "
        "the hidden request",
        SMUGGLED,
        ("robyn",),
        ("CL + TE",),
        "https://github.com/sparckles/Robyn/issues",
        "A proxy in front that refuses `Content-Length` with `Transfer-Encoding` (nginx "
        "answers 400) never forwards the hidden request.",
    ),
    UpstreamDefect(
        "robyn-multipart-500",
        "Robyn: a multipart body without a boundary answers 500 on every route",
        SERVER_ERROR,
        ("robyn",),
        ("multipart without boundary",),
        "https://github.com/sparckles/Robyn/issues",
        "A proxy or gateway in front that refuses `multipart/form-data` without a "
        "`boundary` parameter (or any multipart body on routes that take JSON only).",
    ),
    UpstreamDefect(
        "hypercorn-cl-te-smuggling",
        "Hypercorn: Content-Length with Transfer-Encoding keeps the connection and "
        "serves the hidden request",
        SMUGGLED,
        ("quart",),
        ("CL + TE",),
        "https://github.com/pgjones/hypercorn/issues/279",
        "A proxy in front that refuses `Content-Length` with `Transfer-Encoding` (nginx "
        "answers 400) never forwards the hidden request.",
    ),
    UpstreamDefect(
        "hypercorn-unread-body-reset",
        "Hypercorn: an answer sent before the request body arrived is followed by a close "
        "with the body unread, and the reset can destroy the answer",
        UNREAD,
        ("quart",),
        ("refused before the body",),
        "https://github.com/pgjones/hypercorn/issues",
        "Read the whole body before answering: a `before_request` hook that awaits "
        "`request.get_data()` (the [Flask → Quart migration](../guide/migrating.md) "
        "example has one). nginx in front also shields it: it buffers the body first.",
    ),
    UpstreamDefect(
        "gunicorn-chunked-500",
        "Gunicorn: a malformed chunked body raises Gunicorn's own exception inside the "
        "app; Flask answers 500",
        SERVER_ERROR,
        ("flask",),
        ("chunk size not hex", "negative chunk size", "0x chunk size", "chunk one byte too long"),
        "https://github.com/benoitc/gunicorn/issues",
        "A proxy in front that decodes chunked bodies itself and forwards a "
        "`Content-Length` (nginx does by default): Gunicorn then never parses chunk "
        "framing.",
    ),
    UpstreamDefect(
        "uvicorn-http-version",
        "Uvicorn: HTTP/2.0 and HTTP/0.9 request lines served as HTTP/1.1, with an "
        "http_version ASGI does not define; Falcon answers 500",
        SERVER_ERROR,
        ("falcon-asgi",),
        HTTP_VERSIONS,
        "https://github.com/Kludex/uvicorn/issues",
        "A proxy in front that answers 505 to `HTTP/2.0` request lines and talks HTTP/1.x "
        "upstream (nginx does).",
    ),
    UpstreamDefect(
        "uvicorn-http-version",
        "Uvicorn: HTTP/2.0 and HTTP/0.9 request lines served as HTTP/1.1",
        ACCEPTED,
        tuple(slug for slug in UVICORN if slug != "falcon-asgi"),
        HTTP_VERSIONS,
        "https://github.com/Kludex/uvicorn/issues",
        "A proxy in front that answers 505 to `HTTP/2.0` request lines and talks HTTP/1.x "
        "upstream (nginx does).",
    ),
    UpstreamDefect(
        "uvicorn-header-limits",
        "Uvicorn (httptools): no limit on header size or count",
        ACCEPTED,
        UVICORN,
        ("1 MB header", "10,000 headers"),
        "https://github.com/Kludex/uvicorn/issues",
        "nginx's `large_client_header_buffers` bounds header lines and the header "
        "section; without a proxy, `--http h11` with `--h11-max-incomplete-event-size`.",
    ),
    UpstreamDefect(
        "sanic-nul-in-header",
        "Sanic: a NUL byte in a header value reaches the application",
        ACCEPTED,
        ("sanic",),
        ("NUL in header",),
        "https://github.com/sanic-org/sanic/issues",
        "A proxy in front that refuses a NUL in a header (nginx answers 400).",
    ),
    UpstreamDefect(
        "sanic-chunk-parsing",
        "Sanic: chunk sizes with a 0x prefix, and chunk data not followed by CRLF, accepted",
        ACCEPTED,
        ("sanic",),
        ("0x chunk size", "chunk one byte too long"),
        "https://github.com/sanic-org/sanic/issues",
        "A proxy in front that decodes chunked bodies itself and forwards a "
        "`Content-Length` (nginx does by default).",
    ),
)


def pinned() -> dict[tuple[str, str], UpstreamDefect]:
    """(slug, case) -> the known defect that explains its outcome."""
    table: dict[tuple[str, str], UpstreamDefect] = {}
    for defect in KNOWN_DEFECTS:
        for slug in defect.slugs:
            for case in defect.cases:
                assert (slug, case) not in table, f"{slug}/{case} pinned twice"
                table[(slug, case)] = defect
    return table


def unexplained(result: ServerResult) -> list[str]:
    """Outcomes of one server that are defects but not known ones, or known ones that
    are no longer seen: both mean the page and the reports need updating."""
    problems = []
    known = pinned()
    for name, outcome in result.outcomes.items():
        defect = known.get((result.slug, name))
        if defect is None:
            if outcome.verdict in DEFECTS:
                problems.append(f"{result.slug}: {name!r}: {outcome.verdict} is not a known defect")
        elif outcome.verdict != defect.verdict:
            problems.append(
                f"{result.slug}: {name!r}: expected the known defect {defect.report} "
                f"({defect.verdict}), got {outcome.verdict}: upstream changed"
            )
    return problems


# --- the results file ----------------------------------------------------------------


def load(path: Path = RESULTS_FILE) -> dict[str, ServerResult]:
    data = json.loads(path.read_text(encoding="utf-8"))
    results = {}
    for slug, entry in data["servers"].items():
        outcomes = {name: Outcome(**o) for name, o in entry.pop("outcomes").items()}
        results[slug] = ServerResult(**entry, outcomes=outcomes)
    return results


def save(results: dict[str, ServerResult], path: Path = RESULTS_FILE) -> None:
    data = {
        "about": "Written by `python -m apiguide.robustness --update`; do not edit by hand.",
        "python": ".".join(map(str, sys.version_info[:3])),
        "servers": {slug: asdict(results[slug]) for slug in sorted(results)},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def _comparable(verdict: str | None) -> str | None:
    """A 4xx and a closed connection are the same outcome for the record: which one a
    client sees can depend on timing (a server that answers 431 and closes while the
    client is still sending a 1 MB header resets the connection before the 431 is read)."""
    return REFUSED if verdict == CLOSED else verdict


def differences(stored: ServerResult | None, live: ServerResult) -> list[str]:
    """What a fresh run says that the results file does not."""
    if stored is None:
        return [f"{live.slug}: not in {RESULTS_FILE.name}"]
    found = []
    for attr in ("framework_version", "server_version"):
        if getattr(stored, attr) != getattr(live, attr):
            found.append(
                f"{live.slug}: {attr} {getattr(stored, attr)} recorded, "
                f"{getattr(live, attr)} installed"
            )
    old, new = stored.verdicts(), live.verdicts()
    for name in sorted(set(old) | set(new)):
        if _comparable(old.get(name)) != _comparable(new.get(name)):
            found.append(f"{live.slug}: {name!r}: recorded {old.get(name)}, now {new.get(name)}")
    return found


# --- the site's tables ---------------------------------------------------------------

DOCS = ROOT / "docs"
YES, NO = "✓", "✗"


def _relative(target: str, page: str) -> str:
    """A link to ``target`` (a path under docs/) from the page ``page``."""
    return "../" * page.count("/") + target


def _report_link(defect: UpstreamDefect, page: str) -> str:
    return f"[report]({_relative(f'upstream/{defect.report}.md', page)})"


def _results(path: Path = RESULTS_FILE) -> dict[str, ServerResult]:
    if not path.is_file():
        raise FileNotFoundError(
            f"{path.relative_to(ROOT)} is missing: "
            "run `uv run python -m apiguide.robustness --update`"
        )
    return load(path)


def _result_for(slug: str, results: dict[str, ServerResult]) -> ServerResult:
    fw = registry.get(slug)  # KeyError for a slug the registry does not know
    if not fw.is_server:
        raise ValueError(f"{slug} is a {fw.kind}, not a server framework: it has no robustness")
    if slug not in results:
        raise KeyError(
            f"{slug} has no recorded robustness results: run "
            f"`uv run python -m apiguide.robustness --update --frameworks {slug}`"
        )
    return results[slug]


def describe(outcome: Outcome) -> str:
    """What the server did, in words."""
    if not outcome.alive:
        return "the server process exited"
    if outcome.status is None:
        if outcome.closed:
            return "closed the connection without an answer"
        return f"no answer within {READ_TIMEOUT:g} s (waits for more bytes)"
    if outcome.unread:
        return f"{outcome.status} before the body, then closed without reading it (reset)"
    text = f"{outcome.status}, connection {'closed' if outcome.closed else 'kept open'}"
    if outcome.smuggled:
        text += ", **served the hidden request**"
    return text


def _verdict_cell(slug: str, case: Case, outcome: Outcome, page: str) -> str:
    defect = pinned().get((slug, case.name))
    if outcome.verdict in case.handled:
        allowed = " (allowed)" if outcome.verdict == ACCEPTED else ""
        return f"{YES} {outcome.verdict}{allowed}"
    link = _report_link(defect, page) if defect else f"[RFC]({CLASSES[case.klass].rfc})"
    return f"{NO} **{outcome.verdict}** · {link}"


def _class_cell(result: ServerResult, klass: str, page: str) -> str:
    cases = [case for case in CASES.values() if case.klass == klass]
    failed: dict[str, list[Case]] = {}
    for case in cases:
        verdict = result.outcomes[case.name].verdict
        if verdict not in case.handled:
            failed.setdefault(verdict, []).append(case)
    if not failed:
        return YES
    parts = []
    for verdict in sorted(failed, key=VERDICTS.index):
        names = failed[verdict]
        known = pinned()
        reports = {known[(result.slug, c.name)] for c in names if (result.slug, c.name) in known}
        links = " ".join(_report_link(d, page) for d in sorted(reports, key=lambda d: d.report))
        which = ""
        if len(cases) > 1:
            which = f" ({', '.join(c.name for c in names) if len(names) < len(cases) else 'all'})"
        parts.append(f"**{verdict}**{which} {links}".strip())
    return f"{NO} " + "; ".join(parts)


def _defects_here(slug: str, page: str) -> list[str]:
    """What a framework's page must say plainly: each known defect, and its shield."""
    defects = {d.report: d for d in KNOWN_DEFECTS if slug in d.slugs}
    if not defects:
        return []
    shielding = _relative("robustness/index.md#shielding-put-a-proxy-in-front", page)
    lines = ["", f"Known upstream defects here ([how to shield them]({shielding})):", ""]
    for defect in defects.values():
        lines.append(
            f"- **{defect.title}** ({_report_link(defect, page)}). Shield: {defect.shield}"
        )
    return lines


def known_defects(slug: str, page: str = "") -> str:
    """The known upstream defects a framework's page states plainly ("" when none)."""
    registry.get(slug)  # an unknown slug fails the build
    return "\n".join(_defects_here(slug, page)).strip()


def robustness_table(slug: str | None = None, page: str = "", *, defects: bool = True) -> str:
    """Every server framework x every class of hostile input (``slug=None``), or one
    framework's answer to every case (``defects=False`` leaves out the list of known
    defects, for pages that state it elsewhere). Unknown slugs raise, so the build fails."""
    results = _results()
    if slug is not None:
        result = _result_for(slug, results)
        rows = [
            f"Measured with {result.framework} {result.framework_version} under "
            f"{result.server} {result.server_version}.",
            "",
            "| Hostile input | Class | What the server did | Handled? |",
            "|---|---|---|---|",
        ]
        for case in CASES.values():
            outcome = result.outcomes[case.name]
            rows.append(
                f"| {case.name} | {CLASSES[case.klass].title} | {describe(outcome)} | "
                f"{_verdict_cell(slug, case, outcome, page)} |"
            )
        return "\n".join(rows + (_defects_here(slug, page) if defects else []))
    # The server under the framework's name, in one column: the table fits a page's width.
    head = "| Framework, server | " + " | ".join(c.title for c in CLASSES.values()) + " |"
    rows = [head, "|---|" + "---|" * len(CLASSES)]
    for fw in registry.server_frameworks():
        result = _result_for(fw.slug, results)
        # A baseline's "version" is its server's; the server column already shows it.
        name = fw.name if fw.baseline else f"{fw.name} {result.framework_version}"
        if (DOCS / fw.docs).is_file():
            name = f"[{name}]({_relative(fw.docs, page)})"
        cells = " | ".join(_class_cell(result, key, page) for key in CLASSES)
        rows.append(f"| {name}<br>{result.server} {result.server_version} | {cells} |")
    return "\n".join(rows)


def robustness_classes() -> str:
    """What each class of hostile input holds, with the RFC section it tests."""
    rows = ["| Class | What is sent | RFC |", "|---|---|---|"]
    for klass in CLASSES.values():
        rows.append(f"| {klass.title} | {klass.meaning} | [{_rfc_name(klass.rfc)}]({klass.rfc}) |")
    return "\n".join(rows)


def _rfc_name(url: str) -> str:
    """``.../rfc9112#section-6.3`` -> ``RFC 9112 §6.3``."""
    doc, _, section = url.rpartition("/")[2].partition("#section-")
    return (
        f"RFC {doc.removeprefix('rfc')} §{section}" if section else f"RFC {doc.removeprefix('rfc')}"
    )


def upstream_reports(page: str = "") -> str:
    """The ready-to-file reports, with the frameworks each one pins."""
    rows = ["| Report | What happens | Seen with | File it at |", "|---|---|---|---|"]
    for report in dict.fromkeys(d.report for d in KNOWN_DEFECTS):
        defects = [d for d in KNOWN_DEFECTS if d.report == report]
        slugs = dict.fromkeys(slug for d in defects for slug in d.slugs)
        names = ", ".join(registry.get(slug).name for slug in slugs)
        link = _relative(f"upstream/{report}.md", page)
        tracker = defects[0].tracker
        rows.append(f"| [{report}]({link}) | {defects[0].title} | {names} | <{tracker}> |")
    return "\n".join(rows)


def register(env) -> None:
    """The macros, with links relative to the page that renders them."""

    def page() -> str:
        return pages.source_path(env.page)

    def table(slug: str | None = None, defects: bool = True) -> str:
        return robustness_table(slug, page(), defects=defects)

    def defects_of(slug: str) -> str:
        return known_defects(slug, page())

    def reports() -> str:
        return upstream_reports(page())

    env.macro(table, "robustness_table")
    env.macro(defects_of, "known_defects")
    env.macro(reports, "upstream_reports")
    env.macro(robustness_classes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite the results file")
    parser.add_argument("--frameworks", help="comma-separated slugs (default: every server)")
    args = parser.parse_args(argv)
    frameworks = registry.server_frameworks()
    if args.frameworks:
        frameworks = [registry.get(slug) for slug in args.frameworks.split(",")]
    stored = load() if RESULTS_FILE.is_file() else {}
    results = dict(stored)
    found = []
    for fw in frameworks:
        started = time.monotonic()
        live = measure(fw)
        took = time.monotonic() - started
        print(
            f"{fw.slug:12} {took:5.1f}s  "
            + ", ".join(f"{k}: {v}" for k, v in live.verdicts().items())
        )
        found += differences(stored.get(fw.slug), live) + unexplained(live)
        results[fw.slug] = live
    print("\n".join(found) or "the results file is current")
    if args.update:
        save(results)
        print(f"wrote {RESULTS_FILE.relative_to(ROOT)}")
        return 0
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
