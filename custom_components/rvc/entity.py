"""The base of every RV-C entity, and of the load (light and switch) platforms."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Final

from homeassistant.core import CALLBACK_TYPE, callback
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.event import async_call_later

from .const import (
    CONF_LOAD_NAME,
    CONF_LOAD_TYPE,
    CONFIRM_TIMEOUT,
    DOMAIN,
    FAMILY_DC_DIMMER,
    FAMILY_DC_LOAD,
)
from .coordinator import device_identifier, node_device_name

if TYPE_CHECKING:
    from datetime import datetime

    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddEntitiesCallback

    from . import RvcConfigEntry
    from .coordinator import InstanceKey, InstanceState, RvcCoordinator
    from .protocol import FieldInput, FieldValue

_LOGGER = logging.getLogger(__name__)


def instance_unique_id(entry_id: str, key: InstanceKey) -> str:
    """The unique id of the entity of an instance: entry, family, instance."""
    return f"{entry_id}-{key[0]}-{key[1]}"


def parse_unique_id(unique_id: str) -> InstanceKey | None:
    """The (family, instance) in one of our unique ids."""
    parts = unique_id.rsplit("-", 2)
    if len(parts) != 3 or not parts[2].isdigit():
        return None
    return parts[1], int(parts[2])


class RvcEntity(Entity):
    """An entity showing one (family, instance) of the bus, pushed on change."""

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(
        self, coordinator: RvcCoordinator, key: InstanceKey, source: int
    ) -> None:
        """Describe the instance; its device is the node that reports it."""
        self.coordinator = coordinator
        self.key = key
        self._attr_unique_id = instance_unique_id(coordinator.entry_id, key)
        self._attr_translation_placeholders = {"instance": str(key[1])}
        node = coordinator.nodes.get(source)
        self._attr_device_info = DeviceInfo(
            identifiers={device_identifier(coordinator.entry_id, source)},
            name=node_device_name(node) if node else f"RV-C node {source:#04x}",
        )

    @property
    def instance_state(self) -> InstanceState | None:
        """What the bus last said about this instance."""
        return self.coordinator.states.get(self.key)

    @property
    def available(self) -> bool:
        """Available while the instance keeps reporting."""
        state = self.instance_state
        return state is not None and state.available

    def status(self, dgn: str, name: str) -> FieldValue:
        """A field of the instance's last status."""
        state = self.instance_state
        return None if state is None else state.value(dgn, name)

    async def async_added_to_hass(self) -> None:
        """Follow the state of this instance only."""
        await super().async_added_to_hass()
        self.async_on_remove(
            self.coordinator.async_subscribe(self.key, self.async_write_ha_state)
        )


# How each load family reports its level and is commanded.
LOAD_STATUS: Final = {
    FAMILY_DC_DIMMER: ("DC_DIMMER_STATUS_3", "brightness"),
    FAMILY_DC_LOAD: ("DC_LOAD_STATUS", "operating_status"),
}
LOAD_COMMAND: Final = {
    FAMILY_DC_DIMMER: "DC_DIMMER_COMMAND_2",
    FAMILY_DC_LOAD: "DC_LOAD_COMMAND",
}
# RV-C's delay/duration is whole seconds up to 250.
MAX_DURATION: Final = 250


