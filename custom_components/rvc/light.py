"""Lights: DC dimmer channels and variable DC and AC loads."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components.light import LightEntity
from homeassistant.components.light.const import ColorMode, LightEntityFeature
from homeassistant.core import callback
from homeassistant.exceptions import ServiceValidationError

from .compat import ATTR_BRIGHTNESS, ATTR_TRANSITION
from .const import DOMAIN, LOAD_TYPE_LIGHT
from .entity import MAX_DURATION, RvcLoadEntity, async_setup_load_platform, light_level

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddEntitiesCallback

    from . import RvcConfigEntry
    from .coordinator import InstanceKey, RvcCoordinator

# Commands go out one at a time per entity; the bus is shared.
PARALLEL_UPDATES = 1

FULL_LEVEL = 100.0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RvcConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add a light for every dimmable load, known or newly seen."""
    async_setup_load_platform(
        hass, entry, async_add_entities, LOAD_TYPE_LIGHT, RvcLight
    )


def _transition(kwargs: dict[str, Any]) -> float | None:
    transition = kwargs.get(ATTR_TRANSITION)
    if transition is None:
        return None
    if not 0 <= transition <= MAX_DURATION:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="transition_out_of_range",
            translation_placeholders={"max": str(MAX_DURATION)},
        )
    return float(transition)


class RvcLight(RvcLoadEntity, LightEntity):
    """A dimmable load; its state is what the device reports."""

    _attr_color_mode = ColorMode.BRIGHTNESS
    _attr_supported_color_modes = {ColorMode.BRIGHTNESS}

    def __init__(
        self, coordinator: RvcCoordinator, key: InstanceKey, source: int
    ) -> None:
        """Transitions only where the command DGN can ramp."""
        super().__init__(coordinator, key, source)
        # DC_DIMMER_COMMAND_2 and AC_LOAD_COMMAND ramp; DC_LOAD_COMMAND has
        # no ramp (RV-C table 6.23.4c), so Home Assistant leaves transitions
        # out for it.
        if self.family.ramps:
            self._attr_supported_features = LightEntityFeature.TRANSITION
        self._last_on_level: float | None = None

    async def async_added_to_hass(self) -> None:
        """Remember the last level the load was on at, for transitions."""
        await super().async_added_to_hass()
        self._remember_level()
        self.async_on_remove(
            self.coordinator.async_subscribe(self.key, self._remember_level)
        )

    @callback
    def _remember_level(self) -> None:
        level = self.level
        if level is not None and level > 0:
            self._last_on_level = level

    @property
    def brightness(self) -> int | None:
        """The reported level as Home Assistant brightness (0-255)."""
        level = self.level
        return None if level is None else round(min(level, FULL_LEVEL) * 255 / 100)

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Set a level, ramping over the transition when one is given.

        Without a brightness the load comes back at its last level: the
        device remembers it, or a ramp goes to the last level it reported.
        """
        transition = _transition(kwargs)
        brightness = kwargs.get(ATTR_BRIGHTNESS)
        level = None if brightness is None else light_level(brightness)
        if transition:
            await self.async_command(
                "ramp_brightness",
                expect_on=True,
                level=level or self._last_on_level or FULL_LEVEL,
                duration=transition,
            )
        elif level is None:
            await self.async_command("on_duration", expect_on=True)
        else:
            await self.async_command("set_level", expect_on=True, level=level)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Switch off, ramping down over the transition when one is given."""
        transition = _transition(kwargs)
        if transition:
            await self.async_command(
                "ramp_brightness", expect_on=False, level=0, duration=transition
            )
        else:
            await self.async_command("off_delay", expect_on=False, duration=0)
