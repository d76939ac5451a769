"""Simulated chassis devices that only report: leveling, step, tires, fridge, GPS."""

from __future__ import annotations

from .base import Node, Status


class LevelingController(Node):
    """Hydraulic leveling with four jacks, stowed for the road (6.13.2, 6.13.4)."""

    def statuses(self) -> list[Status]:
        """Inactive, no warning; every jack retracted and off the ground."""
        jacks = ("left_rear", "right_front", "right_rear", "left_front")
        return [
            (
                "LEVELING_CONTROL_STATUS",
                {
                    "operating_mode": "inactive",
                    "automatic_jack_stabilization": "inactive",
                    "excessive_slope_initial_warning": "no_warning",
                    "excessive_slope_final_warning": "no_warning",
                    "master_warning": "no_warning",
                    "park_brake_lockout": "may_operate",
                    "ignition_lockout": "may_operate",
                    "low_voltage_lockout": "may_operate",
                    "other_lockout": "may_operate",
                },
            ),
            (
                "LEVELING_JACK_STATUS",
                {
                    "jack_type": "straight_acting",
                    "number_of_jacks": 4,
                    **{f"{jack}_extension": "not_extended" for jack in jacks},
                    **{f"{jack}_stability": 0 for jack in jacks},
                },
            ),
        ]


class EntryStep(Node):
    """The powered entry step, retracted, following the door (6.48.1)."""

    def statuses(self) -> list[Status]:
        """Retracted, still, nothing in the way."""
        return [
            (
                "STEP_STATUS",
                {
                    "instance": 1,
                    "step_operation_mode": "with_door",
                    "motion": "no_motion",
                    "position": 0,
                    "obstruction_sensor_bottom": "clear",
                    "obstruction_sensor_front_face": "clear",
                },
            )
        ]


# (axle, position, kPa): a steer axle and a dual-wheel drive axle.
TIRES = (
    ("steer", "outside_left", 758),
    ("steer", "outside_right", 758),
    ("drive", "outside_left", 655),
    ("drive", "inside_left", 655),
    ("drive", "inside_right", 648),
    ("drive", "outside_right", 655),
)


class TireMonitor(Node):
    """A tire pressure monitor with six assigned sensors (6.37.3)."""

    def statuses(self) -> list[Status]:
        """Each tire at its cold pressure, 25 °C, no alarm."""
        return [
            (
                "TIRE_STATUS",
                {
                    "tire_position": position,
                    "tire_axle": axle,
                    "tire_pressure": pressure,
                    "tire_temperature": 25.0,
                    "battery_level": 3.0,
                    "signal_level": 80.0,
                    "pressure_status": "ok",
                    "temperature_status": "ok",
                    "battery_status": "ok",
                },
            )
            for axle, position, pressure in TIRES
        ]


class Refrigerator(Node):
    """A residential refrigerator and its freezer, closed, on AC (6.52.2)."""

    def statuses(self) -> list[Status]:
        """Fridge at 3.5 °C, freezer at -18 °C."""
        return [
            (
                "REFRIGERATOR_STATUS",
                {
                    "instance": 1,
                    "cavity": cavity,
                    "light": "off",
                    "door_switch": "closed",
                    "current_temperature": current,
                    "set_temperature": wanted,
                    "fuel_source": "ac",
                    "refrigerator_mode": "on",
                    "compressor_speed": 40.0,
                },
            )
            for cavity, current, wanted in (
                ("fridge", 3.5, 3.0),
                ("freezer", -18.0, -18.0),
            )
        ]


class GpsReceiver(Node):
    """A GPS with a fix, parked (6.34.4)."""

    def statuses(self) -> list[Status]:
        """A campground's latitude and longitude."""
        return [("GPS_POSITION", {"latitude": 44.4280, "longitude": -110.5885})]
