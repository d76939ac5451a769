"""Nodes that stay who they are: what each said about itself, and its device.

A node names itself (PRODUCT_IDENTIFICATION) when asked, and some never again;
its J1939 NAME (ADDRESS_CLAIMED) stays when its source address changes. Both
are kept in a Store, keyed by the NAME where the node has one, so that a
device keeps its name across restarts, reloads and address changes. The
devices are created here, under the bus's own device; entities only link to
them by identifier.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from homeassistant.core import callback
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.storage import Store

from .const import DOMAIN

if TYPE_CHECKING:
    from collections.abc import Iterable

    from homeassistant.core import HomeAssistant

    from . import RvcConfigEntry

STORAGE_VERSION: Final = 1
# Identifications come in bursts when a coach wakes: written together.
SAVE_DELAY: Final = 10.0
IDENTITY_FIELDS: Final = ("make", "model", "serial_number", "unit_number")


@dataclass(slots=True)
class NodeInfo:
    """A device on the bus, by source address."""

    source: int
    make: str | None = None
    model: str | None = None
    serial_number: str | None = None
    unit_number: str | None = None
    j1939_name: int | None = None
    """The 64-bit NAME of its address claim: who it is at any address."""


def device_identifier(entry_id: str, source: int) -> tuple[str, str]:
    """The device registry identifier of a node."""
    return DOMAIN, f"{entry_id}-{source:02x}"


def device_source(entry_id: str, identifiers: Iterable[tuple[str, str]]) -> int | None:
    """The source address of a node's device (by its identifiers); None for the bus."""
    prefix = f"{entry_id}-"
    for domain, identifier in identifiers:
        if domain == DOMAIN and identifier.startswith(prefix):
            return int(identifier.removeprefix(prefix), 16)
    return None


def node_device_name(node: NodeInfo) -> str:
    """A device name: make and model when the node identified itself."""
    if node.make or node.model:
        return " ".join(part for part in (node.make, node.model) if part)
    return f"RV-C node {node.source:#04x}"


def bus_device_identifier(entry_id: str) -> tuple[str, str]:
    """The device registry identifier of the bus itself."""
    return DOMAIN, entry_id


@callback
def async_create_bus_device(hass: HomeAssistant, entry: RvcConfigEntry) -> None:
    """The bus's own device, which every node's device hangs under."""
    dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id,
        identifiers={bus_device_identifier(entry.entry_id)},
        name=entry.title,
        entry_type=dr.DeviceEntryType.SERVICE,
    )


def _address_key(source: int) -> str:
    """The key of a node known only by its source address."""
    return f"@{source:02x}"


class NodeBook:
    """What every node of one bus said about itself, kept across restarts."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Empty until async_load."""
        self.hass = hass
        self.entry_id = entry_id
        self._store: Store[dict[str, Any]] = Store(
            hass, STORAGE_VERSION, f"{DOMAIN}.nodes.{entry_id}"
        )
        self._identities: dict[str, dict[str, str | None]] = {}
        """Per node (its NAME in hex, or "@" and its address): make, model, ..."""
        self._keys: dict[int, str] = {}
        """The NAME each source address last claimed with."""

    async def async_load(self) -> None:
        """Read what earlier runs learned."""
        data = await self._store.async_load() or {}
        self._identities = dict(data.get("identities", {}))
        self._keys = {
            int(address, 16): key for address, key in data.get("addresses", {}).items()
        }

    async def async_save(self) -> None:
        """Write now (on unload: the next setup reads it at once)."""
        await self._store.async_save(self._data())

    async def async_remove(self) -> None:
        """Forget the bus's nodes (the entry was deleted)."""
        await self._store.async_remove()

    def _data(self) -> dict[str, Any]:
        return {
            "identities": self._identities,
            "addresses": {f"{address:02x}": key for address, key in self._keys.items()},
        }

    def _changed(self) -> None:
        self._store.async_delay_save(self._data, SAVE_DELAY)

    def _key(self, source: int) -> str:
        return self._keys.get(source, _address_key(source))

    def recall(self, node: NodeInfo) -> None:
        """Fill in what the node at this address said about itself before."""
        key = self._key(node.source)
        if not key.startswith("@"):
            node.j1939_name = int(key, 16)
        identity = self._identities.get(key, {})
        for field in IDENTITY_FIELDS:
            setattr(node, field, identity.get(field))

    @callback
    def async_claimed(self, node: NodeInfo, name: int) -> None:
        """The node claimed its address with a NAME: it is known by that now."""
        key = f"{name:016x}"
        if self._keys.get(node.source) == key:
            return
        # What the node said here before claiming goes with its NAME.
        before = self._identities.pop(_address_key(node.source), None)
        if before is not None and key not in self._identities:
            self._identities[key] = before
        # The NAME left the address it had: the node moved.
        for address in [a for a, k in self._keys.items() if k == key]:
            del self._keys[address]
        self._keys[node.source] = key
        self.recall(node)
        self._changed()
        self.async_update_device(node)

    @callback
    def async_identified(self, node: NodeInfo) -> None:
        """The node named itself: keep it, and name its device."""
        self._identities[self._key(node.source)] = {
            field: getattr(node, field) for field in IDENTITY_FIELDS
        }
        self._changed()
        self.async_update_device(node)

    @callback
    def async_update_device(self, node: NodeInfo) -> None:
        """Create the node's device, or name it from what the node said.

        A node that never said anything keeps whatever name its device has
        (an owner's, or an earlier run's); a new one is "RV-C node 0x43".
        """
        registry = dr.async_get(self.hass)
        identifier = device_identifier(self.entry_id, node.source)
        details: dict[str, Any] = {}
        if node.make or node.model:
            details = {
                "name": node_device_name(node),
                "manufacturer": node.make,
                "model": node.model,
                "serial_number": node.serial_number,
            }
        elif not any(
            identifier in device.identifiers
            for device in dr.async_entries_for_config_entry(registry, self.entry_id)
        ):
            details = {"name": node_device_name(node)}
        device = registry.async_get_or_create(
            config_entry_id=self.entry_id, identifiers={identifier}, **details
        )
        # By the bus device's id: passing its identifiers (via_device) is
        # deprecated from Home Assistant 2026 on.
        bus = registry.async_get_device({bus_device_identifier(self.entry_id)})
        if bus is not None and device.via_device_id != bus.id:
            registry.async_update_device(device.id, via_device_id=bus.id)
