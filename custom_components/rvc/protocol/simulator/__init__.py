"""A simulated RV-C coach, for development, demonstrations and tests."""

from .base import Node, Product
from .climate import Heater, HydronicHeat, RoofFan, Thermostat, WaterHeater, Zone
from .coach import COACHES, CoachSimulator, typical_coach
from .loads import AcRelayModule, DimmerModule, RelayModule, WaterPump
from .motion import Awnings, DoorLocks, Slides, WindowShades
from .power import Battery, BatteryMonitor, PowerCenter
from .sensors import Chassis, GasDetector, Tank, TankSensor

__all__ = [
    "COACHES",
    "AcRelayModule",
    "Awnings",
    "Battery",
    "BatteryMonitor",
    "Chassis",
    "CoachSimulator",
    "DimmerModule",
    "DoorLocks",
    "GasDetector",
    "Heater",
    "HydronicHeat",
    "Node",
    "PowerCenter",
    "Product",
    "RelayModule",
    "RoofFan",
    "Slides",
    "Tank",
    "TankSensor",
    "Thermostat",
    "WaterHeater",
    "WaterPump",
    "WindowShades",
    "Zone",
    "typical_coach",
]
