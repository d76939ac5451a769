"""Sensors: tanks, batteries, temperatures, inverter, charger and generator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
import time
from typing import TYPE_CHECKING, Final

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import (
    PERCENTAGE,
    EntityCategory,
    UnitOfElectricCurrent,
    UnitOfElectricPotential,
    UnitOfFrequency,
    UnitOfTemperature,
    UnitOfTime,
    UnitOfVolume,
)
from homeassistant.helpers.device_registry import DeviceInfo

from .const import FAMILY_NODE_FAULTS
from .entity import (
    RvcEntity,
    async_setup_described_entities,
    async_setup_instance_entities,
    async_setup_instance_platform,
    percent,
)
from .nodes import bus_device_identifier

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity import Entity
    from homeassistant.helpers.entity_platform import AddEntitiesCallback
    from homeassistant.helpers.typing import StateType

    from . import RvcConfigEntry
    from .coordinator import InstanceKey, InstanceState, RvcCoordinator
    from .entity import ParsedUniqueId

# Sensors only read; nothing to serialise.
PARALLEL_UPDATES = 0
# Only the bus statistics poll (our own counters); the coach's values are pushed.
SCAN_INTERVAL = timedelta(seconds=10)

UNIT_AMPERE_HOUR: Final = "Ah"

# RV-C's well-known instances, named in the translations.
WELL_KNOWN: Final[dict[str, dict[int, str]]] = {
    "tank": {0: "fresh_water", 1: "black_waste", 2: "gray_waste", 3: "lpg"},
    "dc_source": {1: "house_battery", 2: "chassis_battery", 3: "secondary_battery"},
}


def _number(dgn: str, field: str) -> Callable[[InstanceState], StateType]:
    def value(state: InstanceState) -> StateType:
        reported = state.value(dgn, field)
        return reported if isinstance(reported, int | float) else None

    return value


def charging_current(state: InstanceState) -> float | None:
    """A DC source's current, positive while it charges (as battery monitors show).

    RV-C counts it the other way: positive is current flowing from the source,
    a battery discharging (section 6.5.2, DC_SOURCE_STATUS_1).
    """
    reported = state.value("DC_SOURCE_STATUS_1", "dc_current")
    return -reported if isinstance(reported, int | float) else None


def _percent(dgn: str, field: str) -> Callable[[InstanceState], StateType]:
    def value(state: InstanceState) -> StateType:
        return percent(state.value(dgn, field))

    return value


def _choice(
    dgn: str, field: str, options: list[str]
) -> Callable[[InstanceState], StateType]:
    def value(state: InstanceState) -> StateType:
        reported = state.value(dgn, field)
        return reported if reported in options else None

    return value


def _tank_level(state: InstanceState) -> StateType:
    """Relative level / resolution, in percent; None when either is unusable."""
    relative = state.value("TANK_STATUS", "relative_level")
    resolution = state.value("TANK_STATUS", "resolution")
    if not isinstance(relative, int) or not isinstance(resolution, int):
        return None
    if resolution == 0 or relative > resolution:
        return None
    return round(relative * 100 / resolution, 1)


@dataclass(frozen=True, kw_only=True)
class RvcSensorDescription(SensorEntityDescription):
    """A sensor of an instance: which status DGN carries it, how to read it."""

    dgn: str
    value_fn: Callable[[InstanceState], StateType]


INVERTER_STATES: Final = [
    "disabled", "invert", "ac_passthru", "aps_only", "load_sense",
    "waiting_to_invert", "generator_support",
]  # fmt: skip
CHARGER_STATES: Final = [
    "disabled", "not_charging", "bulk", "absorption", "overcharge",
    "equalize", "float", "constant_voltage_current",
]  # fmt: skip
GENERATOR_STATES: Final = [
    "stopped", "preheat", "cranking", "running", "priming", "fault",
    "engine_run_only", "test_mode", "voltage_adjust", "fault_bypass", "configuration",
]  # fmt: skip


def _ac_sensors(
    base: str, dgn: str, channel: str, line: int
) -> tuple[RvcSensorDescription, ...]:
    """Voltage, current and frequency of one line of an AC input or output."""
    placeholders = {"line": str(line)}
    return (
        RvcSensorDescription(
            key=f"{base}_{channel}_voltage",
            dgn=dgn,
            device_class=SensorDeviceClass.VOLTAGE,
            native_unit_of_measurement=UnitOfElectricPotential.VOLT,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=1,
            translation_placeholders=placeholders,
            value_fn=_number(dgn, "rms_voltage"),
        ),
        RvcSensorDescription(
            key=f"{base}_{channel}_current",
            dgn=dgn,
            device_class=SensorDeviceClass.CURRENT,
            native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=1,
            translation_placeholders=placeholders,
            value_fn=_number(dgn, "rms_current"),
        ),
        RvcSensorDescription(
            key=f"{base}_{channel}_frequency",
            dgn=dgn,
            device_class=SensorDeviceClass.FREQUENCY,
            native_unit_of_measurement=UnitOfFrequency.HERTZ,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=1,
            entity_category=EntityCategory.DIAGNOSTIC,
            translation_placeholders=placeholders,
            value_fn=_number(dgn, "frequency"),
        ),
    )


# The channels of each AC status family, as the coordinator names them.
AC_CHANNELS: Final = {
    "inverter_ac": ("INVERTER_AC_STATUS_1", ("input", "output")),
    "charger_ac": ("CHARGER_AC_STATUS_1", ("input", "output")),
    "transfer_switch": ("ATS_AC_STATUS_1", ("primary", "secondary", "output")),
}
AC_SENSORS: Final = {
    f"{base}_{channel}_{line}": _ac_sensors(base, dgn, channel, line)
    for base, (dgn, channels) in AC_CHANNELS.items()
    for channel in channels
    for line in (1, 2)
}

SENSORS: Final[dict[str, tuple[RvcSensorDescription, ...]]] = {
    "tank": (
        RvcSensorDescription(
            key="level",
            dgn="TANK_STATUS",
            native_unit_of_measurement=PERCENTAGE,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=0,
            value_fn=_tank_level,
        ),
        RvcSensorDescription(
            key="volume",
            dgn="TANK_STATUS",
            device_class=SensorDeviceClass.VOLUME_STORAGE,
            native_unit_of_measurement=UnitOfVolume.LITERS,
            state_class=SensorStateClass.MEASUREMENT,
            value_fn=_number("TANK_STATUS", "absolute_level"),
        ),
        RvcSensorDescription(
            key="capacity",
            dgn="TANK_STATUS",
            device_class=SensorDeviceClass.VOLUME_STORAGE,
            native_unit_of_measurement=UnitOfVolume.LITERS,
            entity_category=EntityCategory.DIAGNOSTIC,
            value_fn=_number("TANK_STATUS", "tank_size"),
        ),
    ),
    "dc_source": (
        RvcSensorDescription(
            key="voltage",
            dgn="DC_SOURCE_STATUS_1",
            device_class=SensorDeviceClass.VOLTAGE,
            native_unit_of_measurement=UnitOfElectricPotential.VOLT,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=2,
            value_fn=_number("DC_SOURCE_STATUS_1", "dc_voltage"),
        ),
        RvcSensorDescription(
            key="current",
            dgn="DC_SOURCE_STATUS_1",
            device_class=SensorDeviceClass.CURRENT,
            native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=1,
            value_fn=charging_current,
        ),
        RvcSensorDescription(
            key="state_of_charge",
            dgn="DC_SOURCE_STATUS_2",
            device_class=SensorDeviceClass.BATTERY,
            native_unit_of_measurement=PERCENTAGE,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=0,
            value_fn=_percent("DC_SOURCE_STATUS_2", "state_of_charge"),
        ),
        RvcSensorDescription(
            key="temperature",
            dgn="DC_SOURCE_STATUS_2",
            device_class=SensorDeviceClass.TEMPERATURE,
            native_unit_of_measurement=UnitOfTemperature.CELSIUS,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=1,
            value_fn=_number("DC_SOURCE_STATUS_2", "source_temperature"),
        ),
        RvcSensorDescription(
            key="time_remaining",
            dgn="DC_SOURCE_STATUS_2",
            device_class=SensorDeviceClass.DURATION,
            native_unit_of_measurement=UnitOfTime.MINUTES,
            value_fn=_number("DC_SOURCE_STATUS_2", "time_remaining"),
        ),
        RvcSensorDescription(
            key="state_of_health",
            dgn="DC_SOURCE_STATUS_3",
            native_unit_of_measurement=PERCENTAGE,
            state_class=SensorStateClass.MEASUREMENT,
            entity_category=EntityCategory.DIAGNOSTIC,
            value_fn=_percent("DC_SOURCE_STATUS_3", "state_of_health"),
        ),
        RvcSensorDescription(
            key="capacity_remaining",
            dgn="DC_SOURCE_STATUS_3",
            native_unit_of_measurement=UNIT_AMPERE_HOUR,
            state_class=SensorStateClass.MEASUREMENT,
            value_fn=_number("DC_SOURCE_STATUS_3", "capacity_remaining"),
        ),
    ),
    "thermostat": (
        RvcSensorDescription(
            key="ambient_temperature",
            dgn="THERMOSTAT_AMBIENT_STATUS",
            device_class=SensorDeviceClass.TEMPERATURE,
            native_unit_of_measurement=UnitOfTemperature.CELSIUS,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=1,
            value_fn=_number("THERMOSTAT_AMBIENT_STATUS", "ambient_temperature"),
        ),
    ),
    "roof_fan": (
        RvcSensorDescription(
            key="roof_fan_temperature",
            dgn="ROOF_FAN_STATUS_1",
            device_class=SensorDeviceClass.TEMPERATURE,
            native_unit_of_measurement=UnitOfTemperature.CELSIUS,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=1,
            value_fn=_number("ROOF_FAN_STATUS_1", "ambient_temperature"),
        ),
    ),
    "heat_pump": (
        RvcSensorDescription(
            key="heat_pump_output",
            dgn="HEAT_PUMP_STATUS",
            native_unit_of_measurement=PERCENTAGE,
            state_class=SensorStateClass.MEASUREMENT,
            value_fn=_percent("HEAT_PUMP_STATUS", "heat_output_level"),
        ),
    ),
    "inverter": (
        RvcSensorDescription(
            key="inverter_status",
            dgn="INVERTER_STATUS",
            device_class=SensorDeviceClass.ENUM,
            options=INVERTER_STATES,
            value_fn=_choice("INVERTER_STATUS", "status", INVERTER_STATES),
        ),
    ),
    "charger": (
        RvcSensorDescription(
            key="charger_state",
            dgn="CHARGER_STATUS",
            device_class=SensorDeviceClass.ENUM,
            options=CHARGER_STATES,
            value_fn=_choice("CHARGER_STATUS", "operating_state", CHARGER_STATES),
        ),
        RvcSensorDescription(
            key="charge_voltage",
            dgn="CHARGER_STATUS",
            device_class=SensorDeviceClass.VOLTAGE,
            native_unit_of_measurement=UnitOfElectricPotential.VOLT,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=2,
            value_fn=_number("CHARGER_STATUS", "charge_voltage"),
        ),
        RvcSensorDescription(
            key="charge_current",
            dgn="CHARGER_STATUS",
            device_class=SensorDeviceClass.CURRENT,
            native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=1,
            value_fn=_number("CHARGER_STATUS", "charge_current"),
        ),
    ),
    "generator": (
        RvcSensorDescription(
            key="generator_status",
            dgn="GENERATOR_STATUS_1",
            device_class=SensorDeviceClass.ENUM,
            options=GENERATOR_STATES,
            value_fn=_choice("GENERATOR_STATUS_1", "status", GENERATOR_STATES),
        ),
        RvcSensorDescription(
            key="engine_run_time",
            dgn="GENERATOR_STATUS_1",
            device_class=SensorDeviceClass.DURATION,
            native_unit_of_measurement=UnitOfTime.MINUTES,
            suggested_unit_of_measurement=UnitOfTime.HOURS,
            state_class=SensorStateClass.TOTAL_INCREASING,
            value_fn=_number("GENERATOR_STATUS_1", "engine_run_time"),
        ),
        RvcSensorDescription(
            key="start_battery_voltage",
            dgn="GENERATOR_STATUS_1",
            device_class=SensorDeviceClass.VOLTAGE,
            native_unit_of_measurement=UnitOfElectricPotential.VOLT,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=2,
            value_fn=_number("GENERATOR_STATUS_1", "start_battery_voltage"),
        ),
    ),
    **AC_SENSORS,
}


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RvcConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add each sensor when its instance first reports the DGN that carries it."""
    async_setup_described_entities(
        hass,
        entry,
        async_add_entities,
        "sensor",
        descriptions=SENSORS,
        entity_class=RvcSensor,
        reported=lambda description, state: description.value_fn(state) is not None,
    )
    async_setup_instance_entities(
        hass,
        entry,
        async_add_entities,
        "sensor",
        family=FAMILY_NODE_FAULTS,
        status_dgn="DM_RV",
        entity_class=RvcFaultSensor,
    )
    # energy.py and chassis_sensors.py build on this module's sensors, so they
    # are imported here.
    from .chassis_sensors import (  # noqa: PLC0415
        CHASSIS_SENSORS,
        RvcChassisSensor,
        reported_value,
    )
    from .energy import async_setup_energy_entities  # noqa: PLC0415

    async_setup_described_entities(
        hass,
        entry,
        async_add_entities,
        "sensor",
        descriptions=CHASSIS_SENSORS,
        entity_class=RvcChassisSensor,
        reported=reported_value,
    )

    async_setup_energy_entities(hass, entry, async_add_entities)
    # Batteries, solar, inverter DC and generator AC: kept out of this module.
    from .power_sensors import async_setup_power_entities  # noqa: PLC0415

    async_setup_power_entities(hass, entry, async_add_entities)
    coordinator = entry.runtime_data

    def restore_transfer_switch(parsed: ParsedUniqueId, source: int) -> Entity | None:
        if parsed.family != TRANSFER_SWITCH or parsed.key is not None:
            return None
        return RvcTransferSourceSensor(coordinator, parsed.instance, source)

    def discover_transfer_switch(state: InstanceState, dgn: str) -> list[Entity]:
        if dgn != "ATS_AC_STATUS_1":
            return []
        return [RvcTransferSourceSensor(coordinator, state.instance, state.source)]

    async_setup_instance_platform(
        hass,
        entry,
        async_add_entities,
        "sensor",
        restore=restore_transfer_switch,
        discover=discover_transfer_switch,
    )
    async_add_entities(
        RvcBusSensor(entry.runtime_data, description) for description in BUS_SENSORS
    )


