"""Switches: on/off DC loads (relays), the water pump, the generator, its AGS."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from homeassistant.components.switch import SwitchEntity

from .const import LOAD_TYPE_SWITCH
from .entity import (
    RvcEntity,
    RvcLoadEntity,
    RvcUnexposedEntity,
    async_setup_instance_entities,
    async_setup_load_platform,
)
from .heating import PUMP_STATUS, RvcCirculationPump

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
    """Add a switch for every on/off load, pump, and the generator.

    The generator starts an engine: it gets a switch only when the owner
    allowed generator control in the options.
    """
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
    async_setup_instance_entities(
        hass,
        entry,
        async_add_entities,
        "switch",
        family="circulation_pump",
        status_dgn=PUMP_STATUS,
        entity_class=RvcCirculationPump,
    )
    if entry.runtime_data.gate.allow_generator:
        async_setup_instance_entities(
            hass,
            entry,
            async_add_entities,
            "switch",
            family="generator",
            status_dgn="GENERATOR_STATUS_1",
            entity_class=RvcGenerator,
        )
        async_setup_instance_entities(
            hass,
            entry,
            async_add_entities,
            "switch",
            family="generator_demand",
            status_dgn="GENERATOR_DEMAND_STATUS",
            entity_class=RvcAutoGeneratorStart,
        )


class RvcSwitch(RvcLoadEntity, SwitchEntity):
    """An on/off load; its state is what the device reports."""

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Switch on at full level."""
        await self.async_command("set_level", expect_on=True, level=100)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Switch off now."""
        await self.async_command("off_delay", expect_on=False, duration=0)


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
        await self.async_send("WATER_PUMP_COMMAND", {"command": "enable"})

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Disable the pump."""
        await self.async_send("WATER_PUMP_COMMAND", {"command": "disable"})


# Generator states in which it is starting or running: stop applies to them.
# On means starting or running. Priming, engine-run-only (no AC output) and
# test mode are not: the switch's status attribute and the generator status
# sensor tell them apart.
GENERATOR_RUNNING: Final = frozenset({"preheat", "cranking", "running"})


class RvcGenerator(RvcUnexposedEntity, SwitchEntity):
    """The generator: on while starting or running, as it reports."""

    _attr_translation_key = "generator"

    @property
    def is_on(self) -> bool | None:
        """Starting or running; None when the status is unknown."""
        status = self.status("GENERATOR_STATUS_1", "status")
        return None if not isinstance(status, str) else status in GENERATOR_RUNNING

    @property
    def extra_state_attributes(self) -> dict[str, str | None]:
        """The generator's reported status (priming, test mode, ...)."""
        status = self.status("GENERATOR_STATUS_1", "status")
        return {"status": status if isinstance(status, str) else None}

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Start the generator."""
        await self.async_send("GENERATOR_COMMAND", {"command": "start"})

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Stop the generator."""
        await self.async_send("GENERATOR_COMMAND", {"command": "stop"})


class RvcAutoGeneratorStart(RvcUnexposedEntity, SwitchEntity):
    """Automatic generator start: on unless the generator is locked (6.35.2).

    Locked, the AGS starts the generator for no reason; unlocked, it starts it
    on its criteria. Enabling arms an engine start: the generator option gates it.
    """

    _attr_translation_key = "automatic_generator_start"

    @property
    def is_on(self) -> bool | None:
        """Enabled (not locked); None when unknown."""
        lock = self.status("GENERATOR_DEMAND_STATUS", "generator_lock")
        return None if not isinstance(lock, str) else lock == "normal"

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Unlock: the AGS may start the generator."""
        await self.async_send("GENERATOR_DEMAND_COMMAND", {"generator_lock": "normal"})

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Lock: the AGS starts the generator for nothing."""
        await self.async_send("GENERATOR_DEMAND_COMMAND", {"generator_lock": "locked"})
