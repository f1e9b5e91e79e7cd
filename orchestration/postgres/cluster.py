"""The private cluster: ``<home>/<stem>.pgdata``, its state (port, admin role) in
``<home>/<stem>.pg.json`` and its admin password in ``<home>/<stem>.pg.secret`` (mode 0600), so
a later ``zhibiao run`` in another process can load into it.

- ``initdb`` refuses root. Run as root, the cluster belongs to an unprivileged OS user
  (``ZHIBIAO_PG_OS_USER``, default ``postgres`` if it exists, else ``nobody``) and every
  ``initdb``/``pg_ctl`` runs through ``setpriv`` (or ``runuser``). That user must be able to
  reach the data folder: every folder above it needs o+x. We check and say so instead of
  failing obscurely.
- Listens on ``ZHIBIAO_PG_LISTEN`` (default 127.0.0.1) and ``ZHIBIAO_PG_PORT`` (default
  5433); no Unix socket; every connection authenticates with scram-sha-256. Extra client
  networks only through ``ZHIBIAO_PG_ALLOW_CIDR``.
"""
from __future__ import annotations

import json
import os
import pwd
import re
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

from orchestration.config import Settings

from .endpoint import ADMIN, DATABASE, DEFAULT_READER, Endpoint, ServeError

ENV_PORT = "ZHIBIAO_PG_PORT"
ENV_LISTEN = "ZHIBIAO_PG_LISTEN"
ENV_ALLOW_CIDR = "ZHIBIAO_PG_ALLOW_CIDR"
ENV_OS_USER = "ZHIBIAO_PG_OS_USER"
ENV_BIN = "ZHIBIAO_PG_BIN"
# Resource limits of the private cluster, in postgresql.conf: temp_file_limit is a superuser
# setting, so no BI session can lift it (a cross join once wrote 4.8 GB of temp files in 60 s);
# work_mem is only the default (PostgreSQL lets any session raise it; temp_file_limit still caps
# what spills). client_connection_check_interval ends a query whose client went away.
ENV_TEMP_FILE_LIMIT = "ZHIBIAO_PG_TEMP_FILE_LIMIT"
ENV_WORK_MEM = "ZHIBIAO_PG_WORK_MEM"
DEFAULT_TEMP_FILE_LIMIT = "1GB"
DEFAULT_WORK_MEM = "16MB"
DEFAULT_PORT = 5433
DEFAULT_LISTEN = "127.0.0.1"
DEFAULT_BIN = "/usr/lib/postgresql/15/bin"


def data_dir(settings: Settings) -> Path:
    return settings.home / f"{settings.warehouse.stem}.pgdata"


def _state_file(settings: Settings) -> Path:
    return settings.home / f"{settings.warehouse.stem}.pg.json"


def _secret_file(settings: Settings) -> Path:
    return settings.home / f"{settings.warehouse.stem}.pg.secret"


def start_private(settings: Settings, port: int | None, listen: str | None, reader: str) -> Endpoint:
    pgdata = data_dir(settings)
    settings.home.mkdir(parents=True, exist_ok=True)
    state = read_state(settings) or {}
    port = int(port or os.environ.get(ENV_PORT) or state.get("port") or DEFAULT_PORT)
    listen = listen or os.environ.get(ENV_LISTEN) or state.get("listen") or DEFAULT_LISTEN
    if not (pgdata / "PG_VERSION").is_file():
        _initdb(settings)
    running = is_running(settings)
    if running and (state.get("port") != port or state.get("listen") != listen):
        pg_ctl(settings, "stop", "-m", "fast", "-w", "-t", "60")
        running = False
    state = {"port": port, "listen": listen, "admin": ADMIN, "host": _client_host(listen), "reader": reader}
    _write_config(settings, port, listen)
    _write_state(settings, state)
    if not running:
        log = pgdata / "server.log"
        try:
            pg_ctl(settings, "start", "-w", "-t", "60", "-l", str(log))
        except ServeError as exc:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise ServeError(f"{exc}\n--- {log} (tail) ---\n{tail}") from None
    return private_endpoint(settings, state)


