"""Sensors of batteries, solar, inverter DC and generator AC.

Lithium batteries (6.49), solar charge controllers (SOLAR_CONTROLLER_*),
the inverter's DC side and temperatures (6.19), and the generator's AC
output (6.18). The AGS (6.35) is in binary_sensor.py and switch.py.

sensor.py adds these next to its own; energy sensors reuse energy.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from homeassistant.components.sensor import SensorDeviceClass, SensorStateClass
from homeassistant.const import (
    PERCENTAGE,
    EntityCategory,
    UnitOfElectricCurrent,
    UnitOfElectricPotential,
    UnitOfEnergy,
    UnitOfFrequency,
    UnitOfPower,
    UnitOfTemperature,
)
from homeassistant.core import callback

from .energy import RvcEnergySensor, _energy_description, _power_description, _product
from .entity import async_setup_described_entities
from .sensor import (
    UNIT_AMPERE_HOUR,
    RvcSensor,
    RvcSensorDescription,
    _choice,
    _number,
    _percent,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddEntitiesCallback
    from homeassistant.helpers.typing import StateType

    from . import RvcConfigEntry
    from .coordinator import InstanceState

# Solar charge states: table 6.5.5b; its "undefined" shows as unknown.
SOLAR_STATES: Final = [
    "do_not_charge", "bulk", "absorption", "overcharge", "equalize", "float",
    "constant_voltage_current",
]  # fmt: skip


def _charging(dgn: str, field: str) -> Callable[[InstanceState], StateType]:
    """A battery's current, positive while it charges, as a DC source's.

    RV-C counts a discharge positive (6.49.1).
    """

    def value(state: InstanceState) -> StateType:
        reported = state.value(dgn, field)
        return -reported if isinstance(reported, int | float) else None

    return value


def _sensor(
    key: str,
    dgn: str,
    field: str,
    kind: SensorDeviceClass | None,
    unit: str | None,
    *,
    precision: int | None = None,
    diagnostic: bool = False,
    state_class: SensorStateClass | None = SensorStateClass.MEASUREMENT,
    value_fn: Callable[[InstanceState], StateType] | None = None,
    placeholders: dict[str, str] | None = None,
) -> RvcSensorDescription:
    return RvcSensorDescription(
        key=key,
        dgn=dgn,
        device_class=kind,
        native_unit_of_measurement=unit,
        state_class=state_class,
        suggested_display_precision=precision,
        entity_category=EntityCategory.DIAGNOSTIC if diagnostic else None,
        translation_placeholders=placeholders,
        value_fn=value_fn or _number(dgn, field),
    )


VOLTAGE: Final = SensorDeviceClass.VOLTAGE
CURRENT: Final = SensorDeviceClass.CURRENT
TEMPERATURE: Final = SensorDeviceClass.TEMPERATURE
VOLT: Final = UnitOfElectricPotential.VOLT
AMPERE: Final = UnitOfElectricCurrent.AMPERE
CELSIUS: Final = UnitOfTemperature.CELSIUS
SOLAR: Final = "SOLAR_CONTROLLER_STATUS"
ARRAY: Final = "SOLAR_CONTROLLER_SOLAR_ARRAY_STATUS"
INVERTER_TEMPERATURE: Final = "INVERTER_TEMPERATURE_STATUS"
GENERATOR_AC: Final = "GENERATOR_AC_STATUS_1"


def _generator_ac(line: int) -> tuple[RvcSensorDescription, ...]:
    """One line of the generator's AC output (6.18, GENERATOR_AC_STATUS_1 and 3)."""
    line_of = {"line": str(line)}
    return (
        _sensor(
            "generator_ac_voltage",
            GENERATOR_AC,
            "rms_voltage",
            VOLTAGE,
            VOLT,
            precision=1,
            placeholders=line_of,
        ),
        _sensor(
            "generator_ac_current",
            GENERATOR_AC,
            "rms_current",
            CURRENT,
            AMPERE,
            precision=1,
            placeholders=line_of,
        ),
        _sensor(
            "generator_ac_frequency",
            GENERATOR_AC,
            "frequency",
            SensorDeviceClass.FREQUENCY,
            UnitOfFrequency.HERTZ,
            precision=1,
            placeholders=line_of,
        ),
        _sensor(
            "generator_ac_real_power",
            "GENERATOR_AC_STATUS_3",
            "real_power",
            SensorDeviceClass.POWER,
            UnitOfPower.WATT,
            precision=0,
            placeholders=line_of,
        ),
    )


