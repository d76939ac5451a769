"""Water heater: modes and setpoint from WATERHEATER_STATUS, WATERHEATER_COMMAND out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components.water_heater import (
    ATTR_OPERATION_MODE,
    DOMAIN as WATER_HEATER_DOMAIN,
)
from homeassistant.const import ATTR_ENTITY_ID, ATTR_TEMPERATURE
import pytest

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .kit import BusKit

HEATER = "water_heater.water_heater_1"


async def heater(kit: BusKit) -> None:
    await kit.setup()
    await kit.inject(
        "WATERHEATER_STATUS",
        {"instance": 1, "operating_mode": "gas_electric", "setpoint_temperature": 55,
         "water_temperature": 48.5},
        source=0x72,
    )  # fmt: skip
    kit.assert_identification_requested(0x72)


async def test_state(hass: HomeAssistant, kit: BusKit) -> None:
    await heater(kit)
    state = hass.states.get(HEATER)
    assert state.state == "gas_electric"
    assert state.attributes["current_temperature"] == 48.5
    assert state.attributes[ATTR_TEMPERATURE] == 55
    assert state.attributes["operation_list"] == [
        "off",
        "gas",
        "electric",
        "gas_electric",
    ]


@pytest.mark.parametrize(
    ("service", "data", "expected"),
    [
        ("set_operation_mode", {ATTR_OPERATION_MODE: "gas"}, {"operating_mode": "combustion", "setpoint_temperature": None}),
        ("set_temperature", {ATTR_TEMPERATURE: 60}, {"operating_mode": None, "setpoint_temperature": 60.0}),
        ("turn_off", {}, {"operating_mode": "off"}),
        ("turn_on", {}, {"operating_mode": "gas_electric"}),
    ],
)  # fmt: skip
async def test_commands(
    hass: HomeAssistant,
    kit: BusKit,
    service: str,
    data: dict[str, Any],
    expected: dict[str, Any],
) -> None:
    await heater(kit)
    await hass.services.async_call(
        WATER_HEATER_DOMAIN, service, {ATTR_ENTITY_ID: HEATER, **data}, blocking=True
    )
    kit.assert_sent("WATERHEATER_COMMAND", {"instance": 1, **expected})
