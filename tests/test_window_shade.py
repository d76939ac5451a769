"""Window shades (RV-C 6.39): covers that need no motion option."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.const import (
    ATTR_ENTITY_ID,
    STATE_CLOSING,
    STATE_OPENING,
    STATE_UNKNOWN,
)
import pytest

from .common import unanswered

if TYPE_CHECKING:
    from freezegun.api import FrozenDateTimeFactory
    from homeassistant.core import HomeAssistant

    from .kit import BusKit

SHADE = "cover.window_shade_2"


def shade(forward: str, reverse: str) -> dict[str, Any]:
    motor = "on" if "on" in (forward, reverse) else "off"
    return {
        "instance": 2,
        "group": 0,
        "operating_status": 100 if motor == "on" else 0,
        "motor_status": motor,
        "forward_status": forward,
        "reverse_status": reverse,
    }


async def seen_shade(kit: BusKit) -> None:
    await kit.setup()  # motion control stays off
    await kit.inject("WINDOW_SHADE_CONTROL_STATUS", shade("off", "off"), source=0x86)
    kit.assert_identification_requested(0x86)


async def test_shade_state(hass: HomeAssistant, kit: BusKit) -> None:
    await seen_shade(kit)
    state = hass.states.get(SHADE)
    # No position in its status: unknown while still, and both buttons work.
    assert state.state == STATE_UNKNOWN
    assert (state.attributes["device_class"], state.attributes["assumed_state"]) == (
        "shade",
        True,
    )
    await kit.inject("WINDOW_SHADE_CONTROL_STATUS", shade("on", "off"), source=0x86)
    assert hass.states.get(SHADE).state == STATE_OPENING
    await kit.inject("WINDOW_SHADE_CONTROL_STATUS", shade("off", "on"), source=0x86)
    assert hass.states.get(SHADE).state == STATE_CLOSING


@pytest.mark.parametrize(
    ("service", "data"),
    [
        # Table 6.39.3b/c: full duty (C8), forward 81h / reverse 41h / stop 04h,
        # continuous (FF), no interlock (bits 0-1 clear: FC).
        ("open_cover", "02FFC881FFFCFFFF"),
        ("close_cover", "02FFC841FFFCFFFF"),
        ("stop_cover", "02FFC804FFFCFFFF"),
    ],
)
async def test_shade_commands_without_motion_control(
    hass: HomeAssistant,
    kit: BusKit,
    freezer: FrozenDateTimeFactory,
    service: str,
    data: str,
) -> None:
    await seen_shade(kit)
    await unanswered(
        hass,
        freezer,
        hass.services.async_call(
            "cover", service, {ATTR_ENTITY_ID: SHADE}, blocking=True
        ),
    )
    kit.assert_sent(
        "WINDOW_SHADE_CONTROL_COMMAND",
        {"instance": 2, "interlock": "none"},
        data=data,
    )
