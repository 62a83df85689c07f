"""The operating system's proxy for the server's address, read through Qt, as a proxy URL the api client takes.

Qt knows the system setting where the platform exposes it: the Windows Internet settings (including a PAC script
or automatic detection), the macOS network preferences (PAC too), and on Linux the ``http_proxy``/``https_proxy``
variables. The api layer stays Qt-free: it only receives ``http://host:port``. Environment variables still come
first there, so this matters on Windows and macOS, where nobody sets them.
"""

from __future__ import annotations

import logging
from urllib.parse import quote, urlsplit

from PySide6.QtCore import QUrl
from PySide6.QtNetwork import QNetworkProxy, QNetworkProxyFactory, QNetworkProxyQuery

from ..api import InvalidDsnError, base_url_from_dsn
from ..api.limits import is_loopback

log = logging.getLogger(__name__)


def system_proxy_for_dsn(dsn: str) -> str | None:
    """``system_proxy_url`` for the server a DSN names; None for an invalid DSN (the client says why)."""
    try:
        return system_proxy_url(base_url_from_dsn(dsn))
    except InvalidDsnError:
        return None


def system_proxy_url(base_url: str) -> str | None:
    """``http://proxy:3128`` when the system sends ``base_url`` through an HTTP proxy; None for a direct connection.

    Loopback is never proxied. A SOCKS proxy is not used (httpx would need an extra package): the connection is
    tried directly and the log says so. Asking may evaluate a PAC script, so this is called once per connection.
    """
    host = urlsplit(base_url).hostname or ""
    if not host or is_loopback(host):
        return None
    try:
        proxies = QNetworkProxyFactory.systemProxyForQuery(QNetworkProxyQuery(QUrl(base_url)))
    except Exception:  # a broken system setting must not stop the app: connect directly
        log.exception("could not read the system proxy setting")
        return None
    for proxy in proxies:
        kind = proxy.type()
        if kind == QNetworkProxy.ProxyType.NoProxy:
            return None
        url = proxy_url(proxy)
        if url is not None:
            return url
        log.info("the system proxy for %s is of type %s, which the app cannot use; connecting directly", host, kind)
    return None


def proxy_url(proxy: QNetworkProxy) -> str | None:
    """An HTTP proxy as ``http://[user:password@]host:port``; None for any other kind."""
    if proxy.type() != QNetworkProxy.ProxyType.HttpProxy or not proxy.hostName():
        return None
    host = proxy.hostName()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address
    credentials = ""
    if proxy.user():
        credentials = quote(proxy.user(), safe="")
        if proxy.password():
            credentials += ":" + quote(proxy.password(), safe="")
        credentials += "@"
    return f"http://{credentials}{host}:{proxy.port() or 8080}"
