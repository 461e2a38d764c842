"""A throw-away Dovecot IMAP server for tests: its own config, users and maildirs in a temp
folder, listening on a free port of 127.0.0.1, no TLS. Stop/start/restart at will; the mail
survives restarts (it lives in the maildir)."""

from __future__ import annotations

import contextlib
import getpass
import imaplib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

DOVECOT = shutil.which("dovecot") or (
    "/usr/sbin/dovecot" if os.path.exists("/usr/sbin/dovecot") else None
)
USER = "orders@acme.test"
PASSWORD = "imap-test-pass"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Dovecot:
    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="carnet-dovecot-"))
        os.chmod(self.root, 0o755)
        self.port = free_port()
        self.user, self.password = USER, PASSWORD
        if os.geteuid() == 0:
            entry = pwd.getpwnam("nobody")
            self.uid, self.gid, login_user = entry.pw_uid, entry.pw_gid, None
        else:
            self.uid, self.gid, login_user = os.getuid(), os.getgid(), getpass.getuser()
        for sub in ("run", "state", "mail", "home"):
            (self.root / sub).mkdir()
        for sub in ("mail", "home"):
            os.chown(self.root / sub, self.uid, self.gid)
        (self.root / "passwd").write_text(
            f"{USER}:{{PLAIN}}{PASSWORD}:{self.uid}:{self.gid}::{self.root}/home/%u\n"
        )
        users = (
            f"default_login_user = {login_user}\ndefault_internal_user = {login_user}\n"
            if login_user
            else ""
        )
        self.config = self.root / "dovecot.conf"
        self.config.write_text(
            f"""
base_dir = {self.root}/run
state_dir = {self.root}/state
log_path = {self.root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{self.root}/mail/%u
first_valid_uid = 1
{users}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.root}/passwd
}}
userdb {{
  driver = static
  args = uid={self.uid} gid={self.gid} home={self.root}/home/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""
        )

    # --- lifecycle -------------------------------------------------------------------------
    def start(self) -> None:
        # The daemon forks and keeps its stdio: never pipe them, or run() waits for it forever.
        subprocess.run(
            [DOVECOT, "-c", str(self.config)],
            check=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=30,
        )
        self.pgid = None
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    pid = int((self.root / "run" / "master.pid").read_text().strip())
                    self.pgid = os.getpgid(pid)
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"dovecot did not start: {self.log()}")

    def stop(self) -> None:
        """Stop the server the hard way a crash or a restart does: every process of it goes,
        the open IMAP sessions included (``dovecot stop`` alone leaves them running)."""
        subprocess.run(
            [DOVECOT, "-c", str(self.config), "stop"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=30,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    time.sleep(0.1)
            except OSError:
                break
        if getattr(self, "pgid", None):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pgid, signal.SIGKILL)
            self.pgid = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    # --- a client for the test's own checks ------------------------------------------------
    def client(self) -> imaplib.IMAP4:
        connection = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        connection.login(self.user, self.password)
        return connection

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        connection = self.client()
        try:
            typ, data = connection.append(f'"{folder}"', None, None, raw)
            assert typ == "OK", data
        finally:
            connection.logout()

    def message_ids(self, folder: str = "INBOX") -> list[str]:
        """Message-IDs of the messages in a folder (absent folder: [])."""
        connection = self.client()
        try:
            typ, _data = connection.select(f'"{folder}"', readonly=True)
            if typ != "OK":
                return []
            typ, data = connection.uid("SEARCH", None, "ALL")
            ids = []
            for uid in (data[0] or b"").split():
                typ, fetched = connection.uid(
                    "FETCH", uid.decode(), "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])"
                )
                header = fetched[0][1].decode().strip()
                ids.append(header.split(":", 1)[1].strip())
            return sorted(ids)
        finally:
            connection.logout()

    def flags(self, folder: str = "INBOX") -> list[str]:
        connection = self.client()
        try:
            connection.select(f'"{folder}"', readonly=True)
            typ, data = connection.uid("FETCH", "1:*", "(FLAGS)")
            return [d.decode() for d in data if d]
        finally:
            connection.logout()
