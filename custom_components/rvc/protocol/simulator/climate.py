"""Simulated climate: thermostats and their heat, water heater, roof fan, floor heat."""

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
    heat_pump: str | None = None
    """The zone's heat pump's mode (automatic, manual), None without one."""


# How fast a zone's air moves toward its setpoint (or the outside), °C/s.
_HVAC_RATE: Final = 0.02
_OUTSIDE_RATE: Final = 0.002
OUTSIDE_TEMPERATURE: Final = 12.0


class Thermostat(Node):
    """Thermostat zones with their furnace and air conditioner.

    THERMOSTAT_STATUS_1 and THERMOSTAT_AMBIENT_STATUS per zone, and the
    FURNACE_STATUS and AIR_CONDITIONER_STATUS of the equipment it runs, and
    HEAT_PUMP_STATUS for zones with a heat pump. In "heat" a heat pump in
    automatic mode carries the heat (6.16.2: "heat" runs the sources built
    into the air conditioner); otherwise the furnace does.
    """

    command_dgns = frozenset({"THERMOSTAT_COMMAND_1", "HEAT_PUMP_COMMAND"})
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

    @staticmethod
    def _pump_heats(zone: Zone) -> bool:
        return zone.operating_mode == "heat" and zone.heat_pump == "automatic"

    def _equipment_statuses(self, zone: Zone) -> list[Status]:
        head = {"instance": zone.instance, "operating_mode": "automatic"}
        fan = zone.fan_speed if zone.heating or zone.cooling else 0.0
        pump = zone.heating and self._pump_heats(zone)
        furnace = zone.heating and not pump
        return [
            (
                "FURNACE_STATUS",
                head
                | {
                    "heat_source": "combustion",
                    "circulation_fan_speed": fan if furnace else 0.0,
                    "heat_output_level": 100.0 if furnace else 0.0,
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
            *self._heat_pump_statuses(zone, running=pump),
        ]

    @staticmethod
    def _heat_pump_statuses(zone: Zone, *, running: bool) -> list[Status]:
        if zone.heat_pump is None:
            return []
        return [
            (
                "HEAT_PUMP_STATUS",
                {
                    "instance": zone.instance,
                    "operating_mode": zone.heat_pump,
                    "max_heat_output_level": 100.0,
                    "heat_output_level": 100.0 if running else 0.0,
                    "dead_band": 1.0,
                    "second_stage_dead_band": 2.0,
                    "fan_speed": zone.fan_speed if running else 0.0,
                },
            )
        ]

    def command(self, name: str, values: Mapping[str, Any], now: float) -> list[Status]:
        """Apply every field that is not "no change".

        A heat pump takes only its mode here: its output follows the zone.
        """
        zone = self.zones.get(values.get("instance"))  # type: ignore[arg-type]
        if zone is None:
            return []
        if name == "HEAT_PUMP_COMMAND":
            if zone.heat_pump is None:
                return []
            if isinstance(mode := values.get("operating_mode"), str):
                zone.heat_pump = mode
            return self._equipment_statuses(zone)
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


# °C per second while the floor's element heats, and toward the cabin when off.
_FLOOR_HEATING_RATE: Final = 0.01
_FLOOR_COOLING_RATE: Final = 0.001


class HydronicHeat(Node):
    """A floor heat unit (6.36) and a circulation pump (6.9.6) on one node.

    The pump runs while the floor heats; a test command forces it on until
    an "off" ends the test.
    """

    command_dgns = frozenset({"FLOOR_HEAT_COMMAND", "CIRCULATION_PUMP_COMMAND"})

    def __init__(self, source: int, product: Product, instance: int) -> None:
        """Floor heat and pump of the given instance; the floor off and cool."""
        super().__init__(source, product)
        self.instance = instance
        self.on = False
        self.set_point = 24.0
        self.floor = 16.0
        self.pump_test = False
        self._last: float | None = None
        self._element = False

    def statuses(self) -> list[Status]:
        """FLOOR_HEAT_STATUS and CIRCULATION_PUMP_STATUS."""
        self._element = self.on and self.floor < self.set_point
        pump = "test" if self.pump_test else "on" if self._element else "off"
        return [
            (
                "FLOOR_HEAT_STATUS",
                {
                    "instance": self.instance,
                    "operating_mode": "automatic",
                    "operating_status": "on" if self.on else "off",
                    "heat_element_status": "on" if self._element else "off",
                    "schedule_mode": "disabled",
                    "measured_temperature": round(self.floor * 32) / 32,
                    "set_point": self.set_point,
                    "dead_band": 1.0,
                },
            ),
            (
                "CIRCULATION_PUMP_STATUS",
                {
                    "instance": self.instance,
                    "output_status": pump,
                    "pump_overcurrent_status": "normal",
                    "pump_undercurrent_status": "normal",
                    "pump_temperature_status": "normal",
                },
            ),
        ]

    def command(self, name: str, values: Mapping[str, Any], now: float) -> list[Status]:
        """Switch the floor, set its set point, or start or end a pump test."""
        if values.get("instance") not in {0, self.instance}:
            return []
        if name == "CIRCULATION_PUMP_COMMAND":
            if isinstance(mode := values.get("output_mode"), str):
                self.pump_test = mode == "test"
        else:
            if isinstance(status := values.get("desired_operating_status"), str):
                self.on = status == "on"
            if isinstance(set_point := values.get("set_point"), int | float):
                self.set_point = float(set_point)
        return self.statuses()

    def tick(self, now: float) -> list[Status]:
        """Warm the floor toward its set point, or cool it toward the cabin.

        The element and pump report at once when they start or stop.
        """
        elapsed = 0.0 if self._last is None else now - self._last
        self._last = now
        if self._element:
            self.floor = min(self.set_point, self.floor + _FLOOR_HEATING_RATE * elapsed)
        else:
            self.floor += (
                (CABIN_TEMPERATURE - self.floor) * _FLOOR_COOLING_RATE * elapsed
            )
        element = self.on and self.floor < self.set_point
        return self.statuses() if element != self._element else []
