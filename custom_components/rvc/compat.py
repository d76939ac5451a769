"""What differs between the Home Assistant versions we support, in one place.

Home Assistant 2026.x runs on Python 3.14 only, and 2025.x (our oldest) on
3.13, so the Python version tells them apart, in a way mypy follows. Remove
each branch with the Home Assistant version it serves.
"""

import sys

if sys.version_info >= (3, 14):
    # Home Assistant 2026.x validates with probatio (voluptuous is a shim) and
    # exports these from the platforms' const modules only.
    from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
    from homeassistant.components.button.const import ButtonDeviceClass
    from homeassistant.components.device_tracker.entity import TrackerEntity
    from homeassistant.components.fan.const import (
        DIRECTION_FORWARD,
        DIRECTION_REVERSE,
        FanEntityFeature,
    )
    from homeassistant.components.light.const import ATTR_BRIGHTNESS, ATTR_TRANSITION
    from homeassistant.components.water_heater.const import WaterHeaterEntityFeature
    import probatio as vol
else:  # Home Assistant 2025.x: goes when 2025 support does.
    from homeassistant.components.binary_sensor import BinarySensorDeviceClass
    from homeassistant.components.button import ButtonDeviceClass
    from homeassistant.components.device_tracker.config_entry import TrackerEntity
    from homeassistant.components.fan import (
        DIRECTION_FORWARD,
        DIRECTION_REVERSE,
        FanEntityFeature,
    )
    from homeassistant.components.light import ATTR_BRIGHTNESS, ATTR_TRANSITION
    from homeassistant.components.water_heater import WaterHeaterEntityFeature
    import voluptuous as vol

__all__ = [
    "ATTR_BRIGHTNESS",
    "ATTR_TRANSITION",
    "DIRECTION_FORWARD",
    "DIRECTION_REVERSE",
    "BinarySensorDeviceClass",
    "ButtonDeviceClass",
    "FanEntityFeature",
    "TrackerEntity",
    "WaterHeaterEntityFeature",
    "vol",
]
