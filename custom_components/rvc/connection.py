"""From a config entry's settings to the protocol library's bus configuration."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from homeassistant.const import CONF_HOST, CONF_PORT

from .const import (
    CONF_BITRATE,
    CONF_CHANNEL,
    CONF_INTERFACE,
    DEFAULT_SOCKETCAND_PORT,
    INTERFACE_SIMULATED,
    INTERFACE_SOCKETCAND,
    INTERFACE_VIRTUAL,
)
from .protocol import RVC_BITRATE, BusConfig

if TYPE_CHECKING:
    from collections.abc import Mapping

SYS_CLASS_NET: Final = Path("/sys/class/net")
# The Linux hardware type of CAN interfaces (ARPHRD_CAN), in sysfs' "type".
ARPHRD_CAN: Final = "280"


def socketcan_interfaces() -> list[str]:
    """The SocketCAN interfaces on this host (can0, vcan0, ...), sorted.

    Blocking: reads sysfs; run it in the executor.
    """
    root = SYS_CLASS_NET
    names = []
    for interface in root.iterdir() if root.is_dir() else ():
        try:
            kind = (interface / "type").read_text().strip()
        except OSError:
            continue
        if kind == ARPHRD_CAN:
            names.append(interface.name)
    return sorted(names)


def bus_config(
    data: Mapping[str, Any], entry_id: str, *, read_only: bool = False
) -> BusConfig:
    """Build the bus configuration of an entry; read-only opens it silent."""
    interface = data[CONF_INTERFACE]
    if interface == INTERFACE_SIMULATED:
        # A virtual bus of the entry's own, shared only with its simulated coach.
        return BusConfig(INTERFACE_VIRTUAL, f"rvc-simulated-{entry_id}")
    options: dict[str, Any] = {}
    if interface == INTERFACE_SOCKETCAND:
        options = {
            "host": data[CONF_HOST],
            "port": data.get(CONF_PORT, DEFAULT_SOCKETCAND_PORT),
        }
    return BusConfig(
        interface=interface,
        channel=data[CONF_CHANNEL],
        bitrate=data.get(CONF_BITRATE, RVC_BITRATE),
        options=options,
        listen_only=read_only,
    )


def connection_id(data: Mapping[str, Any]) -> str:
    """Identify the bus an entry uses, so that it is configured only once."""
    interface = data[CONF_INTERFACE]
    if interface == INTERFACE_SIMULATED:
        return INTERFACE_SIMULATED
    if interface == INTERFACE_SOCKETCAND:
        port = data.get(CONF_PORT, DEFAULT_SOCKETCAND_PORT)
        return f"{interface}:{data[CONF_HOST]}:{port}:{data[CONF_CHANNEL]}"
    return f"{interface}:{data[CONF_CHANNEL]}"


def connection_title(data: Mapping[str, Any]) -> str:
    """A config entry title that says which bus it is."""
    interface = data[CONF_INTERFACE]
    if interface == INTERFACE_SIMULATED:
        return "Simulated coach"
    if interface == INTERFACE_SOCKETCAND:
        return f"RV-C ({data[CONF_HOST]} {data[CONF_CHANNEL]})"
    return f"RV-C ({data[CONF_CHANNEL]})"
