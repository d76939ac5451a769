"""Constants of the RV-C integration."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# Instance families (protocol/instances.py): each decoded status goes to the
# entities of its (family, instance) only.
from .protocol.instances import (  # re-exported for the platforms
    FAMILY_AC_LOAD as FAMILY_AC_LOAD,  # noqa: PLC0414
    FAMILY_CHASSIS as FAMILY_CHASSIS,  # noqa: PLC0414
    FAMILY_DC_DIMMER as FAMILY_DC_DIMMER,  # noqa: PLC0414
    FAMILY_DC_LOAD as FAMILY_DC_LOAD,  # noqa: PLC0414
    FAMILY_DOOR as FAMILY_DOOR,  # noqa: PLC0414
    FAMILY_NODE_FAULTS as FAMILY_NODE_FAULTS,  # noqa: PLC0414
    MAX_INSTANCES as MAX_INSTANCES,  # noqa: PLC0414
)

DOMAIN: Final = "rvc"

# Entry data: where the bus is.
CONF_INTERFACE: Final = "interface"
CONF_CHANNEL: Final = "channel"
CONF_BITRATE: Final = "bitrate"
# The USB serial number of an slcan adapter: finds it again under a new name.
CONF_SERIAL_NUMBER: Final = "serial_number"
# A capture played as the bus: its path (under the configuration folder) and
# whether it starts again at its end.
CONF_CAPTURE: Final = "capture"
CONF_REPLAY_MODE: Final = "mode"
REPLAY_LOOP: Final = "loop"
REPLAY_ONCE: Final = "once"
REPLAY_MODES: Final = (REPLAY_LOOP, REPLAY_ONCE)

INTERFACE_SOCKETCAN: Final = "socketcan"
INTERFACE_SLCAN: Final = "slcan"
INTERFACE_SOCKETCAND: Final = "socketcand"
INTERFACE_SIMULATED: Final = "simulated"
"""The built-in simulated coach, on a virtual bus inside Home Assistant."""
INTERFACE_REPLAY: Final = "replay"
"""A capture file played as the bus: read-only by nature."""
INTERFACE_VIRTUAL: Final = "virtual"
"""python-can's in-process bus: what the simulated coach and the tests use."""
INTERFACE_UDP_MULTICAST: Final = "udp_multicast"
"""python-can's bus between processes: what the benchmarks use."""
CONNECTION_TYPES: Final = (
    INTERFACE_SOCKETCAN,
    INTERFACE_SLCAN,
    INTERFACE_SOCKETCAND,
    INTERFACE_SIMULATED,
    INTERFACE_REPLAY,
)

DEFAULT_CHANNEL: Final = "can0"
DEFAULT_SERIAL_PORT: Final = "/dev/ttyACM0"
DEFAULT_SOCKETCAND_PORT: Final = 29536

# Entry options: how to behave on it.
CONF_READ_ONLY: Final = "read_only"
CONF_AVAILABILITY_TIMEOUT: Final = "availability_timeout"
CONF_LOADS: Final = "loads"
CONF_LOAD: Final = "load"
CONF_LOAD_TYPE: Final = "type"
CONF_LOAD_NAME: Final = "name"
CONF_LOAD_AREA: Final = "area"
CONF_PROFILE: Final = "profile"
CONF_ALLOW_MOTION: Final = "allow_motion_control"
"""Awnings and slide-outs become covers only when the owner turns this on."""
CONF_ALLOW_GENERATOR: Final = "allow_generator_control"
"""The generator gets a start/stop switch only when the owner turns this on."""
CONF_NO_CHASSIS: Final = "no_chassis_node"
"""The coach has no chassis node (a trailer): motion need not wait to hear it."""

LOAD_TYPE_LIGHT: Final = "light"
LOAD_TYPE_SWITCH: Final = "switch"
LOAD_TYPE_FAN: Final = "fan"
LOAD_TYPE_HIDDEN: Final = "hidden"
LOAD_TYPES: Final = (LOAD_TYPE_LIGHT, LOAD_TYPE_SWITCH, LOAD_TYPE_FAN, LOAD_TYPE_HIDDEN)


