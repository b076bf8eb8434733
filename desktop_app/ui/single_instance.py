"""One FieldDesk window per data folder: a second launch hands over to the running copy.

A clerk who double-clicks FieldDesk again (the window was behind another, or minimised)
should see the running window come to the front, not a second, dead window with an error
over it. The running copy listens on a local socket named after its data folder
(``QLocalServer``, the usual Qt way: a Unix socket, a named pipe on Windows); a new launch
first tries to connect, sends "activate" and, if the running copy answers, exits at once
without building a window. The folder's lock stays the guarantee: the socket is only a
courtesy, and a launch that finds no listener but a locked folder (another program holds
it) is still refused with one clear message.

Start-up budget: on Linux and macOS the socket is a file, so a launch looks for that file
before importing QtNetwork (~10 ms) and only pays when a copy may be running; Windows has
no such file to look at and always asks.
"""

from __future__ import annotations

import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

ACTIVATE = b"activate\n"
ANSWER = b"ok\n"
TIMEOUT_MS = 1500


def server_name(home: Path) -> str:
    """A name for this user and data folder (the socket lives in a folder all users share).
    A CRC is enough to tell a few data folders apart and costs no import at start-up."""
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    folder = os.path.normcase(str(Path(home).resolve()))
    name = f"fielddesk-{user}-{zlib.crc32(folder.encode('utf-8')):08x}"
    if sys.platform == "win32":
        return name
    return os.path.join(os.environ.get("TMPDIR") or "/tmp", f"{name}.sock")


def hand_over(home: Path) -> bool:
    """True when a FieldDesk running on ``home`` answered and is coming to the front."""
    name = server_name(home)
    if sys.platform != "win32" and not os.path.exists(name):
        return False  # nobody has listened here: no need to load QtNetwork
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    socket.write(ACTIVATE)
    socket.flush()
    answered = socket.waitForReadyRead(TIMEOUT_MS) and bytes(socket.readAll().data()).startswith(ANSWER)
    socket.disconnectFromServer()
    return answered


class Listener(QObject):
    """The running copy's side: brings ``window()`` to the front when a second launch asks."""

    activated = Signal()

    def __init__(self, home: Path, window: Callable[[], object], parent: QObject | None = None):
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self.window = window
        self.server = QLocalServer(self)
        name = server_name(home)
        if not self.server.listen(name):
            # A socket left by a copy that crashed: this process holds the folder's lock, so
            # nobody else can be listening for this folder.
            QLocalServer.removeServer(name)
            self.server.listen(name)
        self.server.newConnection.connect(self._connected)

    @property
    def listening(self) -> bool:
        return self.server.isListening()

    def _connected(self) -> None:
        socket = self.server.nextPendingConnection()
        if socket is None:
            return
        socket.readyRead.connect(lambda s=socket: self._read(s))
        socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket) -> None:
        if bytes(socket.readAll().data()).startswith(ACTIVATE):
            self.bring_to_front()
            socket.write(ANSWER)
            socket.flush()

    def bring_to_front(self) -> None:
        window = self.window()
        if window is None:
            return
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()
        self.activated.emit()

    def close(self) -> None:
        self.server.close()
