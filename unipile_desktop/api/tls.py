"""TLS with the operating system's trust store, and a sentence naming the issuer when a certificate is refused.

Corporate networks inspect HTTPS with their own root certificate, which the OS trusts and certifi does not:
``truststore`` verifies with the OS (Keychain on macOS, the certificate store on Windows, the system bundle on
Linux), so the app works where the browser works. When verification fails, ``certificate_issuer`` connects once
more without verifying, sends nothing, reads the certificate the server shows and names its issuer, so the
sentence can say which authority this computer did not trust.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
import ssl
import unicodedata
import urllib.request
from typing import Final
from urllib.parse import unquote, urlsplit

import truststore

from ..texts import translate

log = logging.getLogger(__name__)

PROBE_TIMEOUT: Final = 5.0
_OID_COMMON_NAME: Final = bytes.fromhex("550403")
_OID_ORGANIZATION: Final = bytes.fromhex("55040a")
_STRING_TAGS: Final = {0x0C: "utf-8", 0x13: "ascii", 0x16: "ascii", 0x14: "latin-1", 0x1E: "utf-16-be"}


def ssl_context() -> ssl.SSLContext:
    """A client context that verifies with the operating system's trust store (not certifi, not injected)."""
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def verification_failure(exc: BaseException) -> ssl.SSLCertVerificationError | None:
    """The certificate verification error behind an httpx/httpcore error, if that is what it was."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLCertVerificationError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def certificate_sentence(failure: ssl.SSLCertVerificationError | None, issuer: str | None) -> str:
    """What went wrong with the server's certificate, in words, naming the issuer when it is known."""
    reason = (getattr(failure, "verify_message", None) or str(failure or "")).lower()
    if "expired" in reason:
        if issuer:
            return translate("CertificateCheck", "The server's certificate has expired (issued by {issuer}).").format(
                issuer=issuer
            )
        return translate("CertificateCheck", "The server's certificate has expired.")
    if "hostname mismatch" in reason or "not valid for" in reason:
        if issuer:
            return translate(
                "CertificateCheck",
                "The server's certificate is for another address (issued by {issuer}); check the server address.",
            ).format(issuer=issuer)
        return translate(
            "CertificateCheck", "The server's certificate is for another address; check the server address."
        )
    if issuer:
        return translate(
            "CertificateCheck",
            "The server's certificate was not trusted by this computer (issued by {issuer}). On a company network, "
            "ask IT to install its root certificate in the system's certificate store.",
        ).format(issuer=issuer)
    return translate(
        "CertificateCheck",
        "The server's certificate was not trusted by this computer. On a company network, ask IT to install "
        "its root certificate in the system's certificate store.",
    )


def environment_proxy_set(url: str) -> bool:
    """Whether a proxy variable of the environment (HTTPS_PROXY, ALL_PROXY…) speaks for ``url``'s scheme."""
    proxies = urllib.request.getproxies()
    return bool(proxies.get(urlsplit(url).scheme) or proxies.get("all"))


def proxy_for(url: str, explicit: str | None) -> str | None:
    """The proxy a request to ``url`` goes through: the environment's (as httpx reads it), else ``explicit``."""
    parts = urlsplit(url)
    proxies = urllib.request.getproxies()
    env = proxies.get(parts.scheme) or proxies.get("all")
    if env:
        host = parts.hostname or ""
        if _bypassed(host.lower(), proxies.get("no", "")):
            return None
        return env if "://" in env else f"http://{env}"
    return explicit


def _bypassed(host: str, no_proxy: str) -> bool:
    """NO_PROXY as curl reads it: ``*``, a host, or a domain (with or without its leading dot)."""
    for entry in (e.strip().lower().lstrip(".") for e in no_proxy.split(",")):
        if entry == "*" or (entry and (host == entry or host.endswith("." + entry))):
            return True
    return False


