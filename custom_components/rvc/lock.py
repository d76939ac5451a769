"""Locks: door locks (DOOR_STATUS / DOOR_COMMAND, LOCK_* in RV-C's DGN list)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from homeassistant.components.lock import LockEntity

from .const import FAMILY_DOOR
from .entity import RvcEntity, async_setup_instance_entities
from .protocol import ERROR

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddEntitiesCallback

    from . import RvcConfigEntry

# Commands go out one at a time per entity; the bus is shared.
PARALLEL_UPDATES = 1

STATUS: Final = "DOOR_STATUS"  # 6.40.2
COMMAND: Final = "DOOR_COMMAND"  # 6.40.3


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