def private_endpoint(settings: Settings, state: dict) -> Endpoint:
    from psycopg.conninfo import make_conninfo

    secret = _secret_file(settings)
    if not secret.is_file():
        raise ServeError(
            f"{secret} is missing, so the admin password of {data_dir(settings)} is lost: stop the "
            f"cluster (`zhibiao serve --stop`) and move that folder away; `zhibiao serve` recreates it"
        )
    password = secret.read_text(encoding="utf-8").strip()
    conninfo = make_conninfo(
        host=state["host"], port=state["port"], dbname=DATABASE, user=state["admin"], password=password
    )
    return Endpoint(state["host"], int(state["port"]), DATABASE, state.get("reader", DEFAULT_READER), True, conninfo)


def stop(settings: Settings) -> bool:
    """Stop the private cluster (fast shutdown: open sessions are ended). False if it was not running."""
    if not data_dir(settings).is_dir() or not is_running(settings):
        return False
    pg_ctl(settings, "stop", "-m", "fast", "-w", "-t", "60")
    return True


def _initdb(settings: Settings) -> None:
    pgdata = data_dir(settings)
    if pgdata.exists() and any(pgdata.iterdir()):
        raise ServeError(f"{pgdata} exists but is not a PostgreSQL data folder; move it away")
    pgdata.mkdir(mode=0o700, exist_ok=True)
    owner = os_user()
    if owner is not None:
        os.chown(pgdata, owner.pw_uid, owner.pw_gid)
        if _as_user(owner, ["test", "-w", str(pgdata)], check=False).returncode != 0:
            raise ServeError(
                f"the PostgreSQL OS user {owner.pw_name!r} cannot write {pgdata}: every folder above "
                f"it must be searchable by that user (chmod o+x), or set {ENV_OS_USER}"
            )
    password = secrets.token_urlsafe(24)
    _secret_file(settings).touch(mode=0o600)
    _secret_file(settings).write_text(password + "\n", encoding="utf-8")
    with tempfile.NamedTemporaryFile("w", prefix="zhibiao-pw-", delete=False) as pwfile:
        pwfile.write(password + "\n")
    try:
        if owner is not None:
            os.chown(pwfile.name, owner.pw_uid, owner.pw_gid)
        run_pg(
            [pg_bin("initdb"), "-D", str(pgdata), "-U", ADMIN, f"--pwfile={pwfile.name}", "-E", "UTF8",
             "--locale=C.UTF-8", "--auth-host=scram-sha-256", "--auth-local=scram-sha-256"]
        )
    finally:
        os.unlink(pwfile.name)
    with open(pgdata / "postgresql.conf", "a", encoding="utf-8") as f:
        f.write("\n# zhibiao: listen address, port and auth live here, rewritten by `zhibiao serve`\n")
        f.write("include_if_exists = 'zhibiao.conf'\n")


def _write_config(settings: Settings, port: int, listen: str) -> None:
    pgdata = data_dir(settings)
    conf = "\n".join([
        f"listen_addresses = '{listen}'",
        f"port = {port}",
        "unix_socket_directories = ''",  # TCP with passwords only: no peer/trust path
        "password_encryption = 'scram-sha-256'",
        "max_connections = 100",
        "shared_buffers = '64MB'",
        f"temp_file_limit = '{_conf_size(ENV_TEMP_FILE_LIMIT, DEFAULT_TEMP_FILE_LIMIT)}'",
        f"work_mem = '{_conf_size(ENV_WORK_MEM, DEFAULT_WORK_MEM)}'",
        "client_connection_check_interval = '5s'",
        "",
    ])
    hba = ["# zhibiao: generated by orchestration/serve.py; every client authenticates with a password",
           "host all all 127.0.0.1/32 scram-sha-256",
           "host all all ::1/128 scram-sha-256"]
    if os.environ.get(ENV_ALLOW_CIDR):
        hba.append(f"host all all {os.environ[ENV_ALLOW_CIDR]} scram-sha-256")
    owner = os_user()
    for name, text in (("zhibiao.conf", conf), ("pg_hba.conf", "\n".join(hba) + "\n")):
        path = pgdata / name
        path.write_text(text, encoding="utf-8")
        if owner is not None:
            os.chown(path, owner.pw_uid, owner.pw_gid)


