"""`exercise serve --workers N` refuses what cannot work, with a message that says what to do,
before starting anything; the proxy configuration it writes is one HAProxy accepts."""

from __future__ import annotations

import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from exercise.cli import main
from exercise.serving import ServingError
from exercise.serving.proxy import Backend, find_haproxy, haproxy_config, parse_backend, write_config


def _refusal(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["serve", *args]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return captured.err


def test_more_than_one_worker_on_sqlite_is_refused_and_says_how_to_use_postgresql(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EXERCISE_DATABASE_URL", raising=False)
    message = _refusal(capsys, "--workers", "3", "--data-dir", str(tmp_path / "data"))
    assert "--workers 3 needs PostgreSQL" in message
    assert "EXERCISE_DATABASE_URL=postgresql+psycopg://" in message
    assert not (tmp_path / "data" / "serve").exists()  # nothing started, nothing written


def test_an_unreachable_database_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXERCISE_DATABASE_URL", "postgresql+psycopg://someone:secret@127.0.0.1:1/x")
    message = _refusal(capsys, "--workers", "2", "--data-dir", str(tmp_path / "data"))
    assert "127.0.0.1:1/x cannot be used" in message and "secret" not in message


def test_a_wrong_number_of_workers_or_app_host_is_refused_in_chinese_too(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "1 到 64" in _refusal(capsys, "--workers", "0", "--lang", "zh-TW")
    assert "HOST:PORT" in _refusal(capsys, "--proxy-for", "app-host-without-port")


def test_the_proxy_config_makes_pages_sticky_and_lists_every_worker() -> None:
    backends = [Backend("w1", "127.0.0.1", 40001), Backend("w2", "127.0.0.1", 40002),
                parse_backend("[fd00::5]:8501", 3)]
    text = haproxy_config("0.0.0.0", 8501, backends)
    assert "bind 0.0.0.0:8501" in text
    assert "cookie EXERCISE_WORKER insert" in text and "option redispatch" in text
    assert "server w1 127.0.0.1:40001 check cookie w1" in text
    assert "server app3 [fd00::5]:8501 check cookie app3" in text
    assert "/_stcore/health" in text and "timeout tunnel" in text
    assert "${" not in text
    with pytest.raises(ServingError):
        Backend("w1; rm -rf /", "127.0.0.1", 1)


def test_haproxy_accepts_the_config(tmp_path: Path) -> None:
    haproxy = find_haproxy()
    if haproxy is None:
        pytest.skip("haproxy is missing (apt-get install haproxy, or `make system-deps`)")
    backends = [Backend("w1", "127.0.0.1", 40001), Backend("w2", "127.0.0.1", 40002)]
    path = write_config(tmp_path, haproxy_config("127.0.0.1", 18599, backends), haproxy)
    checked = subprocess.run([haproxy, "-c", "-f", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    broken = haproxy_config("127.0.0.1", 18599, backends).replace("balance leastconn", "balance ?")
    with pytest.raises(ServingError) as refused:
        write_config(tmp_path / "broken", broken, haproxy)
    assert refused.value.key == "serving.config_invalid" and refused.value.values["reason"]


def test_https_at_the_proxy_with_a_certificate_haproxy_accepts(tmp_path: Path) -> None:
    haproxy = find_haproxy()
    if haproxy is None or shutil.which("openssl") is None:
        pytest.skip("haproxy or openssl is missing (apt-get install haproxy openssl)")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=exercise.test", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    pem = tmp_path / "exercise.pem"
    pem.write_text(cert.read_text() + key.read_text())
    backends = [Backend("w1", "127.0.0.1", 40001)]
    text = haproxy_config("0.0.0.0", 8443, backends, tls_cert=pem)
    assert f"bind 0.0.0.0:8443 ssl crt {pem}" in text
    assert "X-Forwarded-Proto https" in text
    write_config(tmp_path / "tls", text, haproxy)  # haproxy -c accepts it
    with pytest.raises(ServingError) as refused:
        haproxy_config("0.0.0.0", 8443, backends, tls_cert=tmp_path / "missing.pem")
    assert refused.value.key == "serving.bad_certificate"


def test_a_taken_port_is_refused_before_any_worker_starts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if find_haproxy() is None:
        pytest.skip("haproxy is missing (apt-get install haproxy, or `make system-deps`)")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        message = _refusal(capsys, "--proxy-for", "127.0.0.1:1", "--port", str(port),
                           "--address", "127.0.0.1", "--data-dir", str(tmp_path / "data"))
    assert f"Port {port} on 127.0.0.1 is already in use" in message
