"""Controllers that behave differently from RV-C, and who makes them.

Owners and bridge authors report controllers that do not do what RV-C says:
some stop reporting a dimmer channel once it is off, some take every field of
THERMOSTAT_COMMAND_1 literally ("no change" included), some ignore
WATERHEATER_COMMAND. Each is a behaviour the integration can adapt to. It is
picked by who made the node that reports the instance (its
PRODUCT_IDENTIFICATION make, or its J1939 NAME's manufacturer code); the owner
can force it on or off in the options.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from .const import (
    BEHAVIOUR_AUTO,
    BEHAVIOUR_ON,
    CONF_FULL_THERMOSTAT_COMMAND,
    CONF_SILENT_OFF_DIMMERS,
    CONF_WATER_HEATER_VIA_LOADS,
)

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from .nodes import NodeInfo

BEHAVIOURS: Final = (
    CONF_SILENT_OFF_DIMMERS,
    CONF_FULL_THERMOSTAT_COMMAND,
    CONF_WATER_HEATER_VIA_LOADS,
)


@dataclass(frozen=True, slots=True)
class Manufacturer:
    """A maker whose controllers behave differently, and how."""

    make: str
    """A word of the make in its PRODUCT_IDENTIFICATION (any case)."""
    codes: frozenset[int]
    """Its J1939 manufacturer codes (RV-C 3.3.2, table 7.1)."""
    behaviours: frozenset[str]


# Reported by owners and bridge authors, not verified on every model: the
# owner's options override. Neither Firefly nor Spyder is in RV-C table 7.1,
# and no SAE code of theirs is confirmed yet: they are known by their make.
MANUFACTURERS: Final = (Manufacturer("firefly", frozenset(), frozenset(BEHAVIOURS)),)


def manufacturer_code(name: int) -> int:
    """The 11-bit manufacturer code of a J1939 NAME (RV-C 3.3.2: bits 21-31)."""
    return (name >> 21) & 0x7FF


def node_behaviours(node: NodeInfo) -> frozenset[str]:
    """What the node's maker is known to do differently."""
    make = (node.make or "").lower()
    code = None if node.j1939_name is None else manufacturer_code(node.j1939_name)
    for maker in MANUFACTURERS:
        if (make and maker.make in make) or code in maker.codes:
            return maker.behaviours
    return frozenset()


def behaves(options: Mapping[str, Any], node: NodeInfo | None, behaviour: str) -> bool:
    """Whether to adapt to a behaviour: the owner's setting, or the node's maker."""
    setting = options.get(behaviour, BEHAVIOUR_AUTO)
    if setting != BEHAVIOUR_AUTO:
        return bool(setting == BEHAVIOUR_ON)
    return node is not None and behaviour in node_behaviours(node)
