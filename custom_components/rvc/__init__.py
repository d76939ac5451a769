"""The RV-C integration: a coach's RV-C CAN bus in Home Assistant."""

from __future__ import annotations

from dataclasses import dataclass
import logging
from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntry
from homeassistant.exceptions import ConfigEntryNotReady

from .connection import bus_config
from .const import DOMAIN
from .protocol import BusOpenError, BusSession, Decoder, load_spec

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

_LOGGER = logging.getLogger(__name__)


@dataclass(slots=True)
class RvcRuntimeData:
    """What a loaded entry holds: the open bus and the decoder reading it."""

    session: BusSession
    decoder: Decoder


type RvcConfigEntry = ConfigEntry[RvcRuntimeData]


async def async_setup_entry(hass: HomeAssistant, entry: RvcConfigEntry) -> bool:
    """Open the entry's bus and decode every frame it carries."""
    spec = await hass.async_add_executor_job(load_spec)
    config = bus_config(entry.data)
    try:
        session = await hass.async_add_executor_job(BusSession.open, config)
    except BusOpenError as err:
        raise ConfigEntryNotReady(
            translation_domain=DOMAIN,
            translation_key="cannot_connect",
            translation_placeholders={"error": str(err.__cause__ or err)},
        ) from err
    decoder = Decoder(spec)
    session.start(hass.loop, decoder.decode_message)
    entry.runtime_data = RvcRuntimeData(session, decoder)
    _LOGGER.debug("Listening to RV-C on %s %s", config.interface, config.channel)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: RvcConfigEntry) -> bool:
    """Stop reading and close the bus."""
    await entry.runtime_data.session.async_close()
    return True
