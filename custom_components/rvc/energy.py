"""Power and energy: watts from the volts and amps the bus reports, kWh from watts.

RV-C 2023-11 has no energy counter in the DGNs this module reads
(DC_SOURCE_STATUS_1, INVERTER_AC_STATUS_1, CHARGER_AC_STATUS_1, ATS_AC_STATUS_1,
and GENERATOR_AC_STATUS_1 through power_sensors.py): every energy sensor here is
computed, by integrating the power over time, and says so in its "computed"
attribute. RV-C's one energy counter, a solar charge controller's cumulative kWh
(SOLAR_CONTROLLER_STATUS_5), is read as reported by power_sensors.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Final

from homeassistant.components.sensor import (
    RestoreSensor,
    SensorDeviceClass,
    SensorStateClass,
)
from homeassistant.const import UnitOfEnergy, UnitOfPower
from homeassistant.core import callback
from homeassistant.helpers.event import async_track_time_interval

from .entity import async_setup_described_entities
from .sensor import AC_CHANNELS, RvcSensor, RvcSensorDescription, charging_current

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddEntitiesCallback

    from . import RvcConfigEntry
    from .coordinator import InstanceKey, InstanceState, RvcCoordinator

# These DGNs are broadcast every 0.5 to 5 s (RV-C 2023-11, DG definition tables
# of §6.5.2, §6.19, §6.20, §6.32): a longer silence is a gap in the data, and
# no energy is counted across it.
MAX_REPORT_GAP: Final = 30.0
# Values that do not change are not pushed to the entities: sample this often.
SAMPLE_INTERVAL: Final = timedelta(seconds=10)
WATT_SECONDS_PER_KWH: Final = 3_600_000


def _product(
    dgn: str, voltage: str, current: str
) -> Callable[[InstanceState], float | None]:
    """Volts times amps of one status, in watts; None unless both are reported."""

    def power(state: InstanceState) -> float | None:
        volts = state.value(dgn, voltage)
        amps = state.value(dgn, current)
        if not isinstance(volts, int | float) or not isinstance(amps, int | float):
            return None
        return round(volts * amps, 1)

    return power


def _dc_power(state: InstanceState) -> float | None:
    """A DC source's power in watts, positive while it charges."""
    volts = state.value("DC_SOURCE_STATUS_1", "dc_voltage")
    amps = charging_current(state)
    if not isinstance(volts, int | float) or amps is None:
        return None
    return round(volts * amps, 1)


DC_POWER: Final = _dc_power


def _power_description(
    key: str, dgn: str, power: Callable[[InstanceState], float | None], **extra: Any
) -> RvcSensorDescription:
    return RvcSensorDescription(
        key=key,
        dgn=dgn,
        device_class=SensorDeviceClass.POWER,
        native_unit_of_measurement=UnitOfPower.WATT,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        value_fn=power,
        **extra,
    )


# A DC source's power is signed as its current: positive while charging.
POWER_SENSORS: Final[dict[str, tuple[RvcSensorDescription, ...]]] = {
    "dc_source": (_power_description("power", "DC_SOURCE_STATUS_1", DC_POWER),),
    **{
        f"{base}_{channel}_{line}": (
            _power_description(
                f"{base}_{channel}_power",
                dgn,
                _product(dgn, "rms_voltage", "rms_current"),
                translation_placeholders={"line": str(line)},
            ),
        )
        for base, (dgn, channels) in AC_CHANNELS.items()
        for channel in channels
        for line in (1, 2)
    },
}


@dataclass(frozen=True, kw_only=True)
class RvcEnergyDescription(RvcSensorDescription):
    """Energy integrated from a power (value_fn): only power of one sign counts."""

    sign: float = 1.0
    """+1 counts power flowing in (charging, consumed); -1 power flowing out."""


def _energy_description(
    key: str, dgn: str, power: Callable[[InstanceState], float | None], **extra: Any
) -> RvcEnergyDescription:
    return RvcEnergyDescription(
        key=key,
        dgn=dgn,
        device_class=SensorDeviceClass.ENERGY,
        native_unit_of_measurement=UnitOfEnergy.KILO_WATT_HOUR,
        state_class=SensorStateClass.TOTAL_INCREASING,
        suggested_display_precision=2,
        value_fn=power,
        **extra,
    )


