"""Ports for servers a test starts: several suites run at once on the shared machines."""
import socket


def free_port() -> int:
    """A TCP port nobody listens on now (the kernel's choice; a small race remains)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
