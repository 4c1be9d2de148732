"""A deliberately unreliable stand-in server for the benchmark engine's fault tests.

    python -m tests.bench.apps.fake_server --port P [--mode ok|exit|dies|wrong] [--after N]

ok: answers GET /json as the contract says; exit: quits before listening;
dies: the process exits after N requests; wrong: /json answers with the wrong body.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def handler(mode: str, after: int) -> type[BaseHTTPRequestHandler]:
    served = 0

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, like a real server

        def do_GET(self) -> None:
            nonlocal served
            served += 1
            if mode == "dies" and served > after:
                os._exit(1)
            if self.path == "/json":
                message = "Goodbye" if mode == "wrong" else "Hello, World!"
                self.answer(200, {"message": message})
            else:
                self.answer(404, {"detail": "Not Found"})

        def answer(self, status: int, body: dict) -> None:
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            pass  # quiet under load

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mode", choices=("ok", "exit", "dies", "wrong"), default="ok")
    parser.add_argument("--after", type=int, default=50)
    parser.add_argument("--tag", default="", help="ignored: lets a test find this process")
    args = parser.parse_args()
    if args.mode == "exit":
        sys.exit("fake server: refusing to start")
    ThreadingHTTPServer((args.host, args.port), handler(args.mode, args.after)).serve_forever()


if __name__ == "__main__":
    main()
