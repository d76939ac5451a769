"""Availability follows each DGN's broadcast gaps and each device's own pace."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.const import STATE_ON, STATE_UNAVAILABLE
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from .test_light import ENTITY as LIGHT, dimmer

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .kit import BusKit

TANK = "sensor.fresh_water_tank"
# The kit's owner timeout is 15 s, checked every 5 s.
CHECK = 5


def tank(level: int) -> dict[str, Any]:
    return {"instance": 0, "relative_level": level, "resolution": 100}


async def seen_tank(kit: BusKit) -> None:
    await kit.setup()
    await kit.inject("TANK_STATUS", tank(50))
    kit.assert_identification_requested(0x43)


async def advance(hass: HomeAssistant, freezer: Any, seconds: int) -> None:
    for _ in range(seconds // CHECK):
        freezer.tick(CHECK)
        async_fire_time_changed(hass)
        await hass.async_block_till_done()


async def test_a_device_keeping_its_gap_goes_unavailable_after_the_timeout(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    # TANK_STATUS: maximum gap 5 s (table 6.28.2a); 3 gaps are below the
    # owner's 15 s, which wins.
    await seen_tank(kit)
    await advance(hass, freezer, 10)
    assert hass.states.get(TANK).state == "50.0"
    await advance(hass, freezer, 10)
    assert hass.states.get(TANK).state == STATE_UNAVAILABLE
    await kit.inject("TANK_STATUS", tank(40))
    assert hass.states.get(TANK).state == "40.0"


async def test_a_slow_device_is_given_its_own_pace(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    # A tank sender that reports every 20 s, slower than the text allows: its
    # first gap outlasts the owner's 15 s; from then on three of its own gaps
    # (60 s) pass before it is called silent.
    await seen_tank(kit)
    await advance(hass, freezer, 15)
    assert hass.states.get(TANK).state == STATE_UNAVAILABLE
    await advance(hass, freezer, 5)
    await kit.inject("TANK_STATUS", tank(50))
    for _ in range(2):
        await advance(hass, freezer, 20)
        await kit.inject("TANK_STATUS", tank(50))
    await advance(hass, freezer, 55)
    assert hass.states.get(TANK).state == "50.0"
    await advance(hass, freezer, 10)
    assert hass.states.get(TANK).state == STATE_UNAVAILABLE


async def test_a_light_sent_on_change_is_silent_only_with_its_node(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    # DC_DIMMER_STATUS_3 has no maximum gap: "on change and periodically when
    # active" (table 6.24.4a). While its node sends its DM_RV, a quiet light
    # is a light nobody touched.
    await kit.setup()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    kit.assert_identification_requested(0x43)
    for _ in range(12):
        await advance(hass, freezer, 5)
        await kit.inject("DM_RV", {})
    assert hass.states.get(LIGHT).state == STATE_ON
    await advance(hass, freezer, 20)
    assert hass.states.get(LIGHT).state == STATE_UNAVAILABLE