class RvcLoadEntity(RvcEntity):
    """A DC load channel: a dimmer or a relay, shown as a light or a switch."""

    def __init__(
        self, coordinator: RvcCoordinator, key: InstanceKey, source: int
    ) -> None:
        """Name it as the user chose, or by its family and instance."""
        super().__init__(coordinator, key, source)
        override = coordinator.load_overrides.get(f"{key[0]}:{key[1]}", {})
        if name := override.get(CONF_LOAD_NAME):
            self._attr_name = name
        else:
            self._attr_translation_key = key[0]
        self._confirm_timer: CALLBACK_TYPE | None = None

    @property
    def level(self) -> float | None:
        """The reported level in percent; None when unknown or in error."""
        dgn, field = LOAD_STATUS[self.key[0]]
        value = self.status(dgn, field)
        return value if isinstance(value, int | float) else None

    @property
    def is_on(self) -> bool | None:
        """On when the reported level is above zero."""
        level = self.level
        return None if level is None else level > 0

    async def async_will_remove_from_hass(self) -> None:
        """Forget a pending confirmation."""
        self._cancel_confirmation()
        await super().async_will_remove_from_hass()

    def _cancel_confirmation(self) -> None:
        if self._confirm_timer is not None:
            self._confirm_timer()
            self._confirm_timer = None

    @callback
    def async_command(
        self,
        command: str,
        *,
        expect_on: bool,
        level: float | None = None,
        duration: float | None = None,
    ) -> None:
        """Send a command to this load and check later that it was obeyed.

        The state shown stays the one the device reports: a command is
        confirmed by the next status, not assumed.
        """
        values: dict[str, FieldInput] = {"instance": self.key[1], "command": command}
        if level is not None:
            values["desired_level"] = level
        if duration is not None:
            values["delay_duration"] = round(duration)
        self.coordinator.async_send(LOAD_COMMAND[self.key[0]], values)
        self._cancel_confirmation()

        @callback
        def check(_now: datetime) -> None:
            self._confirm_timer = None
            if self.is_on == expect_on and (
                level is None or not expect_on or _close(self.level, level)
            ):
                return
            _LOGGER.warning(
                "%s did not confirm %s within %s s; it reports level %s",
                self.entity_id,
                command,
                CONFIRM_TIMEOUT,
                self.level,
            )

        self._confirm_timer = async_call_later(
            self.hass, CONFIRM_TIMEOUT + (duration or 0), check
        )


def _close(reported: float | None, wanted: float) -> bool:
    # Devices report in 0.5 % steps.
    return reported is not None and abs(reported - wanted) <= 1.0


def async_setup_load_platform(
    hass: HomeAssistant,
    entry: RvcConfigEntry,
    async_add_entities: AddEntitiesCallback,
    load_type: str,
    entity_class: type[RvcLoadEntity],
) -> None:
    """Add the loads of one type: known ones at once, new ones when first seen."""
    coordinator = entry.runtime_data
    added: set[InstanceKey] = set()

    def create(key: InstanceKey, source: int) -> None:
        added.add(key)
        async_add_entities([entity_class(coordinator, key, source)])

    # Loads from earlier runs are there at once, unavailable until they report.
    # The load type names the platform: a light is in "light", a switch in "switch".
    entity_registry = er.async_get(hass)
    device_registry = dr.async_get(hass)
    for registry_entry in er.async_entries_for_config_entry(
        entity_registry, entry.entry_id
    ):
        key = parse_unique_id(registry_entry.unique_id)
        if (
            registry_entry.domain != load_type
            or key is None
            or key[0] not in LOAD_STATUS
        ):
            continue
        override = coordinator.load_overrides.get(f"{key[0]}:{key[1]}", {})
        if override.get(CONF_LOAD_TYPE, load_type) != load_type:
            continue
        source = _registered_source(device_registry, registry_entry, entry.entry_id)
        if source is not None:
            create(key, source)

    @callback
    def on_new_instance(state: InstanceState) -> None:
        if state.key in added or state.family not in LOAD_STATUS:
            return
        if coordinator.load_type(state) == load_type:
            create(state.key, state.source)

    for state in list(coordinator.states.values()):
        on_new_instance(state)
    entry.async_on_unload(coordinator.async_add_instance_listener(on_new_instance))


def _registered_source(
    device_registry: dr.DeviceRegistry, registry_entry: er.RegistryEntry, entry_id: str
) -> int | None:
    """The source address of the node an entity was registered under."""
    if registry_entry.device_id is None:
        return None
    device = device_registry.async_get(registry_entry.device_id)
    if device is None:
        return None
    prefix = f"{entry_id}-"
    for domain, identifier in device.identifiers:
        if domain == DOMAIN and identifier.startswith(prefix):
            return int(identifier.removeprefix(prefix), 16)
    return None


def light_level(brightness: int) -> float:
    """HA brightness (1-255) to an RV-C level in 0.5 % steps, never 0."""
    return max(0.5, round(brightness * 200 / 255) / 2)
