"""A simulated RV-C coach, for development, demonstrations and tests."""

from .coach import CoachSimulator, typical_coach
from .nodes import (
    Battery,
    BatteryMonitor,
    Chassis,
    DimmerModule,
    GasDetector,
    Heater,
    Node,
    Product,
    RelayModule,
    Tank,
    TankSensor,
    Thermostat,
    WaterHeater,
    Zone,
)

__all__ = [
    "Battery",
    "BatteryMonitor",
    "Chassis",
    "CoachSimulator",
    "DimmerModule",
    "GasDetector",
    "Heater",
    "Node",
    "Product",
    "RelayModule",
    "Tank",
    "TankSensor",
    "Thermostat",
    "WaterHeater",
    "Zone",
    "typical_coach",
]
