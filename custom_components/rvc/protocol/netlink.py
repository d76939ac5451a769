"""Bring a down SocketCAN interface up at the RV-C bitrate, over netlink.

Home Assistant OS has no terminal for `ip link`; where Home Assistant holds
CAP_NET_ADMIN it can do the same itself. Blocking: run it in an executor.
"""

from __future__ import annotations

import logging

_LOGGER = logging.getLogger(__name__)


def bring_up(channel: str, bitrate: int) -> str | None:
    """Set the CAN bitrate and bring the interface up; why not when it cannot.

    Returns None when the interface is up, otherwise the reason (no permission,
    no such interface, a refused bitrate), for the log.
    """
    # Imported here: only SocketCAN buses that are down need netlink.
    from pyroute2 import IPRoute  # type: ignore[import-untyped]  # noqa: PLC0415
    from pyroute2.netlink.exceptions import (  # type: ignore[import-untyped]  # noqa: PLC0415
        NetlinkError,
    )

    try:
        with IPRoute() as ipr:
            if not (indices := ipr.link_lookup(ifname=channel)):
                return f"there is no interface {channel}"
            index = indices[0]
            # As `ip link set <channel> up type can bitrate <bitrate>`: the
            # bitrate can only change while the interface is down.
            ipr.link("set", index=index, kind="can", can_bittiming={"bitrate": bitrate})
            ipr.link("set", index=index, state="up")
    # EPERM/EACCES without CAP_NET_ADMIN, ENODEV, EOPNOTSUPP (not a CAN
    # interface), EINVAL (a bitrate the controller cannot do): the owner must.
    except (NetlinkError, OSError) as err:
        return str(err)
    _LOGGER.info("Brought the CAN interface %s up at %s bit/s", channel, bitrate)
    return None
