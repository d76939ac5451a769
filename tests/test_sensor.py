"""Sensors: values in their units, named from RV-C's well-known instances."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .kit import BusKit


async def test_tanks(
    hass: HomeAssistant, kit: BusKit, entity_registry: er.EntityRegistry
) -> None:
    await kit.setup()
    await kit.inject(
        "TANK_STATUS",
        {
            "instance": 0,
            "relative_level": 3,
            "resolution": 8,
            "absolute_level": 57,
            "tank_size": 152,
        },
        source=0x45,
    )
    kit.assert_identification_requested(0x45)
    level = hass.states.get("sensor.fresh_water_tank")
    assert level.state == "37.5"
    assert level.attributes["unit_of_measurement"] == "%"
    assert level.attributes["state_class"] == "measurement"
    volume = hass.states.get("sensor.fresh_water_tank_volume")
    assert (volume.state, volume.attributes["device_class"]) == ("57", "volume_storage")
    capacity = entity_registry.async_get("sensor.fresh_water_tank_capacity")
    assert capacity.entity_category is er.EntityCategory.DIAGNOSTIC

    # A tank that reports no litres has no litre sensors; unknown instances are numbered.
    await kit.inject(
        "TANK_STATUS",
        {"instance": 7, "relative_level": 1, "resolution": 4},
        source=0x45,
    )
    assert hass.states.get("sensor.tank_7_level").state == "25.0"
    assert hass.states.get("sensor.tank_7_volume") is None
    # Litres that become available later bring their sensor, without a reload.
    await kit.inject(
        "TANK_STATUS",
        {"instance": 7, "relative_level": 1, "resolution": 4, "absolute_level": 30},
        source=0x45,
    )
    assert hass.states.get("sensor.tank_7_volume").state == "30"
    # A resolution of 0, or a level above it, is no level at all.
    await kit.inject(
        "TANK_STATUS",
        {"instance": 7, "relative_level": 5, "resolution": 4},
        source=0x45,
    )
    assert hass.states.get("sensor.tank_7_level").state == STATE_UNKNOWN


async def test_battery_sensors_appear_with_the_dgn_that_carries_them(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await kit.setup()
    await kit.inject(
        "DC_SOURCE_STATUS_1",
        {
            "instance": 1,
            "device_priority": "battery_soc",
            "dc_voltage": 12.65,
            # RV-C (6.5.2): positive flows from the battery, so it discharges.
            "dc_current": 8.25,
        },
        source=0x46,
    )
    kit.assert_identification_requested(0x46)
    voltage = hass.states.get("sensor.house_battery_voltage")
    assert (voltage.state, voltage.attributes["device_class"]) == ("12.65", "voltage")
    current = hass.states.get("sensor.house_battery_current")
    assert current.state == "-8.25"
    assert hass.states.get("sensor.house_battery_charge") is None

    await kit.inject(
        "DC_SOURCE_STATUS_2",
        {
            "instance": 1,
            "source_temperature": 21.5,
            "state_of_charge": 76.5,
            "time_remaining": 600,
        },
        source=0x46,
    )
    charge = hass.states.get("sensor.house_battery_charge")
    assert (charge.state, charge.attributes["device_class"]) == ("76.5", "battery")
    assert hass.states.get("sensor.house_battery_temperature").state == "21.5"
    remaining = hass.states.get("sensor.house_battery_time_remaining")
    assert (remaining.state, remaining.attributes["unit_of_measurement"]) == (
        "600",
        "min",
    )

    # An error code is no number.
    await kit.inject_frame(0x19FFFD46, bytes.fromhex("017800FEFFFFFFFF"))
    assert hass.states.get("sensor.house_battery_voltage").state == STATE_UNKNOWN


async def test_generator_inverter_charger(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject(
        "GENERATOR_STATUS_1",
        {
            "status": "running",
            "engine_run_time": 1234,
            "engine_load": 40,
            "start_battery_voltage": 12.7,
        },
        source=0x60,
    )
    await kit.inject(
        "INVERTER_STATUS", {"instance": 1, "status": "invert"}, source=0x61
    )
    await kit.inject(
        "CHARGER_STATUS",
        {
            "instance": 1,
            "charge_voltage": 14.2,
            "charge_current": 25.5,
            "operating_state": "absorption",
        },
        source=0x61,
    )
    kit.assert_identification_requested(0x60, 0x61)
    status = hass.states.get("sensor.generator_status")
    assert status.state == "running"
    assert "fault" in status.attributes["options"]
    run_time = hass.states.get("sensor.generator_run_time")
    # 1234 minutes, shown in hours (HA 2025 rounds the converted state, 2026 not).
    assert float(run_time.state) == pytest.approx(1234 / 60, abs=0.05)
    assert run_time.attributes["unit_of_measurement"] == "h"
    assert hass.states.get("sensor.inverter_1_status").state == "invert"
    assert hass.states.get("sensor.charger_1_state").state == "absorption"
    assert hass.states.get("sensor.charger_1_current").state == "25.5"


async def test_sensors_are_restored_after_a_restart(
    hass: HomeAssistant, kit: BusKit
) -> None:
    entry = await kit.setup()
    await kit.inject(
        "THERMOSTAT_AMBIENT_STATUS",
        {"instance": 1, "ambient_temperature": 18.5},
        source=0x47,
    )
    kit.assert_identification_requested(0x47)
    assert hass.states.get("sensor.zone_1_temperature").state == "18.5"
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    kit.assert_address_claimed(0xF9)
    assert hass.states.get("sensor.zone_1_temperature").state == STATE_UNAVAILABLE
    await kit.inject(
        "THERMOSTAT_AMBIENT_STATUS",
        {"instance": 1, "ambient_temperature": 19.0},
        source=0x47,
    )
    kit.assert_identification_requested(0x47)
    assert hass.states.get("sensor.zone_1_temperature").state == "19.0"


async def test_bus_statistics(
    hass: HomeAssistant, kit: BusKit, entity_registry: er.EntityRegistry, freezer: Any
) -> None:
    entry = await kit.setup()
    statistics = {
        "sensor.rv_c_frames_per_second",
        "sensor.rv_c_malformed_frames",
        "sensor.rv_c_unknown_frames",
        "sensor.rv_c_refused_commands",
    }
    for entity_id in statistics:
        registered = entity_registry.async_get(entity_id)
        assert registered.disabled_by is er.RegistryEntryDisabler.INTEGRATION
        assert registered.entity_category is er.EntityCategory.DIAGNOSTIC
        entity_registry.async_update_entity(entity_id, disabled_by=None)
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    kit.assert_address_claimed(0xF9)

    for _ in range(3):
        await kit.inject_frame(0x19ABCD43, bytes(8))  # a DGN nobody knows
    await kit.inject_frame(0x19FEDA43, bytes(2))  # too short for its DGN
    for _ in range(2):
        freezer.tick(10)
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
    assert hass.states.get("sensor.rv_c_unknown_frames").state == "3"
    assert hass.states.get("sensor.rv_c_malformed_frames").state == "1"
    assert hass.states.get("sensor.rv_c_refused_commands").state == "0"
    assert (
        hass.states.get("sensor.rv_c_frames_per_second").state == "0.0"
    )  # quiet since
    kit.assert_nothing_sent()  # undecodable frames name no node to ask


def ac_status(**values: Any) -> dict[str, Any]:
    return {"instance": 1, "line": "line_1", "input_output": "output"} | values


async def test_ac_lines_of_inputs_and_outputs(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject(
        "INVERTER_AC_STATUS_1",
        ac_status(rms_voltage=120.05, rms_current=6.5, frequency=60.0),
        source=0x4D,
    )
    kit.assert_identification_requested(0x4D)
    # Line 2 of the output, and the input, are sensors of their own.
    await kit.inject(
        "INVERTER_AC_STATUS_1", ac_status(line="line_2", rms_voltage=119.0), source=0x4D
    )
    await kit.inject(
        "INVERTER_AC_STATUS_1",
        ac_status(input_output="input", rms_voltage=121.0),
        source=0x4D,
    )
    prefix = "sensor.inverter_1"
    voltage = hass.states.get(f"{prefix}_output_l1_voltage")
    assert (voltage.state, voltage.attributes["device_class"]) == ("120.05", "voltage")
    assert voltage.attributes["friendly_name"].endswith("Inverter 1 output L1 voltage")
    assert hass.states.get(f"{prefix}_output_l1_current").state == "6.5"
    frequency = hass.states.get(f"{prefix}_output_l1_frequency")
    assert (frequency.state, frequency.attributes["unit_of_measurement"]) == (
        "60.0",
        "Hz",
    )
    assert hass.states.get(f"{prefix}_output_l2_voltage").state == "119.0"
    assert hass.states.get(f"{prefix}_input_l1_voltage").state == "121.0"
    # A channel that is not available describes nothing.
    await kit.inject(
        "CHARGER_AC_STATUS_1", ac_status(line=None, rms_voltage=1.0), source=0x4D
    )
    assert not hass.states.async_entity_ids("sensor.charger")


def ats(source: str | None, voltage: float, current: float) -> dict[str, Any]:
    return {
        "instance": 1,
        "input_output": "input" if source else "output",
        "source": source or "primary",
        "leg": "leg_1",
        "rms_voltage": voltage,
        "rms_current": current,
    }


async def test_transfer_switch_source_in_use(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    source_in_use = "sensor.transfer_switch_1_source_in_use"
    await kit.inject("ATS_AC_STATUS_1", ats("primary", 0.0, 0.0), source=0x4D)
    kit.assert_identification_requested(0x4D)
    state = hass.states.get(source_in_use)
    assert (state.state, state.attributes["options"]) == (
        "none",
        ["primary", "secondary", "none"],
    )
    # Shore power, no load: the live input.
    await kit.inject("ATS_AC_STATUS_1", ats("primary", 120.0, 0.0), source=0x4D)
    assert hass.states.get(source_in_use).state == "primary"
    # The generator runs too: with no load, it is preferred ...
    await kit.inject("ATS_AC_STATUS_1", ats("secondary", 121.0, 0.0), source=0x4D)
    assert hass.states.get(source_in_use).state == "secondary"
    # ... but the input carrying the current is the one in use.
    await kit.inject("ATS_AC_STATUS_1", ats("primary", 120.0, 8.0), source=0x4D)
    assert hass.states.get(source_in_use).state == "primary"
    await kit.inject("ATS_AC_STATUS_1", ats(None, 120.0, 8.0), source=0x4D)
    prefix = "sensor.transfer_switch_1"
    assert hass.states.get(f"{prefix}_output_l1_current").state == "8.0"
    assert hass.states.get(f"{prefix}_secondary_input_l1_voltage").state == "121.0"
