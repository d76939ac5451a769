"""Events: a node's DM_RV faults appearing and clearing, for automations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from homeassistant.components.event import EventEntity
from homeassistant.const import EntityCategory
from homeassistant.core import callback

from .const import FAMILY_NODE_FAULTS
from .entity import RvcEntity, async_setup_instance_entities

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddEntitiesCallback

    from . import RvcConfigEntry
    from .protocol.faults import Fault

PARALLEL_UPDATES = 0

FAULT_ACTIVE: Final = "fault_active"
FAULT_CLEARED: Final = "fault_cleared"


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RvcConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add a fault event entity for every node that sends DM_RV."""
    async_setup_instance_entities(
        hass,
        entry,
        async_add_entities,
        "event",
        family=FAMILY_NODE_FAULTS,
        status_dgn="DM_RV",
        entity_class=RvcFaultEvent,
    )


def _event_data(fault: Fault) -> dict[str, object]:
    return {
        "code": fault.code,
        "spn": fault.spn,
        "fmi": fault.fmi,
        "red_lamp": fault.red_lamp,
        "yellow_lamp": fault.yellow_lamp,
        "occurrence_count": fault.occurrence_count,
    }


class RvcFaultEvent(RvcEntity, EventEntity):
    """Fires fault_active and fault_cleared with the decoded fault."""

    _attr_entity_category = EntityCategory.DIAGNOSTIC
    _attr_event_types = [FAULT_ACTIVE, FAULT_CLEARED]
    _attr_translation_key = "fault"

    async def async_added_to_hass(self) -> None:
        """Follow the node's faults."""
        await super().async_added_to_hass()
        self.async_on_remove(
            self.coordinator.faults.subscribe(self.key[1], self._async_faults)
        )

    @callback
    def _async_faults(self, appeared: list[Fault], cleared: list[Fault]) -> None:
        for fault in appeared:
            self._trigger_event(FAULT_ACTIVE, _event_data(fault))
            self.async_write_ha_state()
        for fault in cleared:
            self._trigger_event(FAULT_CLEARED, _event_data(fault))
            self.async_write_ha_state()
