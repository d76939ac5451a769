"""A down SocketCAN interface is brought up over netlink, or the owner is told how.

pyroute2's IPRoute is replaced by tests/fake_pyroute2.py: these kernels have
no SocketCAN, and bringing a real interface up needs CAP_NET_ADMIN.
"""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

from pyroute2.netlink.exceptions import NetlinkError
import pytest

from custom_components.rvc.protocol import (
    BusConfig,
    InterfaceDownError,
    bus as bus_module,
)

from ..fake_pyroute2 import NO_PERMISSION, FakeIPRoute, brought_up, install

if TYPE_CHECKING:
    from pathlib import Path

CONFIG = BusConfig("socketcan", "can0")


@pytest.fixture(autouse=True)
def sysfs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path stands in for /sys/class/net, with can0 down."""
    monkeypatch.setattr(bus_module, "SYS_CLASS_NET", tmp_path)
    (tmp_path / "can0").mkdir()
    (tmp_path / "can0" / "operstate").write_text("down\n")
    return tmp_path


def test_a_down_interface_is_brought_up_at_250_kbit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = install(monkeypatch, FakeIPRoute({"can0": 7}))
    bus_module.ensure_up(CONFIG)
    # The bitrate first (the kernel refuses it on an interface that is up).
    assert fake.calls == [("link_lookup", {"ifname": "can0"}), *brought_up(7)]
    assert fake.closed


def test_an_interface_that_is_up_is_left_alone(
    sysfs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = install(monkeypatch, FakeIPRoute({"can0": 7}))
    for state in ("up", "unknown"):  # vcan shows "unknown"
        (sysfs / "can0" / "operstate").write_text(f"{state}\n")
        bus_module.ensure_up(CONFIG)
    assert fake.calls == []


@pytest.mark.parametrize(
    "fake",
    [
        # Home Assistant without CAP_NET_ADMIN (a container without --cap-add).
        FakeIPRoute({"can0": 7}, fail_set=NO_PERMISSION),
        FakeIPRoute({"can0": 7}, fail_set=NetlinkError(errno.EACCES)),
        # The netlink socket itself refused (a sandbox).
        FakeIPRoute({"can0": 7}, fail_open=PermissionError(errno.EACCES, "denied")),
        # Gone between sysfs and netlink (the adapter was unplugged).
        FakeIPRoute({}),
        # Not a CAN controller whose bitrate can be set.
        FakeIPRoute({"can0": 7}, fail_set=NetlinkError(errno.EOPNOTSUPP)),
    ],
    ids=["eperm", "eacces", "socket_refused", "missing", "not_can"],
)
def test_when_it_cannot_the_error_says_what_to_run(
    monkeypatch: pytest.MonkeyPatch, fake: FakeIPRoute
) -> None:
    install(monkeypatch, fake)
    with pytest.raises(InterfaceDownError) as caught:
        bus_module.ensure_up(CONFIG)
    assert caught.value.reason == "interface_down"
    assert caught.value.command == "ip link set can0 up type can bitrate 250000"
    # Nothing after a refused step: the interface is never left half set.
    assert ("link", "set", {"index": 7, "state": "up"}) not in fake.calls
