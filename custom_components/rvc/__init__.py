"""The RV-C integration: a coach's RV-C CAN bus in Home Assistant."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import Platform
from homeassistant.exceptions import ConfigEntryError, ConfigEntryNotReady
from homeassistant.helpers import (
    config_validation as cv,
    device_registry as dr,
    entity_registry as er,
    issue_registry as ir,
)

from .connection import bus_config, is_read_only
from .const import (
    CONF_ALLOW_GENERATOR,
    CONF_ALLOW_MOTION,
    CONF_COACH,
    CONF_INTERFACE,
    CONF_LOAD_TYPE,
    CONF_LOADS,
    CONF_READ_ONLY,
    CONNECTION_TYPES,
    DEFAULT_COACH,
    DOMAIN,
    INTERFACE_SIMULATED,
    INTERFACE_UDP_MULTICAST,
    INTERFACE_VIRTUAL,
    LOAD_TYPE_HIDDEN,
)
from .coordinator import RvcCoordinator
from .entity import parse_unique_id
from .library import ProfileOffer, load_library
from .nodes import NodeBook, async_create_bus_device, device_source
from .protocol import BusOpenError, BusSession, load_spec
from .protocol.simulator import COACHES, CoachSimulator
from .services import async_setup_services
from .voice import async_setup_voice

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.typing import ConfigType

_LOGGER = logging.getLogger(__name__)

PLATFORMS = [
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.CLIMATE,
    Platform.COVER,
    Platform.DEVICE_TRACKER,
    Platform.EVENT,
    Platform.FAN,
    Platform.LIGHT,
    Platform.LOCK,
    Platform.SENSOR,
    Platform.SWITCH,
    Platform.WATER_HEATER,
]

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)

type RvcConfigEntry = ConfigEntry[RvcCoordinator]


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool | None:
    """Register the integration's actions."""
    async_setup_services(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: RvcConfigEntry) -> bool:
    """Open the entry's bus, create its entities, and start reading."""
    _check_entry_is_ours(hass, entry)
    spec = await hass.async_add_executor_job(load_spec)
    read_only = is_read_only(entry.data, entry.options)
    config = bus_config(
        entry.data,
        entry.entry_id,
        read_only=read_only,
        config_dir=hass.config.config_dir,
    )
    node_book = NodeBook(hass, entry.entry_id)
    await node_book.async_load()
    async_create_bus_device(hass, entry)
    try:
        session = await hass.async_add_executor_job(BusSession.open, config)
    except BusOpenError as err:
        raise ConfigEntryNotReady(
            translation_domain=DOMAIN,
            translation_key="cannot_connect",
            translation_placeholders={"error": str(err.__cause__ or err)},
        ) from err
    opened = [session]
    coordinator: RvcCoordinator | None = None
    try:
        simulated_coach = None
        if entry.data[CONF_INTERFACE] == INTERFACE_SIMULATED:
            coach_session = await hass.async_add_executor_job(BusSession.open, config)
            opened.append(coach_session)
            coach = COACHES[entry.data.get(CONF_COACH, DEFAULT_COACH)]
            simulated_coach = (CoachSimulator(spec, coach()), coach_session)
        coordinator = RvcCoordinator(
            hass,
            entry.entry_id,
            {**entry.options, CONF_READ_ONLY: read_only},
            spec,
            session,
            node_book=node_book,
            simulated_coach=simulated_coach,
        )
        entry.runtime_data = coordinator
        _async_remove_unwanted_entities(hass, entry)
        async_setup_voice(hass, entry)
        await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
        await _async_offer_profiles(hass, entry, coordinator)
        await coordinator.async_start()
    except BaseException:
        # A later step failed: the adapter must not stay open behind it.
        if coordinator is not None:
            await coordinator.async_stop()
        else:
            for opened_session in opened:
                await opened_session.async_close()
        raise
    entry.async_on_unload(entry.add_update_listener(_async_options_updated))
    _LOGGER.debug("Listening to RV-C on %s %s", config.interface, config.channel)
    return True


def _foreign_issue_id(entry: RvcConfigEntry) -> str:
    return f"foreign_entry_{entry.entry_id}"


