"""The instance model: which device a status describes, and whose report counts.

Each status DGN belongs to a family (dimmer, tank, DC source, ...); with its
instance it names one thing on the coach. Several nodes may report the same
instance: the house battery's DC_SOURCE_STATUS_1 comes from the battery
monitor, the inverter and the charger, each with its device priority (RV-C
2023-11, 6.5.2: the receiver uses the highest priority source). The table
follows the highest-priority reporter and falls back to the next when it goes
silent; a lower-priority reporter's frame changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .decode import RvcRecord
    from .spec import FieldValue, RvcSpec

FAMILY_DC_DIMMER: Final = "dc_dimmer"
FAMILY_DC_LOAD: Final = "dc_load"
FAMILY_AC_LOAD: Final = "ac_load"
FAMILY_DOOR: Final = "door"
FAMILY_CHASSIS: Final = "chassis"
FAMILY_NODE_FAULTS: Final = "node_faults"
FAMILY_LEVELING: Final = "leveling"
FAMILY_TIRE: Final = "tire"
FAMILY_GPS: Final = "gps"
FAMILY_BY_DGN: Final[dict[str, str]] = {
    "DC_DIMMER_STATUS_3": FAMILY_DC_DIMMER,
    "DC_LOAD_STATUS": FAMILY_DC_LOAD,
    "AC_LOAD_STATUS": FAMILY_AC_LOAD,
    "DOOR_STATUS": FAMILY_DOOR,  # LOCK_STATUS in the DGN list (7.7)
    "TANK_STATUS": "tank",
    "DC_SOURCE_STATUS_1": "dc_source",
    "DC_SOURCE_STATUS_2": "dc_source",
    "DC_SOURCE_STATUS_3": "dc_source",
    "THERMOSTAT_STATUS_1": "thermostat",
    "THERMOSTAT_AMBIENT_STATUS": "thermostat",
    "FURNACE_STATUS": "furnace",
    "AIR_CONDITIONER_STATUS": "air_conditioner",
    "HEAT_PUMP_STATUS": "heat_pump",
    "FLOOR_HEAT_STATUS": "floor_heat",
    "CIRCULATION_PUMP_STATUS": "circulation_pump",
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
    "WINDOW_SHADE_CONTROL_STATUS": "window_shade",
    "DM_RV": FAMILY_NODE_FAULTS,
    **{f"BATTERY_STATUS_{n}": "battery" for n in (1, 2, 3, 6, 11, 12, 13)},
    "SOLAR_CONTROLLER_STATUS": "solar_controller",
    "SOLAR_CONTROLLER_STATUS_4": "solar_controller",
    "SOLAR_CONTROLLER_STATUS_5": "solar_controller",
    "SOLAR_CONTROLLER_STATUS_6": "solar_controller",
    "SOLAR_CONTROLLER_SOLAR_ARRAY_STATUS": "solar_controller",
    "INVERTER_DC_STATUS": "inverter",
    "INVERTER_TEMPERATURE_STATUS": "inverter",
    "GENERATOR_AC_STATUS_1": "generator_ac",
    "GENERATOR_AC_STATUS_3": "generator_ac",
    "GENERATOR_DEMAND_STATUS": "generator_demand",
    "LEVELING_CONTROL_STATUS": FAMILY_LEVELING,
    "LEVELING_JACK_STATUS": FAMILY_LEVELING,
    "STEP_STATUS": "step",
    "WINDOW_STATUS": "window",
    "TIRE_STATUS": FAMILY_TIRE,
    "TIRE_SLOW_LEAK_ALARM": FAMILY_TIRE,
    "REFRIGERATOR_STATUS": "refrigerator",  # "freezer" for that cavity
    "GPS_POSITION": FAMILY_GPS,
}
# AC status DGNs report each line of each input and output separately: their
# family names the channel too, as in "inverter_ac_output_1" (line 1).
AC_CHANNEL_DGNS: Final = frozenset(
    {"INVERTER_AC_STATUS_1", "CHARGER_AC_STATUS_1", "ATS_AC_STATUS_1"}
    | {"GENERATOR_AC_STATUS_1", "GENERATOR_AC_STATUS_3"}
)
# DGNs about a node rather than an instance: their instance is the source address.
NODE_DGNS: Final = frozenset({"DM_RV"})
# An instance is silent after this many of its expected gaps (RV-C's maximum
# broadcast gap, or the pace it has actually kept, whichever is longer).
GAP_MULTIPLE: Final = 3
# A device back within this many silence timeouts was slow, not gone: its
# pace is learned from that gap.
SLOW_NOT_GONE: Final = 2
DEFAULT_SILENCE_TIMEOUT: Final = 15.0
# Bound on tracked instances, so that a bus full of garbage cannot grow memory.
MAX_INSTANCES: Final = 2048
PRIORITY_FIELD: Final = "device_priority"

type InstanceKey = tuple[str, int]
"""(family, instance): what one entity, or a group of them, represents."""


@dataclass(slots=True)
class InstanceState:
    """What the bus last said about one instance, per status DGN."""

    family: str
    instance: int
    source: int
    """The reporter followed: the highest device priority heard."""
    values: dict[str, Mapping[str, FieldValue]] = field(default_factory=dict)
    available: bool = True
    reported: bool = True
    """The followed reporter spoke since the last silence check."""
    priority: int = -1
    """The followed reporter's device priority; -1 for DGNs without one."""
    others: dict[int, int] = field(default_factory=dict)
    """Other reporters heard since the last silence check, with their priority."""
    last_report: float = 0.0
    """When the followed reporter last spoke (the owner's clock): energy is not
    integrated across gaps."""
    longest_gap: float = 0.0
    """The longest the followed reporter stayed quiet between two reports
    while the instance was available: its actual pace."""

    @property
    def key(self) -> InstanceKey:
        """The (family, instance) of this state."""
        return self.family, self.instance

    def value(self, dgn: str, name: str) -> FieldValue:
        """A field of the last status of a DGN; None when never reported."""
        values = self.values.get(dgn)
        return None if values is None else values.get(name)


