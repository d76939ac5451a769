"""The base of every RV-C entity, and of the load (light and switch) platforms."""

from __future__ import annotations

from functools import partial
import logging
from typing import TYPE_CHECKING, Final, NamedTuple, Protocol

from homeassistant.components.homeassistant.exposed_entities import (
    KNOWN_ASSISTANTS,
    async_expose_entity,
)
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
)
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.event import async_call_later
from homeassistant.util import slugify

from .const import (
    CONF_LOAD_AREA,
    CONF_LOAD_NAME,
    CONF_LOAD_TYPE,
    CONFIRM_TIMEOUT,
    DOMAIN,
    FAMILY_NODE_FAULTS,
    LOAD_FAMILIES,
)
from .nodes import device_identifier, device_source

if TYPE_CHECKING:
    import asyncio
    from collections.abc import Callable, Mapping
    from datetime import datetime

    from homeassistant.helpers.entity_platform import (
        AddEntitiesCallback,
        EntityPlatform,
    )

    from . import RvcConfigEntry
    from .coordinator import InstanceKey, InstanceState, RvcCoordinator
    from .protocol import FieldInput, FieldValue

_LOGGER = logging.getLogger(__name__)


class ParsedUniqueId(NamedTuple):
    """The parts of one of our unique ids."""

    family: str
    instance: int
    key: str | None
    """Which of the instance's entities, for instances that have several."""


def instance_unique_id(
    entry_id: str, key: InstanceKey, suffix: str | None = None
) -> str:
    """entry-family-instance, and -suffix for one of several entities."""
    unique_id = f"{entry_id}-{key[0]}-{key[1]}"
    return unique_id if suffix is None else f"{unique_id}-{suffix}"


def parse_unique_id(entry_id: str, unique_id: str) -> ParsedUniqueId | None:
    """The parts of a unique id of this entry's entities."""
    prefix = f"{entry_id}-"
    parts = unique_id.removeprefix(prefix).split("-")
    if not unique_id.startswith(prefix) or len(parts) not in (2, 3):
        return None
    if not parts[1].isdigit():
        return None
    return ParsedUniqueId(
        parts[0], int(parts[1]), parts[2] if len(parts) == 3 else None
    )


class RvcEntity(Entity):
    """An entity showing one (family, instance) of the bus, pushed on change."""

    _attr_has_entity_name = True
    _attr_should_poll = False
    new_in_registry = False
    """True when this run registers the entity for the first time."""

    def __init__(
        self,
        coordinator: RvcCoordinator,
        key: InstanceKey,
        source: int,
        suffix: str | None = None,
    ) -> None:
        """Describe the instance; its device is the node that reports it."""
        self.coordinator = coordinator
        self.key = key
        self._attr_unique_id = instance_unique_id(coordinator.entry_id, key, suffix)
        self._attr_translation_placeholders = {"instance": str(key[1])}
        # The coordinator creates and names the node's device.
        self._attr_device_info = DeviceInfo(
            identifiers={device_identifier(coordinator.entry_id, source)}
        )

    @callback
    def add_to_platform_start(
        self,
        hass: HomeAssistant,
        platform: EntityPlatform,
        parallel_updates: asyncio.Semaphore | None,
    ) -> None:
        """Suggest an id that says what the entity is, not which node reports it.

        light.light_3 rather than light.rv_c_node_0x43_light_3: a source
        address is no name, and nodes move. Ids already registered stay.
        """
        super().add_to_platform_start(hass, platform, parallel_updates)
        if (
            self.new_in_registry
            and self.key[0] != FAMILY_NODE_FAULTS  # a node's own: named by it
            and (name := self.suggested_object_id)
        ):
            self.entity_id = f"{platform.domain}.{slugify(name)}"

    @property
    def instance_state(self) -> InstanceState | None:
        """What the bus last said about this instance."""
        return self.coordinator.states.get(self.key)

    @property
    def available(self) -> bool:
        """Available while the instance keeps reporting."""
        state = self.instance_state
        return state is not None and state.available

    async def async_send(
        self,
        name: str,
        values: Mapping[str, FieldInput],
        *,
        answered_by: InstanceKey | None = None,
    ) -> None:
        """Send a command for this instance; a refusal raises a translated error.

        It returns once the device took it: its status, an ACK, or no NAK in
        time. answered_by names another instance (a zone's heat pump) whose
        status answers it.
        """
        await self.coordinator.gate.async_send(
            name, values, entity_id=self.entity_id, answered_by=answered_by or self.key
        )

    def status(self, dgn: str, name: str) -> FieldValue:
        """A field of the instance's last status."""
        state = self.instance_state
        return None if state is None else state.value(dgn, name)

    async def async_added_to_hass(self) -> None:
        """Follow the state of this instance only."""
        await super().async_added_to_hass()
        self.async_on_remove(
            self.coordinator.async_subscribe(self.key, self._async_instance_updated)
        )

    @callback
    def _async_instance_updated(self) -> None:
        """The instance changed (or its availability did): show it."""
        self.async_write_ha_state()