@dataclass(frozen=True, slots=True)
class LoadFamily:
    """How the channels of one load family report and are commanded.

    Every family here becomes lights, switches, fans or nothing as the
    owner's options (or the bus) say, through the same code.
    """

    status_dgn: str
    level_field: str
    """The status field carrying the level in percent."""
    command_dgn: str
    variable_field: str | None
    """The status field saying whether the load dims; None: it always does."""
    ramps: bool
    """The command DGN has ramp_brightness: lights get transitions."""


LOAD_FAMILIES: Final = {
    # 6.24: dimmer channels; DC_DIMMER_COMMAND_2 ramps.
    FAMILY_DC_DIMMER: LoadFamily(
        "DC_DIMMER_STATUS_3",
        "brightness",
        "DC_DIMMER_COMMAND_2",
        variable_field=None,
        ramps=True,
    ),
    # 6.23: DC_LOAD_COMMAND has no ramp (table 6.23.4c).
    FAMILY_DC_LOAD: LoadFamily(
        "DC_LOAD_STATUS",
        "operating_status",
        "DC_LOAD_COMMAND",
        variable_field="variable_level",
        ramps=False,
    ),
    # 6.22: the AC circuit's command has the dimmer's ramps (table 6.22.4c).
    FAMILY_AC_LOAD: LoadFamily(
        "AC_LOAD_STATUS",
        "operating_status",
        "AC_LOAD_COMMAND",
        variable_field="variable_level",
        ramps=True,
    ),
}

# RV-C devices report every 0.5 to 5 seconds; three missed reports of the
# slowest ones make an instance unavailable.
DEFAULT_AVAILABILITY_TIMEOUT: Final = 15
MIN_AVAILABILITY_TIMEOUT: Final = 5
MAX_AVAILABILITY_TIMEOUT: Final = 600

# A command is confirmed by the device's next status; after this many seconds
# without one, a warning is logged.
CONFIRM_TIMEOUT: Final = 3.0

# Recordings of the bus (the record_bus action): where, and how long at most.
CAPTURES_FOLDER: Final = "rvc_captures"
DEFAULT_RECORD_MINUTES: Final = 5
MAX_RECORD_MINUTES: Final = 60

# Our source address on the bus: the J1939 address of an off-board service tool.
SOURCE_ADDRESS: Final = 0xF9

# Controllers that behave differently (controllers.py): per behaviour, "auto"
# (by who made the node), "on" or "off"; and the loads that switch a water
# heater whose controller ignores WATERHEATER_COMMAND.
CONF_SILENT_OFF_DIMMERS: Final = "silent_off_dimmers"
CONF_FULL_THERMOSTAT_COMMAND: Final = "full_thermostat_command"
CONF_WATER_HEATER_VIA_LOADS: Final = "water_heater_via_loads"
CONF_WATER_HEATER_LOADS: Final = "water_heater_loads"
BEHAVIOUR_AUTO: Final = "auto"
BEHAVIOUR_ON: Final = "on"
BEHAVIOUR_OFF: Final = "off"
BEHAVIOUR_SETTINGS: Final = (BEHAVIOUR_AUTO, BEHAVIOUR_ON, BEHAVIOUR_OFF)
# The simulated coach's style (entry data): how its controllers behave.
CONF_COACH: Final = "coach"
DEFAULT_COACH: Final = "typical"
# Motors and locks on two DC dimmer channels (Spyder, Firefly and the like):
# a load of these types names its partner channel too. The load's own channel
# extends (or locks); the partner retracts (or unlocks).
LOAD_TYPE_MOTOR: Final = "motor"
LOAD_TYPE_LOCK: Final = "lock"
PAIR_TYPES: Final = (LOAD_TYPE_MOTOR, LOAD_TYPE_LOCK)
CONF_RETRACT: Final = "retract"
CONF_UNLOCK: Final = "unlock"
CONF_KIND: Final = "kind"
CONF_TRAVEL_TIME: Final = "travel_time"
MOTOR_KINDS: Final = ("awning", "slide", "shade", "vent", "tv_lift")
# Kinds heavy enough to need the motion option and the chassis interlock.
MOTION_KINDS: Final = frozenset({"awning", "slide", "tv_lift"})
MAX_TRAVEL_TIME: Final = 240  # seconds: the longest on_duration (table 6.24.6b)