POWER_STATUS_SENSORS: Final[dict[str, tuple[RvcSensorDescription, ...]]] = {
    "battery": (
        _sensor(
            "battery_voltage",
            "BATTERY_STATUS_1",
            "dc_voltage",
            VOLTAGE,
            VOLT,
            precision=2,
        ),
        _sensor(
            "battery_current",
            "BATTERY_STATUS_1",
            "dc_current",
            CURRENT,
            AMPERE,
            precision=1,
            value_fn=_charging("BATTERY_STATUS_1", "dc_current"),
        ),
        _sensor(
            "battery_temperature",
            "BATTERY_STATUS_2",
            "source_temperature",
            TEMPERATURE,
            CELSIUS,
            precision=1,
        ),
        _sensor(
            "battery_state_of_charge",
            "BATTERY_STATUS_2",
            "state_of_charge",
            SensorDeviceClass.BATTERY,
            PERCENTAGE,
            precision=0,
            value_fn=_percent("BATTERY_STATUS_2", "state_of_charge"),
        ),
        _sensor(
            "battery_state_of_health",
            "BATTERY_STATUS_3",
            "state_of_health",
            None,
            PERCENTAGE,
            precision=0,
            diagnostic=True,
            value_fn=_percent("BATTERY_STATUS_3", "state_of_health"),
        ),
        _sensor(
            "battery_capacity_remaining",
            "BATTERY_STATUS_3",
            "capacity_remaining",
            None,
            UNIT_AMPERE_HOUR,
        ),
        _sensor(
            "battery_full_capacity",
            "BATTERY_STATUS_11",
            "full_capacity",
            None,
            UNIT_AMPERE_HOUR,
            diagnostic=True,
            state_class=None,
        ),
        _sensor(
            "battery_cycles",
            "BATTERY_STATUS_12",
            "cycles",
            None,
            None,
            diagnostic=True,
            state_class=SensorStateClass.TOTAL_INCREASING,
        ),
        # The lowest and highest module (or cell) voltage, 6.49.13.
        _sensor(
            "battery_lowest_voltage",
            "BATTERY_STATUS_13",
            "lowest_battery_voltage",
            VOLTAGE,
            VOLT,
            precision=2,
        ),
        _sensor(
            "battery_highest_voltage",
            "BATTERY_STATUS_13",
            "highest_battery_voltage",
            VOLTAGE,
            VOLT,
            precision=2,
        ),
    ),
    "solar_controller": (
        RvcSensorDescription(
            key="solar_charge_state",
            dgn=SOLAR,
            device_class=SensorDeviceClass.ENUM,
            options=SOLAR_STATES,
            value_fn=_choice(SOLAR, "operating_state", SOLAR_STATES),
        ),
        _sensor(
            "solar_charge_voltage", SOLAR, "charge_voltage", VOLTAGE, VOLT, precision=2
        ),
        _sensor(
            "solar_charge_current",
            SOLAR,
            "charge_current",
            CURRENT,
            AMPERE,
            precision=1,
        ),
        _sensor(
            "solar_array_voltage",
            ARRAY,
            "solar_array_measured_voltage",
            VOLTAGE,
            VOLT,
            precision=1,
        ),
        _sensor(
            "solar_array_current",
            ARRAY,
            "solar_array_measured_input_current",
            CURRENT,
            AMPERE,
            precision=1,
        ),
        # Reset each day by the controller: TOTAL_INCREASING takes the reset.
        _sensor(
            "solar_today_charge",
            "SOLAR_CONTROLLER_STATUS_4",
            "todays_amp_hours_to_battery",
            None,
            UNIT_AMPERE_HOUR,
            state_class=SensorStateClass.TOTAL_INCREASING,
        ),
        # The controller's own counter (6.20.x, SOLAR_CONTROLLER_STATUS_5):
        # the Energy dashboard's solar production.
        _sensor(
            "solar_energy",
            "SOLAR_CONTROLLER_STATUS_5",
            "cumulative_power_generation",
            SensorDeviceClass.ENERGY,
            UnitOfEnergy.KILO_WATT_HOUR,
            precision=0,
            state_class=SensorStateClass.TOTAL_INCREASING,
        ),
        _sensor(
            "solar_temperature",
            "SOLAR_CONTROLLER_STATUS_6",
            "measured_temperature",
            TEMPERATURE,
            CELSIUS,
            precision=1,
            diagnostic=True,
        ),
    ),
    "inverter": (
        _sensor(
            "inverter_dc_voltage",
            "INVERTER_DC_STATUS",
            "dc_voltage",
            VOLTAGE,
            VOLT,
            precision=2,
        ),
        _sensor(
            "inverter_dc_current",
            "INVERTER_DC_STATUS",
            "dc_current",
            CURRENT,
            AMPERE,
            precision=1,
        ),
        *(
            _sensor(
                f"inverter_{field}",
                INVERTER_TEMPERATURE,
                field,
                TEMPERATURE,
                CELSIUS,
                precision=1,
                diagnostic=True,
            )
            for field in (
                "fet_1_temperature",
                "transformer_temperature",
                "fet_2_temperature",
            )
        ),
    ),
    **{f"generator_ac_{line}": _generator_ac(line) for line in (1, 2)},
}

