"""Simulated power sources: a lithium battery's BMS, solar, and the AGS.

The other half of the power system (batteries, inverter/charger, generator,
transfer switch) is in power.py.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Final

from .base import Node, Product, Status

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .power import Battery


# A 12 V LiFePO4 bank of four cells: rest voltage by charge, and its spread.
LFP_EMPTY: Final = 12.8
LFP_SPAN: Final = 0.6
CELLS: Final = 4
CELL_SPREAD: Final = 0.01


class LithiumBms(Node):
    """A lithium battery's management system: BATTERY_STATUS_* (6.49)."""

    def __init__(self, source: int, product: Product, battery: Battery) -> None:
        """Manage the bank; its DC source instance is the battery's."""
        super().__init__(source, product)
        self.battery = battery
        self._last: float | None = None

    def statuses(self) -> list[Status]:
        """Voltage and current, charge, health, protections and cell spread."""
        battery = self.battery
        volts = round(
            LFP_EMPTY
            + LFP_SPAN * battery.state_of_charge / 100
            + 0.002 * battery.current,
            2,
        )
        cell = volts / CELLS
        head = {"instance": 1, "dc_instance": battery.instance}
        protections = {
            f"{side}_{what}_{kind}": "connected"
            if kind == "disconnect_status"
            else "not_reached"
            for side in ("high", "low")
            for what in ("voltage", "dc_source_temperature")
            for kind in ("limit_status", "disconnect_status")
        }
        low_charge = battery.state_of_charge < 10
        return [
            (
                "BATTERY_STATUS_1",
                # Positive from the battery (6.49.1).
                head | {"dc_voltage": volts, "dc_current": round(-battery.current, 3)},
            ),
            (
                "BATTERY_STATUS_2",
                head
                | {
                    "source_temperature": battery.temperature,
                    "state_of_charge": round(battery.state_of_charge * 2) / 2,
                    "time_remaining": None,
                    "time_remaining_interpretation": None,
                },
            ),
            (
                "BATTERY_STATUS_3",
                head
                | {
                    "state_of_health": 99.0,
                    "capacity_remaining": round(
                        battery.capacity_ah * battery.state_of_charge / 100
                    ),
                    "relative_capacity": round(battery.state_of_charge * 2) / 2,
                    "ac_rms_ripple": None,
                },
            ),
            (
                "BATTERY_STATUS_6",
                head
                | protections
                | {
                    "low_state_of_charge_limit_status": "limit_reached"
                    if low_charge
                    else "not_reached",
                    "low_state_of_charge_disconnect_status": "connected",
                    "high_current_dc_source_limit": "not_reached",
                    "high_current_dc_source_disconnect": "connected",
                },
            ),
            (
                "BATTERY_STATUS_13",
                head
                | {
                    "lowest_battery_voltage": round(cell - CELL_SPREAD, 2),
                    "highest_battery_voltage": round(cell + CELL_SPREAD, 2),
                },
            ),
        ]

    def tick(self, now: float) -> list[Status]:
        """Discharge by the load."""
        elapsed = 0.0 if self._last is None else now - self._last
        self._last = now
        battery = self.battery
        battery.state_of_charge = max(
            0.0,
            battery.state_of_charge
            + 100 * battery.current * elapsed / 3600 / battery.capacity_ah,
        )
        return []


# A 400 W array: about 38 V at its maximum power point; power over a sine,
# so that its output moves while the simulator runs.
PANEL_VOLTAGE: Final = 38.5
PANEL_PEAK_AMPS: Final = 8.0
SOLAR_PERIOD: Final = 600.0
SOLAR_BATTERY_VOLTAGE: Final = 14.2


