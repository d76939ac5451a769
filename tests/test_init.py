"""Setting up, reloading and unloading an entry on a real virtual bus."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any
from unittest.mock import patch

import can
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_ON, STATE_UNAVAILABLE
from homeassistant.helpers.entity_platform import EntityPlatform
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.rvc.const import (
    CONF_CHANNEL,
    CONF_INTERFACE,
    CONF_LOADS,
    DOMAIN,
)

from .common import wait_until
from .test_energy import battery
from .test_light import ENTITY, dimmer

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers import entity_registry as er, issue_registry as ir
    import pytest

    from .kit import BusKit


async def test_setup_reload_unload(hass: HomeAssistant, kit: BusKit) -> None:
    entry = await kit.setup()
    assert entry.state is ConfigEntryState.LOADED
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    kit.assert_identification_requested(0x43)
    assert kit.coordinator.decoder.per_dgn == {"DC_DIMMER_STATUS_3": 1}

    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    kit.assert_address_claimed(0xF9)
    assert entry.state is ConfigEntryState.LOADED
    # After a reload the light is there at once, waiting for its device.
    assert hass.states.get(ENTITY).state == STATE_UNAVAILABLE
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    kit.assert_identification_requested(0x43)
    assert hass.states.get(ENTITY).state == STATE_ON

    assert await hass.config_entries.async_unload(entry.entry_id)
    assert entry.state is ConfigEntryState.NOT_LOADED


async def test_missing_adapter_is_retried(hass: HomeAssistant) -> None:
    entry = MockConfigEntry(
        domain=DOMAIN,
        data={CONF_INTERFACE: "slcan", CONF_CHANNEL: "/dev/ttyNOPE"},
    )
    entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.SETUP_RETRY
    assert "/dev/ttyNOPE" in str(entry.reason)


async def test_retyped_and_hidden_loads(
    hass: HomeAssistant, kit: BusKit, entity_registry: er.EntityRegistry
) -> None:
    entry = await kit.setup()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(4, 0))
    kit.assert_identification_requested(0x43)
    assert entity_registry.async_get(ENTITY) is not None

    hass.config_entries.async_update_entry(
        entry,
        options=entry.options
        | {
            CONF_LOADS: {
                "dc_dimmer:3": {"type": "switch", "name": "Water pump"},
                "dc_dimmer:4": {"type": "hidden"},
            }
        },
    )
    await hass.async_block_till_done()  # the options change reloads the entry
    kit.assert_address_claimed(0xF9)
    assert entity_registry.async_get(ENTITY) is None
    assert entity_registry.async_get("light.light_4") is None
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(4, 0))
    kit.assert_identification_requested(0x43)
    switch = hass.states.get("switch.water_pump")
    assert switch.state == STATE_ON
    assert switch.attributes["friendly_name"] == "RV-C node 0x43 Water pump"
    # The retyped load keeps its identify button (its id chosen once); the
    # hidden one has none. zone.home comes with the device tracker platform.
    assert sorted(hass.states.async_entity_ids()) == [
        "button.identify_light_3",
        "switch.water_pump",
        "zone.home",
    ]
    assert entity_registry.async_get("button.identify_light_4") is None


async def test_an_entry_of_another_rvc_integration(
    hass: HomeAssistant, issue_registry: ir.IssueRegistry
) -> None:
    """An MQTT-based integration also called rvc left its entry behind."""
    entry = MockConfigEntry(
        domain=DOMAIN, title="RV-C MQTT", data={"mqtt_topic_prefix": "rvc"}
    )
    entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.SETUP_ERROR
    assert "RV-C MQTT" in str(entry.reason)
    issue = issue_registry.async_get_issue(DOMAIN, f"foreign_entry_{entry.entry_id}")
    assert issue is not None
    assert issue.translation_key == "foreign_entry"
    assert await hass.config_entries.async_remove(entry.entry_id)
    assert (
        issue_registry.async_get_issue(DOMAIN, f"foreign_entry_{entry.entry_id}")
        is None
    )


async def test_a_bus_shared_between_processes_is_ours(
    hass: HomeAssistant,
    issue_registry: ir.IssueRegistry,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The benchmarks' udp_multicast entries are not another integration's."""
    entry = MockConfigEntry(
        domain=DOMAIN, data={CONF_INTERFACE: "udp_multicast", CONF_CHANNEL: "kit"}
    )
    entry.add_to_hass(hass)

    def no_network(**kwargs: Any) -> can.BusABC:
        # Tests open no socket: python-can answers as without a network.
        raise OSError(101, "Network is unreachable")

    monkeypatch.setattr(can, "Bus", no_network)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.SETUP_RETRY
    assert not issue_registry.async_get_issue(DOMAIN, f"foreign_entry_{entry.entry_id}")


async def test_a_failing_setup_closes_the_bus(
    hass: HomeAssistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*_args: object) -> None:
        raise RuntimeError("a platform failed")

    monkeypatch.setattr(hass.config_entries, "async_forward_entry_setups", broken)
    entry = MockConfigEntry(
        domain=DOMAIN, data={CONF_INTERFACE: "simulated"}, title="Simulated coach"
    )
    entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.SETUP_ERROR
    coordinator = entry.runtime_data
    _simulator, coach_session = coordinator.simulated_coach
    for session in (coordinator.session, coach_session):
        assert session.bus._is_shutdown  # python-can's own flag


async def test_a_device_reporting_while_unloading_adds_nothing(
    hass: HomeAssistant, kit: BusKit
) -> None:
    """Frames still arrive while the platforms unload: they must add no entity.

    An entity added to a platform already reset is never removed: it keeps its
    state and its timers after the entry is gone.
    """
    entry = await kit.setup()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    kit.assert_identification_requested(0x43)
    stats = kit.coordinator.decoder.stats
    reset = EntityPlatform.async_reset

    async def reset_then_a_battery_reports(platform: EntityPlatform) -> None:
        await reset(platform)
        if platform.platform_name == DOMAIN and platform.domain == "sensor":
            decoded = stats.frames + 1
            kit.send("DC_SOURCE_STATUS_1", battery(12.5, -8.0))
            await wait_until(lambda: stats.frames >= decoded)
            for _ in range(10):
                await asyncio.sleep(0)

    with patch.object(EntityPlatform, "async_reset", reset_then_a_battery_reports):
        assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    assert stats.frames == 2
    assert [
        state.entity_id
        for state in hass.states.async_all()
        if state.state != STATE_UNAVAILABLE and state.domain != "zone"
    ] == []
