"""Constants of the RV-C integration."""

from __future__ import annotations

from typing import Final

DOMAIN: Final = "rvc"

# Entry data: where the bus is.
CONF_INTERFACE: Final = "interface"
CONF_CHANNEL: Final = "channel"
CONF_BITRATE: Final = "bitrate"
# The USB serial number of an slcan adapter: finds it again under a new name.
CONF_SERIAL_NUMBER: Final = "serial_number"

INTERFACE_SOCKETCAN: Final = "socketcan"
INTERFACE_SLCAN: Final = "slcan"
INTERFACE_SOCKETCAND: Final = "socketcand"
INTERFACE_SIMULATED: Final = "simulated"
"""The built-in simulated coach, on a virtual bus inside Home Assistant."""
INTERFACE_VIRTUAL: Final = "virtual"
"""python-can's in-process bus: what the simulated coach and the tests use."""
CONNECTION_TYPES: Final = (
    INTERFACE_SOCKETCAN,
    INTERFACE_SLCAN,
    INTERFACE_SOCKETCAND,
    INTERFACE_SIMULATED,
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

LOAD_TYPE_LIGHT: Final = "light"
LOAD_TYPE_SWITCH: Final = "switch"
LOAD_TYPE_FAN: Final = "fan"
LOAD_TYPE_HIDDEN: Final = "hidden"
LOAD_TYPES: Final = (LOAD_TYPE_LIGHT, LOAD_TYPE_SWITCH, LOAD_TYPE_FAN, LOAD_TYPE_HIDDEN)

# RV-C devices report every 0.5 to 5 seconds; three missed reports of the
# slowest ones make an instance unavailable.
DEFAULT_AVAILABILITY_TIMEOUT: Final = 15
MIN_AVAILABILITY_TIMEOUT: Final = 5
MAX_AVAILABILITY_TIMEOUT: Final = 600

# A command is confirmed by the device's next status; after this many seconds
# without one, a warning is logged.
CONFIRM_TIMEOUT: Final = 3.0

# Our source address on the bus: the J1939 address of an off-board service tool.
SOURCE_ADDRESS: Final = 0xF9

# Instance families: the status DGNs that describe one kind of device. Each
# decoded status goes to the entities of its (family, instance) only.
FAMILY_DC_DIMMER: Final = "dc_dimmer"
FAMILY_DC_LOAD: Final = "dc_load"
FAMILY_CHASSIS: Final = "chassis"
FAMILY_NODE_FAULTS: Final = "node_faults"
FAMILY_BY_DGN: Final[dict[str, str]] = {
    "DC_DIMMER_STATUS_3": FAMILY_DC_DIMMER,
    "DC_LOAD_STATUS": FAMILY_DC_LOAD,
    "TANK_STATUS": "tank",
    "DC_SOURCE_STATUS_1": "dc_source",
    "DC_SOURCE_STATUS_2": "dc_source",
    "DC_SOURCE_STATUS_3": "dc_source",
    "THERMOSTAT_STATUS_1": "thermostat",
    "THERMOSTAT_AMBIENT_STATUS": "thermostat",
    "FURNACE_STATUS": "furnace",
    "AIR_CONDITIONER_STATUS": "air_conditioner",
    "ROOF_FAN_STATUS_1": "roof_fan",
    "WATERHEATER_STATUS": "water_heater",
    "INVERTER_STATUS": "inverter",
    "INVERTER_AC_STATUS_1": "inverter_ac",
    "CHARGER_STATUS": "charger",
    "CHARGER_AC_STATUS_1": "charger_ac",
    "ATS_AC_STATUS_1": "transfer_switch",
    "GENERATOR_STATUS_1": "generator",
    "CHASSIS_MOBILITY_STATUS": FAMILY_CHASSIS,
    "GAS_SENSOR_STATUS": "gas_sensor",
    "WATER_PUMP_STATUS": "water_pump",
    "AWNING_STATUS": "awning",
    "SLIDE_STATUS": "slide",
    "DM_RV": FAMILY_NODE_FAULTS,
}
# AC status DGNs report each line of each input and output separately: their
# family names the channel too, as in "inverter_ac_output_1" (line 1).
AC_CHANNEL_DGNS: Final = frozenset(
    {"INVERTER_AC_STATUS_1", "CHARGER_AC_STATUS_1", "ATS_AC_STATUS_1"}
)
# DGNs about a node rather than an instance: their instance is the source address.
NODE_DGNS: Final = frozenset({"DM_RV"})

# Bound on tracked instances, so that a bus full of garbage cannot grow memory.
MAX_INSTANCES: Final = 2048