async def certificate_issuer(host: str, port: int, proxy: str | None, *, timeout: float = PROBE_TIMEOUT) -> str | None:
    """The issuer (common name, organisation) of the certificate ``host`` shows; None when it cannot be read.

    Only a TLS handshake: no request is sent, so no key. Through an http proxy, with a CONNECT as httpx does.
    """
    try:
        async with asyncio.timeout(timeout):
            der = await _peer_certificate(host, port, proxy)
    except (OSError, TimeoutError, ssl.SSLError, ValueError, EOFError, asyncio.IncompleteReadError) as exc:
        log.info("could not read the certificate of %s:%d: %r", host, port, exc)
        return None
    return issuer_of(der) if der else None


async def _peer_certificate(host: str, port: int, proxy: str | None) -> bytes | None:
    unverified = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    unverified.check_hostname = False
    unverified.verify_mode = ssl.CERT_NONE
    if proxy is None:
        reader, writer = await asyncio.open_connection(host, port, ssl=unverified, server_hostname=host)
    else:
        p = urlsplit(proxy)
        if p.scheme != "http" or not p.hostname:
            return None
        reader, writer = await asyncio.open_connection(p.hostname, p.port or 80)
        target = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        lines = [f"CONNECT {target} HTTP/1.1", f"Host: {target}"]
        if p.username:
            token = base64.b64encode(f"{unquote(p.username)}:{unquote(p.password or '')}".encode()).decode()
            lines.append(f"Proxy-Authorization: Basic {token}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        head = await reader.readuntil(b"\r\n\r\n")
        if head.split(b" ", 2)[1:2] != [b"200"]:
            writer.close()
            return None
        await writer.start_tls(unverified, server_hostname=host)
    try:
        ssl_object = writer.get_extra_info("ssl_object")
        return ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()


def issuer_of(der: bytes) -> str | None:
    """``“Corp Inspection CA” (Example Corp)`` from a DER certificate's issuer; None when it is unreadable."""
    try:
        _, start, _ = _tlv(der, 0)  # Certificate
        _, pos, _ = _tlv(der, start)  # TBSCertificate
        tag, _, end = _tlv(der, pos)
        if tag == 0xA0:  # [0] version
            pos = end
        for _ in range(2):  # serialNumber, signature algorithm
            _, _, pos = _tlv(der, pos)
        tag, pos, name_end = _tlv(der, pos)  # issuer Name
        found: dict[bytes, str] = {}
        while pos < name_end:
            _, set_start, set_end = _tlv(der, pos)  # RelativeDistinguishedName (SET)
            inner = set_start
            while inner < set_end:
                _, attr_start, attr_end = _tlv(der, inner)
                _, oid_start, oid_end = _tlv(der, attr_start)
                value_tag, value_start, value_end = _tlv(der, oid_end)
                encoding = _STRING_TAGS.get(value_tag)
                if encoding is not None:
                    found.setdefault(der[oid_start:oid_end], der[value_start:value_end].decode(encoding, "replace"))
                inner = attr_end
            pos = set_end
    except (IndexError, ValueError):
        return None
    name, org = _clean(found.get(_OID_COMMON_NAME)), _clean(found.get(_OID_ORGANIZATION))
    if name and org and org not in name:
        return f"“{name}”, {org}"
    if name or org:
        return f"“{name or org}”"
    return None


def _tlv(data: bytes, pos: int) -> tuple[int, int, int]:
    """(tag, start of value, end of value) of the DER element at ``pos``."""
    tag, length = data[pos], data[pos + 1]
    pos += 2
    if length & 0x80:
        count = length & 0x7F
        if count == 0 or count > 4:
            raise ValueError("unsupported length")
        length = int.from_bytes(data[pos : pos + count], "big")
        pos += count
    if pos + length > len(data):
        raise ValueError("truncated")
    return tag, pos, pos + length


def _clean(text: str | None) -> str:
    """A name from a certificate, as plain text: no control, format or bidi characters, at most 80 characters."""
    if not text:
        return ""
    kept = "".join(ch for ch in text if unicodedata.category(ch) not in {"Cc", "Cf", "Zl", "Zp"})
    kept = " ".join(kept.split())
    return kept if len(kept) <= 80 else kept[:79] + "…"