def _conf_size(env: str, default: str) -> str:
    value = (os.environ.get(env) or default).strip()
    if not re.fullmatch(r"-1|\d+\s*(kB|MB|GB|TB)?", value):
        raise ServeError(f"{env}={value!r}: give a size such as 512MB or 2GB (-1: no limit)")
    return value


def is_running(settings: Settings) -> bool:
    if not (data_dir(settings) / "PG_VERSION").is_file():
        return False
    return run_pg([pg_bin("pg_ctl"), "status", "-D", str(data_dir(settings))], check=False).returncode == 0


def pg_ctl(settings: Settings, *args: str) -> None:
    run_pg([pg_bin("pg_ctl"), "-D", str(data_dir(settings)), *args])


def run_pg(cmd: list[str], check: bool = True) -> subprocess.CompletedProcess:
    owner = os_user()
    if owner is not None:
        proc = _as_user(owner, cmd, check=False)
    else:
        proc = subprocess.run(cmd, cwd="/", capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if check and proc.returncode != 0:
        raise ServeError(f"{Path(cmd[0]).name} {' '.join(cmd[1:3])} failed ({proc.returncode}): {proc.stderr.strip() or proc.stdout.strip()}")
    return proc


def _as_user(owner: pwd.struct_passwd, cmd: list[str], check: bool) -> subprocess.CompletedProcess:
    """Run ``cmd`` as ``owner`` (we are root). setpriv needs no PAM session, which minimal CI
    containers may lack; runuser is the fallback. Either way the environment is reset (PG needs
    nothing from ours) and cwd is / because that user may not be allowed into our folder."""
    if shutil.which("setpriv"):
        prefix = ["setpriv", f"--reuid={owner.pw_uid}", f"--regid={owner.pw_gid}", "--clear-groups", "--reset-env"]
    elif shutil.which("runuser"):
        prefix = ["runuser", "-u", owner.pw_name, "--"]
    else:
        raise ServeError("running as root needs setpriv or runuser (util-linux) to start PostgreSQL as another user")
    return subprocess.run(
        [*prefix, *cmd], cwd="/", capture_output=True, text=True, stdin=subprocess.DEVNULL, check=check,
    )


def os_user() -> pwd.struct_passwd | None:
    """The unprivileged account that owns the cluster when we run as root; None otherwise."""
    if os.geteuid() != 0:
        return None
    name = os.environ.get(ENV_OS_USER)
    candidates = [name] if name else ["postgres", "nobody"]
    for candidate in candidates:
        try:
            entry = pwd.getpwnam(candidate)
        except KeyError:
            continue
        if entry.pw_uid != 0:
            return entry
    raise ServeError(f"running as root and no unprivileged OS user for PostgreSQL: set {ENV_OS_USER}")


def pg_bin(name: str) -> str:
    folder = os.environ.get(ENV_BIN) or DEFAULT_BIN
    path = Path(folder) / name
    if path.is_file():
        return str(path)
    found = shutil.which(name)
    if not found:
        raise ServeError(f"{name} not found in {folder} or on PATH; set {ENV_BIN} to PostgreSQL 15's bin folder")
    return found


def _client_host(listen: str) -> str:
    first = listen.split(",")[0].strip()
    return "127.0.0.1" if first in ("*", "0.0.0.0", "") else ("::1" if first == "::" else first)


def read_state(settings: Settings) -> dict | None:
    try:
        return json.loads(_state_file(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_state(settings: Settings, state: dict) -> None:
    tmp = _state_file(settings).with_suffix(".json.tmp")
    tmp.write_text(json.dumps(state, indent=1), encoding="utf-8")
    os.replace(tmp, _state_file(settings))


def reachable_tempdir(prefix: str) -> Path:
    """A fresh temp folder the cluster's OS user can reach (for tests and benches): pytest's
    and some TMPDIRs sit under a 0700 folder, so fall back to /tmp when a parent is closed."""
    base = Path(tempfile.mkdtemp(prefix=prefix))
    if any(not (p.stat().st_mode & 0o001) for p in base.parents):
        base.rmdir()
        base = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    base.chmod(0o755)
    return base
