"""A minimal keep-alive HTTP/1.1 client for sequential requests (verification, callgrind)."""

from __future__ import annotations

import http.client
from dataclasses import dataclass

from apiguide.bench.scenarios import Request


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes


class KeepAliveClient:
    """One connection, reused for every request (reconnects if the server closed it)."""

    def __init__(self, host: str, port: int, timeout: float = 60.0) -> None:
        self.connection = http.client.HTTPConnection(host, port, timeout=timeout)

    def send(self, request: Request) -> Response:
        body = request.body.encode() if request.body is not None else None
        self.connection.request(request.method, request.path, body=body, headers=request.headers)
        response = self.connection.getresponse()
        payload = response.read()
        return Response(response.status, response.getheader("Content-Type", ""), payload)

    def send_many(self, requests: list[Request]) -> None:
        for request in requests:
            self.send(request)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> KeepAliveClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