class RvcSensor(RvcEntity, SensorEntity):
    """One value an instance reports."""

    entity_description: RvcSensorDescription

    def __init__(
        self,
        coordinator: RvcCoordinator,
        key: InstanceKey,
        source: int,
        description: RvcSensorDescription,
    ) -> None:
        """Name it from the well-known instance, or by its number."""
        super().__init__(coordinator, key, source, description.key)
        self.entity_description = description
        well_known = WELL_KNOWN.get(key[0], {}).get(key[1])
        self._attr_translation_key = (
            f"{description.key}_{well_known}" if well_known else description.key
        )
        if description.translation_placeholders:
            self._attr_translation_placeholders = {
                **self._attr_translation_placeholders,
                **description.translation_placeholders,
            }

    @property
    def native_value(self) -> StateType:
        """The value as the device reports it; None when not available or in error."""
        state = self.instance_state
        return None if state is None else self.entity_description.value_fn(state)


class RvcFaultSensor(RvcEntity, SensorEntity):
    """How many DM_RV faults a node has active; the codes as an attribute."""

    _attr_entity_category = EntityCategory.DIAGNOSTIC
    _attr_state_class = SensorStateClass.MEASUREMENT
    _attr_translation_key = "active_faults"

    @property
    def native_value(self) -> int:
        """The number of active faults."""
        tracker = self.coordinator.faults.trackers.get(self.key[1])
        return 0 if tracker is None else len(tracker.active)

    @property
    def extra_state_attributes(self) -> Mapping[str, list[str]]:
        """The active faults as service manuals write them."""
        tracker = self.coordinator.faults.trackers.get(self.key[1])
        return {"faults": [] if tracker is None else [f.code for f in tracker.active]}


