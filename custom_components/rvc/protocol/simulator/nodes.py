"""Simulated RV-C devices: each one a node with a source address.

A node reports its status (a list of DGN name and values) and obeys the
commands addressed to its instances. Time is passed in, in seconds, so the
models behave the same under test as on a live bus.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from ..spec import ERROR

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

type Status = tuple[str, dict[str, Any]]

NO_DELAY: Final = 255
"""delay/duration value meaning none (continuous)."""
DEFAULT_RAMP_SECONDS: Final = 5.0


@dataclass(frozen=True, slots=True)
class Product:
    """What a node answers to a request for PRODUCT_IDENTIFICATION."""

    make: str
    model: str
    serial_number: str
    unit_number: str = "1"


class Node:
    """A device on the bus."""

    command_dgns: frozenset[str] = frozenset()

    def __init__(self, source: int, product: Product) -> None:
        """Give the node its address and identity."""
        self.source = source
        self.product = product
        self.fault: tuple[int, int] | None = None
        """The active fault (SPN, FMI) its DM_RV reports; None for none."""

    def statuses(self) -> list[Status]:
        """Every status message the node broadcasts, current values."""
        raise NotImplementedError

    def diagnostic(self) -> Status:
        """DM_RV: the node's active fault, or that it has none."""
        spn, fmi = self.fault or (0, 0)
        return (
            "DM_RV",
            {
                "operating_status": None,
                "yellow_lamp": "on" if self.fault else "off",
                "red_lamp": "off",
                "default_source_address": self.source,
                "spn": spn,
                "fmi": fmi,
                "occurrence_count": 1 if self.fault else 0,
                "dsa_extension": 0xFF,
                "bank_select": 0xF,
            },
        )

    def command(self, name: str, values: Mapping[str, Any], now: float) -> list[Status]:
        """Obey a command; return the statuses to report at once."""
        return []

    def tick(self, now: float) -> list[Status]:
        """Advance the model to now; return the statuses that changed."""
        return []


@dataclass(slots=True)
class _Ramp:
    start_level: float
    target: float
    started: float
    duration: float


@dataclass(slots=True)
class Load:
    """One output channel of a load module; relays have only 0 and 100 %."""

    instance: int
    variable: bool = True
    level: float = 0.0
    memory: float = 100.0
    locked: bool = False
    last_command: str = "set_level"
    ramp: _Ramp | None = None
    switch_at: float | None = None
    switch_to: float = 0.0
    delay: int | None = None

    def set(self, level: float) -> None:
        """Switch to a level now, ending any ramp."""
        level = max(0.0, min(100.0, level))
        if not self.variable:
            level = 100.0 if level > 0 else 0.0
        self.level = level
        if level > 0:
            self.memory = level
        self.ramp = None

    def start_ramp(self, target: float, seconds: float, now: float) -> None:
        """Move to target over seconds (at once for relays)."""
        if seconds <= 0 or not self.variable:
            self.set(target)
            return
        self.ramp = _Ramp(self.level, max(0.0, min(100.0, target)), now, seconds)

    def schedule(self, level: float, seconds: float, now: float) -> None:
        """Switch to level after a delay."""
        self.switch_at = now + seconds
        self.switch_to = level
        self.delay = round(seconds)

    def advance(self, now: float) -> None:
        """Carry out what is due by now: a delayed switch, a ramp step."""
        if self.switch_at is not None and now >= self.switch_at:
            self.switch_at = None
            self.delay = None
            self.set(self.switch_to)
        if self.ramp is not None:
            ramp = self.ramp
            fraction = min(1.0, (now - ramp.started) / ramp.duration)
            level = ramp.start_level + (ramp.target - ramp.start_level) * fraction
            # Devices report in 0.5 % steps.
            self.level = round(level * 2) / 2
            if fraction >= 1.0:
                self.set(ramp.target)


def _seconds(value: object, default: float) -> float:
    if isinstance(value, int | float) and value != NO_DELAY:
        return float(value)
    return default


