"""Controllers that behave differently: each mode on, off, by maker, by option."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components.climate import ATTR_HVAC_MODE, DOMAIN as CLIMATE_DOMAIN
from homeassistant.components.light import DOMAIN as LIGHT_DOMAIN, SERVICE_TURN_OFF
from homeassistant.components.water_heater import (
    ATTR_OPERATION_MODE,
    DOMAIN as WATER_HEATER_DOMAIN,
)
from homeassistant.const import (
    ATTR_ENTITY_ID,
    ATTR_TEMPERATURE,
    STATE_OFF,
    STATE_ON,
    STATE_UNAVAILABLE,
)
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.rvc.const import (
    CONF_ALLOW_GENERATOR,
    CONF_ALLOW_MOTION,
    CONF_AVAILABILITY_TIMEOUT,
    CONF_COACH,
    CONF_FULL_THERMOSTAT_COMMAND,
    CONF_INTERFACE,
    CONF_NO_CHASSIS,
    CONF_READ_ONLY,
    CONF_SILENT_OFF_DIMMERS,
    CONF_WATER_HEATER_LOADS,
    CONF_WATER_HEATER_VIA_LOADS,
    SOURCE_ADDRESS,
)
from custom_components.rvc.controllers import manufacturer_code
from custom_components.rvc.protocol import encode_bam
from custom_components.rvc.protocol.__main__ import main
from custom_components.rvc.protocol.encode import product_identification_payload
from custom_components.rvc.protocol.simulator import DimmerModule
from custom_components.rvc.protocol.simulator.coach import spyder_coach

from .common import unanswered, wait_until
from .test_light import dimmer

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .kit import BusKit

FIREFLY = "Firefly Integrations"
PRODUCT_IDENTIFICATION = 0x0FEEB
LIGHT = "light.light_3"
ZONE = "climate.zone_1"
HEATER = "water_heater.water_heater_1"
HEATER_LOADS = ["ac_load:1", "dc_load:23"]

# How a mode is chosen: (options' setting, the node's make, whether it is on).
type Choice = tuple[str | None, str, bool]
CHOICES = [
    pytest.param((None, "Acme", False), id="typical-controller"),
    pytest.param((None, FIREFLY, True), id="auto-firefly"),
    pytest.param(("on", "Acme", True), id="option-on"),
    pytest.param(("off", FIREFLY, False), id="option-off-overrides-firefly"),
]


def options_for(behaviour: str, setting: str | None, **extra: Any) -> dict[str, Any]:
    return ({} if setting is None else {behaviour: setting}) | extra


async def identify(kit: BusKit, source: int, make: str) -> None:
    """The node at source names itself (as it does when asked)."""
    payload = product_identification_payload(make, "Model", "", "")
    for frame in encode_bam(kit.spec, PRODUCT_IDENTIFICATION, payload, source=source):
        await kit.inject_frame(*frame)
    kit.assert_identification_requested(source)
    assert kit.coordinator.nodes[source].make == make


async def silence(hass: HomeAssistant, freezer: Any) -> None:
    """Long enough without a report to make an instance unavailable."""
    for _ in range(4):  # timeout 15 s, checked every 5 s
        freezer.tick(5)
        async_fire_time_changed(hass)
        await hass.async_block_till_done()


@pytest.mark.parametrize("choice", CHOICES)
async def test_a_silent_dimmer_that_was_off_is_off(
    hass: HomeAssistant,
    kit: BusKit,
    freezer: Any,
    choice: Choice,
) -> None:
    setting, make, active = choice
    await kit.setup(options=options_for(CONF_SILENT_OFF_DIMMERS, setting))
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 0))
    await identify(kit, 0x43, make)
    await silence(hass, freezer)
    assert hass.states.get(LIGHT).state == (STATE_OFF if active else STATE_UNAVAILABLE)
    kit.assert_nothing_sent()


async def test_a_silent_dimmer_commanded_off_is_off(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    await kit.setup(options={CONF_SILENT_OFF_DIMMERS: "on"})
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    kit.assert_identification_requested(0x43)
    # The controller takes the command and stops reporting the channel.
    await unanswered(
        hass,
        freezer,
        hass.services.async_call(
            LIGHT_DOMAIN, SERVICE_TURN_OFF, {ATTR_ENTITY_ID: LIGHT}, blocking=True
        ),
    )
    kit.assert_sent("DC_DIMMER_COMMAND_2", {"instance": 3, "command": "off_delay"})
    await silence(hass, freezer)
    state = hass.states.get(LIGHT)
    assert state.state == STATE_OFF
    assert state.attributes["brightness"] is None


async def test_a_silent_dimmer_that_was_on_is_not_stuck_on(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    await kit.setup(options={CONF_SILENT_OFF_DIMMERS: "on"})
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    kit.assert_identification_requested(0x43)
    await silence(hass, freezer)
    assert hass.states.get(LIGHT).state == STATE_UNAVAILABLE


@pytest.mark.parametrize("choice", CHOICES)
async def test_thermostat_commands_carry_every_field(
    hass: HomeAssistant,
    kit: BusKit,
    choice: Choice,
) -> None:
    setting, make, active = choice
    await kit.setup(options=options_for(CONF_FULL_THERMOSTAT_COMMAND, setting))
    status = {
        "operating_mode": "heat", "fan_mode": "auto", "schedule_mode": "disabled",
        "fan_speed": 50.0, "setpoint_heat": 20.5, "setpoint_cool": 25.0,
    }  # fmt: skip
    await kit.inject("THERMOSTAT_STATUS_1", {"instance": 1, **status}, source=0x47)
    await identify(kit, 0x47, make)
    await hass.services.async_call(
        CLIMATE_DOMAIN,
        "set_hvac_mode",
        {ATTR_ENTITY_ID: ZONE, ATTR_HVAC_MODE: "cool"},
        blocking=True,
    )
    # "No change" decodes as None: a typical controller gets only the change.
    unchanged = status if active else dict.fromkeys(status)
    kit.assert_sent(
        "THERMOSTAT_COMMAND_1",
        {"instance": 1, **unchanged, "operating_mode": "cool"},
    )


async def heater(kit: BusKit, options: dict[str, Any], make: str) -> None:
    await kit.setup(options=options)
    await kit.inject(
        "WATERHEATER_STATUS",
        {"instance": 1, "operating_mode": "gas_electric", "setpoint_temperature": 55,
         "water_temperature": 48.5},
        source=0x48,
    )  # fmt: skip
    await identify(kit, 0x48, make)


async def heater_call(hass: HomeAssistant, service: str, **data: Any) -> None:
    await hass.services.async_call(
        WATER_HEATER_DOMAIN, service, {ATTR_ENTITY_ID: HEATER, **data}, blocking=True
    )


@pytest.mark.parametrize("choice", CHOICES)
async def test_water_heater_switched_through_loads(
    hass: HomeAssistant,
    kit: BusKit,
    choice: Choice,
) -> None:
    setting, make, active = choice
    options = options_for(
        CONF_WATER_HEATER_VIA_LOADS, setting, **{CONF_WATER_HEATER_LOADS: HEATER_LOADS}
    )
    await heater(kit, options, make)
    await heater_call(hass, "set_operation_mode", **{ATTR_OPERATION_MODE: "electric"})
    if not active:
        kit.assert_sent(
            "WATERHEATER_COMMAND", {"instance": 1, "operating_mode": "electric"}
        )
        return
    # Electric: the AC element on, the gas burner's DC load off.
    kit.assert_sent("AC_LOAD_COMMAND", {"instance": 1, "command": "on_duration"})
    kit.assert_sent(
        "DC_LOAD_COMMAND",
        {"instance": 23, "command": "off_delay", "delay_duration": 0},
    )
    await heater_call(hass, "set_operation_mode", **{ATTR_OPERATION_MODE: "gas"})
    kit.assert_sent("AC_LOAD_COMMAND", {"instance": 1, "command": "off_delay"})
    kit.assert_sent("DC_LOAD_COMMAND", {"instance": 23, "command": "on_duration"})
    await heater_call(hass, "turn_on")
    kit.assert_sent("AC_LOAD_COMMAND", {"instance": 1, "command": "on_duration"})
    kit.assert_sent("DC_LOAD_COMMAND", {"instance": 23, "command": "on_duration"})
    await heater_call(hass, "turn_off")
    kit.assert_sent("AC_LOAD_COMMAND", {"instance": 1, "command": "off_delay"})
    kit.assert_sent("DC_LOAD_COMMAND", {"instance": 23, "command": "off_delay"})
    # Loads have no setpoint.
    with pytest.raises(ServiceValidationError) as raised:
        await heater_call(hass, "set_temperature", **{ATTR_TEMPERATURE: 60})
    assert raised.value.translation_key == "water_heater_setpoint_via_loads"
    kit.assert_nothing_sent()


async def test_water_heater_through_no_loads_says_so(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await heater(kit, {CONF_WATER_HEATER_VIA_LOADS: "on"}, "Acme")
    with pytest.raises(ServiceValidationError) as raised:
        await heater_call(hass, "turn_off")
    assert raised.value.translation_key == "water_heater_no_loads"
    kit.assert_nothing_sent()


def test_manufacturer_code_of_a_name() -> None:
    # RV-C 3.3.2: the code is bits 5-7 of byte 2 and all of byte 3 of the NAME.
    name = int.from_bytes(bytes([0x01, 0x00, 0xA0, 0x0C, 0, 0, 0, 0]), "little")
    assert manufacturer_code(name) == 0x0C * 8 + 5  # 101: Atwood, table 7.1


async def test_options_set_each_behaviour(hass: HomeAssistant, kit: BusKit) -> None:
    entry = await kit.setup()
    await kit.inject(
        "AC_LOAD_STATUS", {"instance": 1, "operating_status": 0}, source=0x50
    )
    await kit.inject(
        "DC_LOAD_STATUS", {"instance": 23, "operating_status": 0}, source=0x44
    )
    kit.assert_identification_requested(0x50, 0x44)
    base = {
        CONF_READ_ONLY: False,
        CONF_ALLOW_MOTION: False,
        CONF_ALLOW_GENERATOR: False,
        CONF_AVAILABILITY_TIMEOUT: 15,
    }
    chosen = {
        CONF_SILENT_OFF_DIMMERS: "on",
        CONF_FULL_THERMOSTAT_COMMAND: "off",
        CONF_WATER_HEATER_LOADS: HEATER_LOADS,
    }
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], base | chosen | {CONF_WATER_HEATER_VIA_LOADS: "auto"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    # "auto" is the default: not kept.
    assert entry.options == base | chosen | {CONF_NO_CHASSIS: False}
    await hass.async_block_till_done()
    kit.assert_address_claimed(SOURCE_ADDRESS)  # reloaded

    # The form shows what was chosen; back to auto forgets it.
    result = await hass.config_entries.options.async_init(entry.entry_id)
    suggested = {
        str(key): key.description["suggested_value"]
        for key in result["data_schema"].schema
        if key.description
    }
    assert suggested[CONF_SILENT_OFF_DIMMERS] == "on"
    assert suggested[CONF_WATER_HEATER_VIA_LOADS] == "auto"
    assert suggested[CONF_WATER_HEATER_LOADS] == HEATER_LOADS
    result = await hass.config_entries.options.async_configure(result["flow_id"], base)
    assert entry.options == base | {CONF_NO_CHASSIS: False}
    await hass.async_block_till_done()
    kit.assert_address_claimed(SOURCE_ADDRESS)


async def start_firefly_coach(
    hass: HomeAssistant, kit: BusKit, options: dict[str, Any]
) -> None:
    """The Firefly-style simulated coach, every node identified."""
    await kit.setup(
        data={CONF_INTERFACE: "simulated", CONF_COACH: "firefly"}, options=options
    )
    assert kit.coordinator.simulated_coach is not None
    simulator, _session = kit.coordinator.simulated_coach
    nodes = tuple(node.source for node in simulator.nodes)
    await wait_until(
        lambda: (
            all(
                (node := kit.coordinator.nodes.get(source)) is not None and node.make
                for source in nodes
            )
            and hass.states.get("switch.load_23") is not None
        )
    )
    await hass.async_block_till_done()
    kit.assert_identification_requested(*nodes)


async def test_firefly_style_simulated_coach(hass: HomeAssistant, kit: BusKit) -> None:
    await start_firefly_coach(hass, kit, {CONF_WATER_HEATER_LOADS: HEATER_LOADS})
    # Its dimmers never report the channels that are off.
    assert hass.states.get("light.light_3") is not None
    assert hass.states.get("light.light_1") is None

    # Known as Firefly: commands carry every field, and the thermostat obeys.
    await hass.services.async_call(
        CLIMATE_DOMAIN,
        "set_hvac_mode",
        {ATTR_ENTITY_ID: "climate.zone_0", ATTR_HVAC_MODE: "cool"},
        blocking=True,
    )
    kit.assert_sent(
        "THERMOSTAT_COMMAND_1",
        {"instance": 0, "operating_mode": "cool", "setpoint_heat": 21.0},
    )
    assert hass.states.get("climate.zone_0").state == "cool"

    # Its water heater is switched through AC relay 1 and DC relay 23.
    await heater_call(hass, "turn_on")
    kit.assert_sent("AC_LOAD_COMMAND", {"instance": 1, "command": "on_duration"})
    kit.assert_sent("DC_LOAD_COMMAND", {"instance": 23, "command": "on_duration"})
    await hass.async_block_till_done()
    assert hass.states.get("switch.ac_load_1").state == STATE_ON
    assert hass.states.get("switch.load_23").state == STATE_ON


async def test_firefly_style_thermostat_ignores_partial_commands(
    hass: HomeAssistant, kit: BusKit
) -> None:
    # The owner turned the mode off: the simulated Firefly thermostat ignores
    # the command, as reported of the real ones.
    await start_firefly_coach(hass, kit, {CONF_FULL_THERMOSTAT_COMMAND: "off"})
    await hass.services.async_call(
        CLIMATE_DOMAIN,
        "set_hvac_mode",
        {ATTR_ENTITY_ID: "climate.zone_0", ATTR_HVAC_MODE: "cool"},
        blocking=True,
    )
    kit.assert_sent(
        "THERMOSTAT_COMMAND_1",
        {"instance": 0, "operating_mode": "cool", "setpoint_heat": None},
    )
    await hass.async_block_till_done()
    assert hass.states.get("climate.zone_0").state == "heat"


def test_spyder_style_coach_has_an_awning_dimmer_pair() -> None:
    pair = [node for node in spyder_coach() if node.source == 0x52]
    assert len(pair) == 1
    assert isinstance(pair[0], DimmerModule)
    assert set(pair[0].loads) == {9, 10, 11, 12}
    assert pair[0].product.make == "Spyder Controls"


def test_scripts_simulate_offers_the_coach_styles(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["simulate", "--coach", "nope"])
    error = capsys.readouterr().err
    assert all(coach in error for coach in ("typical", "firefly", "spyder"))