class Applied(Enum):
    """What a record did to the table."""

    IGNORED = "ignored"
    """Not an instance status, a lower-priority reporter, or the table is full."""
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    NEW_STATUS = "new_status"
    """The instance reported this DGN for the first time (perhaps a new instance)."""


def instance_key(record: RvcRecord) -> InstanceKey | None:
    """The (family, instance) a record describes; None when it describes none.

    A DGN about a node is "instance" source address; a DGN without an instance
    field (generator, chassis) is instance 0; one whose instance is "not
    available" describes nothing.
    """
    family = FAMILY_BY_DGN.get(record.name)
    if family is None:
        return None
    if record.name in AC_CHANNEL_DGNS:
        family = _ac_channel_family(family, record.values)
        if family is None:
            return None
    if record.name in NODE_DGNS:
        return family, record.source
    if family == FAMILY_TIRE:
        instance = tire_instance(record.values)
        return None if instance is None else (family, instance)
    if record.values.get("cavity") == "freezer":
        family = "freezer"
    if record.instance is not None:
        return family, record.instance
    return None if "instance" in record.values else (family, 0)


# Tire DGNs have no instance but a location (6.37.3): the instance is
# axle * 16 + position, the axle and position as the DBC names them.
TIRE_AXLES: Final = ("steer", "drive", "tag")
TIRE_POSITIONS: Final = ("outside_left", "inside_left", "inside_right", "outside_right")
TIRE_AXLE_FACTOR: Final = 16


def tire_instance(values: Mapping[str, FieldValue]) -> int | None:
    """A tire location as one number; None when either part is not given."""
    axle = _index(values.get("tire_axle"), TIRE_AXLES)
    position = _index(values.get("tire_position"), TIRE_POSITIONS)
    if axle is None or position is None:
        return None
    return axle * TIRE_AXLE_FACTOR + position


def _index(value: FieldValue, names: tuple[str, ...]) -> int | None:
    """A field's raw number from its name, or as given when it has none."""
    if isinstance(value, str):
        return names.index(value) if value in names else None
    return value if type(value) is int else None


def _ac_channel_family(base: str, values: Mapping[str, FieldValue]) -> str | None:
    """The family of one line of an AC input or output, by its channel fields.

    A transfer switch's inputs are told apart by source (primary, secondary).
    """
    line = values.get("line", values.get("leg"))
    if "input_output" not in values:  # a generator: only outputs, by line
        return f"{base}_{line[-1]}" if isinstance(line, str) else None
    direction = values.get("input_output")
    if direction == "input" and "source" in values:
        direction = values["source"]
    if not isinstance(direction, str) or not isinstance(line, str):
        return None
    return f"{base}_{direction}_{line[-1]}"


