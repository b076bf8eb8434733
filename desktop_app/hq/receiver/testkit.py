"""For tests and ``bench/upload.py`` only: a receiver in a thread, and a link that misbehaves.

``ServerThread`` runs uvicorn on 127.0.0.1 on a free port. ``FlakyLink`` is a TCP proxy
on 127.0.0.1 that forwards to it and can cut every connection crossing it after N bytes
from the client (a 2G link dropping), throttle the client's bytes to a rate, and count
every byte the client sent — what "bytes on the wire" means in the tests. Both listen on
the loopback address only, and every wait in them is bounded.
"""

from __future__ import annotations

import random
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import uvicorn

LOOPBACK = "127.0.0.1"


class ServerThread:
    """``with ServerThread(app) as server: server.url``."""

    def __init__(self, app: Any, *, start_timeout: float = 15.0):

        self.config = uvicorn.Config(app, host=LOOPBACK, port=0, log_level="warning",
                                     lifespan="on", timeout_graceful_shutdown=5,
                                     timeout_keep_alive=5)
        self.server = uvicorn.Server(self.config)
        self.thread = threading.Thread(target=self.server.run, name="receiver", daemon=True)
        self.start_timeout = start_timeout
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def start(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + self.start_timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the receiver did not start")
            time.sleep(0.01)
        self.port = self.server.servers[0].sockets[0].getsockname()[1]
        return self

    def stop(self, timeout: float = 15.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class FlakyLink:
    """A TCP proxy 127.0.0.1:port → 127.0.0.1:target_port.

    *cut_every*: after that many client bytes (counted over all connections) the
    connection carrying them is closed both ways — at most *max_cuts* times. A callable
    gives the next such count after each cut (``random_cuts``: a link whose good stretches
    vary). *rate*: client bytes per second (None: as fast as possible).
    """

    def __init__(self, target_port: int, *, cut_every: int | Callable[[], int] | None = None,
                 max_cuts: int = 100, rate: float | None = None):
        self.target_port = target_port
        self._cut_size = cut_every if callable(cut_every) else (lambda: cut_every)
        self.cut_every = self._cut_size() if cut_every else None
        self.max_cuts = max_cuts
        self.rate = rate
        self.client_bytes = 0  # every byte the client sent into the link
        self.cuts = 0
        self.connections = 0
        self._since_cut = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._started = time.monotonic()
        self._paced = 0
        self._socks: set[socket.socket] = set()
        self.listener = socket.create_server((LOOPBACK, 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self._accept_thread = threading.Thread(target=self._accept, name="flaky-link", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def start(self) -> FlakyLink:
        self._accept_thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._accept_thread.join(5)
        self.listener.close()
        with self._lock:
            socks = list(self._socks)
        for sock in socks:
            _close(sock)

    def __enter__(self) -> FlakyLink:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection((LOOPBACK, self.target_port), timeout=5)
            except OSError:
                _close(client)
                continue
            for sock in (client, upstream):
                sock.settimeout(None)
            with self._lock:
                self.connections += 1
                self._socks.update((client, upstream))
            pair = (client, upstream)
            threading.Thread(target=self._pump_up, args=pair, daemon=True).start()
            threading.Thread(target=self._pump_down, args=pair, daemon=True).start()

    def _pace(self, n: int) -> None:
        if not self.rate:
            return
        with self._lock:
            self._paced += n
            due = self._started + self._paced / self.rate
        delay = due - time.monotonic()
        if delay > 0:
            time.sleep(min(delay, 5.0))

    def _pump_up(self, client: socket.socket, upstream: socket.socket) -> None:
        size = 16384 if self.rate else 65536
        try:
            while not self._stop.is_set():
                data = client.recv(size)
                if not data:
                    break
                cut_now = False
                with self._lock:
                    self.client_bytes += len(data)
                    if self.cut_every and self.cuts < self.max_cuts:
                        room = self.cut_every - self._since_cut
                        if len(data) >= room:
                            data, cut_now = data[:room], True
                            self._since_cut = 0
                            self.cuts += 1
                            self.cut_every = self._cut_size()
                        else:
                            self._since_cut += len(data)
                self._pace(len(data))
                if data:
                    upstream.sendall(data)
                if cut_now:
                    break
        except OSError:
            pass
        finally:
            _close(client)
            _close(upstream)

    def _pump_down(self, client: socket.socket, upstream: socket.socket) -> None:
        try:
            while not self._stop.is_set():
                data = upstream.recv(65536)
                if not data:
                    break
                client.sendall(data)
        except OSError:
            pass
        finally:
            _close(client)
            _close(upstream)


def _close(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass


def random_cuts(low: int, high: int, seed: int = 0) -> Callable[[], int]:
    """For ``FlakyLink(cut_every=...)``: each good stretch between *low* and *high* bytes."""
    rng = random.Random(seed)
    return lambda: rng.randint(low, high)


def free_port() -> int:
    """A loopback port nobody listens on (for "no network" tests)."""
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]