class _LoadModule(Node):
    """A module of switched or dimmed loads, one per instance."""

    command_dgn: str

    def __init__(
        self,
        source: int,
        product: Product,
        levels: Mapping[int, float],
        *,
        variable: bool,
    ) -> None:
        """Create one load per instance, at its starting level."""
        super().__init__(source, product)
        self.command_dgns = frozenset({self.command_dgn})
        self.loads: dict[int, Load] = {}
        for instance, level in levels.items():
            load = Load(instance, variable=variable)
            load.set(level)
            self.loads[instance] = load

    def statuses(self) -> list[Status]:
        """One status per load."""
        return [self.status(load) for load in self.loads.values()]

    def status(self, load: Load) -> Status:
        """The status message of one load."""
        raise NotImplementedError

    def command(self, name: str, values: Mapping[str, Any], now: float) -> list[Status]:
        """Obey a command to one of the loads; that load reports its status."""
        load = self.loads.get(values.get("instance"))  # type: ignore[arg-type]
        command = values.get("command")
        if load is None or not isinstance(command, str):
            return []
        if not load.locked or command == "unlock":
            _LOAD_COMMANDS.get(command, _ignore)(load, values, now)
            load.last_command = command
            load.advance(now)
        return [self.status(load)]

    def tick(self, now: float) -> list[Status]:
        """Move ramps and delayed switching on."""
        changed = []
        for load in self.loads.values():
            if load.ramp is None and load.switch_at is None:
                continue
            before = load.level, load.delay
            load.advance(now)
            if before != (load.level, load.delay):
                changed.append(self.status(load))
        return changed


class DimmerModule(_LoadModule):
    """A multi-channel DC dimmer: DC_DIMMER_STATUS_3 / DC_DIMMER_COMMAND_2."""

    command_dgn = "DC_DIMMER_COMMAND_2"

    def __init__(
        self, source: int, product: Product, levels: Mapping[int, float]
    ) -> None:
        """Dimmable loads at their starting levels."""
        super().__init__(source, product, levels, variable=True)

    def status(self, load: Load) -> Status:
        """DC_DIMMER_STATUS_3."""
        return (
            "DC_DIMMER_STATUS_3",
            {
                "instance": load.instance,
                "group": 0,
                "brightness": load.level,
                "lock_status": "locked" if load.locked else "unlocked",
                "overcurrent_status": "normal",
                "override_status": "inactive",
                "enable_status": "enabled",
                "delay_duration": load.delay,
                "last_command": load.last_command,
                "interlock_status": "inactive",
                "load_status": "on" if load.level > 0 else "off",
            },
        )


class RelayModule(_LoadModule):
    """On/off DC loads: DC_LOAD_STATUS (not variable) / DC_LOAD_COMMAND."""

    command_dgn = "DC_LOAD_COMMAND"

    def __init__(
        self, source: int, product: Product, levels: Mapping[int, float]
    ) -> None:
        """Relays, on (100) or off (0)."""
        super().__init__(source, product, levels, variable=False)

    def status(self, load: Load) -> Status:
        """DC_LOAD_STATUS."""
        return (
            "DC_LOAD_STATUS",
            {
                "instance": load.instance,
                "group": 0,
                "operating_status": load.level,
                "operating_mode": "automatic",
                "variable_level": "not_variable",
                "priority": 0,
                "delay": load.delay,
                "demanded_current": None,
                "present_current": None,
            },
        )


def _ignore(load: Load, values: Mapping[str, Any], now: float) -> None:
    """Commands the simulated dimmer does not support (flash) change nothing."""


def _set_level(load: Load, values: Mapping[str, Any], now: float) -> None:
    level = values.get("desired_level")
    if level is not None:
        load.set(level)


def _on_duration(load: Load, values: Mapping[str, Any], now: float) -> None:
    level = values.get("desired_level")
    load.set(load.memory if level is None else level)
    duration = values.get("delay_duration")
    if duration not in (None, NO_DELAY):
        load.schedule(0.0, float(duration), now)


def _on_delay(load: Load, values: Mapping[str, Any], now: float) -> None:
    level = values.get("desired_level")
    load.schedule(
        load.memory if level is None else level,
        _seconds(values.get("delay_duration"), 0),
        now,
    )


def _off_delay(load: Load, values: Mapping[str, Any], now: float) -> None:
    delay = _seconds(values.get("delay_duration"), 0)
    if delay <= 0:
        load.set(0.0)
    else:
        load.schedule(0.0, delay, now)


def _stop(load: Load, values: Mapping[str, Any], now: float) -> None:
    load.advance(now)
    load.ramp = None
    load.switch_at = None
    load.delay = None