class InstanceTable:
    """Every instance heard, each following its highest-priority reporter."""

    def __init__(
        self,
        spec: RvcSpec,
        max_instances: int = MAX_INSTANCES,
        silence_timeout: float = DEFAULT_SILENCE_TIMEOUT,
    ) -> None:
        """Learn device priorities and broadcast gaps from the specification.

        silence_timeout is the owner's: no instance is unavailable sooner.
        """
        self.states: dict[InstanceKey, InstanceState] = {}
        self.silence_timeout = silence_timeout
        self.max_instances = max_instances
        self.dropped_instances = 0
        self.ignored_reports = 0
        """Frames from a reporter of lower priority than the one followed."""
        self._priority_by_name: dict[str, int] = {}
        self._expected_gap: dict[str, float] = {}
        """Per status DGN: its maximum broadcast gap, else its normal one. A
        DGN with neither is sent on change: its silence alone means nothing."""
        for message in spec.messages.values():
            gap = message.max_broadcast_gap or message.normal_broadcast_gap
            if gap:
                self._expected_gap[message.name] = gap
            priority = message.field_by_name.get(PRIORITY_FIELD)
            if priority is not None:
                self._priority_by_name.update(priority.raw_by_choice)

    def priority(self, record: RvcRecord) -> int:
        """A record's device priority (named or numeric); -1 when it has none."""
        value = record.values.get(PRIORITY_FIELD)
        if isinstance(value, str):
            return self._priority_by_name.get(value, -1)
        return value if isinstance(value, int) else -1

    def apply(self, key: InstanceKey, record: RvcRecord, now: float) -> Applied:
        """Apply a status, heard at now, to its instance."""
        state = self.states.get(key)
        if state is None:
            if len(self.states) >= self.max_instances:
                self.dropped_instances += 1
                return Applied.IGNORED
            state = InstanceState(key[0], key[1], record.source, last_report=now)
            state.priority = self.priority(record)
            state.values[record.name] = record.values
            self.states[key] = state
            return Applied.NEW_STATUS
        if record.source != state.source and not self._takes_over(state, record):
            return Applied.IGNORED
        state.reported = True
        changed = not state.available
        gap = now - state.last_report
        if gap > state.longest_gap and (
            not changed or gap < SLOW_NOT_GONE * self.silence_timeout
        ):
            state.longest_gap = gap
        state.last_report = now
        state.available = True
        previous = state.values.get(record.name)
        # A repeated frame decodes to the very same record: no comparison needed.
        if previous is not record.values and previous != record.values:
            state.values[record.name] = record.values
            if previous is None:
                return Applied.NEW_STATUS
            changed = True
        return Applied.CHANGED if changed else Applied.UNCHANGED

    def _takes_over(self, state: InstanceState, record: RvcRecord) -> bool:
        """A reporter other than the followed one: does it win?"""
        priority = self.priority(record)
        if priority > state.priority:
            state.source, state.priority = record.source, priority
            return True
        state.others[record.source] = priority
        self.ignored_reports += 1
        return False

    def silence_limit(self, state: InstanceState) -> float | None:
        """Seconds of silence that make an instance unavailable; None: none do.

        GAP_MULTIPLE times the longest gap its DGNs allow or it has kept, and
        never less than the owner's timeout. An instance whose DGNs are all
        sent on change is silent only when its whole node is.
        """
        gaps = [self._expected_gap.get(name, 0.0) for name in state.values]
        if not any(gaps):
            return None
        expected = max(*gaps, state.longest_gap)
        return max(self.silence_timeout, GAP_MULTIPLE * expected)

    def check_silence(
        self, state: InstanceState, now: float, node_quiet: float
    ) -> bool:
        """One silence check of an instance; True when it just went unavailable.

        A followed reporter silent for a check hands over to the best other
        reporter heard meanwhile. The instance is unavailable once it was
        quiet for its silence limit, or, sent on change only, once its node
        (node_quiet: seconds since it sent anything) was quiet for the
        owner's timeout.
        """
        others, state.others = state.others, {}
        if state.reported or others:
            if not state.reported:
                state.source = max(others, key=others.__getitem__)
                state.priority = others[state.source]
                state.last_report = now
            state.reported = False
            return False
        limit = self.silence_limit(state)
        if limit is None:
            quiet, limit = node_quiet, self.silence_timeout
        else:
            quiet = now - state.last_report
        if state.available and quiet >= limit:
            state.available = False
            return True
        return False
