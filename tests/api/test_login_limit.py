"""The login rate limit counts per account and address and per account, with delays that
grow, never per address alone; X-Forwarded-For counts only from a trusted proxy."""
import http.client
import json
import time
from urllib.parse import urlparse

import pytest

from conftest import PASSWORD, Client, Server, assert_error


@pytest.fixture
def proxied(tmp_path):
    """A server behind a trusted proxy at 127.0.0.1 (the tests play the proxy)."""
    s = Server(tmp_path, "proxied")
    s.cli("init")
    s.add_user("victim", "sales")
    s.add_user("bystander", "sales")
    s.start("--trusted-proxy", "127.0.0.1")
    yield s
    s.stop()


def login_from(server, xff, login, password):
    return Client(server.url).s.post(server.url + "/api/v1/login",
                                     json={"login": login, "password": password},
                                     headers={"X-Forwarded-For": xff}, timeout=30)


def test_unknown_names_do_not_lock_out_an_address(server):
    server.add_user("rep", "sales")
    c = Client(server.url)
    for i in range(8):
        assert_error(c.login(f"nosuchuser{i}", "guess guess"), 401)
    for i in range(6):
        assert_error(c.login("nosuchuser", "guess guess"), 429 if i == 5 else 401)
    # every real account still logs in from the same address
    assert c.login("rep").status_code == 200
    assert Client(server.url).login("admin").status_code == 200


def test_delays_grow_per_account_and_address(proxied):
    for _ in range(5):
        assert_error(login_from(proxied, "198.51.100.1", "victim", "guess guess"), 401)
    r = login_from(proxied, "198.51.100.1", "victim", PASSWORD)
    assert_error(r, 429, "rate_limited", "login")
    first = int(r.headers["Retry-After"])
    assert 1 <= first <= 5
    # the same account from another address, and another account from this one, go on
    assert login_from(proxied, "198.51.100.2", "victim", PASSWORD).status_code == 200
    assert login_from(proxied, "198.51.100.1", "bystander", PASSWORD).status_code == 200
    # after the wait one more failure doubles the delay
    time.sleep(first + 0.5)
    assert_error(login_from(proxied, "198.51.100.1", "victim", "guess guess"), 401)
    r = login_from(proxied, "198.51.100.1", "victim", PASSWORD)
    assert_error(r, 429)
    assert first < int(r.headers["Retry-After"]) <= 10


def test_one_account_from_many_addresses_is_limited(proxied):
    # an attacker spreading guesses over addresses meets the per-account limit
    statuses = [login_from(proxied, f"203.0.113.{i}", "victim", "guess guess").status_code
                for i in range(1, 23)]
    assert statuses[:20] == [401] * 20 and 429 in statuses[20:], statuses
    r = login_from(proxied, "203.0.113.200", "victim", PASSWORD)
    assert_error(r, 429, "rate_limited")
    assert int(r.headers["Retry-After"]) >= 1
    # other accounts are not touched
    assert login_from(proxied, "203.0.113.1", "bystander", PASSWORD).status_code == 200


def test_forwarded_for_is_believed_only_from_a_trusted_proxy(server, proxied):
    server.add_user("victim", "sales")
    # no --trusted-proxy: the header is ignored, every guess is from 127.0.0.1
    for i in range(5):
        assert_error(login_from(server, f"198.51.100.{i}", "victim", "guess guess"), 401)
    assert_error(login_from(server, "198.51.100.99", "victim", PASSWORD), 429)
    # behind the proxy a client cannot escape by writing its own hops on the left
    for i in range(5):
        assert_error(login_from(proxied, f"10.9.9.{i}, 198.51.100.7", "victim",
                                "guess guess"), 401)
    assert_error(login_from(proxied, "10.9.9.99, 198.51.100.7", "victim", PASSWORD), 429)
    # and two headers are read as one list, rightmost last
    u = urlparse(proxied.url)
    con = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    body = json.dumps({"login": "victim", "password": PASSWORD})
    con.putrequest("POST", "/api/v1/login")
    con.putheader("Content-Type", "application/json")
    con.putheader("Content-Length", str(len(body)))
    con.putheader("X-Forwarded-For", "198.51.100.8")
    con.putheader("X-Forwarded-For", "198.51.100.7")
    con.endheaders(body.encode())
    assert con.getresponse().status == 429
    con.close()


def test_trusted_proxy_option_and_environment(tmp_path, monkeypatch):
    s = Server(tmp_path, "badproxy")
    s.cli("init")
    bad = s.cli("serve", "--port", "0", "--trusted-proxy", "127.0.0.1,proxy.example", ok=False)
    assert bad.returncode == 1 and "trusted-proxy" in bad.stderr and "proxy.example" in bad.stderr
    s.add_user("victim", "sales")
    monkeypatch.setenv("KEHU_TRUSTED_PROXY", "::1, 127.0.0.1")
    s.start()
    try:
        for _ in range(5):
            assert_error(login_from(s, "198.51.100.1", "victim", "guess guess"), 401)
        assert login_from(s, "198.51.100.2", "victim", PASSWORD).status_code == 200
    finally:
        s.stop()
