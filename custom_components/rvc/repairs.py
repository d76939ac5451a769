"""Repair issues of one bus: an adapter gone for long, no address left."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from homeassistant.core import callback
from homeassistant.helpers import issue_registry as ir

from .const import DOMAIN
from .protocol import InterfaceDownError

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .protocol import BusConfig, BusOpenError

# A repair issue tells the owner once the adapter has been gone this long:
# shorter outages (a USB adapter re-plugged, a bridge restarted) fix themselves.
REPAIR_AFTER: Final = 180.0


class BusRepairs:
    """Raise and clear the repair issues of one entry's bus."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Issues are named after the entry, so each bus has its own."""
        self.hass = hass
        self.bus_issue_id = f"bus_lost_{entry_id}"
        self.address_issue_id = f"address_lost_{entry_id}"

    @callback
    def async_outage(
        self, config: BusConfig, lost_for: float, error: BusOpenError
    ) -> None:
        """A reopen failed: tell the owner what to do once it lasts."""
        if lost_for < REPAIR_AFTER:
            return
        if isinstance(error, InterfaceDownError):
            key = "interface_down"
            placeholders = {"channel": error.interface, "command": error.command}
        else:
            key = "bus_lost"
            placeholders = {
                "interface": config.interface,
                "channel": config.channel,
                "error": str(error.__cause__ or error),
            }
        self._raise(self.bus_issue_id, key, placeholders)

    @callback
    def async_bus_back(self) -> None:
        """The adapter is open again."""
        ir.async_delete_issue(self.hass, DOMAIN, self.bus_issue_id)

    @callback
    def async_address_lost(self) -> None:
        """Every source address is taken: the node cannot send."""
        self._raise(self.address_issue_id, "address_lost")

    def _raise(
        self, issue_id: str, key: str, placeholders: dict[str, str] | None = None
    ) -> None:
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            issue_id,
            is_fixable=False,
            severity=ir.IssueSeverity.ERROR,
            translation_key=key,
            translation_placeholders=placeholders,
        )

    @callback
    def async_clear(self) -> None:
        """The entry stops: its issues go with it."""
        ir.async_delete_issue(self.hass, DOMAIN, self.bus_issue_id)
        ir.async_delete_issue(self.hass, DOMAIN, self.address_issue_id)