def _toggle(load: Load, values: Mapping[str, Any], now: float) -> None:
    load.set(0.0 if load.level > 0 else load.memory)


def _memory_off(load: Load, values: Mapping[str, Any], now: float) -> None:
    if load.level > 0:
        load.memory = load.level
    load.set(0.0)


type _LoadCommand = Callable[[Load, Mapping[str, Any], float], None]


def _ramp_to(
    target_of: Callable[[Load, Mapping[str, Any]], float | None],
) -> _LoadCommand:
    def ramp(load: Load, values: Mapping[str, Any], now: float) -> None:
        target = target_of(load, values)
        if target is None:
            return
        seconds = _seconds(values.get("delay_duration"), DEFAULT_RAMP_SECONDS)
        load.start_ramp(target, seconds, now)

    return ramp


def _lock(load: Load, values: Mapping[str, Any], now: float) -> None:
    load.locked = True


def _unlock(load: Load, values: Mapping[str, Any], now: float) -> None:
    load.locked = False


_LOAD_COMMANDS: Final[dict[str, _LoadCommand]] = {
    "set_level": _set_level,
    "on_duration": _on_duration,
    "on_delay": _on_delay,
    "off_delay": _off_delay,
    "stop": _stop,
    "toggle": _toggle,
    "memory_off": _memory_off,
    "ramp_brightness": _ramp_to(lambda load, values: values.get("desired_level")),
    "ramp_toggle": _ramp_to(
        lambda load, values: 0.0 if load.level > 0 else load.memory
    ),
    "ramp_up": _ramp_to(lambda load, values: 100.0),
    "ramp_down": _ramp_to(lambda load, values: 0.0),
    "ramp_up_down": _ramp_to(lambda load, values: 0.0 if load.level >= 50 else 100.0),
    "lock": _lock,
    "unlock": _unlock,
}


@dataclass(slots=True)
class Tank:
    """A tank whose level moves at a steady rate (fraction of full per second)."""

    instance: int
    size_litres: int
    level: float
    rate: float
    resolution: int = 16


class TankSensor(Node):
    """Tank level sensors: TANK_STATUS, filling or draining slowly."""

    def __init__(self, source: int, product: Product, tanks: list[Tank]) -> None:
        """Sensors for the given tanks."""
        super().__init__(source, product)
        self.tanks = tanks
        self._last: float | None = None

    def statuses(self) -> list[Status]:
        """One TANK_STATUS per tank."""
        return [
            (
                "TANK_STATUS",
                {
                    "instance": tank.instance,
                    "relative_level": round(tank.level * tank.resolution),
                    "resolution": tank.resolution,
                    "absolute_level": round(tank.level * tank.size_litres),
                    "tank_size": tank.size_litres,
                },
            )
            for tank in self.tanks
        ]

    def tick(self, now: float) -> list[Status]:
        """Fill and drain; a full or empty tank turns around."""
        elapsed = 0.0 if self._last is None else now - self._last
        self._last = now
        for tank in self.tanks:
            tank.level += tank.rate * elapsed
            if not 0.0 <= tank.level <= 1.0:
                tank.level = min(1.0, max(0.0, tank.level))
                tank.rate = -tank.rate
        return []


@dataclass(slots=True)
class Battery:
    """A battery bank: state of charge moves with the net current."""

    instance: int
    capacity_ah: float
    state_of_charge: float
    load_amps: float
    charger_amps: float = 0.0
    temperature: float = 22.0

    @property
    def current(self) -> float:
        """Net current in amperes, positive when charging."""
        return self.charger_amps - self.load_amps

    @property
    def voltage(self) -> float:
        """Terminal voltage of a 12 V lead-acid bank: rest voltage plus load."""
        return round(11.8 + 1.0 * self.state_of_charge / 100 + 0.01 * self.current, 2)


