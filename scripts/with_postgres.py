#!/usr/bin/env python3
"""Run a command against a throwaway PostgreSQL server on 127.0.0.1.

Creates a data directory with the Debian package's initdb (as the `postgres` user when run as
root, since the server refuses to run as root), starts it on a free port, exports DATABASE_URL,
runs the command, and stops the server and removes the directory whatever the outcome.
"""

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile


def postgres_bin(name: str) -> str:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not candidates:
        sys.exit(f"{name} hittades inte: installera PostgreSQL (apt-get install postgresql).")
    return candidates[-1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main(command: list[str]) -> int:
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    workdir = tempfile.mkdtemp(prefix="navet-pg-")
    data = os.path.join(workdir, "data")
    port = free_port()
    if as_postgres:
        shutil.chown(workdir, "postgres", "postgres")
    subprocess.run(
        [
            *as_postgres,
            postgres_bin("initdb"),
            "-D",
            data,
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    options = f"-h 127.0.0.1 -p {port} -k {workdir} -c fsync=off -c synchronous_commit=off"
    pg_ctl = [*as_postgres, postgres_bin("pg_ctl"), "-D", data, "-l", os.path.join(workdir, "log")]
    subprocess.run([*pg_ctl, "-o", options, "-w", "start"], check=True, stdout=subprocess.DEVNULL)
    try:
        env = {**os.environ, "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/navet"}
        return subprocess.run(command, env=env, check=False).returncode
    finally:
        subprocess.run(
            [*pg_ctl, "-m", "fast", "-w", "stop"], check=False, stdout=subprocess.DEVNULL
        )
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