class SolarController(Node):
    """A solar charge controller: array and charge status, its own kWh counter."""

    def __init__(self, source: int, product: Product, total_kwh: float) -> None:
        """Start from the controller's lifetime energy."""
        super().__init__(source, product)
        self.total_kwh = total_kwh
        self.today_ah = 0.0
        self.panel_amps = PANEL_PEAK_AMPS / 2
        self._last: float | None = None

    @property
    def charge_amps(self) -> float:
        """Output to the battery: the array's power, 95 % efficient."""
        return round(0.95 * PANEL_VOLTAGE * self.panel_amps / SOLAR_BATTERY_VOLTAGE, 1)

    def statuses(self) -> list[Status]:
        """Array, charge, daily and lifetime counters, temperature."""
        head = {"instance": 1}
        return [
            (
                "SOLAR_CONTROLLER_SOLAR_ARRAY_STATUS",
                head
                | {
                    "solar_array_measured_voltage": PANEL_VOLTAGE,
                    "solar_array_measured_input_current": self.panel_amps,
                },
            ),
            (
                "SOLAR_CONTROLLER_STATUS",
                head
                | {
                    "charge_voltage": SOLAR_BATTERY_VOLTAGE,
                    "charge_current": self.charge_amps,
                    "charge_current_percent_of_maximum": min(
                        100.0, round(self.charge_amps * 100 / 30 * 2) / 2
                    ),
                    "operating_state": "bulk" if self.panel_amps > 1 else "float",
                    "power_up_state": "enabled",
                    "clear_history": "not_cleared",
                    "force_charge": "not_forced",
                },
            ),
            (
                "SOLAR_CONTROLLER_STATUS_4",
                head
                | {
                    "todays_amp_hours_to_battery": int(self.today_ah),
                    "yesterdays_amp_hours_to_battery": 64,
                    "day_before_yesterdays_amp_hours_to_battery": 71,
                },
            ),
            (
                "SOLAR_CONTROLLER_STATUS_5",
                head
                | {
                    "last_7_days_amp_hours_to_battery": 420,
                    "cumulative_power_generation": int(self.total_kwh),
                },
            ),
            (
                "SOLAR_CONTROLLER_STATUS_6",
                head | {"total_operating_days": 412, "measured_temperature": 31.0},
            ),
        ]

    def tick(self, now: float) -> list[Status]:
        """Move the array's current; count the energy and the charge."""
        elapsed = 0.0 if self._last is None else now - self._last
        self._last = now
        self.panel_amps = round(
            PANEL_PEAK_AMPS * (0.5 + 0.5 * math.sin(2 * math.pi * now / SOLAR_PERIOD)),
            2,
        )
        self.total_kwh += PANEL_VOLTAGE * self.panel_amps * elapsed / 3_600_000
        self.today_ah += self.charge_amps * elapsed / 3600
        return []


class AutoGeneratorStart(Node):
    """The AGS: GENERATOR_DEMAND_STATUS, locked or not by GENERATOR_DEMAND_COMMAND."""

    command_dgns = frozenset({"GENERATOR_DEMAND_COMMAND"})

    def __init__(self, source: int, product: Product) -> None:
        """Unlocked, nothing demanding the generator."""
        super().__init__(source, product)
        self.locked = False
        self.demanded = False

    def statuses(self) -> list[Status]:
        """Demand, quiet time, activity and lock (6.35.2)."""
        return [
            (
                "GENERATOR_DEMAND_STATUS",
                {
                    "generator_demand": "demanded" if self.demanded else "no_demand",
                    "internal_generator_demand": "no_demand",
                    "network_generator_demand": "demanded"
                    if self.demanded
                    else "no_demand",
                    "external_activity_detected": "automatic_start_allowed",
                    "manual_override_detected": "normal",
                    "quiet_time": "not_quiet_time",
                    "quiet_time_override": "normal",
                    "generator_lock": "locked" if self.locked else "normal",
                    "minimum_cycle_time": 30,
                },
            )
        ]

    def command(self, name: str, values: Mapping[str, Any], now: float) -> list[Status]:
        """Lock or unlock; note a device's demand."""
        if (lock := values.get("generator_lock")) in ("normal", "locked"):
            self.locked = lock == "locked"
        if (demand := values.get("generator_demand")) in ("no_demand", "demand"):
            self.demanded = demand == "demand"
        return self.statuses()
