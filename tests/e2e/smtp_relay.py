"""A real SMTP server on loopback for the mail tests: aiosmtpd serving a handler."""
import contextlib
import socket

from aiosmtpd.controller import Controller


def free_port():
    """A port nothing listens on (yet)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(handler, **options):
    """handler served on 127.0.0.1 while the block runs; its port is handler.port.
    options go to aiosmtpd's Controller (authenticator=..., auth_required=...)."""
    c = Controller(handler, hostname="127.0.0.1", port=free_port(), **options)
    c.start()
    handler.port = c.port
    try:
        yield handler
    finally:
        c.stop()
