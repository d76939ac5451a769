"""Learn mode: press a switch in the coach, name the load that changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import area_registry as ar, entity_registry as er

from custom_components.rvc.const import (
    CONF_LOADS,
    CONF_PROFILE,
    CONF_READ_ONLY,
    SOURCE_ADDRESS,
)
from custom_components.rvc.profile import read_profile

from .test_light import dimmer

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .kit import BusKit

# The init step's settings, kept as they are.
SETTINGS = {
    CONF_READ_ONLY: False,
    "allow_motion_control": False,
    "allow_generator_control": False,
    "availability_timeout": 15,
}


async def start_learning(hass: HomeAssistant, entry_id: str) -> dict[str, Any]:
    result = await hass.config_entries.options.async_init(entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**SETTINGS, "learn": True}
    )
    assert result["type"] is FlowResultType.SHOW_PROGRESS
    assert result["step_id"] == "learn"
    assert result["progress_action"] == "wait_for_load"
    return dict(result)


async def test_walk_through_the_coach(hass: HomeAssistant, kit: BusKit) -> None:
    entry = await kit.setup()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 0))
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(4, 50))
    kit.assert_identification_requested(0x43)
    galley = ar.async_get(hass).async_create("Galley")

    flow_id = (await start_learning(hass, entry.entry_id))["flow_id"]
    # A load repeating its state is no press.
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(4, 50))
    result = await hass.config_entries.options.async_configure(flow_id)
    assert result["type"] is FlowResultType.SHOW_PROGRESS
    # The owner presses the switch of dimmer channel 3.
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 75))
    result = await hass.config_entries.options.async_configure(flow_id)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "learn_load"
    assert result["description_placeholders"] == {
        "family": "dc_dimmer",
        "instance": "3",
        "old": "off",
        "new": "75 %",
    }
    result = await hass.config_entries.options.async_configure(
        flow_id,
        {
            "name": "Galley light",
            "type": "switch",
            "area": galley.id,
            "learn_next": True,
        },
    )
    assert result["type"] is FlowResultType.SHOW_PROGRESS
    # The next switch: channel 4 goes off.
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(4, 0))
    result = await hass.config_entries.options.async_configure(flow_id)
    assert result["description_placeholders"] == {
        "family": "dc_dimmer",
        "instance": "4",
        "old": "50 %",
        "new": "off",
    }
    result = await hass.config_entries.options.async_configure(
        flow_id, {"type": "hidden"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_LOADS] == {
        "dc_dimmer:3": {"type": "switch", "name": "Galley light", "area": "Galley"},
        "dc_dimmer:4": {"type": "hidden"},
    }

    # The entry reloads: channel 3 is the galley switch, in the galley.
    await hass.async_block_till_done()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 75))
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(4, 0))
    kit.assert_address_claimed(SOURCE_ADDRESS)
    kit.assert_identification_requested(0x43)
    state = hass.states.get("switch.galley_light")
    assert state is not None
    assert state.state == "on"
    assert state.attributes["friendly_name"] == "RV-C node 0x43 Galley light"
    registry_entry = er.async_get(hass).async_get("switch.galley_light")
    assert registry_entry is not None
    assert registry_entry.area_id == galley.id
    assert hass.states.get("switch.light_4") is None

    # What was learnt is in the profile to export and share.
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**SETTINGS, CONF_PROFILE: "export"}
    )
    (field,) = result["data_schema"].schema
    assert read_profile(field.description["suggested_value"]).loads == {
        "dc_dimmer:3": {"type": "switch", "name": "Galley light", "area": "Galley"},
        "dc_dimmer:4": {"type": "hidden"},
    }
    await hass.config_entries.options.async_configure(result["flow_id"], {})


async def test_closing_the_dialog_stops_listening(
    hass: HomeAssistant, kit: BusKit
) -> None:
    entry = await kit.setup()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 0))
    kit.assert_identification_requested(0x43)
    listeners = len(kit.coordinator._listeners[("dc_dimmer", 3)])
    flow_id = (await start_learning(hass, entry.entry_id))["flow_id"]
    await hass.async_block_till_done()
    assert len(kit.coordinator._listeners[("dc_dimmer", 3)]) == listeners + 1
    hass.config_entries.options.async_abort(flow_id)
    await hass.async_block_till_done()
    assert len(kit.coordinator._listeners[("dc_dimmer", 3)]) == listeners
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 75))  # nobody waits any more
