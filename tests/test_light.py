"""Lights: DC dimmer channels, their state from the bus, commands onto it."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from homeassistant.components.light import (
    ATTR_BRIGHTNESS,
    ATTR_TRANSITION,
    DOMAIN as LIGHT_DOMAIN,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    LightEntityFeature,
)
from homeassistant.const import ATTR_ENTITY_ID, STATE_OFF, STATE_ON, STATE_UNAVAILABLE
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.rvc.const import CONF_READ_ONLY

from .common import unanswered

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .kit import BusKit

ENTITY = "light.light_3"


def dimmer(instance: int, brightness: float | None, **extra: Any) -> dict[str, Any]:
    load_status = None if brightness is None else ("on" if brightness else "off")
    return {
        "instance": instance,
        "group": 0,
        "brightness": brightness,
        "last_command": "set_level",
        "load_status": load_status,
    } | extra


async def seen_dimmer(kit: BusKit, brightness: float = 50) -> None:
    await kit.setup()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, brightness))
    kit.assert_identification_requested(0x43)


async def turn(hass: HomeAssistant, service: str, **data: Any) -> None:
    await hass.services.async_call(
        LIGHT_DOMAIN, service, {ATTR_ENTITY_ID: ENTITY, **data}, blocking=True
    )


async def test_light_appears_with_the_reported_brightness(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await seen_dimmer(kit, brightness=50)
    state = hass.states.get(ENTITY)
    assert state is not None
    assert state.state == STATE_ON
    assert state.attributes[ATTR_BRIGHTNESS] == 128  # 50 % of 255
    assert state.attributes["friendly_name"] == "RV-C node 0x43 Light 3"

    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 0))
    assert hass.states.get(ENTITY).state == STATE_OFF


async def test_unknown_and_error_levels_are_not_numbers(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await seen_dimmer(kit)
    await kit.inject_frame(0x19FEDA43, bytes.fromhex("0300FEFFFFFFFFFF"))
    state = hass.states.get(ENTITY)
    assert state.state == "unknown"
    assert state.attributes.get(ATTR_BRIGHTNESS) is None


async def test_repeated_status_writes_no_state(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await seen_dimmer(kit)
    first = hass.states.get(ENTITY)
    for _ in range(5):
        await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    assert hass.states.get(ENTITY).last_reported == first.last_reported
    # Another instance's frame does not touch this one either.
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(4, 10))
    assert hass.states.get(ENTITY).last_reported == first.last_reported


@pytest.mark.parametrize(
    ("service", "data", "expected"),
    [
        (SERVICE_TURN_ON, {ATTR_BRIGHTNESS: 255}, {"command": "set_level", "desired_level": 100.0, "delay_duration": None}),
        (SERVICE_TURN_ON, {ATTR_BRIGHTNESS: 64}, {"command": "set_level", "desired_level": 25.0}),
        (SERVICE_TURN_ON, {ATTR_BRIGHTNESS: 1}, {"command": "set_level", "desired_level": 0.5}),
        (SERVICE_TURN_ON, {}, {"command": "on_duration", "desired_level": None, "delay_duration": None}),
        (SERVICE_TURN_ON, {ATTR_BRIGHTNESS: 128, ATTR_TRANSITION: 4}, {"command": "ramp_brightness", "desired_level": 50.0, "delay_duration": 4}),
        (SERVICE_TURN_OFF, {}, {"command": "off_delay", "desired_level": None, "delay_duration": 0}),
        (SERVICE_TURN_OFF, {ATTR_TRANSITION: 10}, {"command": "ramp_brightness", "desired_level": 0.0, "delay_duration": 10}),
    ],
)  # fmt: skip
async def test_commands_put_the_exact_frame_on_the_bus(
    hass: HomeAssistant,
    kit: BusKit,
    service: str,
    data: dict[str, Any],
    expected: dict[str, Any],
) -> None:
    await seen_dimmer(kit)
    await turn(hass, service, **data)
    record = kit.assert_sent("DC_DIMMER_COMMAND_2", {"instance": 3, **expected})
    assert (record.source, record.priority) == (0xF9, 6)
    # The state is what the device reports, not what was asked.
    assert hass.states.get(ENTITY).attributes[ATTR_BRIGHTNESS] == 128


async def test_unconfirmed_command_is_logged(
    hass: HomeAssistant,
    kit: BusKit,
    caplog: pytest.LogCaptureFixture,
    freezer: Any,
) -> None:
    await seen_dimmer(kit, brightness=0)
    await unanswered(
        hass, freezer, turn(hass, SERVICE_TURN_ON, **{ATTR_BRIGHTNESS: 255})
    )
    kit.assert_sent("DC_DIMMER_COMMAND_2", {"command": "set_level"})
    freezer.tick(4)
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert "did not confirm set_level" in caplog.text
    assert hass.states.get(ENTITY).state == STATE_OFF

    caplog.clear()
    await unanswered(
        hass, freezer, turn(hass, SERVICE_TURN_ON, **{ATTR_BRIGHTNESS: 255})
    )
    kit.assert_sent("DC_DIMMER_COMMAND_2", {"command": "set_level"})
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 100))
    freezer.tick(4)
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert "did not confirm" not in caplog.text
    assert hass.states.get(ENTITY).state == STATE_ON


async def test_transition_longer_than_rvc_allows(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await seen_dimmer(kit)
    with pytest.raises(ServiceValidationError) as caught:
        await turn(hass, SERVICE_TURN_ON, **{ATTR_TRANSITION: 300})
    assert caught.value.translation_key == "transition_out_of_range"
    assert str(caught.value) == "RV-C ramps last at most 250 seconds"


async def test_read_only_sends_nothing(
    hass: HomeAssistant, kit: BusKit, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await kit.setup(options={CONF_READ_ONLY: True})
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    with pytest.raises(ServiceValidationError) as caught:
        await turn(hass, SERVICE_TURN_OFF)
    assert caught.value.translation_key == "read_only"
    assert "read-only" in str(caught.value)
    kit.assert_nothing_sent()


async def test_silent_light_becomes_unavailable_and_comes_back(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    await seen_dimmer(kit)
    for _ in range(4):  # timeout 15 s, checked every 5 s
        freezer.tick(5)
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
    assert hass.states.get(ENTITY).state == STATE_UNAVAILABLE
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    assert hass.states.get(ENTITY).state == STATE_ON


async def test_a_transition_without_brightness_goes_to_the_last_level(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await seen_dimmer(kit, brightness=60)
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 0))
    await turn(hass, SERVICE_TURN_ON, **{ATTR_TRANSITION: 2})
    kit.assert_sent(
        "DC_DIMMER_COMMAND_2",
        {"command": "ramp_brightness", "desired_level": 60.0, "delay_duration": 2},
    )


async def test_dc_load_lights_take_no_transition(
    hass: HomeAssistant, kit: BusKit
) -> None:
    """DC_LOAD_COMMAND cannot ramp: a scene's transition is left out, not sent."""
    await kit.setup()
    await kit.inject(
        "DC_LOAD_STATUS",
        {"instance": 24, "operating_status": 40, "variable_level": "variable"},
        source=0x44,
    )
    kit.assert_identification_requested(0x44)
    entity_id = "light.load_24"
    assert not hass.states.get(entity_id).attributes["supported_features"]
    await hass.services.async_call(
        LIGHT_DOMAIN,
        SERVICE_TURN_ON,
        {ATTR_ENTITY_ID: entity_id, ATTR_BRIGHTNESS: 255, ATTR_TRANSITION: 3},
        blocking=True,
    )
    kit.assert_sent(
        "DC_LOAD_COMMAND",
        {"command": "set_level", "desired_level": 100.0, "delay_duration": None},
    )


