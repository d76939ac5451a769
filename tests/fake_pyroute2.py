"""A stand-in for pyroute2's IPRoute: these kernels have no SocketCAN.

It implements the few IPRoute methods the integration uses on made-up links,
records every call, and fails where a test says, as the kernel would.
"""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING, Any, Self

import pyroute2
from pyroute2.netlink.exceptions import NetlinkError

if TYPE_CHECKING:
    from types import TracebackType

    import pytest

# What the kernel answers a process without CAP_NET_ADMIN (RTM_NEWLINK).
NO_PERMISSION = NetlinkError(errno.EPERM)


class FakeIPRoute:
    """IPRoute on the links given (name: index)."""

    def __init__(
        self,
        links: dict[str, int],
        *,
        fail_open: OSError | None = None,
        fail_set: NetlinkError | None = None,
    ) -> None:
        """fail_open: opening the netlink socket fails; fail_set: each link set."""
        self.links = links
        self.fail_open = fail_open
        self.fail_set = fail_set
        self.calls: list[tuple[Any, ...]] = []
        self.closed = False

    def __call__(self) -> Self:
        """The IPRoute() constructor."""
        if self.fail_open is not None:
            raise self.fail_open
        return self

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.closed = True

    def link_lookup(self, **kwargs: Any) -> list[int]:
        self.calls.append(("link_lookup", kwargs))
        return [self.links[kwargs["ifname"]]] if kwargs["ifname"] in self.links else []

    def link(self, command: str, **kwargs: Any) -> list[object]:
        self.calls.append(("link", command, kwargs))
        if self.fail_set is not None:
            raise self.fail_set
        return []


def install(monkeypatch: pytest.MonkeyPatch, fake: FakeIPRoute) -> FakeIPRoute:
    """Make pyroute2.IPRoute() return the fake."""
    monkeypatch.setattr(pyroute2, "IPRoute", fake)
    return fake


def brought_up(index: int, bitrate: int = 250_000) -> list[tuple[Any, ...]]:
    """The calls `ip link set <name> up type can bitrate <bitrate>` makes."""
    return [
        (
            "link",
            "set",
            {"index": index, "kind": "can", "can_bittiming": {"bitrate": bitrate}},
        ),
        ("link", "set", {"index": index, "state": "up"}),
    ]
