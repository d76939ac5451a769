"""Chassis and safety: leveling jacks, steps, doors, windows, tires, refrigerator.

The sensor and binary sensor platforms add these alongside their own; they
only read (no command: jacks and steps move the coach).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from homeassistant.components.binary_sensor import (
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.components.sensor import SensorDeviceClass, SensorStateClass
from homeassistant.const import (
    PERCENTAGE,
    EntityCategory,
    UnitOfPressure,
    UnitOfTemperature,
)

from .compat import BinarySensorDeviceClass
from .entity import RvcEntity, percent
from .protocol.instances import (
    FAMILY_LEVELING,
    FAMILY_TIRE,
    TIRE_AXLE_FACTOR,
    TIRE_AXLES,
    TIRE_POSITIONS,
)
from .sensor import RvcSensor, RvcSensorDescription, _choice, _number

if TYPE_CHECKING:
    from collections.abc import Callable

    from homeassistant.helpers.typing import StateType

    from .coordinator import InstanceKey, InstanceState, RvcCoordinator

JACK_STATUS: Final = "LEVELING_JACK_STATUS"  # 6.13.4
LEVELING_STATUS: Final = "LEVELING_CONTROL_STATUS"  # 6.13.2
TIRE_STATUS: Final = "TIRE_STATUS"  # 6.37.3
SLOW_LEAK: Final = "TIRE_SLOW_LEAK_ALARM"  # 6.37.4
FRIDGE_STATUS: Final = "REFRIGERATOR_STATUS"  # 6.52.2
JACKS: Final = (
    "left_rear", "right_front", "right_rear", "left_front",
    "auxiliary_jack_1", "auxiliary_jack_2", "auxiliary_jack_3", "auxiliary_jack_4",
)  # fmt: skip
# Table 6.13.2b, as the DBC names them.
LEVELING_MODES: Final = [
    "inactive", "suspension_raise", "suspension_dump", "store",
    "manual_air_leveling", "automatic_air_leveling", "deploy_kick_down_jacks",
    "manual_hydraulic_leveling", "automatic_hydraulic_leveling", "kneel",
    "auto_hitch_height", "abort", "careen_left", "careen_right", "squat",
    "jack_calibration", "manual_air_four_point", "manual_air_biax",
    "manual_air_three_point", "manual_air_multi_point", "automatic_air_four_point",
    "automatic_air_biax", "automatic_air_three_point", "automatic_air_multi_point",
    "manual_hydraulic_four_point", "manual_hydraulic_biax",
    "manual_hydraulic_three_point", "manual_hydraulic_multi_point",
    "automatic_hydraulic_four_point", "automatic_hydraulic_biax",
    "automatic_hydraulic_three_point", "automatic_hydraulic_multi_point",
    "clear_jack_error",
]  # fmt: skip
FRIDGE_MODES: Final = ["off", "on", "night"]
FRIDGE_FUELS: Final = ["gas", "dc", "ac"]


def jacks_not_stowed(state: InstanceState) -> bool | None:
    """Any jack extended (6.13.4: "coach is not safe to move").

    None when no jack reports, as a system without them sends "not available".
    """
    extensions = [state.value(JACK_STATUS, f"{jack}_extension") for jack in JACKS]
    if "extended" in extensions:
        return True
    return False if "not_extended" in extensions else None


def _equals(
    dgn: str, field: str, on_value: str
) -> Callable[[InstanceState], bool | None]:
    def is_on(state: InstanceState) -> bool | None:
        value = state.value(dgn, field)
        return value == on_value if isinstance(value, str) else None

    return is_on


def _not_ok(dgn: str, field: str) -> Callable[[InstanceState], bool | None]:
    """An alarm: on for any status but "ok"; None when not reported."""

    def is_on(state: InstanceState) -> bool | None:
        value = state.value(dgn, field)
        return value != "ok" if isinstance(value, str) else None

    return is_on


def _open(dgn: str) -> Callable[[InstanceState], bool | None]:
    """Open (or extended) at any position but 0 (closed, retracted)."""

    def is_on(state: InstanceState) -> bool | None:
        position = state.value(dgn, "position")
        return position > 0 if isinstance(position, int | float) else None

    return is_on


@dataclass(frozen=True, kw_only=True)
class RvcChassisBinarySensorDescription(BinarySensorEntityDescription):
    """A two-state reading of an instance, from one status DGN."""

    dgn: str
    is_on_fn: Callable[[InstanceState], bool | None]


def _fridge_sensors(family: str) -> tuple[RvcSensorDescription, ...]:
    """A refrigerator or freezer compartment's readings (table 6.52.2b)."""
    return (
        RvcSensorDescription(
            key=f"{family}_temperature",
            dgn=FRIDGE_STATUS,
            device_class=SensorDeviceClass.TEMPERATURE,
            native_unit_of_measurement=UnitOfTemperature.CELSIUS,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=1,
            value_fn=_number(FRIDGE_STATUS, "current_temperature"),
        ),
        RvcSensorDescription(
            key=f"{family}_set_temperature",
            dgn=FRIDGE_STATUS,
            device_class=SensorDeviceClass.TEMPERATURE,
            native_unit_of_measurement=UnitOfTemperature.CELSIUS,
            suggested_display_precision=1,
            entity_category=EntityCategory.DIAGNOSTIC,
            value_fn=_number(FRIDGE_STATUS, "set_temperature"),
        ),
        RvcSensorDescription(
            key=f"{family}_mode",
            dgn=FRIDGE_STATUS,
            device_class=SensorDeviceClass.ENUM,
            options=FRIDGE_MODES,
            value_fn=_choice(FRIDGE_STATUS, "refrigerator_mode", FRIDGE_MODES),
        ),
        RvcSensorDescription(
            key=f"{family}_fuel_source",
            dgn=FRIDGE_STATUS,
            device_class=SensorDeviceClass.ENUM,
            options=FRIDGE_FUELS,
            value_fn=_choice(FRIDGE_STATUS, "fuel_source", FRIDGE_FUELS),
        ),
        RvcSensorDescription(
            key=f"{family}_compressor_speed",
            dgn=FRIDGE_STATUS,
            native_unit_of_measurement=PERCENTAGE,
            state_class=SensorStateClass.MEASUREMENT,
            entity_category=EntityCategory.DIAGNOSTIC,
            value_fn=lambda state: percent(
                state.value(FRIDGE_STATUS, "compressor_speed")
            ),
        ),
    )


