"""For tests and benchmarks only: a throw-away PostgreSQL cluster in a temporary folder.

``PgCluster().start()`` runs Debian's ``initdb`` and ``pg_ctl`` (``/usr/lib/postgresql/<v>/
bin``, installed by ``scripts/setup``) on a free port of 127.0.0.1, with its socket and data
in one temporary folder; ``stop()`` removes it all. ``initdb`` refuses to run as root, so a
root process runs both through ``runuser -u postgres`` on a folder owned by ``postgres``.
The cluster trusts local connections (user ``fd``, a superuser): it exists for one test
session or one benchmark run and listens on the loopback address only.

A cluster's folder names the process that made it (``owner.pid``); the next cluster started
on the machine stops and removes any whose owner is gone — a test run killed by a timeout
or Ctrl+C never ran its ``stop()``, and its server would otherwise run on forever.

``fsync=False`` (tests) also turns off synchronous commits and full-page writes: a crash of
the machine may lose the cluster, which nobody keeps. Benchmarks that compare with SQLite's
``synchronous=FULL`` keep the default ``fsync=True``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

LOOPBACK = "127.0.0.1"
SUPERUSER = "fd"
OWNER_FILE = "owner.pid"


def pg_bindir() -> Path:
    """The newest installed PostgreSQL's ``bin`` folder (Debian keeps it off PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise RuntimeError("PostgreSQL is not installed (initdb not found): run `bash scripts/setup`")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_orphans(tmp: Path | None = None) -> list[Path]:
    """Stop and remove the clusters whose owner process has ended; returns their folders."""
    swept = []
    for owner in Path(tmp or tempfile.gettempdir()).glob(f"*/{OWNER_FILE}"):
        try:
            pid = int(owner.read_text())
        except (OSError, ValueError):
            continue
        if _alive(pid):
            continue
        root = owner.parent
        if (root / "data" / "postmaster.pid").exists():
            with contextlib.suppress(Exception):
                as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
                subprocess.run([*as_postgres, str(pg_bindir() / "pg_ctl"), "-D",
                                str(root / "data"), "-m", "immediate", "-w", "stop"],
                               capture_output=True, timeout=60, cwd=root)
        shutil.rmtree(root, ignore_errors=True)
        swept.append(root)
    return swept


class PgCluster:
    """A PostgreSQL server of our own; ``url(db)`` gives SQLAlchemy URLs to its databases."""

    def __init__(self, *, fsync: bool = False, prefix: str = "fielddesk-pg-"):
        self.fsync = fsync
        sweep_orphans()
        self.root = Path(tempfile.mkdtemp(prefix=prefix))
        (self.root / OWNER_FILE).write_text(str(os.getpid()))
        self.data = self.root / "data"
        self.port = 0
        self.bindir = pg_bindir()
        self._as_postgres: list[str] = []
        if os.geteuid() == 0:
            self._as_postgres = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.root, "postgres", "postgres")

    # -- life cycle -----------------------------------------------------------------------

    def _run(self, *args: str, timeout: float = 60) -> None:
        proc = subprocess.run([*self._as_postgres, *args], capture_output=True, text=True,
                              timeout=timeout, cwd=self.root)
        if proc.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{Path(args[0]).name} failed: {proc.stdout}{proc.stderr}{tail}")

    def start(self) -> PgCluster:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust",
                  "-U", SUPERUSER, "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        for attempt in range(5):
            self.port = free_port()
            try:
                self._pg_ctl_start()
                return self
            except RuntimeError:
                if attempt == 4:
                    raise
        return self

    def _pg_ctl_start(self) -> None:
        options = [f"-p {self.port}", f"-k {self.root}", f"-c listen_addresses={LOOPBACK}",
                   "-c max_connections=200", "-c shared_buffers=32MB"]
        if not self.fsync:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l",
                  str(self.root / "server.log"), "-o", " ".join(options), "-w", "-t", "60",
                  "start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (``mode``: smart, fast, immediate); the files stay."""
        if (self.data / "postmaster.pid").exists():
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w",
                      "stop")

    def restart(self) -> None:
        """Stop and start on the same port (connections are cut, the data stays)."""
        self.stop()
        self._pg_ctl_start()

    def destroy(self) -> None:
        with contextlib.suppress(Exception):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PgCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.destroy()

    # -- databases ------------------------------------------------------------------------

    def url(self, database: str = "postgres", *, password: str | None = None,
            user: str = SUPERUSER) -> str:
        auth = user if password is None else f"{user}:{password}"
        return f"postgresql://{auth}@{LOOPBACK}:{self.port}/{database}"

    def admin(self, *statements: str) -> None:
        """Run statements on the ``postgres`` database, outside any transaction."""

        with psycopg.connect(host=LOOPBACK, port=self.port, user=SUPERUSER, dbname="postgres",
                             autocommit=True, connect_timeout=10) as conn:
            for sql in statements:
                conn.execute(sql)

    def create_database(self, name: str, *, template: str | None = None) -> str:
        """A new database (a copy of *template* when given); returns its URL."""
        # FILE_COPY: for a small template, copying its files beats replaying them in the WAL.
        extra = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        for attempt in range(50):  # the template may still have a closing connection
            try:
                self.admin(f"CREATE DATABASE {name}{extra}")
                break
            except Exception as exc:  # psycopg.errors.ObjectInUse
                if "being accessed by other users" not in str(exc) or attempt == 49:
                    raise
                time.sleep(0.1)
        return self.url(name)

    def require_password(self, user: str, password: str) -> None:
        """A login *user* that must give *password* over TCP (everyone else stays trusted)."""
        self.admin(f"CREATE ROLE {user} LOGIN PASSWORD '{password}'")
        hba = self.data / "pg_hba.conf"
        hba.write_text(f"host all {user} {LOOPBACK}/32 scram-sha-256\n" + hba.read_text())
        self.admin("SELECT pg_reload_conf()")

    def drop_database(self, name: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