def _check_entry_is_ours(hass: HomeAssistant, entry: RvcConfigEntry) -> None:
    """Refuse an entry another integration with the domain "rvc" wrote.

    An MQTT-based RV-C integration uses the same domain: its entries hold
    none of our settings. The owner gets a repair issue saying so, not a
    traceback.
    """
    if entry.data.get(CONF_INTERFACE) in (
        *CONNECTION_TYPES,
        INTERFACE_VIRTUAL,
        INTERFACE_UDP_MULTICAST,
    ):
        return
    ir.async_create_issue(
        hass,
        DOMAIN,
        _foreign_issue_id(entry),
        is_fixable=False,
        severity=ir.IssueSeverity.ERROR,
        translation_key="foreign_entry",
        translation_placeholders={"title": entry.title},
    )
    raise ConfigEntryError(
        translation_domain=DOMAIN,
        translation_key="foreign_entry",
        translation_placeholders={"title": entry.title},
    )


async def async_remove_entry(hass: HomeAssistant, entry: RvcConfigEntry) -> None:
    """Forget the entry's nodes, or the repair issue of a foreign entry."""
    ir.async_delete_issue(hass, DOMAIN, _foreign_issue_id(entry))
    await NodeBook(hass, entry.entry_id).async_remove()


async def async_unload_entry(hass: HomeAssistant, entry: RvcConfigEntry) -> bool:
    """Remove the entities, then stop reading and close the bus."""
    entry.runtime_data.adding_entities = False
    unloaded = await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
    entry.runtime_data.adding_entities = not unloaded
    if unloaded:
        await entry.runtime_data.async_stop()
        await entry.runtime_data.node_book.async_save()
    return unloaded


async def _async_options_updated(hass: HomeAssistant, entry: RvcConfigEntry) -> None:
    # Reconfiguring the connection reloads by itself; only new options need one here.
    if entry.options != entry.runtime_data.options:
        await hass.config_entries.async_reload(entry.entry_id)


# Entities that exist only while an option allows them: (platform, family).
GATED_ENTITIES: dict[tuple[str, str], str] = {
    (Platform.SWITCH, "generator"): CONF_ALLOW_GENERATOR,
    (Platform.COVER, "awning"): CONF_ALLOW_MOTION,
    (Platform.COVER, "slide"): CONF_ALLOW_MOTION,
}


async def _async_offer_profiles(
    hass: HomeAssistant, entry: RvcConfigEntry, coordinator: RvcCoordinator
) -> None:
    """Offer the library's profile for this coach, until loads are set up."""
    if entry.options.get(CONF_LOADS):
        return
    library = await hass.async_add_executor_job(load_library)
    offer = ProfileOffer(hass, entry.entry_id, library)
    entry.async_on_unload(coordinator.async_add_status_listener(offer.async_new_status))
    entry.async_on_unload(offer.async_clear)


def _async_remove_unwanted_entities(hass: HomeAssistant, entry: RvcConfigEntry) -> None:
    """Drop registry entries the options no longer want.

    Loads the user made another type or hid, and the generator switch and
    motion covers once their option is turned off.
    """
    overrides = entry.options.get(CONF_LOADS, {})
    registry = er.async_get(hass)
    for registry_entry in er.async_entries_for_config_entry(registry, entry.entry_id):
        parsed = parse_unique_id(entry.entry_id, registry_entry.unique_id)
        if parsed is None:
            continue
        override = overrides.get(f"{parsed.family}:{parsed.instance}")
        if parsed.key is not None:
            # A hidden load's identify button goes with it.
            if (
                registry_entry.domain == Platform.BUTTON
                and override is not None
                and override[CONF_LOAD_TYPE] == LOAD_TYPE_HIDDEN
            ):
                registry.async_remove(registry_entry.entity_id)
            continue
        option = GATED_ENTITIES.get((registry_entry.domain, parsed.family))
        if (option is not None and not entry.options.get(option, False)) or (
            override is not None and override[CONF_LOAD_TYPE] != registry_entry.domain
        ):
            registry.async_remove(registry_entry.entity_id)


async def async_remove_config_entry_device(
    hass: HomeAssistant, entry: RvcConfigEntry, device: dr.DeviceEntry
) -> bool:
    """Let the owner delete a node's device once the node is silent.

    A node still reporting would be back at once; the bus's own device goes
    with the entry.
    """
    source = device_source(entry.entry_id, device.identifiers)
    return source is not None and entry.runtime_data.node_is_silent(source)
