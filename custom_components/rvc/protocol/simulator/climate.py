"""Simulated climate: thermostats (furnace, air conditioner), water heater, roof fan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from ..spec import ERROR
from .base import Node, Product, Status

if TYPE_CHECKING:
    from collections.abc import Mapping


@dataclass(slots=True)
class Zone:
    """A thermostat zone and the air it controls."""

    instance: int
    operating_mode: str
    setpoint_heat: float
    setpoint_cool: float
    ambient: float
    fan_mode: str = "auto"
    fan_speed: float = 50.0
    heating: bool = False
    """The zone's furnace is running."""
    cooling: bool = False
    """The zone's air conditioner is running."""


# How fast a zone's air moves toward its setpoint (or the outside), °C/s.
_HVAC_RATE: Final = 0.02
_OUTSIDE_RATE: Final = 0.002
OUTSIDE_TEMPERATURE: Final = 12.0


class Thermostat(Node):
    """Thermostat zones with their furnace and air conditioner.

    THERMOSTAT_STATUS_1 and THERMOSTAT_AMBIENT_STATUS per zone, and the
    FURNACE_STATUS and AIR_CONDITIONER_STATUS of the equipment it runs.
    """

    command_dgns = frozenset({"THERMOSTAT_COMMAND_1"})
    needs_every_field = False
    """Like some Firefly systems: a command with a "no change" field is ignored."""

    def __init__(self, source: int, product: Product, zones: list[Zone]) -> None:
        """Control the given zones."""
        super().__init__(source, product)
        self.zones = {zone.instance: zone for zone in zones}
        self._last: float | None = None

    def statuses(self) -> list[Status]:
        """Mode, fan and setpoints; the ambient temperature."""
        return [s for zone in self.zones.values() for s in self._zone_statuses(zone)]

    def _zone_statuses(self, zone: Zone) -> list[Status]:
        return [
            (
                "THERMOSTAT_STATUS_1",
                {
                    "instance": zone.instance,
                    "operating_mode": zone.operating_mode,
                    "fan_mode": zone.fan_mode,
                    "schedule_mode": "disabled",
                    "fan_speed": zone.fan_speed,
                    "setpoint_heat": zone.setpoint_heat,
                    "setpoint_cool": zone.setpoint_cool,
                },
            ),
            (
                "THERMOSTAT_AMBIENT_STATUS",
                {
                    "instance": zone.instance,
                    "ambient_temperature": round(zone.ambient * 32) / 32,
                },
            ),
            *self._equipment_statuses(zone),
        ]

    def _equipment_statuses(self, zone: Zone) -> list[Status]:
        head = {"instance": zone.instance, "operating_mode": "automatic"}
        fan = zone.fan_speed if zone.heating or zone.cooling else 0.0
        return [
            (
                "FURNACE_STATUS",
                head
                | {
                    "heat_source": "combustion",
                    "circulation_fan_speed": fan if zone.heating else 0.0,
                    "heat_output_level": 100.0 if zone.heating else 0.0,
                    "dead_band": 1.0,
                    "second_stage_dead_band": 2.0,
                },
            ),
            (
                "AIR_CONDITIONER_STATUS",
                head
                | {
                    "max_fan_speed": 100.0,
                    "max_output_level": 100.0,
                    "fan_speed": fan if zone.cooling else 0.0,
                    "output_level": 100.0 if zone.cooling else 0.0,
                    "dead_band": 1.0,
                    "second_stage_dead_band": 2.0,
                },
            ),
        ]

    def command(self, name: str, values: Mapping[str, Any], now: float) -> list[Status]:
        """Apply every field of THERMOSTAT_COMMAND_1 that is not "no change"."""
        zone = self.zones.get(values.get("instance"))  # type: ignore[arg-type]
        if zone is None:
            return []
        fields = {
            field: values.get(field)
            for field in (
                "operating_mode",
                "fan_mode",
                "fan_speed",
                "setpoint_heat",
                "setpoint_cool",
            )
        }
        if self.needs_every_field and None in fields.values():
            return []
        for field, value in fields.items():
            if value is not None and value is not ERROR:
                setattr(zone, field, value)
        return self._zone_statuses(zone)

    def tick(self, now: float) -> list[Status]:
        """Heat, cool, or drift toward the outside temperature.

        The furnace or air conditioner reports at once when it starts or stops.
        """
        elapsed = 0.0 if self._last is None else now - self._last
        self._last = now
        changed: list[Status] = []
        for zone in self.zones.values():
            heating = zone.operating_mode in {
                "heat",
                "aux_heat",
                "auto_heat_cool",
            } and (zone.ambient < zone.setpoint_heat)
            cooling = zone.operating_mode in {"cool", "auto_heat_cool"} and (
                zone.ambient > zone.setpoint_cool
            )
            if (heating, cooling) != (zone.heating, zone.cooling):
                zone.heating, zone.cooling = heating, cooling
                changed += self._equipment_statuses(zone)
            if heating:
                zone.ambient = min(
                    zone.setpoint_heat, zone.ambient + _HVAC_RATE * elapsed
                )
            elif cooling:
                zone.ambient = max(
                    zone.setpoint_cool, zone.ambient - _HVAC_RATE * elapsed
                )
            else:
                drift = (OUTSIDE_TEMPERATURE - zone.ambient) * _OUTSIDE_RATE * elapsed
                zone.ambient += drift
        return changed


