"""HAProxy in front of the workers: its configuration, written from `haproxy.cfg.txt` beside
this file (no download, no outside request), checked by `haproxy -c`, and the command that runs
it in the foreground as a child process.

Stickiness is a cookie HAProxy sets (EXERCISE_WORKER): one browser's page, uploads and
websocket reach one worker, which an address hash cannot promise (a classroom behind one NAT
address would all land on one worker)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from string import Template

from exercise.serving.errors import ServingError

TEMPLATE = Path(__file__).resolve().with_name("haproxy.cfg.txt")
HAPROXY_PLACES = ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy")
_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
_HOST = re.compile(r"^[A-Za-z0-9_.:-]{1,253}$")


@dataclass(frozen=True)
class Backend:
    """One app process the proxy sends browsers to."""

    name: str  # also the value of the EXERCISE_WORKER cookie
    host: str
    port: int

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise ServingError("serving.bad_backend", value=self.name)
        if not _HOST.match(self.host) or not 0 < self.port < 65536:
            raise ServingError("serving.bad_backend", value=f"{self.host}:{self.port}")

    @property
    def address(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


def parse_backend(text: str, index: int) -> Backend:
    """`HOST:PORT` (or `[V6]:PORT`) of an app host, named app1, app2… in order."""
    value = text.strip()
    host, _, port = value.rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit():
        raise ServingError("serving.bad_backend", value=value)
    return Backend(f"app{index}", host, int(port))


def find_haproxy() -> str | None:
    found = shutil.which("haproxy")
    if found:
        return found
    return next((place for place in HAPROXY_PLACES if Path(place).is_file()), None)


def bind_spec(address: str, port: int) -> str:
    if address in ("", "0.0.0.0"):
        return f"0.0.0.0:{port}"
    if address == "::":
        return f":::{port} v4v6"
    if ":" in address:
        return f"ipv6@{address.strip('[]')}:{port}"
    return f"{address}:{port}"


def haproxy_config(address: str, port: int, backends: list[Backend],
                   tls_cert: Path | None = None) -> str:
    """The configuration: listen on `address:port` (HTTPS with `tls_cert`, a PEM file holding
    the certificate chain and its key), share browsers among `backends`."""
    if not backends:
        raise ServingError("serving.bad_workers", most=MAX_WORKERS)
    servers = "\n".join(
        f"    server {b.name} {b.address} check cookie {b.name}" for b in backends
    )
    bind = bind_spec(address, port)
    if tls_cert is not None:
        if not tls_cert.is_file() or any(c.isspace() for c in str(tls_cert)):
            raise ServingError("serving.bad_certificate", path=tls_cert)
        bind += f" ssl crt {tls_cert}"
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        bind=bind, scheme="https" if tls_cert else "http", servers=servers
    )


MAX_WORKERS = 64


def write_config(folder: Path, text: str, haproxy: str) -> Path:
    """Write the configuration to `folder/haproxy.cfg` and have HAProxy check it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "haproxy.cfg"
    path.write_text(text, encoding="utf-8")
    checked = subprocess.run([haproxy, "-c", "-f", str(path)], capture_output=True,
                             text=True, timeout=30, check=False)
    if checked.returncode != 0:
        output = (checked.stderr + checked.stdout).strip().splitlines()
        reason = [line.split(" : ", 1)[-1] for line in output if "ALERT" in line]
        raise ServingError("serving.config_invalid", path=path,
                           reason=" ".join(reason[-3:]) or f"exit {checked.returncode}")
    return path


def proxy_command(haproxy: str, config: Path) -> list[str]:
    """HAProxy in the foreground (-db), so it stays our child and stops with us."""
    return [haproxy, "-db", "-f", str(config)]
