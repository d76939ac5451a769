"""Switches: on/off DC and AC loads (variable ones are lights), and the generator."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components.switch import DOMAIN as SWITCH_DOMAIN
from homeassistant.const import (
    ATTR_ENTITY_ID,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    STATE_OFF,
    STATE_ON,
    STATE_UNKNOWN,
)
from homeassistant.exceptions import ServiceValidationError
import pytest

from custom_components.rvc.const import CONF_ALLOW_GENERATOR, CONF_READ_ONLY

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers import entity_registry as er

    from .kit import BusKit

SWITCH = "switch.load_20"


def load(instance: int, level: float, variable: str = "not_variable") -> dict[str, Any]:
    return {
        "instance": instance,
        "group": 0,
        "operating_status": level,
        "operating_mode": "automatic",
        "variable_level": variable,
    }


async def test_relay_is_a_switch(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject("DC_LOAD_STATUS", load(20, 0), source=0x44)
    kit.assert_identification_requested(0x44)
    assert hass.states.get(SWITCH).state == STATE_OFF

    await hass.services.async_call(
        SWITCH_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: SWITCH}, blocking=True
    )
    kit.assert_sent(
        "DC_LOAD_COMMAND",
        {"instance": 20, "command": "set_level", "desired_level": 100.0},
    )
    await kit.inject("DC_LOAD_STATUS", load(20, 100), source=0x44)
    assert hass.states.get(SWITCH).state == STATE_ON

    await hass.services.async_call(
        SWITCH_DOMAIN, SERVICE_TURN_OFF, {ATTR_ENTITY_ID: SWITCH}, blocking=True
    )
    kit.assert_sent(
        "DC_LOAD_COMMAND",
        {"instance": 20, "command": "off_delay", "delay_duration": 0},
    )


async def test_variable_load_is_a_light(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject("DC_LOAD_STATUS", load(24, 40, "variable"), source=0x44)
    kit.assert_identification_requested(0x44)
    assert hass.states.get("switch.load_24") is None
    state = hass.states.get("light.load_24")
    assert state.state == STATE_ON
    assert state.attributes["brightness"] == 102


AC_SWITCH = "switch.ac_load_2"
# Generic AC loads: default source address 137 (RV-C table 6.22.1).
AC_NODE = 0x89


async def test_ac_relay_is_a_switch(hass: HomeAssistant, kit: BusKit) -> None:
    """AC_LOAD_COMMAND (table 6.22.4b) goes out; AC_LOAD_STATUS is the state."""
    await kit.setup()
    await kit.inject("AC_LOAD_STATUS", load(2, 0), source=AC_NODE)
    kit.assert_identification_requested(AC_NODE)
    state = hass.states.get(AC_SWITCH)
    assert state.state == STATE_OFF
    assert state.attributes["friendly_name"] == "RV-C node 0x89 AC load 2"

    await hass.services.async_call(
        SWITCH_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: AC_SWITCH}, blocking=True
    )
    # Instance 2, no group, 100 % (200 = C8h), command 00h set level.
    kit.assert_sent(
        "AC_LOAD_COMMAND",
        {"instance": 2, "command": "set_level", "desired_level": 100.0},
        data="02FFC8FF00FFFFFF",
        source=0xF9,
    )
    # The state is what the load reports, not what was asked.
    assert hass.states.get(AC_SWITCH).state == STATE_OFF
    await kit.inject("AC_LOAD_STATUS", load(2, 100), source=AC_NODE)
    assert hass.states.get(AC_SWITCH).state == STATE_ON

    await hass.services.async_call(
        SWITCH_DOMAIN, SERVICE_TURN_OFF, {ATTR_ENTITY_ID: AC_SWITCH}, blocking=True
    )
    # Command 03h off, delay 0.
    kit.assert_sent(
        "AC_LOAD_COMMAND",
        {"instance": 2, "command": "off_delay", "delay_duration": 0},
        data="02FFFFFF0300FFFF",
    )
    await kit.inject("AC_LOAD_STATUS", load(2, 0), source=AC_NODE)
    assert hass.states.get(AC_SWITCH).state == STATE_OFF


@pytest.mark.parametrize(
    ("raw_level", "meaning"),
    [(0xFF, "not available"), (0xFE, "error"), (0xFC, "load delay active")],
)
async def test_ac_load_without_a_level_is_unknown(
    hass: HomeAssistant, kit: BusKit, raw_level: int, meaning: str
) -> None:
    await kit.setup()
    await kit.inject("AC_LOAD_STATUS", load(2, 100), source=AC_NODE)
    kit.assert_identification_requested(AC_NODE)
    # Byte 2 is the level (table 6.22.2b); not variable, automatic.
    await kit.inject_frame(
        0x19FFBF89, bytes([2, 0, raw_level, 0xF0, 0, 0xFF, 0xFF, 0xFF])
    )
    assert hass.states.get(AC_SWITCH).state == STATE_UNKNOWN, meaning


async def test_variable_ac_load_is_a_light(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject("AC_LOAD_STATUS", load(3, 40, "variable"), source=AC_NODE)
    kit.assert_identification_requested(AC_NODE)
    assert hass.states.get("switch.ac_load_3") is None
    assert hass.states.get("light.ac_load_3").attributes["brightness"] == 102


async def test_read_only_ac_load_sends_nothing(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await kit.setup(options={CONF_READ_ONLY: True})
    await kit.inject("AC_LOAD_STATUS", load(2, 0), source=AC_NODE)
    with pytest.raises(ServiceValidationError) as caught:
        await hass.services.async_call(
            SWITCH_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: AC_SWITCH}, blocking=True
        )
    assert caught.value.translation_key == "read_only"
    assert "read-only" in str(caught.value)
    kit.assert_nothing_sent()


GENERATOR = "switch.generator"


async def test_generator_needs_the_option(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject("GENERATOR_STATUS_1", {"status": "stopped"}, source=0x4D)
    kit.assert_identification_requested(0x4D)
    assert hass.states.get(GENERATOR) is None


async def test_generator_starts_and_stops(
    hass: HomeAssistant, kit: BusKit, entity_registry: er.EntityRegistry
) -> None:
    entry = await kit.setup(options={CONF_ALLOW_GENERATOR: True})
    await kit.inject("GENERATOR_STATUS_1", {"status": "stopped"}, source=0x4D)
    kit.assert_identification_requested(0x4D)
    assert hass.states.get(GENERATOR).state == STATE_OFF
    # Not for voice until the owner says so.
    assert entity_registry.async_get(GENERATOR).options["conversation"] == {
        "should_expose": False
    }
    await hass.services.async_call(
        "switch", "turn_on", {ATTR_ENTITY_ID: GENERATOR}, blocking=True
    )
    kit.assert_sent("GENERATOR_COMMAND", {"command": "start"})
    for status in ("preheat", "cranking", "running"):
        await kit.inject("GENERATOR_STATUS_1", {"status": status}, source=0x4D)
        assert hass.states.get(GENERATOR).state == STATE_ON
    await hass.services.async_call(
        "switch", "turn_off", {ATTR_ENTITY_ID: GENERATOR}, blocking=True
    )
    kit.assert_sent("GENERATOR_COMMAND", {"command": "stop"})
    await kit.inject("GENERATOR_STATUS_1", {"status": "fault"}, source=0x4D)
    assert hass.states.get(GENERATOR).state == STATE_OFF
    # On means running: the other states are the status attribute.
    for status in ("priming", "engine_run_only", "test_mode"):
        await kit.inject("GENERATOR_STATUS_1", {"status": status}, source=0x4D)
        state = hass.states.get(GENERATOR)
        assert (state.state, state.attributes["status"]) == (STATE_OFF, status)
    await kit.inject("GENERATOR_STATUS_1", {"status": None}, source=0x4D)
    assert hass.states.get(GENERATOR).state == STATE_UNKNOWN
    # Turning the option off takes the switch away.
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, CONF_ALLOW_GENERATOR: False}
    )
    await hass.async_block_till_done()
    kit.assert_address_claimed(0xF9)
    assert entity_registry.async_get(GENERATOR) is None
