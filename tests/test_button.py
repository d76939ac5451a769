"""Identify buttons: the load blinks, then goes back to its level before."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from homeassistant.components.button import DOMAIN as BUTTON_DOMAIN, SERVICE_PRESS
from homeassistant.const import ATTR_ENTITY_ID, EntityCategory
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import entity_registry as er
import pytest

from custom_components.rvc.const import CONF_LOADS, CONF_READ_ONLY, SOURCE_ADDRESS

from .common import unanswered, wait_until
from .test_answers import nak
from .test_light import dimmer

if TYPE_CHECKING:
    from collections.abc import Awaitable

    from homeassistant.core import HomeAssistant

    from .kit import BusKit

BUTTON = "button.identify_light_3"


def press(hass: HomeAssistant, entity_id: str = BUTTON) -> Awaitable[None]:
    return hass.services.async_call(
        BUTTON_DOMAIN, SERVICE_PRESS, {ATTR_ENTITY_ID: entity_id}, blocking=True
    )


async def seen(kit: BusKit, brightness: float = 40, **options: Any) -> None:
    await kit.setup(options=options)
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, brightness))
    if not kit.coordinator.gate.read_only:
        kit.assert_identification_requested(0x43)


async def test_every_load_has_an_identify_button(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await seen(kit)
    state = hass.states.get(BUTTON)
    assert state is not None
    assert state.attributes["device_class"] == "identify"
    assert state.attributes["friendly_name"] == "RV-C node 0x43 Identify light 3"
    registry_entry = er.async_get(hass).async_get(BUTTON)
    assert registry_entry is not None
    assert registry_entry.entity_category is EntityCategory.CONFIG


async def test_an_owner_named_load_names_its_button(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await seen(
        kit, **{CONF_LOADS: {"dc_dimmer:3": {"type": "light", "name": "Galley"}}}
    )
    state = hass.states.get("button.identify_galley")
    assert state is not None
    assert state.attributes["friendly_name"] == "RV-C node 0x43 Identify Galley"


async def test_identify_flashes_then_restores_the_level(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    await seen(kit, brightness=40)
    await unanswered(hass, freezer, press(hass))
    # RV-C table 6.24.6c: 50 (32h) flash momentary; then back to 40 %.
    kit.assert_sent(
        "DC_DIMMER_COMMAND_2", {"instance": 3, "command": "flash_momentarily"}
    )
    kit.assert_sent(
        "DC_DIMMER_COMMAND_2",
        {"instance": 3, "command": "set_level", "desired_level": 40},
    )
    kit.assert_nothing_sent()


async def test_without_a_flash_the_load_blinks_by_hand(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    await seen(kit, brightness=0)
    task = asyncio.ensure_future(press(hass))
    await wait_until(lambda: len(kit.coordinator.node.answers) == 1)
    kit.assert_sent("DC_DIMMER_COMMAND_2", {"command": "flash_momentarily"})
    # The dimmer does not support it: a NAK (RV-C 6.24.6 and table 7.5).
    # (Sent without waiting for Home Assistant to settle: the press goes on.)
    kit.send("ACKNOWLEDGMENT", nak("nak"), destination=SOURCE_ADDRESS)
    await wait_until(lambda: kit.coordinator.node.answers.refused == 1)
    await unanswered(hass, freezer, task)
    for command, level in (
        ("off_delay", None),
        ("set_level", 100),
        ("off_delay", None),
        ("off_delay", None),  # it was off: back to off
    ):
        kit.assert_sent(
            "DC_DIMMER_COMMAND_2",
            {"instance": 3, "command": command}
            | ({} if level is None else {"desired_level": level}),
        )
    kit.assert_nothing_sent()


async def test_read_only_refuses_identify(hass: HomeAssistant, kit: BusKit) -> None:
    await seen(kit, **{CONF_READ_ONLY: True})
    with pytest.raises(ServiceValidationError) as caught:
        await press(hass)
    assert caught.value.translation_key == "read_only"
    kit.assert_nothing_sent()