# Power where the device gives only volts and amps; energy integrated from it
# (energy.py) where no counter exists. The solar controller counts its own.
POWER_SENSORS: Final[dict[str, tuple[RvcSensorDescription, ...]]] = {
    "solar_controller": (
        _power_description(
            "solar_array_power",
            ARRAY,
            _product(
                ARRAY,
                "solar_array_measured_voltage",
                "solar_array_measured_input_current",
            ),
        ),
        _power_description(
            "solar_charge_power",
            SOLAR,
            _product(SOLAR, "charge_voltage", "charge_current"),
        ),
    ),
    **{
        f"generator_ac_{line}": (
            _power_description(
                "generator_ac_power",
                GENERATOR_AC,
                _product(GENERATOR_AC, "rms_voltage", "rms_current"),
                translation_placeholders={"line": str(line)},
            ),
        )
        for line in (1, 2)
    },
}
ENERGY_SENSORS: Final = {
    f"generator_ac_{line}": (
        _energy_description(
            "generator_ac_energy",
            GENERATOR_AC,
            _product(GENERATOR_AC, "rms_voltage", "rms_current"),
            translation_placeholders={"line": str(line)},
        ),
    )
    for line in (1, 2)
}


@callback
def async_setup_power_entities(
    hass: HomeAssistant, entry: RvcConfigEntry, async_add_entities: AddEntitiesCallback
) -> None:
    """Each sensor when its instance first reports a value for it."""
    for descriptions in (POWER_STATUS_SENSORS, POWER_SENSORS):
        async_setup_described_entities(
            hass,
            entry,
            async_add_entities,
            "sensor",
            descriptions=descriptions,
            entity_class=RvcSensor,
            reported=lambda description, state: description.value_fn(state) is not None,
        )
    async_setup_described_entities(
        hass,
        entry,
        async_add_entities,
        "sensor",
        descriptions=ENERGY_SENSORS,
        entity_class=RvcEnergySensor,
        reported=lambda description, state: description.value_fn(state) is not None,
    )
