"""Heating: zone heat sources, heat pump, floor heat and circulation pump."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components.climate import (
    ATTR_CURRENT_TEMPERATURE,
    ATTR_HVAC_ACTION,
    ATTR_PRESET_MODE,
    ATTR_PRESET_MODES,
    DOMAIN as CLIMATE_DOMAIN,
)
from homeassistant.components.switch import DOMAIN as SWITCH_DOMAIN
from homeassistant.const import ATTR_ENTITY_ID, ATTR_TEMPERATURE, STATE_UNKNOWN
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from .common import wait_until
from .test_climate import ZONE, zone
from .test_simulated_coach import start_coach

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .kit import BusKit

FLOOR = "climate.floor_heat_1"
PUMP = "switch.circulation_pump_1"
HEAT_PUMP_OUTPUT = "sensor.heat_pump_1_output"
# THERMOSTAT_COMMAND_1 (6.16.4, table 6.16.2b) for zone 1: mode in byte 1's low
# nibble, fan and schedule mode 11b (no change), the rest 0xFF (no change).
THERMOSTAT_HEAT = "01F2FFFFFFFFFFFF"
THERMOSTAT_AUX_HEAT = "01F5FFFFFFFFFFFF"
# HEAT_PUMP_COMMAND (6.17.6, table 6.17.5b) for instance 1.
HEAT_PUMP_AUTOMATIC = "0100FFFFFFFFFFFF"
HEAT_PUMP_MANUAL_OFF = "0101FF00FFFFFFFF"
# Priority 6, DGN, source: a raw frame's identifier.
FLOOR_HEAT_STATUS_ID = (6 << 26) | (0x1FEFC << 8) | 0x5C
HEAT_PUMP_STATUS_ID = (6 << 26) | (0x1FF9B << 8) | 0x48


async def sources(kit: BusKit, *names: str, heat_pump: str = "automatic") -> None:
    """Zone 1 in heat mode, with the named equipment reporting for zone 1."""
    await zone(kit)
    values: dict[str, dict[str, Any]] = {
        "FURNACE_STATUS": {"instance": 1, "heat_output_level": 0},
        "AIR_CONDITIONER_STATUS": {"instance": 1, "output_level": 0},
        "HEAT_PUMP_STATUS": {
            "instance": 1,
            "operating_mode": heat_pump,
            "heat_output_level": 50,
        },
    }
    for name in names:
        await kit.inject(name, values[name], source=0x48)
    if names:
        kit.assert_identification_requested(0x48)


async def call(
    hass: HomeAssistant, domain: str, service: str, entity: str, **data: Any
) -> None:
    await hass.services.async_call(
        domain, service, {ATTR_ENTITY_ID: entity, **data}, blocking=True
    )


async def test_zone_offers_the_sources_it_has(hass: HomeAssistant, kit: BusKit) -> None:
    await sources(kit, "HEAT_PUMP_STATUS", "AIR_CONDITIONER_STATUS")
    state = hass.states.get(ZONE)
    assert state.attributes[ATTR_PRESET_MODES] == [
        "none",
        "heat_pump",
        "air_conditioner",
    ]
    assert state.attributes[ATTR_PRESET_MODE] == "heat_pump"
    assert state.attributes[ATTR_HVAC_ACTION] == "heating"  # the heat pump runs
    assert hass.states.get(HEAT_PUMP_OUTPUT).state == "50.0"
    # Table 5.3's % reaches 125; more than full is no heat output (found by
    # the fuzz test).
    status = {"instance": 1, "operating_mode": "automatic", "heat_output_level": 119.5}
    await kit.inject("HEAT_PUMP_STATUS", status, source=0x48)
    assert hass.states.get(HEAT_PUMP_OUTPUT).state == STATE_UNKNOWN

    # No furnace reports for the zone: aux heat (the furnace) is not offered.
    with pytest.raises(ServiceValidationError):
        await call(
            hass, CLIMATE_DOMAIN, "set_preset_mode", ZONE, preset_mode="aux_heat"
        )
    kit.assert_nothing_sent()


async def test_a_silent_source_is_no_longer_offered(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    await sources(kit, "HEAT_PUMP_STATUS", "FURNACE_STATUS")
    for _ in range(4):  # timeout 15 s, checked every 5 s; the heat pump is silent
        freezer.tick(5)
        await kit.inject(
            "THERMOSTAT_STATUS_1",
            {"instance": 1, "operating_mode": "heat"},
            source=0x47,
        )
        await kit.inject("FURNACE_STATUS", {"instance": 1}, source=0x48)
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
    state = hass.states.get(ZONE)
    assert state.attributes[ATTR_PRESET_MODES] == ["none", "aux_heat"]
    assert state.attributes[ATTR_PRESET_MODE] == "none"


async def test_zone_without_equipment_keeps_aux_heat(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await sources(kit)
    assert hass.states.get(ZONE).attributes[ATTR_PRESET_MODES] == ["none", "aux_heat"]
    with pytest.raises(ServiceValidationError):
        await call(
            hass, CLIMATE_DOMAIN, "set_preset_mode", ZONE, preset_mode="heat_pump"
        )
    kit.assert_nothing_sent()


@pytest.mark.parametrize(
    ("equipment", "preset", "frames"),
    [
        (("HEAT_PUMP_STATUS", "FURNACE_STATUS"), "heat_pump", [("HEAT_PUMP_COMMAND", HEAT_PUMP_AUTOMATIC), ("THERMOSTAT_COMMAND_1", THERMOSTAT_HEAT)]),
        (("HEAT_PUMP_STATUS", "AIR_CONDITIONER_STATUS"), "air_conditioner", [("HEAT_PUMP_COMMAND", HEAT_PUMP_MANUAL_OFF), ("THERMOSTAT_COMMAND_1", THERMOSTAT_HEAT)]),
        (("AIR_CONDITIONER_STATUS",), "air_conditioner", [("THERMOSTAT_COMMAND_1", THERMOSTAT_HEAT)]),
        (("HEAT_PUMP_STATUS", "FURNACE_STATUS"), "aux_heat", [("THERMOSTAT_COMMAND_1", THERMOSTAT_AUX_HEAT)]),
    ],
)  # fmt: skip
async def test_each_source_goes_to_its_device(
    hass: HomeAssistant,
    kit: BusKit,
    equipment: tuple[str, ...],
    preset: str,
    frames: list[tuple[str, str]],
) -> None:
    await sources(kit, *equipment)
    await call(hass, CLIMATE_DOMAIN, "set_preset_mode", ZONE, preset_mode=preset)
    for name, data in frames:
        kit.assert_sent(name, data=data)


async def test_preset_follows_the_heat_pump(hass: HomeAssistant, kit: BusKit) -> None:
    await sources(kit, "HEAT_PUMP_STATUS", "AIR_CONDITIONER_STATUS", "FURNACE_STATUS")
    assert hass.states.get(ZONE).attributes[ATTR_PRESET_MODE] == "heat_pump"
    await kit.inject(
        "HEAT_PUMP_STATUS", {"instance": 1, "operating_mode": "manual"}, source=0x48
    )
    assert hass.states.get(ZONE).attributes[ATTR_PRESET_MODE] == "air_conditioner"
    await kit.inject(
        "THERMOSTAT_STATUS_1",
        {"instance": 1, "operating_mode": "aux_heat"},
        source=0x47,
    )
    assert hass.states.get(ZONE).attributes[ATTR_PRESET_MODE] == "aux_heat"


async def test_heat_pump_special_values_are_unknown(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await sources(kit, "HEAT_PUMP_STATUS")
    # Mode 0xFF and output level 0xFF: not available.
    await kit.inject_frame(HEAT_PUMP_STATUS_ID, bytes.fromhex("01FF64FFFFFFFFFF"))
    assert hass.states.get(HEAT_PUMP_OUTPUT).state == STATE_UNKNOWN
    # The zone's preset no longer claims the heat pump heats.
    assert hass.states.get(ZONE).attributes[ATTR_PRESET_MODE] == "none"


async def test_floor_heat(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject(
        "FLOOR_HEAT_STATUS",
        {
            "instance": 1, "operating_mode": "automatic", "operating_status": "on",
            "heat_element_status": "on", "schedule_mode": "disabled",
            "measured_temperature": 18.5, "set_point": 24.0, "dead_band": 1.0,
        },
        source=0x5C,
    )  # fmt: skip
    kit.assert_identification_requested(0x5C)
    state = hass.states.get(FLOOR)
    assert state.state == "heat"
    assert state.attributes[ATTR_HVAC_ACTION] == "heating"
    assert state.attributes[ATTR_CURRENT_TEMPERATURE] == 18.5
    assert state.attributes[ATTR_TEMPERATURE] == 24.0

    await call(hass, CLIMATE_DOMAIN, "set_temperature", FLOOR, temperature=26)
    # 6.36.3b: set point (26 + 273) / 0.03125 = 0x2560, little-endian.
    kit.assert_sent("FLOOR_HEAT_COMMAND", data="01FF6025FFFFFFFF")
    await call(hass, CLIMATE_DOMAIN, "turn_off", FLOOR)
    # Desired status off (00b) in bits 2-3 of byte 1, the rest unchanged.
    kit.assert_sent("FLOOR_HEAT_COMMAND", data="01F3FFFFFFFFFFFF")

    # Measured temperature and set point 0xFFFF: not available.
    await kit.inject_frame(FLOOR_HEAT_STATUS_ID, bytes.fromhex("01C4FFFFFFFF0AFF"))
    state = hass.states.get(FLOOR)
    assert (state.state, state.attributes[ATTR_HVAC_ACTION]) == ("heat", "idle")
    assert state.attributes[ATTR_CURRENT_TEMPERATURE] is None
    assert state.attributes[ATTR_TEMPERATURE] is None


async def test_circulation_pump(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject(
        "CIRCULATION_PUMP_STATUS", {"instance": 1, "output_status": "on"}, source=0x5C
    )
    kit.assert_identification_requested(0x5C)
    assert hass.states.get(PUMP).state == "on"
    await call(hass, SWITCH_DOMAIN, "turn_off", PUMP)
    kit.assert_sent("CIRCULATION_PUMP_COMMAND", data="01F0FFFFFFFFFFFF")
    await call(hass, SWITCH_DOMAIN, "turn_on", PUMP)
    kit.assert_sent("CIRCULATION_PUMP_COMMAND", data="01F5FFFFFFFFFFFF")
    await kit.inject(
        "CIRCULATION_PUMP_STATUS", {"instance": 1, "output_status": "off"}, source=0x5C
    )
    assert hass.states.get(PUMP).state == "off"
    # Output status 0xF: not available.
    await kit.inject_frame(
        (6 << 26) | (0x1FE97 << 8) | 0x5C, bytes.fromhex("01FFFFFFFFFFFFFF")
    )
    assert hass.states.get(PUMP).state == STATE_UNKNOWN


async def test_heating_through_the_simulator(hass: HomeAssistant, kit: BusKit) -> None:
    await start_coach(hass, kit)
    # Zone 1 of the simulated thermostat has a heat pump, furnace and aircon.
    await wait_until(lambda: hass.states.get(HEAT_PUMP_OUTPUT) is not None)
    assert hass.states.get(ZONE).attributes[ATTR_PRESET_MODES] == [
        "none",
        "heat_pump",
        "air_conditioner",
        "aux_heat",
    ]
    await call(
        hass, CLIMATE_DOMAIN, "set_preset_mode", ZONE, preset_mode="air_conditioner"
    )
    kit.assert_sent("HEAT_PUMP_COMMAND", data=HEAT_PUMP_MANUAL_OFF)
    kit.assert_sent("THERMOSTAT_COMMAND_1", data=THERMOSTAT_HEAT)
    state = hass.states.get(ZONE)
    assert (state.state, state.attributes[ATTR_PRESET_MODE]) == (
        "heat",
        "air_conditioner",
    )
    await call(hass, CLIMATE_DOMAIN, "set_preset_mode", ZONE, preset_mode="heat_pump")
    kit.assert_sent("HEAT_PUMP_COMMAND", data=HEAT_PUMP_AUTOMATIC)
    kit.assert_sent("THERMOSTAT_COMMAND_1", data=THERMOSTAT_HEAT)
    assert hass.states.get(ZONE).attributes[ATTR_PRESET_MODE] == "heat_pump"

    await call(hass, CLIMATE_DOMAIN, "turn_on", FLOOR)
    kit.assert_sent("FLOOR_HEAT_COMMAND", {"desired_operating_status": "on"})
    state = hass.states.get(FLOOR)
    assert (state.state, state.attributes[ATTR_HVAC_ACTION]) == ("heat", "heating")
    # The pump circulates while the floor heats (its status follows the floor's).
    await wait_until(lambda: hass.states.get(PUMP).state == "on")

    await call(hass, CLIMATE_DOMAIN, "turn_off", FLOOR)
    kit.assert_sent("FLOOR_HEAT_COMMAND", {"desired_operating_status": "off"})
    await wait_until(lambda: hass.states.get(PUMP).state == "off")
    await call(hass, SWITCH_DOMAIN, "turn_on", PUMP)
    kit.assert_sent("CIRCULATION_PUMP_COMMAND", {"output_mode": "test"})
    assert hass.states.get(PUMP).state == "on"
