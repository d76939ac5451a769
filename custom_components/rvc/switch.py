"""Switches: DC loads that are only on or off (relays), and the water pump."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components.switch import SwitchEntity

from .const import LOAD_TYPE_SWITCH
from .entity import (
    RvcEntity,
    RvcLoadEntity,
    async_setup_instance_entities,
    async_setup_load_platform,
)

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddEntitiesCallback

    from . import RvcConfigEntry

# Commands go out one at a time per entity; the bus is shared.
PARALLEL_UPDATES = 1


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RvcConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add a switch for every on/off load, and the water pump."""
    async_setup_load_platform(
        hass, entry, async_add_entities, LOAD_TYPE_SWITCH, RvcSwitch
    )
    async_setup_instance_entities(
        hass,
        entry,
        async_add_entities,
        "switch",
        family="water_pump",
        status_dgn="WATER_PUMP_STATUS",
        entity_class=RvcWaterPump,
    )


class RvcSwitch(RvcLoadEntity, SwitchEntity):
    """An on/off load; its state is what the device reports."""

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Switch on at full level."""
        self.async_command("set_level", expect_on=True, level=100)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Switch off now."""
        self.async_command("off_delay", expect_on=False, duration=0)


class RvcWaterPump(RvcEntity, SwitchEntity):
    """The fresh water pump: enabled (pressurising on demand) or not."""

    _attr_translation_key = "water_pump"

    @property
    def is_on(self) -> bool | None:
        """Enabled as the pump reports it."""
        status = self.status("WATER_PUMP_STATUS", "operating_status")
        return None if not isinstance(status, str) else status == "enabled"

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Enable the pump."""
        self.coordinator.async_send("WATER_PUMP_COMMAND", {"command": "enable"})

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Disable the pump."""
        self.coordinator.async_send("WATER_PUMP_COMMAND", {"command": "disable"})
