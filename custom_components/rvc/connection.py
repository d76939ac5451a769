"""From a config entry's settings to the protocol library's bus configuration."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from homeassistant.const import CONF_HOST, CONF_PORT

from .const import (
    CONF_BITRATE,
    CONF_CAPTURE,
    CONF_CHANNEL,
    CONF_INTERFACE,
    CONF_READ_ONLY,
    CONF_REPLAY_MODE,
    CONF_SERIAL_NUMBER,
    DEFAULT_SOCKETCAND_PORT,
    INTERFACE_REPLAY,
    INTERFACE_SIMULATED,
    INTERFACE_SLCAN,
    INTERFACE_SOCKETCAND,
    INTERFACE_VIRTUAL,
    REPLAY_LOOP,
)
from .protocol import RVC_BITRATE, BusConfig
from .protocol.bus import SYS_CLASS_NET
from .protocol.replay import REPLAY_INTERFACE

if TYPE_CHECKING:
    from collections.abc import Mapping

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


def is_read_only(data: Mapping[str, Any], options: Mapping[str, Any]) -> bool:
    """Whether an entry sends nothing: the owner said so, or a capture is its bus."""
    return bool(options.get(CONF_READ_ONLY, False)) or (
        data.get(CONF_INTERFACE) == INTERFACE_REPLAY
    )


def bus_config(
    data: Mapping[str, Any],
    entry_id: str,
    *,
    read_only: bool = False,
    config_dir: str = "",
) -> BusConfig:
    """Build the bus configuration of an entry; read-only opens it silent.

    A capture's path is relative to config_dir, Home Assistant's folder.
    """
    interface = data[CONF_INTERFACE]
    if interface == INTERFACE_SIMULATED:
        # A virtual bus of the entry's own, shared only with its simulated coach.
        return BusConfig(INTERFACE_VIRTUAL, f"rvc-simulated-{entry_id}")
    if interface == INTERFACE_REPLAY:
        return BusConfig(
            REPLAY_INTERFACE,
            str(Path(config_dir, data[CONF_CAPTURE])),
            options={"loop": data.get(CONF_REPLAY_MODE, REPLAY_LOOP) == REPLAY_LOOP},
            listen_only=True,
        )
    options: dict[str, Any] = {}
    if interface == INTERFACE_SOCKETCAND:
        options = {
            "host": data[CONF_HOST],
            "port": data.get(CONF_PORT, DEFAULT_SOCKETCAND_PORT),
        }
    if interface == INTERFACE_SLCAN and (serial := data.get(CONF_SERIAL_NUMBER)):
        options = {"serial_number": serial}
    return BusConfig(
        interface=interface,
        channel=data[CONF_CHANNEL],
        bitrate=data.get(CONF_BITRATE, RVC_BITRATE),
        options=options,
        listen_only=read_only,
    )


def same_serial_adapter(one: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """Whether two entries' settings name the same slcan adapter.

    The same device under two names (/dev/ttyACM0 and its /dev/serial/by-id
    link), or the same USB serial number. Blocking: resolves links.
    """
    if not one.get(CONF_INTERFACE) == other.get(CONF_INTERFACE) == INTERFACE_SLCAN:
        return False
    serial = one.get(CONF_SERIAL_NUMBER)
    if serial is not None and serial == other.get(CONF_SERIAL_NUMBER):
        return True
    return bool(
        os.path.realpath(one[CONF_CHANNEL]) == os.path.realpath(other[CONF_CHANNEL])
    )


def connection_id(data: Mapping[str, Any]) -> str:
    """Identify the bus an entry uses, so that it is configured only once."""
    interface = data[CONF_INTERFACE]
    if interface == INTERFACE_SIMULATED:
        return INTERFACE_SIMULATED
    if interface == INTERFACE_REPLAY:
        return f"{interface}:{data[CONF_CAPTURE]}"
    if interface == INTERFACE_SOCKETCAND:
        port = data.get(CONF_PORT, DEFAULT_SOCKETCAND_PORT)
        return f"{interface}:{data[CONF_HOST]}:{port}:{data[CONF_CHANNEL]}"
    return f"{interface}:{data[CONF_CHANNEL]}"


def connection_title(data: Mapping[str, Any]) -> str:
    """A config entry title that says which bus it is."""
    interface = data[CONF_INTERFACE]
    if interface == INTERFACE_SIMULATED:
        return "Simulated coach"
    if interface == INTERFACE_REPLAY:
        return f"Capture {Path(data[CONF_CAPTURE]).name}"
    if interface == INTERFACE_SOCKETCAND:
        return f"RV-C ({data[CONF_HOST]} {data[CONF_CHANNEL]})"
    return f"RV-C ({data[CONF_CHANNEL]})"
