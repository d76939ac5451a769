"""Fans: roof fans (ROOF_FAN_STATUS_1 / ROOF_FAN_COMMAND_1), and loads made fans."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from homeassistant.components.fan import FanEntity

from .compat import DIRECTION_FORWARD, DIRECTION_REVERSE, FanEntityFeature
from .const import LOAD_TYPE_FAN
from .entity import (
    RvcEntity,
    RvcLoadEntity,
    async_setup_instance_entities,
    async_setup_load_platform,
    percent,
)

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddEntitiesCallback

    from . import RvcConfigEntry
    from .coordinator import InstanceKey, RvcCoordinator
    from .protocol import FieldInput

# Commands go out one at a time per entity; the bus is shared.
PARALLEL_UPDATES = 1

STATUS: Final = "ROOF_FAN_STATUS_1"
COMMAND: Final = "ROOF_FAN_COMMAND_1"
# Forward blows air out of the coach (exhaust), reverse draws it in.
DIRECTIONS: Final = {"air_out": DIRECTION_FORWARD, "air_in": DIRECTION_REVERSE}
RVC_DIRECTIONS: Final = {ha: rvc for rvc, ha in DIRECTIONS.items()}


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RvcConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add a fan for every roof fan, and for every load the owner made a fan."""
    async_setup_instance_entities(
        hass,
        entry,
        async_add_entities,
        "fan",
        family="roof_fan",
        status_dgn=STATUS,
        entity_class=RvcRoofFan,
    )
    async_setup_load_platform(
        hass, entry, async_add_entities, LOAD_TYPE_FAN, RvcLoadFan
    )


class RvcRoofFan(RvcEntity, FanEntity):
    """A roof fan; its state is what it reports."""

    _attr_translation_key = "roof_fan"
    _attr_supported_features = (
        FanEntityFeature.SET_SPEED
        | FanEntityFeature.DIRECTION
        | FanEntityFeature.TURN_ON
        | FanEntityFeature.TURN_OFF
    )

    @property
    def is_on(self) -> bool | None:
        """On as the fan reports it."""
        status = self.status(STATUS, "system_status")
        return None if not isinstance(status, str) else status == "on"

    @property
    def percentage(self) -> int | None:
        """The fan speed; 0 when off."""
        if self.is_on is False:
            return 0
        speed = percent(self.status(STATUS, "fan_speed"))
        return None if speed is None else round(speed)

    @property
    def current_direction(self) -> str | None:
        """Forward (air out) or reverse (air in)."""
        direction = self.status(STATUS, "wind_direction")
        return DIRECTIONS.get(direction) if isinstance(direction, str) else None

    async def _command(self, **values: FieldInput) -> None:
        await self.async_send(COMMAND, {"instance": self.key[1], **values})

    async def async_turn_on(
        self,
        percentage: int | None = None,
        preset_mode: str | None = None,
        **kwargs: Any,
    ) -> None:
        """On, at a speed when one is given."""
        if percentage is None:
            await self._command(system_status="on")
        else:
            await self.async_set_percentage(percentage)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Off."""
        await self._command(system_status="off")

    async def async_set_percentage(self, percentage: int) -> None:
        """Run at a speed, set by hand; 0 is off."""
        if percentage == 0:
            await self.async_turn_off()
            return
        await self._command(
            system_status="on", speed_mode="manual", fan_speed=float(percentage)
        )

    async def async_set_direction(self, direction: str) -> None:
        """Blow out (forward) or draw in (reverse)."""
        await self._command(wind_direction=RVC_DIRECTIONS[direction])


class RvcLoadFan(RvcLoadEntity, FanEntity):
    """A vent or exhaust fan on a load channel; a dimmer channel sets its speed."""

    def __init__(
        self, coordinator: RvcCoordinator, key: InstanceKey, source: int
    ) -> None:
        """Speed only on dimmer channels, which always dim."""
        super().__init__(coordinator, key, source)
        self._attr_supported_features = (
            FanEntityFeature.TURN_ON | FanEntityFeature.TURN_OFF
        )
        if self.family.variable_field is None:
            self._attr_supported_features |= FanEntityFeature.SET_SPEED

    @property
    def percentage(self) -> int | None:
        """The channel's level as the fan's speed."""
        level = self.level
        return None if level is None else round(level)

    async def async_turn_on(
        self,
        percentage: int | None = None,
        preset_mode: str | None = None,
        **kwargs: Any,
    ) -> None:
        """On at a speed, or at full speed."""
        level = 100.0 if percentage is None else float(percentage)
        await self.async_command("set_level", expect_on=level > 0, level=level)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Off now."""
        await self.async_command("off_delay", expect_on=False, duration=0)

    async def async_set_percentage(self, percentage: int) -> None:
        """Run at a speed; 0 is off."""
        if percentage == 0:
            await self.async_turn_off()
        else:
            await self.async_turn_on(percentage)