# The AC channels whose energy an owner follows: shore (the transfer switch's
# primary input), generator (its secondary input), the inverter/charger's input
# and the inverter's output.
ENERGY_CHANNELS: Final = {
    "inverter_ac": ("input", "output"),
    "charger_ac": ("input",),
    "transfer_switch": ("primary", "secondary"),
}
ENERGY_SENSORS: Final[dict[str, tuple[RvcEnergyDescription, ...]]] = {
    "dc_source": (
        _energy_description("energy_charged", "DC_SOURCE_STATUS_1", DC_POWER),
        _energy_description(
            "energy_discharged", "DC_SOURCE_STATUS_1", DC_POWER, sign=-1.0
        ),
    ),
    **{
        f"{base}_{channel}_{line}": (
            _energy_description(
                f"{base}_{channel}_energy",
                AC_CHANNELS[base][0],
                _product(AC_CHANNELS[base][0], "rms_voltage", "rms_current"),
                translation_placeholders={"line": str(line)},
            ),
        )
        for base, channels in ENERGY_CHANNELS.items()
        for channel in channels
        for line in (1, 2)
    },
}


@callback
def async_setup_energy_entities(
    hass: HomeAssistant, entry: RvcConfigEntry, async_add_entities: AddEntitiesCallback
) -> None:
    """Power and energy sensors, each when its instance first reports its power."""
    async_setup_described_entities(
        hass,
        entry,
        async_add_entities,
        "sensor",
        descriptions=POWER_SENSORS,
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


class RvcEnergySensor(RvcSensor, RestoreSensor):
    """Energy integrated from the reported power, kept across restarts.

    A left Riemann sum over the reports: each power holds until the next
    report. Nothing is counted across a gap in the reports longer than
    MAX_REPORT_GAP, while the instance is unavailable, or across a restart.
    """

    entity_description: RvcEnergyDescription
    _attr_extra_state_attributes = {"computed": True}
    _unrecorded_attributes = frozenset({"computed"})

    def __init__(
        self,
        coordinator: RvcCoordinator,
        key: InstanceKey,
        source: int,
        description: RvcEnergyDescription,
    ) -> None:
        """Start from zero; a restored total replaces it when added."""
        super().__init__(coordinator, key, source, description)
        self._total = 0.0
        self._since: float | None = None
        """Time of the report up to which energy is counted; None after a gap."""
        self._power: float | None = None
        """The power reported then, in watts."""

    async def async_added_to_hass(self) -> None:
        """Restore the total, and sample the power while nothing changes."""
        # Before any await: removed while still being added, it cancels the timer.
        self.async_on_remove(
            async_track_time_interval(self.hass, self._async_sample, SAMPLE_INTERVAL)
        )
        await super().async_added_to_hass()
        last = await self.async_get_last_sensor_data()
        if (
            last is not None
            and last.native_unit_of_measurement == UnitOfEnergy.KILO_WATT_HOUR
            and isinstance(last.native_value, int | float)
        ):
            self._total = float(last.native_value)

    @callback
    def _async_sample(self, _now: datetime) -> None:
        self._async_instance_updated()

    @callback
    def _async_instance_updated(self) -> None:
        """Count the energy up to the latest report before showing it."""
        self._integrate()
        super()._async_instance_updated()

    def _integrate(self) -> None:
        state = self.instance_state
        if state is None or not state.available:
            self._since = None
            return
        elapsed = None if self._since is None else state.last_report - self._since
        if (
            elapsed is not None
            and 0 <= elapsed <= MAX_REPORT_GAP
            and self._power is not None
        ):
            watts = max(0.0, self._power * self.entity_description.sign)
            self._total += watts * elapsed / WATT_SECONDS_PER_KWH
        power = self.entity_description.value_fn(state)
        self._power = float(power) if isinstance(power, int | float) else None
        self._since = state.last_report

    @property
    def available(self) -> bool:
        """Always: the total is known even while the instance is silent."""
        return True

    @property
    def native_value(self) -> float:
        """The total in kWh, to the watt-hour."""
        return round(self._total, 3)
