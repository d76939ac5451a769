"""Simulated devices that only report: tank levels, LP gas, the chassis."""

from __future__ import annotations

from dataclasses import dataclass

from .base import Node, Product, Status


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
