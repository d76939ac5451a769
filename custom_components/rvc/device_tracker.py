"""The coach on the map: its GPS position (GPS_POSITION, RV-C 6.34.4)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from homeassistant.components.device_tracker.const import SourceType

from .compat import TrackerEntity
from .entity import RvcEntity, async_setup_instance_entities
from .protocol.instances import FAMILY_GPS

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddEntitiesCallback

    from . import RvcConfigEntry

# The tracker only reads; nothing to serialise.
PARALLEL_UPDATES = 0

STATUS: Final = "GPS_POSITION"


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RvcConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add the coach's tracker once a GPS reports its position."""
    async_setup_instance_entities(
        hass,
        entry,
        async_add_entities,
        "device_tracker",
        family=FAMILY_GPS,
        status_dgn=STATUS,
        entity_class=RvcGpsTracker,
    )


class RvcGpsTracker(RvcEntity, TrackerEntity):
    """Where the coach is; unknown while the GPS has no fix ("not available")."""

    _attr_translation_key = "coach_location"

    def _degrees(self, field: str) -> float | None:
        value = self.status(STATUS, field)
        return float(value) if isinstance(value, int | float) else None

    @property
    def source_type(self) -> SourceType:
        """A GPS receiver."""
        return SourceType.GPS

    @property
    def latitude(self) -> float | None:
        """Degrees, positive north."""
        return self._degrees("latitude")

    @property
    def longitude(self) -> float | None:
        """Degrees, negative west."""
        return self._degrees("longitude")
