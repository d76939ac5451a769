"""A cover on two dimmer channels: one extends (opens), the other retracts.

Nothing reports where such a motor is: the position is estimated from the
travel time and how long each channel ran, as their statuses show it, and is
restored on restart. Both channels are never on at once: the other direction
is switched off before one is switched on.
"""

from __future__ import annotations

from datetime import timedelta
import math
from typing import TYPE_CHECKING, Any, Final

from homeassistant.components.cover import (
    ATTR_CURRENT_POSITION,
    ATTR_POSITION,
    CoverDeviceClass,
    CoverEntity,
    CoverEntityFeature,
)
from homeassistant.core import callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.event import async_call_later, async_track_time_interval
from homeassistant.helpers.restore_state import RestoreEntity
from homeassistant.util import dt as dt_util

from .const import DOMAIN, MAX_TRAVEL_TIME
from .entity import RvcUnexposedEntity
from .pairs import RvcPairEntity
from .protocol.safety import DIMMER_COMMAND

if TYPE_CHECKING:
    from datetime import datetime

    from homeassistant.core import CALLBACK_TYPE

    from .coordinator import RvcCoordinator
    from .pairs import DimmerPair
    from .protocol import FieldInput

DEVICE_CLASSES: Final = {
    "awning": CoverDeviceClass.AWNING,
    "shade": CoverDeviceClass.SHADE,
    "vent": CoverDeviceClass.DAMPER,
}
FULL: Final = 100.0
# How often the estimate is shown while the motor runs.
REFRESH: Final = timedelta(seconds=1)


class RvcMotorCover(RvcPairEntity, RvcUnexposedEntity, RestoreEntity, CoverEntity):
    """An awning, slide, shade, vent lid or TV lift on two dimmer channels.

    Awnings, slides and TV lifts need the motion option and a parked coach:
    the gate counts switching their channels on as motion.
    """

    _attr_supported_features = (
        CoverEntityFeature.OPEN
        | CoverEntityFeature.CLOSE
        | CoverEntityFeature.STOP
        | CoverEntityFeature.SET_POSITION
    )

    def __init__(
        self, coordinator: RvcCoordinator, pair: DimmerPair, source: int
    ) -> None:
        """Named by its kind unless the owner named it."""
        super().__init__(coordinator, pair, source)
        self._attr_device_class = DEVICE_CLASSES.get(pair.kind or "")
        self._attr_translation_key = f"motor_{pair.kind}"
        self._position: float | None = None
        """Percent extended when it last stopped or started; None: unknown."""
        self._moving = 0
        """+1 extending, -1 retracting, 0 still, as the channels report."""
        self._since = dt_util.utcnow()
        self._stop_timer: CALLBACK_TYPE | None = None
        self._refresh: CALLBACK_TYPE | None = None

    async def async_added_to_hass(self) -> None:
        """Start from the position it had before a restart."""
        await super().async_added_to_hass()
        if (last := await self.async_get_last_state()) is not None:
            position = last.attributes.get(ATTR_CURRENT_POSITION)
            if isinstance(position, int | float):
                self._position = float(position)
        self._set_moving(self._direction())

    async def async_will_remove_from_hass(self) -> None:
        """Forget a pending stop and the refresh."""
        self._cancel_stop()
        self._set_moving(0)
        await super().async_will_remove_from_hass()

    def _set_moving(self, moving: int) -> None:
        """Start or end a run: its estimate shows every second while it lasts."""
        self._moving = moving
        if self._refresh is not None:
            self._refresh()
            self._refresh = None
        if moving:
            self._refresh = async_track_time_interval(
                self.hass, self._show_estimate, REFRESH
            )

    @callback
    def _show_estimate(self, _now: datetime) -> None:
        self.async_write_ha_state()

    def _direction(self) -> int:
        extending = self.channel_on(self.pair.first)
        retracting = self.channel_on(self.pair.second)
        if extending == retracting:  # both on can only be a fault: no estimate
            return 0
        return 1 if extending else -1

    def _estimate(self, now: datetime) -> float | None:
        if not self._moving:
            return self._position
        run = (now - self._since).total_seconds() * FULL / self.pair.travel_time
        if self._position is None:  # known only once it ran end to end
            return (FULL if self._moving > 0 else 0.0) if run >= FULL else None
        return min(FULL, max(0.0, self._position + self._moving * run))

    @callback
    def _async_instance_updated(self) -> None:
        """A channel changed: settle the estimate when the motion changes."""
        if (moving := self._direction()) != self._moving:
            now = dt_util.utcnow()
            self._position = self._estimate(now)
            self._since = now
            self._set_moving(moving)
        super()._async_instance_updated()

    @property
    def current_cover_position(self) -> int | None:
        """The estimated position, in percent extended."""
        position = self._estimate(dt_util.utcnow())
        return None if position is None else round(position)

    @property
    def is_closed(self) -> bool | None:
        """Closed when fully retracted, as far as the estimate knows."""
        position = self.current_cover_position
        return None if position is None else position == 0

    @property
    def is_opening(self) -> bool:
        """The extend channel is on."""
        return self._moving > 0

    @property
    def is_closing(self) -> bool:
        """The retract channel is on."""
        return self._moving < 0

    def _cancel_stop(self) -> None:
        if self._stop_timer is not None:
            self._stop_timer()
            self._stop_timer = None

    async def _run(self, on: int, off: int, seconds: float) -> None:
        """Switch one direction on for a while, the other off first."""
        self._cancel_stop()
        values: dict[str, FieldInput] = {
            "instance": on,
            "command": "on_duration",
            "desired_level": FULL,
            # The controller stops it by itself, even if we go away.
            "delay_duration": min(math.ceil(seconds), MAX_TRAVEL_TIME),
        }
        # Refused before anything is sent (motion option, interlock).
        self.coordinator.gate.check(DIMMER_COMMAND, values, entity_id=self.entity_id)
        await self.switch_off(off)
        await self.send_to(on, values)

    async def async_open_cover(self, **kwargs: Any) -> None:
        """Extend to the end."""
        await self._run(self.pair.first, self.pair.second, self.pair.travel_time)

    async def async_close_cover(self, **kwargs: Any) -> None:
        """Retract to the end."""
        await self._run(self.pair.second, self.pair.first, self.pair.travel_time)

    async def async_stop_cover(self, **kwargs: Any) -> None:
        """Both channels off: always allowed."""
        self._cancel_stop()
        await self.switch_off(self.pair.first)
        await self.switch_off(self.pair.second)

    async def async_set_cover_position(self, **kwargs: Any) -> None:
        """Run toward a position for the time the estimate says, then stop."""
        wanted = float(kwargs[ATTR_POSITION])
        if wanted in (0.0, FULL):  # to the end stop, whatever the estimate
            await (self.async_open_cover() if wanted else self.async_close_cover())
            return
        position = self._estimate(dt_util.utcnow())
        if position is None:
            raise ServiceValidationError(
                translation_domain=DOMAIN,
                translation_key="motor_position_unknown",
                translation_placeholders={"entity": self.entity_id},
            )
        seconds = abs(wanted - position) * self.pair.travel_time / FULL
        if seconds < 0.5:
            return
        first, second = self.pair.first, self.pair.second
        await self._run(
            *((first, second) if wanted > position else (second, first)), seconds
        )

        @callback
        def stop(_now: datetime) -> None:
            self._stop_timer = None
            self.hass.async_create_task(self.async_stop_cover())

        self._stop_timer = async_call_later(self.hass, seconds, stop)
