"""Covers: awnings and slide-outs (behind motion control), and roof fan lids."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from homeassistant.components.cover import (
    ATTR_POSITION,
    CoverDeviceClass,
    CoverEntity,
    CoverEntityFeature,
)

from .const import LOAD_TYPE_MOTOR
from .entity import (
    RvcEntity,
    RvcUnexposedEntity,
    async_setup_instance_entities,
    percent,
)
from .motor import RvcMotorCover
from .pairs import async_setup_pair_platform

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddEntitiesCallback

    from . import RvcConfigEntry
    from .protocol import FieldInput

# Commands go out one at a time per entity; the bus is shared.
PARALLEL_UPDATES = 1

# Roof fan lid positions RV-C reports, in percent open.
LID_POSITIONS: Final = {
    "closed": 0,
    "quarter_open": 25,
    "half_open": 50,
    "three_quarters_open": 75,
    "open": 100,
}

SHADE_STATUS: Final = "WINDOW_SHADE_CONTROL_STATUS"  # 6.39.2
SHADE_COMMAND: Final = "WINDOW_SHADE_CONTROL_COMMAND"  # 6.39.3


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RvcConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add lids, shades and dimmer-pair motors; awnings and slides with motion."""
    async_setup_instance_entities(
        hass,
        entry,
        async_add_entities,
        "cover",
        family="roof_fan",
        status_dgn="ROOF_FAN_STATUS_1",
        entity_class=RvcRoofFanLid,
    )
    async_setup_instance_entities(
        hass,
        entry,
        async_add_entities,
        "cover",
        family="window_shade",
        status_dgn=SHADE_STATUS,
        entity_class=RvcWindowShade,
    )
    # The owner set these up; the gate refuses what needs motion control.
    async_setup_pair_platform(
        hass,
        entry,
        async_add_entities,
        "cover",
        pair_type=LOAD_TYPE_MOTOR,
        entity_class=RvcMotorCover,
    )
    if not entry.runtime_data.gate.allow_motion:
        return
    async_setup_instance_entities(
        hass,
        entry,
        async_add_entities,
        "cover",
        family="awning",
        status_dgn="AWNING_STATUS",
        entity_class=RvcAwning,
    )
    async_setup_instance_entities(
        hass,
        entry,
        async_add_entities,
        "cover",
        family="slide",
        status_dgn="SLIDE_STATUS",
        entity_class=RvcSlide,
    )


class RvcMotionCover(RvcUnexposedEntity, CoverEntity):
    """Something heavy that extends from the coach: closed is retracted.

    Opening and closing are refused while the chassis says the coach may move;
    stopping is always allowed.
    """

    _status: str
    _command_dgn: str

    @property
    def current_cover_position(self) -> int | None:
        """How far it is extended, in percent."""
        position = percent(self.status(self._status, "position"))
        return None if position is None else round(position)

    @property
    def is_closed(self) -> bool | None:
        """Closed when fully retracted."""
        position = self.current_cover_position
        return None if position is None else position == 0

    @property
    def is_opening(self) -> bool:
        """Extending, as it reports."""
        return self.status(self._status, "motion") == "extending"

    @property
    def is_closing(self) -> bool:
        """Retracting, as it reports."""
        return self.status(self._status, "motion") == "retracting"

    async def _move(self, **values: FieldInput) -> None:
        # The coordinator's gate checks the option and the chassis interlock.
        await self._send(**values)

    async def _send(self, **values: FieldInput) -> None:
        await self.async_send(self._command_dgn, {"instance": self.key[1], **values})

    async def async_open_cover(self, **kwargs: Any) -> None:
        """Extend."""
        await self._move(direction="extend")

    async def async_close_cover(self, **kwargs: Any) -> None:
        """Retract."""
        await self._move(direction="retract")

    async def async_stop_cover(self, **kwargs: Any) -> None:
        """Stop: always allowed."""
        await self._send(direction="stop")


