"""From a config entry's settings to the protocol library's bus configuration."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.const import CONF_HOST, CONF_PORT

from .const import (
    CONF_BITRATE,
    CONF_CHANNEL,
    CONF_INTERFACE,
    DEFAULT_SOCKETCAND_PORT,
    INTERFACE_SOCKETCAND,
)
from .protocol import RVC_BITRATE, BusConfig

if TYPE_CHECKING:
    from collections.abc import Mapping


def bus_config(data: Mapping[str, Any]) -> BusConfig:
    """Build the bus configuration of an entry."""
    interface = data[CONF_INTERFACE]
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
    )


def connection_id(data: Mapping[str, Any]) -> str:
    """Identify the bus an entry uses, so that it is configured only once."""
    parts = [data[CONF_INTERFACE], data[CONF_CHANNEL]]
    if data[CONF_INTERFACE] == INTERFACE_SOCKETCAND:
        parts[1:1] = [
            data[CONF_HOST],
            str(data.get(CONF_PORT, DEFAULT_SOCKETCAND_PORT)),
        ]
    return ":".join(parts)
