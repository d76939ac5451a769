"""Constants of the RV-C integration."""

from typing import Final

DOMAIN: Final = "rvc"

CONF_INTERFACE: Final = "interface"
CONF_CHANNEL: Final = "channel"
CONF_BITRATE: Final = "bitrate"
CONF_READ_ONLY: Final = "read_only"

INTERFACE_SOCKETCAN: Final = "socketcan"
INTERFACE_SLCAN: Final = "slcan"
INTERFACE_SOCKETCAND: Final = "socketcand"
INTERFACE_VIRTUAL: Final = "virtual"
INTERFACES: Final = (
    INTERFACE_SOCKETCAN,
    INTERFACE_SLCAN,
    INTERFACE_SOCKETCAND,
    INTERFACE_VIRTUAL,
)

DEFAULT_CHANNEL: Final = "can0"
DEFAULT_SOCKETCAND_PORT: Final = 29536