class RvcAwning(RvcMotionCover):
    """An awning; it can also move to a position."""

    _attr_device_class = CoverDeviceClass.AWNING
    _attr_supported_features = (
        CoverEntityFeature.OPEN
        | CoverEntityFeature.CLOSE
        | CoverEntityFeature.STOP
        | CoverEntityFeature.SET_POSITION
    )
    _attr_translation_key = "awning"
    _status = "AWNING_STATUS"
    _command_dgn = "AWNING_COMMAND"

    async def async_set_cover_position(self, **kwargs: Any) -> None:
        """Move to a position, in percent extended."""
        await self._move(position=float(kwargs[ATTR_POSITION]))


class RvcSlide(RvcMotionCover):
    """A slide-out room."""

    _attr_supported_features = (
        CoverEntityFeature.OPEN | CoverEntityFeature.CLOSE | CoverEntityFeature.STOP
    )
    _attr_translation_key = "slide"
    _status = "SLIDE_STATUS"
    _command_dgn = "SLIDE_COMMAND"


class RvcRoofFanLid(RvcEntity, CoverEntity):
    """The lid (dome) of a roof fan, in quarter steps."""

    _attr_device_class = CoverDeviceClass.DAMPER
    _attr_supported_features = (
        CoverEntityFeature.OPEN
        | CoverEntityFeature.CLOSE
        | CoverEntityFeature.STOP
        | CoverEntityFeature.SET_POSITION
    )
    _attr_translation_key = "lid"

    @property
    def current_cover_position(self) -> int | None:
        """How far the lid is open, in percent."""
        position = self.status("ROOF_FAN_STATUS_1", "dome_position")
        return LID_POSITIONS.get(position) if isinstance(position, str) else None

    @property
    def is_closed(self) -> bool | None:
        """Closed as the fan reports it."""
        position = self.current_cover_position
        return None if position is None else position == 0

    async def _command(self, position: str) -> None:
        await self.async_send(
            "ROOF_FAN_COMMAND_1", {"instance": self.key[1], "dome_position": position}
        )

    async def async_open_cover(self, **kwargs: Any) -> None:
        """Open fully."""
        await self._command("open")

    async def async_close_cover(self, **kwargs: Any) -> None:
        """Close."""
        await self._command("closed")

    async def async_stop_cover(self, **kwargs: Any) -> None:
        """Stop where it is."""
        await self._command("stop")

    async def async_set_cover_position(self, **kwargs: Any) -> None:
        """Open to the nearest quarter."""
        wanted = kwargs[ATTR_POSITION]
        position = min(
            LID_POSITIONS, key=lambda name: abs(LID_POSITIONS[name] - wanted)
        )
        await self._command(position)


class RvcWindowShade(RvcEntity, CoverEntity):
    """A motorised window shade (6.39): forward opens, reverse closes.

    Its status says which way the motor runs, not where the shade is. A shade
    moves nothing heavy: no motion option needed.
    """

    _attr_assumed_state = True  # no position: both buttons stay usable
    _attr_device_class = CoverDeviceClass.SHADE
    _attr_supported_features = (
        CoverEntityFeature.OPEN | CoverEntityFeature.CLOSE | CoverEntityFeature.STOP
    )
    _attr_translation_key = "shade"
    is_closed = None

    @property
    def is_opening(self) -> bool:
        """The forward (raise/open) output is on (table 6.39.2b)."""
        return self.status(SHADE_STATUS, "forward_status") == "on"

    @property
    def is_closing(self) -> bool:
        """The reverse (lower/close) output is on."""
        return self.status(SHADE_STATUS, "reverse_status") == "on"

    async def _command(self, command: str) -> None:
        # Full duty, run until the shade's own limit (255: continuous), and no
        # interlock: 0, not "not available" (3), which would set both bits.
        await self.async_send(
            SHADE_COMMAND,
            {
                "instance": self.key[1],
                "motor_duty": 100,
                "command": command,
                "interlock": "none",
            },
        )

    async def async_open_cover(self, **kwargs: Any) -> None:
        """Raise (open) the shade."""
        await self._command("forward")

    async def async_close_cover(self, **kwargs: Any) -> None:
        """Lower (close) the shade."""
        await self._command("reverse")

    async def async_stop_cover(self, **kwargs: Any) -> None:
        """Stop the motor."""
        await self._command("stop")
