"""Identify buttons: blink a load so the owner can see which one it is."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from homeassistant.components.button import ButtonEntity
from homeassistant.const import EntityCategory
from homeassistant.core import callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.event import async_call_later

from .compat import ButtonDeviceClass
from .const import CONF_LOAD_NAME, CONF_LOAD_TYPE, LOAD_FAMILIES, LOAD_TYPE_HIDDEN
from .entity import RvcEntity, async_setup_instance_platform, percent

if TYPE_CHECKING:
    from datetime import datetime

    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity import Entity
    from homeassistant.helpers.entity_platform import AddEntitiesCallback

    from . import RvcConfigEntry
    from .coordinator import InstanceKey, InstanceState, RvcCoordinator
    from .entity import ParsedUniqueId
    from .protocol import FieldInput

# Commands go out one at a time per entity; the bus is shared.
PARALLEL_UPDATES = 1

IDENTIFY: Final = "identify"
# How long each blink lasts, in seconds: long enough to see across the coach.
PULSE: Final = 1.0
# Without the device's own flash, the load blinks off, on, off before it is
# set back to where it was.
PULSES: Final = (False, True, False)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RvcConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """An identify button for every load the owner has not hidden."""
    coordinator = entry.runtime_data

    def hidden(family: str, instance: int) -> bool:
        override = coordinator.load_overrides.get(f"{family}:{instance}", {})
        return override.get(CONF_LOAD_TYPE) == LOAD_TYPE_HIDDEN

    def restore(parsed: ParsedUniqueId, source: int) -> Entity | None:
        if parsed.family not in LOAD_FAMILIES or parsed.key != IDENTIFY:
            return None
        if hidden(parsed.family, parsed.instance):
            return None
        return RvcIdentifyButton(coordinator, (parsed.family, parsed.instance), source)

    def discover(state: InstanceState, dgn: str) -> list[Entity]:
        family = LOAD_FAMILIES.get(state.family)
        if family is None or dgn != family.status_dgn or hidden(*state.key):
            return []
        return [RvcIdentifyButton(coordinator, state.key, state.source)]

    async_setup_instance_platform(
        hass, entry, async_add_entities, "button", restore=restore, discover=discover
    )


class RvcIdentifyButton(RvcEntity, ButtonEntity):
    """Blinks its load briefly, then sets it back to its level before."""

    _attr_device_class = ButtonDeviceClass.IDENTIFY
    _attr_entity_category = EntityCategory.CONFIG

    def __init__(
        self, coordinator: RvcCoordinator, key: InstanceKey, source: int
    ) -> None:
        """Named after the load: the owner's name, or its family and instance."""
        super().__init__(coordinator, key, source, IDENTIFY)
        self.family = LOAD_FAMILIES[key[0]]
        override = coordinator.load_overrides.get(f"{key[0]}:{key[1]}", {})
        if name := override.get(CONF_LOAD_NAME):
            self._attr_translation_key = "identify_named"
            self._attr_translation_placeholders = {"load": name}
        else:
            self._attr_translation_key = f"identify_{key[0]}"

    async def async_press(self) -> None:
        """Flash the load (its own flash if it has one), then restore its level.

        Every family's command has flash_momentarily (RV-C tables 6.22.4c,
        6.23.4c, 6.24.6c); a device without it must answer NAK (command not
        supported), and then the load is blinked by hand.
        """
        level = percent(self.status(self.family.status_dgn, self.family.level_field))
        try:
            await self._command("flash_momentarily")
            await self._pause(2 * PULSE)
        except HomeAssistantError as err:
            if not (err.translation_key or "").startswith("refused_"):
                raise  # read-only, bus gone: nothing to fall back to
            for on in PULSES:
                await self._command(*(("set_level", 100) if on else ("off_delay",)))
                await self._pause(PULSE)
        if level is None:
            return  # nothing known to go back to: it ends off
        if level > 0:
            await self._command("set_level", level)
        else:
            await self._command("off_delay")

    async def _command(self, command: str, level: float | None = None) -> None:
        values: dict[str, FieldInput] = {"instance": self.key[1], "command": command}
        if level is not None:
            values["desired_level"] = level
        if command == "off_delay":
            values["delay_duration"] = 0
        await self.async_send(self.family.command_dgn, values)

    async def _pause(self, seconds: float) -> None:
        """Wait on Home Assistant's clock (tests move it)."""
        done = self.hass.loop.create_future()

        @callback
        def wake(_now: datetime) -> None:
            if not done.done():
                done.set_result(None)

        cancel = async_call_later(self.hass, seconds, wake)
        try:
            await done
        finally:
            cancel()
