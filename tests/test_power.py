"""Power: lithium batteries, solar, inverter DC, generator AC and the AGS."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.const import ATTR_ENTITY_ID, STATE_OFF, STATE_ON, STATE_UNKNOWN

from custom_components.rvc.const import CONF_ALLOW_GENERATOR

from .test_gate import refused

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .kit import BusKit


def assert_reading(
    hass: HomeAssistant, entity_id: str, value: str, unit: str | None
) -> None:
    state = hass.states.get(entity_id)
    assert state is not None, entity_id
    assert (state.state, state.attributes.get("unit_of_measurement")) == (value, unit)


async def test_lithium_battery(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    # RV-C 6.49.1: a positive current discharges the battery.
    await kit.inject(
        "BATTERY_STATUS_1",
        {"instance": 1, "dc_instance": 1, "dc_voltage": 13.25, "dc_current": 12.5},
        source=0x47,
    )
    kit.assert_identification_requested(0x47)
    assert_reading(hass, "sensor.battery_1_voltage", "13.25", "V")
    assert_reading(hass, "sensor.battery_1_current", "-12.5", "A")
    await kit.inject(
        "BATTERY_STATUS_2",
        {
            "instance": 1,
            "dc_instance": 1,
            "source_temperature": 21.5,
            "state_of_charge": 87.5,
        },
        source=0x47,
    )
    assert_reading(hass, "sensor.battery_1_charge", "87.5", "%")
    assert hass.states.get("sensor.battery_1_charge").attributes["device_class"] == (
        "battery"
    )
    assert_reading(hass, "sensor.battery_1_temperature", "21.5", "°C")
    await kit.inject(
        "BATTERY_STATUS_13",
        {
            "instance": 1,
            "dc_instance": 1,
            "lowest_battery_voltage": 3.3,
            "highest_battery_voltage": 3.35,
        },
        source=0x47,
    )
    assert_reading(hass, "sensor.battery_1_lowest_cell_voltage", "3.3", "V")
    assert_reading(hass, "sensor.battery_1_highest_cell_voltage", "3.35", "V")
    # Not available (RV-C 5.3) is unknown.
    await kit.inject(
        "BATTERY_STATUS_1",
        {"instance": 1, "dc_instance": 1, "dc_voltage": None, "dc_current": None},
        source=0x47,
    )
    assert hass.states.get("sensor.battery_1_voltage").state == STATE_UNKNOWN
    assert hass.states.get("sensor.battery_1_current").state == STATE_UNKNOWN


async def test_battery_protections(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject(
        "BATTERY_STATUS_6",
        {
            "instance": 1,
            "dc_instance": 1,
            "low_voltage_limit_status": "limit_reached",
            "low_voltage_disconnect_status": "connected",
            "high_current_dc_source_disconnect": "disconnected",
            "high_voltage_limit_status": None,
        },
        source=0x47,
    )
    kit.assert_identification_requested(0x47)
    states = hass.states
    assert states.get("binary_sensor.battery_1_low_voltage_limit").state == STATE_ON
    assert (
        states.get("binary_sensor.battery_1_low_voltage_disconnect").state == STATE_OFF
    )
    assert (
        states.get("binary_sensor.battery_1_high_current_disconnect").state == STATE_ON
    )
    assert (
        states.get("binary_sensor.battery_1_low_voltage_limit").attributes[
            "device_class"
        ]
        == "problem"
    )
    # A protection the battery does not report has no entity.
    assert states.get("binary_sensor.battery_1_high_voltage_limit") is None


async def test_solar_controller(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject(
        "SOLAR_CONTROLLER_SOLAR_ARRAY_STATUS",
        {
            "instance": 1,
            "solar_array_measured_voltage": 38.5,
            "solar_array_measured_input_current": 6.0,
        },
        source=0x8A,
    )
    kit.assert_identification_requested(0x8A)
    assert_reading(hass, "sensor.solar_1_panel_voltage", "38.5", "V")
    assert_reading(hass, "sensor.solar_1_panel_current", "6.0", "A")
    power = hass.states.get("sensor.solar_1_panel_power")
    assert (power.state, power.attributes["device_class"]) == ("231.0", "power")
    await kit.inject(
        "SOLAR_CONTROLLER_STATUS",
        {
            "instance": 1,
            "charge_voltage": 14.2,
            "charge_current": 15.5,
            "operating_state": "absorption",
        },
        source=0x8A,
    )
    assert hass.states.get("sensor.solar_1_charge_state").state == "absorption"
    assert_reading(hass, "sensor.solar_1_charge_power", "220.1", "W")
    # The controller's own counter is the Energy dashboard's solar production.
    await kit.inject(
        "SOLAR_CONTROLLER_STATUS_5",
        {"instance": 1, "cumulative_power_generation": 1234},
        source=0x8A,
    )
    energy = hass.states.get("sensor.solar_1_energy")
    assert (energy.state, energy.attributes["unit_of_measurement"]) == ("1234", "kWh")
    assert energy.attributes["device_class"] == "energy"
    assert energy.attributes["state_class"] == "total_increasing"
    assert "computed" not in energy.attributes
    # "Undefined" (table 6.5.5b) is no state.
    await kit.inject(
        "SOLAR_CONTROLLER_STATUS",
        {"instance": 1, "operating_state": "undefined"},
        source=0x8A,
    )
    assert hass.states.get("sensor.solar_1_charge_state").state == STATE_UNKNOWN


async def test_inverter_dc_and_temperatures(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject(
        "INVERTER_DC_STATUS",
        {"instance": 1, "dc_voltage": 12.8, "dc_current": 45.5},
        source=0x42,
    )
    kit.assert_identification_requested(0x42)
    assert_reading(hass, "sensor.inverter_1_dc_voltage", "12.8", "V")
    assert_reading(hass, "sensor.inverter_1_dc_current", "45.5", "A")
    await kit.inject(
        "INVERTER_TEMPERATURE_STATUS",
        {
            "instance": 1,
            "fet_1_temperature": 41.0,
            "transformer_temperature": 55.5,
            "fet_2_temperature": None,
        },
        source=0x42,
    )
    assert_reading(hass, "sensor.inverter_1_transformer_temperature", "55.5", "°C")
    assert_reading(hass, "sensor.inverter_1_fet_1_temperature", "41.0", "°C")
    assert hass.states.get("sensor.inverter_1_fet_2_temperature") is None


async def test_generator_ac_output(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject(
        "GENERATOR_AC_STATUS_1",
        {
            "instance": 1,
            "line": "line_1",
            "rms_voltage": 120.5,
            "rms_current": 20.0,
            "frequency": 60.0,
        },
        source=0x4D,
    )
    kit.assert_identification_requested(0x4D)
    assert_reading(hass, "sensor.generator_1_l1_voltage", "120.5", "V")
    assert_reading(hass, "sensor.generator_1_l1_current", "20.0", "A")
    assert_reading(hass, "sensor.generator_1_l1_frequency", "60.0", "Hz")
    assert_reading(hass, "sensor.generator_1_l1_power", "2410.0", "W")
    energy = hass.states.get("sensor.generator_1_l1_energy")
    assert energy.attributes["computed"] is True
    assert energy.attributes["state_class"] == "total_increasing"
    # Line 2 is its own set of sensors.
    await kit.inject(
        "GENERATOR_AC_STATUS_1",
        {"instance": 1, "line": "line_2", "rms_voltage": 119.0, "rms_current": 2.0},
        source=0x4D,
    )
    assert_reading(hass, "sensor.generator_1_l2_voltage", "119.0", "V")
    assert_reading(hass, "sensor.generator_1_l1_voltage", "120.5", "V")


DEMAND = {
    "generator_demand": "no_demand",
    "quiet_time": "not_quiet_time",
    "external_activity_detected": "automatic_start_allowed",
    "generator_lock": "normal",
}
AGS = "switch.automatic_generator_start"


async def test_generator_demand(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject("GENERATOR_DEMAND_STATUS", DEMAND, source=0x4E)
    kit.assert_identification_requested(0x4E)
    assert hass.states.get("binary_sensor.generator_demand").state == STATE_OFF
    assert hass.states.get("binary_sensor.generator_quiet_time").state == STATE_OFF
    await kit.inject(
        "GENERATOR_DEMAND_STATUS",
        DEMAND | {"generator_demand": "demanded", "quiet_time": "quiet_time"},
        source=0x4E,
    )
    assert hass.states.get("binary_sensor.generator_demand").state == STATE_ON
    assert hass.states.get("binary_sensor.generator_quiet_time").state == STATE_ON
    # Starting an engine: no switch without the option, and the gate refuses it.
    assert hass.states.get(AGS) is None
    unlock = {"dgn": "GENERATOR_DEMAND_COMMAND", "fields": {"generator_lock": "normal"}}
    assert await refused(hass, kit, **unlock) == "generator_control_disabled"


async def test_automatic_generator_start_switch(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await kit.setup(options={CONF_ALLOW_GENERATOR: True})
    await kit.inject(
        "GENERATOR_DEMAND_STATUS", DEMAND | {"generator_lock": "locked"}, source=0x4E
    )
    kit.assert_identification_requested(0x4E)
    assert hass.states.get(AGS).state == STATE_OFF
    await hass.services.async_call(
        "switch", "turn_on", {ATTR_ENTITY_ID: AGS}, blocking=True
    )
    kit.assert_sent("GENERATOR_DEMAND_COMMAND", {"generator_lock": "normal"})
    await kit.inject("GENERATOR_DEMAND_STATUS", DEMAND, source=0x4E)
    assert hass.states.get(AGS).state == STATE_ON
    await hass.services.async_call(
        "switch", "turn_off", {ATTR_ENTITY_ID: AGS}, blocking=True
    )
    kit.assert_sent("GENERATOR_DEMAND_COMMAND", {"generator_lock": "locked"})
    await kit.inject(
        "GENERATOR_DEMAND_STATUS", DEMAND | {"generator_lock": None}, source=0x4E
    )
    assert hass.states.get(AGS).state == STATE_UNKNOWN
