"""A small OpenAI-compatible chat endpoint for tests: stdlib http.server on a free loopback port, in a
thread. `StubLLM.mode` picks what it does: stream `answer`, or fail in one of the ways a real one can."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class StubLLM:
    def __init__(self, answer: str = "", mode: str = "stream"):
        self.answer, self.mode, self.requests = answer, mode, []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> StubLLM:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def _chunk(content: str) -> bytes:
    body = {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "stub",
        "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": None}],
    }
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n".encode()


def _handler(stub: StubLLM) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes, kind: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            models = {
                "object": "list",
                "data": [{"id": "stub", "object": "model", "created": 0, "owned_by": "t"}],
            }
            self._send(200, json.dumps(models).encode())

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            stub.requests.append(json.loads(self.rfile.read(length)))
            if stub.mode == "http500":
                self._send(500, b'{"error": {"message": "boom", "type": "server_error"}}')
                return
            if stub.mode == "slow":
                time.sleep(3)
            pieces = [stub.answer[i : i + 5] for i in range(0, len(stub.answer), 5)]
            if stub.mode == "empty":
                pieces = [""]
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            for piece in pieces:
                self.wfile.write(_chunk(piece))
                self.wfile.flush()
            if stub.mode == "malformed":
                self.wfile.write(b"data: {not json\n\n")
            self.wfile.write(b"data: [DONE]\n\n")

    return Handler
