"""Simulated power: batteries, inverter/charger, generator, transfer switch."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from .base import Node, Product, Status

if TYPE_CHECKING:
    from collections.abc import Mapping


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
            return "not_charging", 0.0
        for below, stage, amps in CHARGE_STAGES:
            if self.battery.state_of_charge < below:
                return stage, amps
        return "float", FLOAT_AMPS

    def statuses(self) -> list[Status]:
        """Inverter, charger, generator and transfer switch."""
        source = self.ac_source
        running = self.generator == "running"
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
            (
                "INVERTER_DC_STATUS",
                {
                    "instance": 1,
                    "dc_voltage": self.battery.voltage,
                    # Drawn from the battery while inverting (6.19.22).
                    "dc_current": 0.0
                    if source
                    else round(self.ac_load_amps * LINE_VOLTAGE / 12.5, 1),
                },
            ),
            (
                "INVERTER_TEMPERATURE_STATUS",
                {
                    "instance": 1,
                    "fet_1_temperature": 35.0 if source else 48.0,
                    "transformer_temperature": 38.0 if source else 55.0,
                    "fet_2_temperature": 34.5 if source else 47.0,
                },
            ),
            (
                "GENERATOR_AC_STATUS_1",
                {
                    "instance": 1,
                    "line": "line_1",
                    "rms_voltage": LINE_VOLTAGE if running else 0.0,
                    "rms_current": self.ac_load_amps if running else 0.0,
                    "frequency": LINE_FREQUENCY if running else 0.0,
                    **faults,
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
