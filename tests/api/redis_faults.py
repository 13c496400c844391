"""Redis as it fails in production, on loopback: a listener that accepts and never answers, and a proxy
that can be switched between forwarding to the real Redis and hanging."""

import contextlib
import socket
import threading


class HungRedis:
    """Accepts TCP connections and never answers a byte (a Redis stuck in a long command, or a stalled VM)."""

    def __init__(self):
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.accepted = 0
        self._clients: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def start(self) -> "HungRedis":
        self._thread.start()
        return self

    def _accept(self):
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self.accepted += 1
            self._clients.append(client)  # kept open, never read or written

    def stop(self):
        self._listener.close()
        for client in self._clients:
            with contextlib.suppress(OSError):
                client.close()


def refused_url() -> str:
    """A Redis URL whose port refuses connections (bound by nobody)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


class SwitchableRedisProxy:
    """Forwards to a real Redis until `hang()`, then swallows every byte both ways until `forward()`."""

    def __init__(self, upstream_host: str, upstream_port: int, db: int):
        self._upstream = (upstream_host, upstream_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/{db}"
        self.hung = False
        self._sockets: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def start(self) -> "SwitchableRedisProxy":
        self._thread.start()
        return self

    def hang(self):
        self.hung = True

    def forward(self):
        self.hung = False

    def _accept(self):
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self._upstream)
            self._sockets += [client, upstream]
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket):
        try:
            while data := source.recv(65536):
                if not self.hung:
                    target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def stop(self):
        self._listener.close()
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.close()
