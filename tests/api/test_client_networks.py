"""Networks agents sit behind: the key never travels in clear, proxies as configured, certificates the OS trusts.

Issue 16, finding 7 and "Networks agents actually sit behind". A fake proxy on loopback records what reaches it.
"""

from __future__ import annotations

import asyncio
import shutil
import ssl
import subprocess
from pathlib import Path

import httpx
import pytest
import truststore

from unipile_desktop.api import InvalidDsnError, NetworkError, UnipileClient, base_url_from_dsn
from unipile_desktop.api.check import ConnectionProblem, check_connection
from unipile_desktop.api.limits import is_loopback
from unipile_desktop.api.tls import issuer_of, ssl_context

from .raw_server import RawServer, answer

KEY = "sk_network_key"
PAGE = b'{"object":"ChatList","items":[],"cursor":null}'


async def _refuse(head: bytes, writer: asyncio.StreamWriter) -> None:
    writer.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    await writer.drain()


@pytest.mark.asyncio
async def test_a_proxy_in_the_environment_never_sees_loopback_requests(no_proxy_env: pytest.MonkeyPatch) -> None:
    async with RawServer(_refuse) as proxy, RawServer(answer(PAGE)) as server:
        for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
            no_proxy_env.setenv(name, f"http://127.0.0.1:{proxy.port}")
        for dsn in (server.dsn, f"http://localhost:{server.port}"):
            async with UnipileClient(dsn, KEY) as client:
                await client.list_chats()
        async with UnipileClient(server.dsn, KEY, proxy=f"http://127.0.0.1:{proxy.port}") as client:
            await client.list_chats()  # nor does the system's proxy
    assert proxy.connections == 0 and proxy.requests == []  # the old client sent X-API-KEY to the proxy in clear
    assert len(server.requests) == 3 and all(KEY.encode() in head for head in server.requests)


@pytest.mark.parametrize(
    "dsn",
    [
        "http://127.0.0.1.attacker.example:8080",
        "http://127.evil.example",
        "http://localhost.evil",
    ],
)
def test_plain_http_to_a_name_that_only_looks_local_is_refused_before_any_request(dsn: str) -> None:
    sent: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda r: sent.append(r) or httpx.Response(200, content=PAGE))
    with pytest.raises(InvalidDsnError) as info:
        UnipileClient(dsn, KEY, transport=transport)
    assert sent == []
    assert str(info.value) == (
        "Plain http is only allowed for this computer (localhost, 127.0.0.1): elsewhere it would send the API key "
        "unencrypted. Use https."
    )


def test_a_bare_name_that_only_looks_local_gets_https() -> None:
    assert base_url_from_dsn("127.0.0.1.nip.io:8080") == "https://127.0.0.1.nip.io:8080/api/v1"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost", "LOCALHOST"])
def test_loopback_addresses_are_loopback(host: str) -> None:
    assert is_loopback(host)
    assert base_url_from_dsn(f"http://{host}:8999" if not host.startswith(":") else f"http://[{host}]:8999")


def test_the_client_verifies_with_the_operating_systems_trust_store() -> None:
    assert isinstance(ssl_context(), truststore.SSLContext)
    assert ssl_context().verify_mode == ssl.CERT_REQUIRED and ssl_context().check_hostname


@pytest.mark.asyncio
async def test_the_system_proxy_is_used_for_https_when_the_environment_names_none(
    no_proxy_env: pytest.MonkeyPatch,
) -> None:
    async with RawServer(_refuse) as system_proxy, RawServer(_refuse) as env_proxy:
        async with UnipileClient(
            "https://api9.example.test:13111", KEY, proxy=f"http://127.0.0.1:{system_proxy.port}"
        ) as c:
            with pytest.raises(NetworkError):
                await c.list_chats()
        no_proxy_env.setenv("HTTPS_PROXY", f"http://127.0.0.1:{env_proxy.port}")
        async with UnipileClient(
            "https://api9.example.test:13111", KEY, proxy=f"http://127.0.0.1:{system_proxy.port}"
        ) as c:
            with pytest.raises(NetworkError):
                await c.list_chats()
    # Through a proxy, https is a CONNECT tunnel: the proxy sees the host, never the key.
    assert [head.split(b"\r\n")[0] for head in system_proxy.requests] == [b"CONNECT api9.example.test:13111 HTTP/1.1"]
    assert [head.split(b"\r\n")[0] for head in env_proxy.requests] == [b"CONNECT api9.example.test:13111 HTTP/1.1"]
    assert not any(KEY.encode() in head for head in system_proxy.requests + env_proxy.requests)


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        + ["-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=Corp Inspection CA/O=Example Corp"]
        + ["-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )
    return key, cert


@pytest.mark.asyncio
async def test_an_untrusted_certificate_names_its_issuer(tmp_path: Path) -> None:
    key, cert = _self_signed(tmp_path)
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    received: list[bytes] = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            received.append(await reader.read(1000))
        except (ConnectionError, ssl.SSLError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0, ssl=server_context)
    port = server.sockets[0].getsockname()[1]
    try:
        async with UnipileClient(f"https://127.0.0.1:{port}", KEY) as client:
            with pytest.raises(NetworkError) as info:
                await client.list_chats()
        with pytest.raises(Exception) as checked:
            await check_connection(f"https://127.0.0.1:{port}", KEY)
    finally:
        server.close()
        await server.wait_closed()
    assert info.value.kind == "tls" and info.value.may_have_reached_server is False
    assert info.value.user_message().startswith(
        "The server's certificate was not trusted by this computer (issued by “Corp Inspection CA”, Example Corp)."
    )
    assert getattr(checked.value, "problem", None) is ConnectionProblem.TLS
    assert not any(KEY.encode() in data for data in received)


def test_issuer_of_reads_a_certificate_and_survives_garbage(tmp_path: Path) -> None:
    _, cert = _self_signed(tmp_path)
    der = ssl.PEM_cert_to_DER_cert(cert.read_text())
    assert issuer_of(der) == "“Corp Inspection CA”, Example Corp"
    assert issuer_of(der[:40]) is None and issuer_of(b"") is None and issuer_of(b"\x30\x84\xff\xff\xff\xff") is None
