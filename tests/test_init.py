"""Setting up and unloading an entry on a real virtual bus."""

from __future__ import annotations

from typing import TYPE_CHECKING

import can
from homeassistant.config_entries import ConfigEntryState
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.rvc.const import (
    CONF_CHANNEL,
    CONF_INTERFACE,
    CONF_READ_ONLY,
    DOMAIN,
)
from custom_components.rvc.protocol import RvcSpec, encode

from .common import wait_until

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant


async def test_setup_decodes_the_bus_and_unload_closes_it(
    hass: HomeAssistant, spec: RvcSpec
) -> None:
    entry = MockConfigEntry(
        domain=DOMAIN,
        data={CONF_INTERFACE: "virtual", CONF_CHANNEL: "init", CONF_READ_ONLY: False},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.LOADED

    device = can.Bus(interface="virtual", channel="init")
    frame = encode(spec, "TANK_STATUS", {"instance": 1, "relative_level": 2}, source=7)
    device.send(can.Message(arbitration_id=frame.arbitration_id, data=frame.data))
    decoder = entry.runtime_data.decoder
    await wait_until(lambda: decoder.stats.decoded > 0)
    assert decoder.per_dgn == {"TANK_STATUS": 1}

    assert await hass.config_entries.async_unload(entry.entry_id)
    assert entry.state is ConfigEntryState.NOT_LOADED
    device.shutdown()


async def test_missing_adapter_is_retried(hass: HomeAssistant) -> None:
    entry = MockConfigEntry(
        domain=DOMAIN,
        data={CONF_INTERFACE: "slcan", CONF_CHANNEL: "/dev/ttyNOPE"},
    )
    entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.SETUP_RETRY
    assert "/dev/ttyNOPE" in str(entry.reason)