TRANSFER_SWITCH: Final = "transfer_switch"
TRANSFER_SOURCES: Final = ["primary", "secondary", "none"]
# An input line carrying more than this is the one in use.
IN_USE_CURRENT: Final = 0.5
# An input with at least this voltage is live.
LIVE_VOLTAGE: Final = 90.0


class RvcTransferSourceSensor(RvcEntity, SensorEntity):
    """The input a transfer switch is passing through, from its line 1 readings.

    The input carrying current is in use; with no load, the live input is, the
    secondary (generator) first as transfer switches prefer a running generator.
    """

    _attr_device_class = SensorDeviceClass.ENUM
    _attr_options = TRANSFER_SOURCES
    _attr_translation_key = "source_in_use"

    def __init__(self, coordinator: RvcCoordinator, instance: int, source: int) -> None:
        """One per transfer switch instance, over both of its inputs."""
        super().__init__(coordinator, (TRANSFER_SWITCH, instance), source)
        self._inputs = [
            (name, (f"{TRANSFER_SWITCH}_{name}_1", instance))
            for name in ("secondary", "primary")
        ]

    @property
    def available(self) -> bool:
        """Available while any input reports."""
        states = self.coordinator.states
        return any(
            (state := states.get(input_key)) is not None and state.available
            for _name, input_key in self._inputs
        )

    def _reading(self, input_key: InstanceKey, field: str) -> float:
        state = self.coordinator.states.get(input_key)
        value = None if state is None else state.value("ATS_AC_STATUS_1", field)
        return float(value) if isinstance(value, int | float) else 0.0

    @property
    def native_value(self) -> str:
        """primary, secondary or none."""
        for name, input_key in self._inputs:
            if abs(self._reading(input_key, "rms_current")) > IN_USE_CURRENT:
                return name
        for name, input_key in self._inputs:
            if self._reading(input_key, "rms_voltage") >= LIVE_VOLTAGE:
                return name
        return "none"

    async def async_added_to_hass(self) -> None:
        """Follow both inputs."""
        await super().async_added_to_hass()
        for _name, input_key in self._inputs:
            self.async_on_remove(
                self.coordinator.async_subscribe(input_key, self.async_write_ha_state)
            )


