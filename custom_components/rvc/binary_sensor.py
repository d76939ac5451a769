"""Binary sensors: gas, chassis, water heater, battery protections and the AGS."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from homeassistant.components.binary_sensor import (
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.const import EntityCategory

from .compat import BinarySensorDeviceClass
from .entity import RvcEntity, async_setup_described_entities

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddEntitiesCallback

    from . import RvcConfigEntry
    from .coordinator import InstanceKey, RvcCoordinator

# Binary sensors only read; nothing to serialise.
PARALLEL_UPDATES = 0

# A detector's kind, as it reports it, decides what its alarm means.
GAS_DEVICE_CLASSES: Final = {
    "carbon_monoxide": BinarySensorDeviceClass.CO,
    "lp_gas": BinarySensorDeviceClass.GAS,
    "smoke": BinarySensorDeviceClass.SMOKE,
}

BATTERY_PROTECTIONS: Final = (
    "high_voltage_limit_status",
    "high_voltage_disconnect_status",
    "low_voltage_limit_status",
    "low_voltage_disconnect_status",
    "low_state_of_charge_limit_status",
    "low_state_of_charge_disconnect_status",
    "low_dc_source_temperature_limit_status",
    "low_dc_source_temperature_disconnect_status",
    "high_dc_source_temperature_limit_status",
    "high_dc_source_temperature_disconnect_status",
    "high_current_dc_source_limit",
    "high_current_dc_source_disconnect",
)


@dataclass(frozen=True, kw_only=True)
class RvcBinarySensorDescription(BinarySensorEntityDescription):
    """A two-state field: on when it reports on_value."""

    dgn: str
    field: str
    on_value: str


BINARY_SENSORS: Final[dict[str, tuple[RvcBinarySensorDescription, ...]]] = {
    "gas_sensor": (
        RvcBinarySensorDescription(
            key="gas_alarm",
            dgn="GAS_SENSOR_STATUS",
            field="alarm",
            on_value="alarm",
            device_class=BinarySensorDeviceClass.GAS,
        ),
        RvcBinarySensorDescription(
            key="gas_sensor_failure",
            dgn="GAS_SENSOR_STATUS",
            field="sensor_failure",
            on_value="failure",
            device_class=BinarySensorDeviceClass.PROBLEM,
            entity_category=EntityCategory.DIAGNOSTIC,
        ),
    ),
    "chassis": (
        RvcBinarySensorDescription(
            key="park_brake",
            dgn="CHASSIS_MOBILITY_STATUS",
            field="park_brake",
            on_value="engaged",
        ),
        RvcBinarySensorDescription(
            key="ignition",
            dgn="CHASSIS_MOBILITY_STATUS",
            field="ignition_switch",
            on_value="on",
            device_class=BinarySensorDeviceClass.POWER,
        ),
    ),
    "water_heater": (
        RvcBinarySensorDescription(
            key="ac_power",
            dgn="WATERHEATER_STATUS",
            field="ac_power_failure",
            on_value="present",
            device_class=BinarySensorDeviceClass.PLUG,
        ),
        RvcBinarySensorDescription(
            key="failure_to_ignite",
            dgn="WATERHEATER_STATUS",
            field="failure_to_ignite",
            on_value="failed",
            device_class=BinarySensorDeviceClass.PROBLEM,
        ),
        RvcBinarySensorDescription(
            key="high_temperature_limit",
            dgn="WATERHEATER_STATUS",
            field="high_temperature_limit_switch",
            on_value="tripped",
            device_class=BinarySensorDeviceClass.PROBLEM,
        ),
    ),
    # A lithium battery's protections (6.49.6): a limit reached, or its
    # disconnect open.
    "battery": tuple(
        RvcBinarySensorDescription(
            key=f"battery_{field}",
            dgn="BATTERY_STATUS_6",
            field=field,
            on_value="disconnected" if "disconnect" in field else "limit_reached",
            device_class=BinarySensorDeviceClass.PROBLEM,
        )
        for field in BATTERY_PROTECTIONS
    ),
    # The AGS (6.35.2): whether it demands the generator, and what holds it.
    "generator_demand": (
        RvcBinarySensorDescription(
            key="generator_demand",
            dgn="GENERATOR_DEMAND_STATUS",
            field="generator_demand",
            on_value="demanded",
            device_class=BinarySensorDeviceClass.RUNNING,
        ),
        RvcBinarySensorDescription(
            key="ags_quiet_time",
            dgn="GENERATOR_DEMAND_STATUS",
            field="quiet_time",
            on_value="quiet_time",
        ),
        RvcBinarySensorDescription(
            key="ags_external_activity",
            dgn="GENERATOR_DEMAND_STATUS",
            field="external_activity_detected",
            on_value="automatic_start_disabled",
            device_class=BinarySensorDeviceClass.PROBLEM,
        ),
    ),
}


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RvcConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add each binary sensor when its instance first reports the field."""
    async_setup_described_entities(
        hass,
        entry,
        async_add_entities,
        "binary_sensor",
        descriptions=BINARY_SENSORS,
        entity_class=RvcBinarySensor,
        reported=lambda description, state: (
            state.value(description.dgn, description.field) is not None
        ),
    )
    # chassis_sensors.py builds on the sensor platform, so it is imported here.
    from .chassis_sensors import (  # noqa: PLC0415
        CHASSIS_BINARY_SENSORS,
        RvcChassisBinarySensor,
        reported_state,
    )

    async_setup_described_entities(
        hass,
        entry,
        async_add_entities,
        "binary_sensor",
        descriptions=CHASSIS_BINARY_SENSORS,
        entity_class=RvcChassisBinarySensor,
        reported=reported_state,
    )


class RvcBinarySensor(RvcEntity, BinarySensorEntity):
    """One two-state field an instance reports."""

    entity_description: RvcBinarySensorDescription

    def __init__(
        self,
        coordinator: RvcCoordinator,
        key: InstanceKey,
        source: int,
        description: RvcBinarySensorDescription,
    ) -> None:
        """Describe the field."""
        super().__init__(coordinator, key, source, description.key)
        self.entity_description = description
        self._attr_translation_key = description.key

    @property
    def is_on(self) -> bool | None:
        """On or off as reported; None when not available or in error."""
        description = self.entity_description
        value = self.status(description.dgn, description.field)
        if not isinstance(value, str):
            return None
        return value == description.on_value

    @property
    def device_class(self) -> BinarySensorDeviceClass | None:
        """A gas detector's alarm is CO, gas or smoke by what it detects."""
        if self.entity_description.key == "gas_alarm":
            kind = self.status("GAS_SENSOR_STATUS", "type")
            return GAS_DEVICE_CLASSES.get(str(kind), BinarySensorDeviceClass.GAS)
        return self.entity_description.device_class
