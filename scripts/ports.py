"""A free loopback port, for the servers the bench, the audit and the tests start."""

import socket


def free_port():
    """A loopback TCP port nothing listens on (for a server started right after)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
