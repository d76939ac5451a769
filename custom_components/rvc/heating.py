"""Hydronic and floor heating: floor heat units and circulation pumps.

Floor heat (6.36) is its own unit, not a thermostat zone: a climate entity
with its own set point. The circulation pump (6.9.6, 6.9.7) is commanded
only to run as a test; off ends the test.
"""

from __future__ import annotations

from typing import Any, Final

from homeassistant.components.climate import ClimateEntity
from homeassistant.components.climate.const import (
    ClimateEntityFeature,
    HVACAction,
    HVACMode,
)
from homeassistant.components.switch import SwitchEntity
from homeassistant.const import ATTR_TEMPERATURE, UnitOfTemperature

from .entity import RvcEntity

FLOOR_STATUS: Final = "FLOOR_HEAT_STATUS"
FLOOR_COMMAND: Final = "FLOOR_HEAT_COMMAND"
PUMP_STATUS: Final = "CIRCULATION_PUMP_STATUS"
PUMP_COMMAND: Final = "CIRCULATION_PUMP_COMMAND"
# A floor's comfortable range (RV-C itself carries -273 to 1735 °C).
FLOOR_MIN_TEMPERATURE: Final = 5.0
FLOOR_MAX_TEMPERATURE: Final = 40.0


class RvcFloorHeat(RvcEntity, ClimateEntity):
    """A floor heat unit: on (heat) or off, toward its set point."""

    _attr_translation_key = "floor_heat"
    _attr_temperature_unit = UnitOfTemperature.CELSIUS
    _attr_hvac_modes = [HVACMode.OFF, HVACMode.HEAT]
    _attr_min_temp = FLOOR_MIN_TEMPERATURE
    _attr_max_temp = FLOOR_MAX_TEMPERATURE
    _attr_target_temperature_step = 0.5
    _attr_supported_features = (
        ClimateEntityFeature.TARGET_TEMPERATURE
        | ClimateEntityFeature.TURN_OFF
        | ClimateEntityFeature.TURN_ON
    )

    def _number(self, field: str) -> float | None:
        value = self.status(FLOOR_STATUS, field)
        return float(value) if isinstance(value, int | float) else None

    @property
    def hvac_mode(self) -> HVACMode | None:
        """Heat while the unit is on."""
        status = self.status(FLOOR_STATUS, "operating_status")
        if not isinstance(status, str):
            return None
        return HVACMode.HEAT if status == "on" else HVACMode.OFF

    @property
    def hvac_action(self) -> HVACAction | None:
        """Heating while the element is on."""
        if self.hvac_mode is not HVACMode.HEAT:
            return None if self.hvac_mode is None else HVACAction.OFF
        element = self.status(FLOOR_STATUS, "heat_element_status")
        if not isinstance(element, str):
            return None
        return HVACAction.HEATING if element == "on" else HVACAction.IDLE

    @property
    def current_temperature(self) -> float | None:
        """The floor's measured temperature."""
        return self._number("measured_temperature")

    @property
    def target_temperature(self) -> float | None:
        """The unit's set point."""
        return self._number("set_point")

    async def async_set_hvac_mode(self, hvac_mode: HVACMode) -> None:
        """Switch the unit on or off."""
        status = "on" if hvac_mode is HVACMode.HEAT else "off"
        await self.async_send(
            FLOOR_COMMAND, {"instance": self.key[1], "desired_operating_status": status}
        )

    async def async_set_temperature(self, **kwargs: Any) -> None:
        """Set the set point (°C, range checked by Home Assistant)."""
        await self.async_send(
            FLOOR_COMMAND,
            {"instance": self.key[1], "set_point": float(kwargs[ATTR_TEMPERATURE])},
        )


class RvcCirculationPump(RvcEntity, SwitchEntity):
    """A hydronic circulation pump: on while it runs (by itself or as a test)."""

    _attr_translation_key = "circulation_pump"

    @property
    def is_on(self) -> bool | None:
        """Running, or forced on by a test."""
        status = self.status(PUMP_STATUS, "output_status")
        return None if not isinstance(status, str) else status in {"on", "test"}

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Force the pump on (RV-C's test command)."""
        await self.async_send(
            PUMP_COMMAND, {"instance": self.key[1], "output_mode": "test"}
        )

    async def async_turn_off(self, **kwargs: Any) -> None:
        """End the test: the pump's controller runs it again."""
        await self.async_send(
            PUMP_COMMAND, {"instance": self.key[1], "output_mode": "off"}
        )
