"""The OS proxy setting, read through Qt, becomes a proxy URL the api client takes; loopback is never proxied."""

from __future__ import annotations

import pytest
from PySide6.QtNetwork import QNetworkProxy

from unipile_desktop.app.system_proxy import proxy_url, system_proxy_for_dsn, system_proxy_url


def test_an_http_proxy_becomes_a_url_with_its_credentials_escaped() -> None:
    proxy = QNetworkProxy(QNetworkProxy.ProxyType.HttpProxy, "proxy.corp.example", 3128, "ann", "p@ss:word")
    assert proxy_url(proxy) == "http://ann:p%40ss%3Aword@proxy.corp.example:3128"
    assert proxy_url(QNetworkProxy(QNetworkProxy.ProxyType.HttpProxy, "::1", 8080)) == "http://[::1]:8080"
    assert proxy_url(QNetworkProxy(QNetworkProxy.ProxyType.Socks5Proxy, "socks.example", 1080)) is None
    assert proxy_url(QNetworkProxy(QNetworkProxy.ProxyType.NoProxy)) is None


def test_the_system_setting_is_read_for_the_servers_address(no_proxy_env: pytest.MonkeyPatch) -> None:
    monkeypatch = no_proxy_env
    # On Linux Qt's system setting is these variables; on Windows and macOS it is the OS's own settings.
    monkeypatch.setenv("https_proxy", "http://corp-proxy.example:3128")
    monkeypatch.setenv("http_proxy", "http://corp-proxy.example:3128")
    monkeypatch.setenv("no_proxy", "internal.example")
    if system_proxy_url("https://api1.unipile.com:13111/api/v1") is None:
        pytest.skip("this platform's system proxy does not come from the environment")
    assert system_proxy_for_dsn("api1.unipile.com:13111") == "http://corp-proxy.example:3128"
    assert system_proxy_for_dsn("https://x.internal.example") is None
    assert system_proxy_for_dsn("127.0.0.1:8999") is None and system_proxy_for_dsn("localhost:8999") is None
    assert system_proxy_for_dsn("http://not-loopback.example") is None  # invalid: the client says why
