"""Open N event streams (GET /api/v1/events) and hold them: each reads its first
`todos` event, then the process prints "open N" and keeps every socket open until
stdin closes. usage: python3 bench/sse_clients.py URL TOKEN N"""
import socket
import sys

url, token, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
host, port = url.split("//")[1].split(":")
socks = []
for i in range(n):
    s = socket.create_connection((host, int(port)), timeout=60)
    s.sendall(f"GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
              "Accept: text/event-stream\r\n\r\n".encode())
    got = b""
    while b"event: todos" not in got:
        data = s.recv(65536)
        if not data:
            sys.exit(f"stream {i} closed: {got[:200]!r}")
        got += data
    socks.append(s)
print(f"open {len(socks)}", flush=True)
sys.stdin.read()