class BatteryMonitor(Node):
    """A battery monitor: DC_SOURCE_STATUS_1/2/3 for each bank."""

    def __init__(self, source: int, product: Product, batteries: list[Battery]) -> None:
        """Monitor the given banks."""
        super().__init__(source, product)
        self.batteries = batteries
        self._last: float | None = None

    def statuses(self) -> list[Status]:
        """Voltage and current, charge and time remaining, health and capacity."""
        result: list[Status] = []
        for battery in self.batteries:
            head = {"instance": battery.instance, "device_priority": "battery_soc"}
            remaining_ah = battery.capacity_ah * battery.state_of_charge / 100
            minutes = (
                round(remaining_ah / -battery.current * 60)
                if battery.current < 0
                else None
            )
            result += [
                (
                    "DC_SOURCE_STATUS_1",
                    head
                    | {
                        "dc_voltage": battery.voltage,
                        # RV-C: positive flows from the battery (6.5.2).
                        "dc_current": round(-battery.current, 3),
                    },
                ),
                (
                    "DC_SOURCE_STATUS_2",
                    head
                    | {
                        "source_temperature": battery.temperature,
                        "state_of_charge": round(battery.state_of_charge * 2) / 2,
                        "time_remaining": minutes,
                    },
                ),
                (
                    "DC_SOURCE_STATUS_3",
                    head
                    | {
                        "state_of_health": 98.0,
                        "capacity_remaining": round(remaining_ah),
                        "relative_capacity": round(battery.state_of_charge * 2) / 2,
                        "ac_rms_ripple": None,
                    },
                ),
            ]
        return result

    def tick(self, now: float) -> list[Status]:
        """Charge or discharge by the net current (the charger sets its part)."""
        elapsed = 0.0 if self._last is None else now - self._last
        self._last = now
        for battery in self.batteries:
            delta_ah = battery.current * elapsed / 3600
            battery.state_of_charge = min(
                100.0,
                max(
                    0.0, battery.state_of_charge + 100 * delta_ah / battery.capacity_ah
                ),
            )
        return []


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
        for field in (
            "operating_mode",
            "fan_mode",
            "fan_speed",
            "setpoint_heat",
            "setpoint_cool",
        ):
            value = values.get(field)
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


class Chassis(Node):
    """A parked coach: CHASSIS_MOBILITY_STATUS."""

    def statuses(self) -> list[Status]:
        """Engine off, stopped, park brake on."""
        return [
            (
                "CHASSIS_MOBILITY_STATUS",
                {
                    "engine_rpm": 0,
                    "vehicle_speed": 0,
                    "park_brake": "engaged",
                    "transmission_lock": "locked",
                    "engine_lock": "free_to_start",
                    "ignition_switch": "off",
                    "accessory_switch": "off",
                    "transmission_current_gear": "park",
                    "transmission_gear_selected": "park",
                },
            )
        ]


class GasDetector(Node):
    """An LP gas detector in clean air: GAS_SENSOR_STATUS."""

    def statuses(self) -> list[Status]:
        """No gas, no alarm."""
        return [
            (
                "GAS_SENSOR_STATUS",
                {
                    "instance": 1,
                    "type": "lp_gas",
                    "gas_level": 0,
                    "alarm": "no_alarm",
                    "warning": "no_warning",
                    "dc_supply_failure": "no_failure",
                    "sensor_failure": "no_failure",
                },
            )
        ]


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


class WaterPump(Node):
    """The fresh water pump: WATER_PUMP_STATUS, obeying WATER_PUMP_COMMAND."""

    command_dgns = frozenset({"WATER_PUMP_COMMAND"})

    def __init__(self, source: int, product: Product) -> None:
        """A pump, disabled."""
        super().__init__(source, product)
        self.enabled = False

    def statuses(self) -> list[Status]:
        """Enabled or not; not running (nobody opens a tap)."""
        return [
            (
                "WATER_PUMP_STATUS",
                {
                    "operating_status": "enabled" if self.enabled else "disabled",
                    "pump_status": "not_running",
                    "water_hookup_detected": "no",
                },
            )
        ]

    def command(self, name: str, values: Mapping[str, Any], now: float) -> list[Status]:
        """Enable or disable."""
        command = values.get("command")
        if command in {"enable", "disable"}:
            self.enabled = command == "enable"
        return self.statuses()


# Percent a second that awnings and slide-outs move.
MOTION_RATE: Final = 10.0


@dataclass(slots=True)
class Extension:
    """An awning or slide-out: how far out it is and where it is going."""

    instance: int
    position: float = 0.0
    target: float | None = None

    @property
    def motion(self) -> str:
        """no_motion, extending or retracting."""
        if self.target is None or self.target == self.position:
            return "no_motion"
        return "extending" if self.target > self.position else "retracting"

    def advance(self, elapsed: float) -> bool:
        """Move toward the target; True when it moved."""
        if self.target is None:
            return False
        step = MOTION_RATE * elapsed
        if abs(self.target - self.position) <= step:
            self.position = self.target
            self.target = None
        else:
            self.position += step if self.target > self.position else -step
        return True