CHASSIS_SENSORS: Final[dict[str, tuple[RvcSensorDescription, ...]]] = {
    FAMILY_LEVELING: (
        RvcSensorDescription(
            key="leveling_mode",
            dgn=LEVELING_STATUS,
            device_class=SensorDeviceClass.ENUM,
            options=LEVELING_MODES,
            value_fn=_choice(LEVELING_STATUS, "operating_mode", LEVELING_MODES),
        ),
    ),
    FAMILY_TIRE: (
        RvcSensorDescription(
            key="tire_pressure",
            dgn=TIRE_STATUS,
            device_class=SensorDeviceClass.PRESSURE,
            native_unit_of_measurement=UnitOfPressure.KPA,
            state_class=SensorStateClass.MEASUREMENT,
            value_fn=_number(TIRE_STATUS, "tire_pressure"),
        ),
        RvcSensorDescription(
            key="tire_temperature",
            dgn=TIRE_STATUS,
            device_class=SensorDeviceClass.TEMPERATURE,
            native_unit_of_measurement=UnitOfTemperature.CELSIUS,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=0,
            value_fn=_number(TIRE_STATUS, "tire_temperature"),
        ),
    ),
    "refrigerator": _fridge_sensors("refrigerator"),
    "freezer": _fridge_sensors("freezer"),
}


def _fridge_door(family: str) -> RvcChassisBinarySensorDescription:
    return RvcChassisBinarySensorDescription(
        key=f"{family}_door",
        dgn=FRIDGE_STATUS,
        device_class=BinarySensorDeviceClass.DOOR,
        is_on_fn=_equals(FRIDGE_STATUS, "door_switch", "open"),
    )