@dataclass(slots=True)
class Heater:
    """A water heater's tank."""

    instance: int
    operating_mode: str
    setpoint: float
    water: float


# °C per second while a heat source is on, and toward the cabin when off.
_WATER_HEATING_RATE: Final = 0.05
_WATER_COOLING_RATE: Final = 0.001
CABIN_TEMPERATURE: Final = 20.0


class WaterHeater(Node):
    """WATERHEATER_STATUS, obeying WATERHEATER_COMMAND."""

    command_dgns = frozenset({"WATERHEATER_COMMAND"})

    def __init__(self, source: int, product: Product, heaters: list[Heater]) -> None:
        """Simulate the given heaters."""
        super().__init__(source, product)
        self.heaters = {heater.instance: heater for heater in heaters}
        self._last: float | None = None

    def statuses(self) -> list[Status]:
        """One WATERHEATER_STATUS per heater."""
        return [self._status(heater) for heater in self.heaters.values()]

    def _status(self, heater: Heater) -> Status:
        heating = heater.operating_mode != "off" and heater.water < heater.setpoint
        gas = heater.operating_mode in {"combustion", "gas_electric"}
        electric = heater.operating_mode in {"electric", "gas_electric"}
        return (
            "WATERHEATER_STATUS",
            {
                "instance": heater.instance,
                "operating_mode": heater.operating_mode,
                "setpoint_temperature": heater.setpoint,
                "water_temperature": round(heater.water * 32) / 32,
                "thermostat_status": "setpoint_not_met" if heating else "setpoint_met",
                "burner_status": "lit" if heating and gas else "off",
                "ac_element_status": "active" if heating and electric else "inactive",
                "high_temperature_limit_switch": "not_tripped",
                "failure_to_ignite": "no_failure",
                "ac_power_failure": "present",
                "dc_power_failure": "present",
            },
        )

    def command(self, name: str, values: Mapping[str, Any], now: float) -> list[Status]:
        """Apply the mode and setpoint unless they are "no change"."""
        heater = self.heaters.get(values.get("instance"))  # type: ignore[arg-type]
        if heater is None:
            return []
        if isinstance(mode := values.get("operating_mode"), str):
            heater.operating_mode = mode
        if isinstance(setpoint := values.get("setpoint_temperature"), int | float):
            heater.setpoint = float(setpoint)
        return [self._status(heater)]

    def tick(self, now: float) -> list[Status]:
        """Heat toward the setpoint, or cool toward the cabin."""
        elapsed = 0.0 if self._last is None else now - self._last
        self._last = now
        for heater in self.heaters.values():
            if heater.operating_mode != "off" and heater.water < heater.setpoint:
                heater.water = min(
                    heater.setpoint, heater.water + _WATER_HEATING_RATE * elapsed
                )
            else:
                heater.water += (
                    (CABIN_TEMPERATURE - heater.water) * _WATER_COOLING_RATE * elapsed
                )
        return []


class RoofFan(Node):
    """A roof fan: ROOF_FAN_STATUS_1, obeying ROOF_FAN_COMMAND_1."""

    command_dgns = frozenset({"ROOF_FAN_COMMAND_1"})
    _FIELDS: Final = (
        "system_status",
        "fan_mode",
        "speed_mode",
        "fan_speed",
        "wind_direction",
        "dome_position",
    )

    def __init__(self, source: int, product: Product, instance: int) -> None:
        """A fan, off, blowing out at half speed when started."""
        super().__init__(source, product)
        self.instance = instance
        self.settings: dict[str, Any] = {
            "system_status": "off",
            "fan_mode": "auto",
            "speed_mode": "manual",
            "fan_speed": 50.0,
            "wind_direction": "air_out",
            "dome_position": "closed",
        }

    def statuses(self) -> list[Status]:
        """The fan's settings and its lid."""
        return [
            (
                "ROOF_FAN_STATUS_1",
                {
                    "instance": self.instance,
                    **self.settings,
                    "light": "off",
                    "rain_sensor": "no_rain",
                },
            )
        ]

    def command(self, name: str, values: Mapping[str, Any], now: float) -> list[Status]:
        """Apply every field that is not "no change".

        Starting the fan opens a closed lid, as real fans do; "stop" leaves
        the lid where it is (the model moves it at once).
        """
        if values.get("instance") != self.instance:
            return []
        settings = self.settings
        dome = settings["dome_position"]
        for field in self._FIELDS:
            value = values.get(field)
            if value is not None and value is not ERROR:
                settings[field] = value
        if settings["dome_position"] == "stop":
            settings["dome_position"] = dome
        if (
            values.get("system_status") == "on"
            and settings["dome_position"] == "closed"
        ):
            settings["dome_position"] = "open"
        return self.statuses()