class _MotionNode(Node):
    """A node of awnings or slide-outs, obeying direction commands."""

    status_dgn: str

    def __init__(self, source: int, product: Product, instances: list[int]) -> None:
        """Everything retracted."""
        super().__init__(source, product)
        self.extensions = {instance: Extension(instance) for instance in instances}
        self._last: float | None = None

    def statuses(self) -> list[Status]:
        """One status per awning or slide-out."""
        return [self._status(extension) for extension in self.extensions.values()]

    def _status(self, extension: Extension) -> Status:
        return (
            self.status_dgn,
            {
                "instance": extension.instance,
                "motion": extension.motion,
                "position": round(extension.position * 2) / 2,
                **self._extra(),
            },
        )

    def _extra(self) -> dict[str, Any]:
        return {}

    def command(self, name: str, values: Mapping[str, Any], now: float) -> list[Status]:
        """Extend, retract, stop; awnings also move to a position."""
        extension = self.extensions.get(values.get("instance"))  # type: ignore[arg-type]
        if extension is None:
            return []
        direction = values.get("direction")
        position = values.get("position")
        if direction == "stop":
            extension.target = None
        elif direction == "extend":
            extension.target = 100.0
        elif direction == "retract":
            extension.target = 0.0
        elif isinstance(position, int | float):
            extension.target = float(position)
        self._last = now
        return [self._status(extension)]

    def tick(self, now: float) -> list[Status]:
        """Move what is moving; report it as it goes."""
        elapsed = 0.0 if self._last is None else now - self._last
        self._last = now
        return [
            self._status(extension)
            for extension in self.extensions.values()
            if extension.advance(elapsed)
        ]


class Awnings(_MotionNode):
    """Awnings: AWNING_STATUS, obeying AWNING_COMMAND."""

    command_dgns = frozenset({"AWNING_COMMAND"})
    status_dgn = "AWNING_STATUS"


class Slides(_MotionNode):
    """Slide-out rooms: SLIDE_STATUS, obeying SLIDE_COMMAND."""

    command_dgns = frozenset({"SLIDE_COMMAND"})
    status_dgn = "SLIDE_STATUS"

    def _extra(self) -> dict[str, Any]:
        return {
            "blocked_by_park_brake": "no",
            "blocked_by_levelers": "no",
            "blocked_by_ignition": "no",
            "blocked_by_air_seal": "no",
            "blocked_by_low_voltage": "no",
        }


# Generator start-up: seconds in each state before the next.
GENERATOR_SEQUENCE: Final = (("preheat", 2.0), ("cranking", 2.0), ("running", 0.0))
LINE_VOLTAGE: Final = 120.0
LINE_FREQUENCY: Final = 60.0
# Charger output by stage: bulk below 80 %, absorption below 95 %, then float.
CHARGE_STAGES: Final = ((80.0, "bulk", 40.0), (95.0, "absorption", 15.0))
FLOAT_AMPS: Final = 2.0


