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
    RoofFan,
    Tank,
    TankSensor,
    Thermostat,
    WaterHeater,
    WaterPump,
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
    "RoofFan",
    "Tank",
    "TankSensor",
    "Thermostat",
    "WaterHeater",
    "WaterPump",
    "Zone",
    "typical_coach",
]