class RvcUnexposedEntity(RvcEntity):
    """An entity that moves or starts something: kept away from voice control.

    A misheard sentence must not move a slide-out or start an engine: such
    entities are not exposed to any voice assistant (Assist, and the cloud
    assistants that expose new entities) when they are created; what the owner
    chooses afterwards is theirs.
    """

    async def async_added_to_hass(self) -> None:
        """Not exposed to any assistant, once, when first registered."""
        await super().async_added_to_hass()
        if self.new_in_registry:
            for assistant in KNOWN_ASSISTANTS:
                async_expose_entity(
                    self.hass, assistant, self.entity_id, should_expose=False
                )


# RV-C's delay/duration is whole seconds up to 250.
MAX_DURATION: Final = 250


class RvcLoadEntity(RvcEntity):
    """A load channel (DC dimmer, DC or AC load), a light, switch or fan."""

    def __init__(
        self, coordinator: RvcCoordinator, key: InstanceKey, source: int
    ) -> None:
        """Name it as the user chose, or by its family and instance."""
        super().__init__(coordinator, key, source)
        self.family = LOAD_FAMILIES[key[0]]
        override = coordinator.load_overrides.get(f"{key[0]}:{key[1]}", {})
        if name := override.get(CONF_LOAD_NAME):
            self._attr_name = name
        else:
            self._attr_translation_key = key[0]
        self._area = override.get(CONF_LOAD_AREA)
        self._confirm_timer: CALLBACK_TYPE | None = None

    async def async_added_to_hass(self) -> None:
        """Put the load in the area its profile names, unless the owner chose one."""
        await super().async_added_to_hass()
        registry_entry = self.registry_entry
        if self._area is None or registry_entry is None or registry_entry.area_id:
            return
        # A load whose device the owner put in a room is in that room already.
        device = self.device_entry
        if device is not None and device.area_id is not None:
            return
        area = ar.async_get(self.hass).async_get_or_create(self._area)
        er.async_get(self.hass).async_update_entity(self.entity_id, area_id=area.id)

    @property
    def level(self) -> float | None:
        """The reported level in percent; None when unknown or in error."""
        return percent(self.status(self.family.status_dgn, self.family.level_field))

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

    async def async_command(
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
        await self.async_send(self.family.command_dgn, values)
        if not expect_on:
            # A controller that stops reporting off loads: silence means off.
            self.coordinator.off_commands[self.key] = self.hass.loop.time()
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


def async_setup_instance_platform(
    hass: HomeAssistant,
    entry: RvcConfigEntry,
    async_add_entities: AddEntitiesCallback,
    domain: str,
    *,
    restore: Callable[[ParsedUniqueId, int], Entity | None],
    discover: Callable[[InstanceState, str], list[Entity]],
) -> Callable[[list[Entity]], None]:
    """Add a platform's entities: known ones at once, new ones when first seen.

    restore rebuilds an entity registered in an earlier run (unavailable until
    its instance reports); discover returns the entities an instance's first
    report of a status DGN calls for.
    """
    coordinator = entry.runtime_data
    added: set[str] = set()

    def add(entities: list[Entity]) -> None:
        new = [entity for entity in entities if entity.unique_id not in added]
        for entity in new:
            _track(entity, added, entity_registry, domain)
        if new:
            async_add_entities(new)

    device_registry = dr.async_get(hass)
    entity_registry = er.async_get(hass)
    for registry_entry in er.async_entries_for_config_entry(
        entity_registry, entry.entry_id
    ):
        parsed = parse_unique_id(entry.entry_id, registry_entry.unique_id)
        if registry_entry.domain != domain or parsed is None:
            continue
        source = _registered_source(device_registry, registry_entry, entry.entry_id)
        if source is not None and (entity := restore(parsed, source)) is not None:
            add([entity])

    @callback
    def on_new_status(state: InstanceState, dgn: str) -> None:
        add(discover(state, dgn))

    for state in list(coordinator.states.values()):
        for dgn in list(state.values):
            on_new_status(state, dgn)
    entry.async_on_unload(coordinator.async_add_status_listener(on_new_status))
    return add


def _track(
    entity: Entity, added: set[str], entity_registry: er.EntityRegistry, domain: str
) -> None:
    """Note an entity as added, and whether the registry knew it before."""
    unique_id = str(entity.unique_id)
    added.add(unique_id)
    if isinstance(entity, RvcEntity):
        entity.new_in_registry = (
            entity_registry.async_get_entity_id(domain, DOMAIN, unique_id) is None
        )
    # Removed with its stale node, it may be added again when the node is back.
    entity.async_on_remove(partial(added.discard, unique_id))


def async_setup_instance_entities(
    hass: HomeAssistant,
    entry: RvcConfigEntry,
    async_add_entities: AddEntitiesCallback,
    domain: str,
    *,
    family: str,
    status_dgn: str,
    entity_class: Callable[[RvcCoordinator, InstanceKey, int], Entity],
) -> None:
    """One entity per instance of a family, created by its status DGN."""
    coordinator = entry.runtime_data

    def restore(parsed: ParsedUniqueId, source: int) -> Entity | None:
        if parsed.family != family or parsed.key is not None:
            return None
        return entity_class(coordinator, (parsed.family, parsed.instance), source)

    def discover(state: InstanceState, dgn: str) -> list[Entity]:
        if state.family != family or dgn != status_dgn:
            return []
        return [entity_class(coordinator, state.key, state.source)]

    async_setup_instance_platform(
        hass, entry, async_add_entities, domain, restore=restore, discover=discover
    )


class FieldDescription(Protocol):
    """An entity description that names the status DGN carrying its value."""

    @property
    def key(self) -> str:
        """Which of the instance's entities."""

    @property
    def dgn(self) -> str:
        """The status DGN that carries the value."""


def async_setup_described_entities[DescriptionT: FieldDescription](
    hass: HomeAssistant,
    entry: RvcConfigEntry,
    async_add_entities: AddEntitiesCallback,
    domain: str,
    *,
    descriptions: Mapping[str, tuple[DescriptionT, ...]],
    entity_class: Callable[[RvcCoordinator, InstanceKey, int, DescriptionT], Entity],
    reported: Callable[[DescriptionT, InstanceState], bool],
) -> None:
    """Several entities per instance, by family; each appears with its value.

    An entity is created when its value is first reported (not "not
    available"): with the first frame of its DGN, or any frame after.
    """
    coordinator = entry.runtime_data
    by_key = {
        (family, description.key): description
        for family, family_descriptions in descriptions.items()
        for description in family_descriptions
    }

    def restore(parsed: ParsedUniqueId, source: int) -> Entity | None:
        description = by_key.get((parsed.family, parsed.key or ""))
        if description is None:
            return None
        key = (parsed.family, parsed.instance)
        return entity_class(coordinator, key, source, description)

    def discover(state: InstanceState, dgn: str) -> list[Entity]:
        entities: list[Entity] = []
        waiting: list[DescriptionT] = []
        for description in descriptions.get(state.family, ()):
            if description.dgn != dgn:
                continue
            if reported(description, state):
                entities.append(
                    entity_class(coordinator, state.key, state.source, description)
                )
            else:
                waiting.append(description)
        if waiting:
            _add_when_reported(
                coordinator,
                state.key,
                waiting,
                reported=reported,
                create=lambda state, description: entity_class(
                    coordinator, state.key, state.source, description
                ),
                # add is assigned below, before any later report calls this.
                add=lambda entities: add(entities),  # noqa: PLW0108
            )
        return entities

    add = async_setup_instance_platform(
        hass, entry, async_add_entities, domain, restore=restore, discover=discover
    )


def _add_when_reported[DescriptionT](
    coordinator: RvcCoordinator,
    key: InstanceKey,
    waiting: list[DescriptionT],
    *,
    reported: Callable[[DescriptionT, InstanceState], bool],
    create: Callable[[InstanceState, DescriptionT], Entity],
    add: Callable[[list[Entity]], None],
) -> None:
    """Add each waiting entity once its instance reports its value."""

    @callback
    def check() -> None:
        state = coordinator.states.get(key)
        if state is None or not (ready := [d for d in waiting if reported(d, state)]):
            return
        for description in ready:
            waiting.remove(description)
        add([create(state, description) for description in ready])
        if not waiting:  # not while the coordinator walks its listeners
            coordinator.hass.loop.call_soon(unsubscribe)

    unsubscribe = coordinator.async_subscribe(key, check)


def async_setup_load_platform(
    hass: HomeAssistant,
    entry: RvcConfigEntry,
    async_add_entities: AddEntitiesCallback,
    load_type: str,
    entity_class: type[RvcLoadEntity],
) -> None:
    """Add the loads of one type (light or switch, which is also the platform)."""
    coordinator = entry.runtime_data

    def restore(parsed: ParsedUniqueId, source: int) -> Entity | None:
        if parsed.family not in LOAD_FAMILIES or parsed.key is not None:
            return None
        override = coordinator.load_overrides.get(f"{parsed.family}:{parsed.instance}")
        if override is not None and override[CONF_LOAD_TYPE] != load_type:
            return None
        return entity_class(coordinator, (parsed.family, parsed.instance), source)

    def discover(state: InstanceState, dgn: str) -> list[Entity]:
        if coordinator.load_type(state) != load_type:  # None: not a load
            return []
        return [entity_class(coordinator, state.key, state.source)]

    async_setup_instance_platform(
        hass, entry, async_add_entities, load_type, restore=restore, discover=discover
    )


def _registered_source(
    device_registry: dr.DeviceRegistry, registry_entry: er.RegistryEntry, entry_id: str
) -> int | None:
    """The source address of the node an entity was registered under."""
    if registry_entry.device_id is None:
        return None
    device = device_registry.async_get(registry_entry.device_id)
    return None if device is None else device_source(entry_id, device.identifiers)


def percent(value: FieldValue) -> float | None:
    """A reported percentage; None when unknown, in error, or above 100 %.

    RV-C's percent encoding reaches 125 %; nothing real is more than full.
    """
    if isinstance(value, int | float) and 0 <= value <= 100:
        return float(value)
    return None


def light_level(brightness: int) -> float:
    """HA brightness (1-255) to an RV-C level in 0.5 % steps, never 0."""
    return max(0.5, round(brightness * 200 / 255) / 2)