@dataclass(frozen=True, kw_only=True)
class RvcBusSensorDescription(SensorEntityDescription):
    """A statistic of the bus, read from the coordinator's counters."""

    count_fn: Callable[[RvcCoordinator], int]
    per_second: bool = False


BUS_SENSORS: Final = (
    RvcBusSensorDescription(
        key="frames_per_second",
        count_fn=lambda coordinator: coordinator.decoder.stats.frames,
        per_second=True,
        native_unit_of_measurement="frames/s",
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
    ),
    RvcBusSensorDescription(
        key="malformed_frames",
        count_fn=lambda coordinator: coordinator.decoder.stats.malformed,
        state_class=SensorStateClass.TOTAL_INCREASING,
    ),
    RvcBusSensorDescription(
        key="unknown_frames",
        count_fn=lambda coordinator: coordinator.decoder.stats.unknown,
        state_class=SensorStateClass.TOTAL_INCREASING,
    ),
    RvcBusSensorDescription(
        key="refused_commands",
        count_fn=lambda coordinator: coordinator.node.frames_dropped,
        state_class=SensorStateClass.TOTAL_INCREASING,
    ),
    RvcBusSensorDescription(
        key="device_refusals",
        count_fn=lambda coordinator: coordinator.node.answers.refused,
        state_class=SensorStateClass.TOTAL_INCREASING,
    ),
)


