"""Roof fans: on/off, speed and direction from ROOF_FAN_STATUS_1."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.const import ATTR_ENTITY_ID, STATE_OFF, STATE_ON
import pytest

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .kit import BusKit

FAN = "fan.roof_fan_2"


async def roof_fan(kit: BusKit, **status: Any) -> None:
    await kit.setup()
    await kit.inject(
        "ROOF_FAN_STATUS_1",
        {
            "instance": 2,
            "system_status": "on",
            "fan_speed": 60,
            "wind_direction": "air_in",
        }
        | status,
        source=0x4B,
    )
    kit.assert_identification_requested(0x4B)


async def test_state(hass: HomeAssistant, kit: BusKit) -> None:
    await roof_fan(kit)
    state = hass.states.get(FAN)
    assert state.state == STATE_ON
    assert (state.attributes["percentage"], state.attributes["direction"]) == (
        60,
        "reverse",
    )
    await kit.inject(
        "ROOF_FAN_STATUS_1",
        {"instance": 2, "system_status": "off", "fan_speed": 60},
        source=0x4B,
    )
    state = hass.states.get(FAN)
    assert (state.state, state.attributes["percentage"]) == (STATE_OFF, 0)


@pytest.mark.parametrize(
    ("service", "data", "expected"),
    [
        ("turn_on", {}, {"system_status": "on", "fan_speed": None}),
        ("turn_on", {"percentage": 30}, {"system_status": "on", "speed_mode": "manual", "fan_speed": 30.0}),
        ("turn_off", {}, {"system_status": "off", "fan_speed": None}),
        ("set_percentage", {"percentage": 0}, {"system_status": "off"}),
        ("set_direction", {"direction": "forward"}, {"wind_direction": "air_out", "system_status": None}),
    ],
)  # fmt: skip
async def test_commands(
    hass: HomeAssistant,
    kit: BusKit,
    service: str,
    data: dict[str, Any],
    expected: dict[str, Any],
) -> None:
    await roof_fan(kit)
    await hass.services.async_call(
        "fan", service, {ATTR_ENTITY_ID: FAN, **data}, blocking=True
    )
    kit.assert_sent("ROOF_FAN_COMMAND_1", {"instance": 2, **expected})


async def test_temperature_where_the_fan_reports_one(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await roof_fan(kit, ambient_temperature=31.5)
    state = hass.states.get("sensor.roof_fan_2_temperature")
    assert (state.state, state.attributes["device_class"]) == ("31.5", "temperature")