class PowerCenter(Node):
    """Inverter/charger, generator and transfer switch of the coach's AC system.

    Shore power (primary) or a running generator (secondary) feeds the coach
    through the transfer switch and charges the house battery; without either,
    the inverter runs the AC loads from the battery.
    """

    command_dgns = frozenset({"GENERATOR_COMMAND"})

    def __init__(
        self,
        source: int,
        product: Product,
        battery: Battery,
        *,
        shore_power: bool = True,
        ac_load_amps: float = 6.0,
    ) -> None:
        """Charge battery; shore power connected or not."""
        super().__init__(source, product)
        self.battery = battery
        self.shore_power = shore_power
        self.ac_load_amps = ac_load_amps
        self.generator = "stopped"
        self.run_minutes = 1234.0
        self._state_since = 0.0
        self._last: float | None = None

    @property
    def ac_source(self) -> str | None:
        """The transfer switch's input in use: the generator first."""
        if self.generator == "running":
            return "secondary"
        return "primary" if self.shore_power else None

    def _charge(self) -> tuple[str, float]:
        if self.ac_source is None:
            return "do_not_charge", 0.0
        for below, stage, amps in CHARGE_STAGES:
            if self.battery.state_of_charge < below:
                return stage, amps
        return "float", FLOAT_AMPS

    def statuses(self) -> list[Status]:
        """Inverter, charger, generator and transfer switch."""
        source = self.ac_source
        stage, amps = self._charge()
        ac_in = {
            "rms_voltage": LINE_VOLTAGE if source else 0.0,
            "frequency": LINE_FREQUENCY if source else 0.0,
        }
        faults = {
            "fault_open_ground": "no_fault",
            "fault_open_neutral": "no_fault",
            "fault_reverse_polarity": "no_fault",
            "fault_ground_current": "no_fault",
        }

        def ats_input(name: str, live: bool) -> Status:
            return (
                "ATS_AC_STATUS_1",
                {
                    "instance": 1,
                    "input_output": "input",
                    "source": name,
                    "leg": "leg_1",
                    "rms_voltage": LINE_VOLTAGE if live else 0.0,
                    "rms_current": self.ac_load_amps if source == name else 0.0,
                    "frequency": LINE_FREQUENCY if live else 0.0,
                    **faults,
                },
            )

        return [
            (
                "INVERTER_STATUS",
                {
                    "instance": 1,
                    "status": "ac_passthru" if source else "invert",
                    "battery_temperature_sensor": "present",
                    "load_sense_enabled": "disabled",
                },
            ),
            (
                "INVERTER_AC_STATUS_1",
                {
                    "instance": 1,
                    "line": "line_1",
                    "input_output": "output",
                    "rms_voltage": LINE_VOLTAGE,
                    "rms_current": self.ac_load_amps,
                    "frequency": LINE_FREQUENCY,
                    **faults,
                },
            ),
            (
                "CHARGER_STATUS",
                {
                    "instance": 1,
                    "charge_voltage": self.battery.voltage if amps else 0.0,
                    "charge_current": amps,
                    "charge_current_percent": amps * 100 / 40,
                    "operating_state": stage,
                    "default_state_on_power_up": "enabled",
                    "auto_recharge": "enabled",
                    "force_charge": "not_forced",
                },
            ),
            (
                "CHARGER_AC_STATUS_1",
                {
                    "instance": 1,
                    "line": "line_1",
                    "input_output": "input",
                    "rms_current": round(amps * 14 / LINE_VOLTAGE, 2)
                    if source
                    else 0.0,
                    **ac_in,
                    **faults,
                },
            ),
            (
                "GENERATOR_STATUS_1",
                {
                    "status": self.generator,
                    "engine_run_time": int(self.run_minutes),
                    "engine_load": 30.0 if self.generator == "running" else 0.0,
                    "start_battery_voltage": 12.7,
                },
            ),
            ats_input("primary", self.shore_power),
            ats_input("secondary", self.generator == "running"),
            (
                "ATS_AC_STATUS_1",
                {
                    "instance": 1,
                    "input_output": "output",
                    "source": "primary",
                    "leg": "leg_1",
                    "rms_voltage": LINE_VOLTAGE if source else 0.0,
                    "rms_current": self.ac_load_amps if source else 0.0,
                    **ac_in,
                    **faults,
                },
            ),
        ]

    def command(self, name: str, values: Mapping[str, Any], now: float) -> list[Status]:
        """Start or stop the generator."""
        command = values.get("command")
        if command == "start" and self.generator == "stopped":
            self._set_generator(GENERATOR_SEQUENCE[0][0], now)
        elif command == "stop":
            self._set_generator("stopped", now)
        else:
            return []
        return self.statuses()

    def _set_generator(self, state: str, now: float) -> None:
        self.generator = state
        self._state_since = now

    def tick(self, now: float) -> list[Status]:
        """Step the generator's start-up, count its run time, drive the charger."""
        elapsed = 0.0 if self._last is None else now - self._last
        self._last = now
        changed = False
        for index, (state, seconds) in enumerate(GENERATOR_SEQUENCE[:-1]):
            if self.generator == state and now - self._state_since >= seconds:
                self._set_generator(GENERATOR_SEQUENCE[index + 1][0], now)
                changed = True
                break
        if self.generator == "running":
            self.run_minutes += elapsed / 60
        self.battery.charger_amps = self._charge()[1]
        return self.statuses() if changed else []
