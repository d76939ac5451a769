"""Locks: door locks (DOOR_STATUS / DOOR_COMMAND, LOCK_* in RV-C's DGN list)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from homeassistant.components.lock import LockEntity
from homeassistant.core import callback
from homeassistant.helpers.event import async_call_later

from .const import FAMILY_DOOR, LOAD_TYPE_LOCK
from .entity import RvcEntity, async_setup_instance_entities
from .pairs import RvcPairEntity, async_setup_pair_platform
from .protocol import ERROR

if TYPE_CHECKING:
    from datetime import datetime

    from homeassistant.core import CALLBACK_TYPE, HomeAssistant
    from homeassistant.helpers.entity_platform import AddEntitiesCallback

    from . import RvcConfigEntry

# Commands go out one at a time per entity; the bus is shared.
PARALLEL_UPDATES = 1

STATUS: Final = "DOOR_STATUS"  # 6.40.2
COMMAND: Final = "DOOR_COMMAND"  # 6.40.3
# How long a lock's dimmer channel stays on: door lock actuators take a pulse.
PULSE_SECONDS: Final = 1


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RvcConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add a lock for every door that reports its status."""
    async_setup_instance_entities(
        hass,
        entry,
        async_add_entities,
        "lock",
        family=FAMILY_DOOR,
        status_dgn=STATUS,
        entity_class=RvcDoorLock,
    )
    async_setup_pair_platform(
        hass,
        entry,
        async_add_entities,
        "lock",
        pair_type=LOAD_TYPE_LOCK,
        entity_class=RvcPulseLock,
    )


class RvcDoorLock(RvcEntity, LockEntity):
    """A door lock; its state is what the door controller reports."""

    _attr_translation_key = "door"

    @property
    def is_locked(self) -> bool | None:
        """Locked or unlocked; None when the lock does not say."""
        status = self.status(STATUS, "lock_status")
        return None if not isinstance(status, str) else status == "locked"

    @property
    def is_jammed(self) -> bool:
        """The lock reports its status in error (10b, RV-C table 3.2.3b)."""
        return self.status(STATUS, "lock_status") is ERROR

    async def _command(self, lock_command: str) -> None:
        # Only the lock field: the door's motion command stays "no action"
        # (FFh), so locking moves nothing and needs no motion option.
        await self.async_send(
            COMMAND, {"instance": self.key[1], "lock_command": lock_command}
        )

    async def async_lock(self, **kwargs: Any) -> None:
        """Lock the door; the next status confirms it."""
        await self._command("lock")

    async def async_unlock(self, **kwargs: Any) -> None:
        """Unlock the door; the next status confirms it."""
        await self._command("unlock")


class RvcPulseLock(RvcPairEntity, LockEntity):
    """A lock driven by pulses on two dimmer channels: one locks, one unlocks.

    Nothing reports whether the door is locked: the state is the last command
    (assumed), unknown until one is sent.
    """

    _attr_assumed_state = True
    _attr_translation_key = "pulse"
    _pulse_end: CALLBACK_TYPE | None = None

    async def async_will_remove_from_hass(self) -> None:
        """End a pulse under way now rather than leave a channel on."""
        if self._pulse_end is not None:
            self._pulse_end()
            self._pulse_end = None
            self.hass.async_create_task(self._end_pulses())
        await super().async_will_remove_from_hass()

    async def _end_pulses(self) -> None:
        await self.switch_off(self.pair.first)
        await self.switch_off(self.pair.second)

    async def _pulse(self, on: int, off: int, *, locked: bool) -> None:
        if self._pulse_end is not None:  # a pulse still on: end it first
            self._pulse_end()
            self._pulse_end = None
        await self.switch_off(off)
        # on_duration ends the pulse in the controller too, if we go away.
        await self.send_to(
            on,
            {
                "command": "on_duration",
                "desired_level": 100.0,
                "delay_duration": PULSE_SECONDS,
            },
        )
        self._attr_is_locked = locked
        self.async_write_ha_state()

        @callback
        def end(_now: datetime) -> None:
            self._pulse_end = None
            self.hass.async_create_task(self.switch_off(on))

        self._pulse_end = async_call_later(self.hass, PULSE_SECONDS, end)

    async def async_lock(self, **kwargs: Any) -> None:
        """Pulse the lock channel."""
        await self._pulse(self.pair.first, self.pair.second, locked=True)

    async def async_unlock(self, **kwargs: Any) -> None:
        """Pulse the unlock channel."""
        await self._pulse(self.pair.second, self.pair.first, locked=False)
