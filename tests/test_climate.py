"""Climate: thermostat zones from THERMOSTAT_STATUS_1, commands as _COMMAND_1."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components.climate import (
    ATTR_CURRENT_TEMPERATURE,
    ATTR_FAN_MODE,
    ATTR_HVAC_ACTION,
    ATTR_HVAC_MODE,
    ATTR_PRESET_MODE,
    ATTR_TARGET_TEMP_HIGH,
    ATTR_TARGET_TEMP_LOW,
    DOMAIN as CLIMATE_DOMAIN,
)
from homeassistant.const import ATTR_ENTITY_ID, ATTR_TEMPERATURE
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util.unit_system import US_CUSTOMARY_SYSTEM
import pytest

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .kit import BusKit

ZONE = "climate.zone_1"
UNCHANGED = {"fan_mode": None, "schedule_mode": None, "fan_speed": None}


async def zone(kit: BusKit, mode: str = "heat", **status: Any) -> None:
    await kit.setup()
    await kit.inject(
        "THERMOSTAT_STATUS_1",
        {
            "instance": 1, "operating_mode": mode, "fan_mode": "auto",
            "schedule_mode": "disabled", "fan_speed": 50,
            "setpoint_heat": 20.5, "setpoint_cool": 25.0,
        } | status,
        source=0x47,
    )  # fmt: skip
    await kit.inject(
        "THERMOSTAT_AMBIENT_STATUS",
        {"instance": 1, "ambient_temperature": 18.25},
        source=0x47,
    )
    kit.assert_identification_requested(0x47)


async def call(hass: HomeAssistant, service: str, **data: Any) -> None:
    await hass.services.async_call(
        CLIMATE_DOMAIN, service, {ATTR_ENTITY_ID: ZONE, **data}, blocking=True
    )


async def test_zone_state(hass: HomeAssistant, kit: BusKit) -> None:
    await zone(kit)
    state = hass.states.get(ZONE)
    assert state.state == "heat"
    assert state.attributes[ATTR_TEMPERATURE] == 20.5
    assert state.attributes[ATTR_CURRENT_TEMPERATURE] == 18.2  # shown in tenths
    assert state.attributes[ATTR_FAN_MODE] == "auto"
    assert state.attributes[ATTR_PRESET_MODE] == "none"
    assert ATTR_HVAC_ACTION not in state.attributes  # no furnace reports
    assert state.attributes["friendly_name"] == "RV-C node 0x47 Zone 1"

    await kit.inject(
        "FURNACE_STATUS", {"instance": 1, "heat_output_level": 60}, source=0x48
    )
    kit.assert_identification_requested(0x48)
    await kit.inject(
        "THERMOSTAT_STATUS_1",
        {
            "instance": 1,
            "operating_mode": "aux_heat",
            "fan_mode": "on",
            "fan_speed": 70,
        },
        source=0x47,
    )
    state = hass.states.get(ZONE)
    assert (state.state, state.attributes[ATTR_PRESET_MODE]) == ("heat", "aux_heat")
    assert state.attributes[ATTR_HVAC_ACTION] == "heating"
    assert state.attributes[ATTR_FAN_MODE] == "medium"

    await kit.inject(
        "THERMOSTAT_STATUS_1",
        {
            "instance": 1,
            "operating_mode": "auto_heat_cool",
            "setpoint_heat": 19,
            "setpoint_cool": 26,
        },
        source=0x47,
    )
    state = hass.states.get(ZONE)
    assert state.state == "heat_cool"
    assert (
        state.attributes[ATTR_TARGET_TEMP_LOW],
        state.attributes[ATTR_TARGET_TEMP_HIGH],
    ) == (19, 26)
    assert state.attributes[ATTR_TEMPERATURE] is None


@pytest.mark.parametrize(
    ("service", "data", "expected"),
    [
        ("set_hvac_mode", {ATTR_HVAC_MODE: "cool"}, {"operating_mode": "cool", "setpoint_heat": None, "setpoint_cool": None} | UNCHANGED),
        ("turn_off", {}, {"operating_mode": "off"} | UNCHANGED),
        ("set_temperature", {ATTR_TEMPERATURE: 21.5}, {"operating_mode": None, "setpoint_heat": 21.5, "setpoint_cool": None} | UNCHANGED),
        ("set_temperature", {ATTR_TARGET_TEMP_LOW: 18, ATTR_TARGET_TEMP_HIGH: 27, ATTR_HVAC_MODE: "heat_cool"}, {"operating_mode": "auto_heat_cool", "setpoint_heat": 18.0, "setpoint_cool": 27.0}),
        ("set_fan_mode", {ATTR_FAN_MODE: "high"}, {"fan_mode": "on", "fan_speed": 100.0, "operating_mode": None}),
        ("set_fan_mode", {ATTR_FAN_MODE: "auto"}, {"fan_mode": "auto", "fan_speed": None}),
        ("set_preset_mode", {ATTR_PRESET_MODE: "aux_heat"}, {"operating_mode": "aux_heat"}),
    ],
)  # fmt: skip
async def test_commands(
    hass: HomeAssistant,
    kit: BusKit,
    service: str,
    data: dict[str, Any],
    expected: dict[str, Any],
) -> None:
    await zone(kit)
    await call(hass, service, **data)
    kit.assert_sent("THERMOSTAT_COMMAND_1", {"instance": 1, **expected})


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("aux_heat", "heat"),  # aux heat off: back to the main heat source
        ("cool", None),  # a cooling zone stays cooling: nothing to send
        ("auto_heat_cool", None),
        ("heat", None),
    ],
)
async def test_preset_none_keeps_the_mode(
    hass: HomeAssistant, kit: BusKit, mode: str, expected: str | None
) -> None:
    await zone(kit, mode=mode)
    await call(hass, "set_preset_mode", **{ATTR_PRESET_MODE: "none"})
    if expected is None:
        kit.assert_nothing_sent()
    else:
        kit.assert_sent("THERMOSTAT_COMMAND_1", {"operating_mode": expected})


async def test_cool_setpoint_in_cool_mode(hass: HomeAssistant, kit: BusKit) -> None:
    await zone(kit, mode="cool")
    await call(hass, "set_temperature", **{ATTR_TEMPERATURE: 24})
    kit.assert_sent(
        "THERMOSTAT_COMMAND_1", {"setpoint_cool": 24.0, "setpoint_heat": None}
    )


async def test_fahrenheit_home(hass: HomeAssistant, kit: BusKit) -> None:
    hass.config.units = US_CUSTOMARY_SYSTEM
    await zone(kit)
    state = hass.states.get(ZONE)
    assert state.attributes[ATTR_TEMPERATURE] == 69  # 20.5 °C
    assert state.attributes[ATTR_CURRENT_TEMPERATURE] == 65  # 18.25 °C
    await call(hass, "set_temperature", **{ATTR_TEMPERATURE: 70})
    record = kit.assert_sent("THERMOSTAT_COMMAND_1")
    # 70 °F is 21.11 °C; on the wire in 1/32 °C steps.
    assert record.values["setpoint_heat"] == pytest.approx(21.11, abs=0.02)
    with pytest.raises(ServiceValidationError):
        await call(hass, "set_temperature", **{ATTR_TEMPERATURE: 100})  # 37.8 °C
    kit.assert_nothing_sent()


async def test_air_conditioner_drives_the_action(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await zone(kit, mode="cool")
    await kit.inject(
        "AIR_CONDITIONER_STATUS", {"instance": 1, "output_level": 80}, source=0x48
    )
    kit.assert_identification_requested(0x48)
    assert hass.states.get(ZONE).attributes[ATTR_HVAC_ACTION] == "cooling"
    await kit.inject(
        "AIR_CONDITIONER_STATUS", {"instance": 1, "output_level": 0}, source=0x48
    )
    assert hass.states.get(ZONE).attributes[ATTR_HVAC_ACTION] == "idle"
    await kit.inject(
        "THERMOSTAT_STATUS_1", {"instance": 1, "operating_mode": "off"}, source=0x47
    )
    assert hass.states.get(ZONE).attributes[ATTR_HVAC_ACTION] == "off"