CHASSIS_BINARY_SENSORS: Final[
    dict[str, tuple[RvcChassisBinarySensorDescription, ...]]
] = {
    FAMILY_LEVELING: (
        RvcChassisBinarySensorDescription(
            key="jacks_not_stowed",
            dgn=JACK_STATUS,
            device_class=BinarySensorDeviceClass.PROBLEM,
            is_on_fn=jacks_not_stowed,
        ),
        RvcChassisBinarySensorDescription(
            key="leveling_warning",
            dgn=LEVELING_STATUS,
            device_class=BinarySensorDeviceClass.PROBLEM,
            is_on_fn=_equals(LEVELING_STATUS, "master_warning", "warning"),
        ),
    ),
    "step": (
        RvcChassisBinarySensorDescription(
            key="step_extended",
            dgn="STEP_STATUS",
            is_on_fn=_open("STEP_STATUS"),
        ),
        RvcChassisBinarySensorDescription(
            key="step_obstructed",
            dgn="STEP_STATUS",
            device_class=BinarySensorDeviceClass.PROBLEM,
            is_on_fn=_equals("STEP_STATUS", "obstruction_sensor_bottom", "obstructed"),
        ),
    ),
    # The lock stays lock.py's; this is only whether the door stands open.
    "door": (
        RvcChassisBinarySensorDescription(
            key="door_open",
            dgn="DOOR_STATUS",
            device_class=BinarySensorDeviceClass.DOOR,
            is_on_fn=_open("DOOR_STATUS"),
        ),
    ),
    "window": (
        RvcChassisBinarySensorDescription(
            key="window_open",
            dgn="WINDOW_STATUS",
            device_class=BinarySensorDeviceClass.WINDOW,
            is_on_fn=_open("WINDOW_STATUS"),
        ),
    ),
    FAMILY_TIRE: (
        RvcChassisBinarySensorDescription(
            key="tire_pressure_alarm",
            dgn=TIRE_STATUS,
            device_class=BinarySensorDeviceClass.PROBLEM,
            is_on_fn=_not_ok(TIRE_STATUS, "pressure_status"),
        ),
        RvcChassisBinarySensorDescription(
            key="tire_temperature_alarm",
            dgn=TIRE_STATUS,
            device_class=BinarySensorDeviceClass.PROBLEM,
            is_on_fn=_not_ok(TIRE_STATUS, "temperature_status"),
        ),
        RvcChassisBinarySensorDescription(
            key="tire_sensor_battery",
            dgn=TIRE_STATUS,
            device_class=BinarySensorDeviceClass.BATTERY,
            entity_category=EntityCategory.DIAGNOSTIC,
            is_on_fn=_equals(TIRE_STATUS, "battery_status", "low"),
        ),
        RvcChassisBinarySensorDescription(
            key="tire_slow_leak",
            dgn=SLOW_LEAK,
            device_class=BinarySensorDeviceClass.PROBLEM,
            is_on_fn=_equals(SLOW_LEAK, "alarm_status", "slow_leak"),
        ),
    ),
    "refrigerator": (_fridge_door("refrigerator"),),
    "freezer": (_fridge_door("freezer"),),
}


def tire_placeholders(key: InstanceKey) -> dict[str, str]:
    """A tire's axle and position in words, for its entities' names."""
    if key[0] != FAMILY_TIRE:
        return {}
    axle, position = divmod(key[1], TIRE_AXLE_FACTOR)
    return {
        "axle": (
            f"{TIRE_AXLES[axle].capitalize()} axle"
            if axle < len(TIRE_AXLES)
            else f"Axle {axle}"
        ),
        "position": (
            TIRE_POSITIONS[position].replace("_", " ")
            if position < len(TIRE_POSITIONS)
            else f"position {position}"
        ),
    }


class RvcChassisSensor(RvcSensor):
    """A chassis reading; a tire's is named by its axle and position."""

    def __init__(
        self,
        coordinator: RvcCoordinator,
        key: InstanceKey,
        source: int,
        description: RvcSensorDescription,
    ) -> None:
        """Name a tire's reading by its location."""
        super().__init__(coordinator, key, source, description)
        self._attr_translation_placeholders = {
            **self._attr_translation_placeholders,
            **tire_placeholders(key),
        }


class RvcChassisBinarySensor(RvcEntity, BinarySensorEntity):
    """A two-state chassis reading; a tire's is named by its location."""

    entity_description: RvcChassisBinarySensorDescription

    def __init__(
        self,
        coordinator: RvcCoordinator,
        key: InstanceKey,
        source: int,
        description: RvcChassisBinarySensorDescription,
    ) -> None:
        """Describe the reading."""
        super().__init__(coordinator, key, source, description.key)
        self.entity_description = description
        self._attr_translation_key = description.key
        self._attr_translation_placeholders = {
            **self._attr_translation_placeholders,
            **tire_placeholders(key),
        }

    @property
    def is_on(self) -> bool | None:
        """As reported; None when not available or in error."""
        state = self.instance_state
        return None if state is None else self.entity_description.is_on_fn(state)


def reported_value(description: RvcSensorDescription, state: InstanceState) -> bool:
    """A sensor appears once its value is reported."""
    value: StateType = description.value_fn(state)
    return value is not None


def reported_state(
    description: RvcChassisBinarySensorDescription, state: InstanceState
) -> bool:
    """A binary sensor appears once its state is reported."""
    return description.is_on_fn(state) is not None
