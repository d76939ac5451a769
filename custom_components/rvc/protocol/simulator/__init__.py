"""A simulated RV-C coach, for development, demonstrations and tests."""

from .coach import CoachSimulator, typical_coach
from .nodes import (
    Battery,
    BatteryMonitor,
    DimmerModule,
    Node,
    Product,
    RelayModule,
    Tank,
    TankSensor,
    Thermostat,
    Zone,
)

__all__ = [
    "Battery",
    "BatteryMonitor",
    "CoachSimulator",
    "DimmerModule",
    "Node",
    "Product",
    "RelayModule",
    "Tank",
    "TankSensor",
    "Thermostat",
    "Zone",
    "typical_coach",
]