class RvcBusSensor(SensorEntity):
    """A statistic of the bus itself, on the bus's own device.

    Noisy, so disabled until an owner wants it; read every SCAN_INTERVAL.
    """

    _attr_has_entity_name = True
    _attr_entity_category = EntityCategory.DIAGNOSTIC
    _attr_entity_registry_enabled_default = False
    entity_description: RvcBusSensorDescription

    def __init__(
        self,
        coordinator: RvcCoordinator,
        description: RvcBusSensorDescription,
    ) -> None:
        """Describe the statistic."""
        self.coordinator = coordinator
        self.entity_description = description
        self._attr_translation_key = description.key
        self._attr_unique_id = f"{coordinator.entry_id}-bus-{description.key}"
        self._attr_device_info = DeviceInfo(
            identifiers={bus_device_identifier(coordinator.entry_id)}
        )
        self._last: tuple[int, float] | None = None

    async def async_update(self) -> None:
        """Read the counter; a rate is the change since the last reading."""
        count = self.entity_description.count_fn(self.coordinator)
        if not self.entity_description.per_second:
            self._attr_native_value = count
            return
        now = time.monotonic()
        if self._last is not None and now > self._last[1]:
            self._attr_native_value = round(
                (count - self._last[0]) / (now - self._last[1]), 1
            )
        self._last = count, now