async def test_ac_load_lights_ramp(hass: HomeAssistant, kit: BusKit) -> None:
    """AC_LOAD_COMMAND has ramp_brightness (table 6.22.4c): transitions go out."""
    await kit.setup()
    await kit.inject(
        "AC_LOAD_STATUS",
        {"instance": 2, "operating_status": 0, "variable_level": "variable"},
        source=0x89,
    )
    kit.assert_identification_requested(0x89)
    entity_id = "light.ac_load_2"
    assert hass.states.get(entity_id).state == STATE_OFF
    assert hass.states.get(entity_id).attributes["supported_features"] == (
        LightEntityFeature.TRANSITION
    )
    await hass.services.async_call(
        LIGHT_DOMAIN,
        SERVICE_TURN_ON,
        {ATTR_ENTITY_ID: entity_id, ATTR_BRIGHTNESS: 128, ATTR_TRANSITION: 3},
        blocking=True,
    )
    # 50 % (100 = 64h), command 11h ramp brightness, over 3 s.
    kit.assert_sent(
        "AC_LOAD_COMMAND",
        {"instance": 2, "command": "ramp_brightness", "desired_level": 50.0},
        data="02FF64FF1103FFFF",
    )
    await kit.inject(
        "AC_LOAD_STATUS",
        {"instance": 2, "operating_status": 50, "variable_level": "variable"},
        source=0x89,
    )
    assert hass.states.get(entity_id).attributes[ATTR_BRIGHTNESS] == 128
