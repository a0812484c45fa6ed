"""SIGTERM: stop accepting, finish the request in flight, exit 0."""
import json
import signal
import socket
import time
from urllib.parse import urlparse

from conftest import Server


def test_sigterm_finishes_request_in_flight(tmp_path):
    s = Server(tmp_path, "shutdown")
    s.cli("init")
    s.add_user("admin", "admin")
    s.start()
    token = s.token("admin")
    u = urlparse(s.url)
    body = json.dumps({"name": "在途客户"}).encode()
    sock = socket.create_connection((u.hostname, u.port), timeout=20)
    sock.sendall(b"POST /api/v1/customers HTTP/1.1\r\nHost: x\r\n"
                 b"Authorization: Bearer " + token.encode() + b"\r\n"
                 b"Content-Type: application/json\r\nContent-Length: "
                 + str(len(body)).encode() + b"\r\n\r\n" + body[:5])
    time.sleep(0.3)
    s.proc.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    assert s.proc.poll() is None, "exited with a request in flight"
    # new connections are refused once quiesced
    refused = False
    try:
        socket.create_connection((u.hostname, u.port), timeout=2).close()
    except OSError:
        refused = True
    assert refused
    sock.sendall(body[5:])
    reply = b""
    while b"\r\n\r\n" not in reply:
        chunk = sock.recv(4096)
        if not chunk:
            break
        reply += chunk
    sock.close()
    assert reply.startswith(b"HTTP/1.1 201"), reply
    assert s.proc.wait(timeout=20) == 0
    s.stop()
    assert "SIGTERM received" in s.log and "stopped" in s.log
    assert "在途客户" in s.cli("customer", "list").stdout
