"""Power from volts x amps, and energy integrated from it over (frozen) time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.const import STATE_UNAVAILABLE
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.rvc.const import CONF_AVAILABILITY_TIMEOUT

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .kit import BusKit

BATTERY = "sensor.house_battery"
CHARGED = f"{BATTERY}_charged_energy"
DISCHARGED = f"{BATTERY}_discharged_energy"
# Energy is sampled every 10 s: the tests report for whole multiples of that.


def battery(volts: float, amps: float) -> dict[str, Any]:
    """A battery charging at amps (negative: discharging) as RV-C sends it."""
    return {
        "instance": 1,
        "device_priority": "battery_soc",
        "dc_voltage": volts,
        # RV-C (6.5.2): positive flows from the battery.
        "dc_current": -amps,
    }


CHARGING = battery(12.0, 75.0)  # 900 W: 10 Wh in 40 s


def value(hass: HomeAssistant, entity_id: str) -> float:
    return float(hass.states.get(entity_id).state)


async def report_for(
    hass: HomeAssistant,
    kit: BusKit,
    freezer: Any,
    seconds: int,
    status: dict[str, Any],
    *,
    every: int = 2,
) -> None:
    """The battery monitor repeats the same status every few seconds."""
    for _ in range(seconds // every):
        freezer.tick(every)
        await kit.inject("DC_SOURCE_STATUS_1", status, source=0x46)
        async_fire_time_changed(hass)
        await hass.async_block_till_done()


async def test_power_of_dc_sources_and_ac_lines(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await kit.setup()
    await kit.inject("DC_SOURCE_STATUS_1", battery(12.5, -8.0), source=0x46)
    kit.assert_identification_requested(0x46)
    power = hass.states.get(f"{BATTERY}_power")
    assert power.state == "-100.0"  # discharging: negative, as the current
    assert power.attributes["device_class"] == "power"
    assert power.attributes["unit_of_measurement"] == "W"
    assert power.attributes["state_class"] == "measurement"

    lines = {
        "INVERTER_AC_STATUS_1": {"line": "line_1", "input_output": "output"},
        "CHARGER_AC_STATUS_1": {"line": "line_2", "input_output": "input"},
        "ATS_AC_STATUS_1": {
            "leg": "leg_1",
            "input_output": "input",
            "source": "primary",
        },
    }
    for dgn, channel in lines.items():
        await kit.inject(
            dgn,
            {"instance": 1, "rms_voltage": 120.0, "rms_current": 6.5} | channel,
            source=0x4D,
        )
    await kit.inject(
        "ATS_AC_STATUS_1",
        {
            "instance": 1,
            "leg": "leg_1",
            "input_output": "input",
            "source": "secondary",
            "rms_voltage": 240.0,
            "rms_current": 20.0,
        },
        source=0x4D,
    )
    kit.assert_identification_requested(0x4D)
    node = "sensor"
    assert hass.states.get(f"{node}.inverter_1_output_l1_power").state == "780.0"
    assert hass.states.get(f"{node}.charger_1_input_l2_power").state == "780.0"
    assert (
        hass.states.get(f"{node}.transfer_switch_1_primary_input_l1_power").state
        == "780.0"
    )
    assert (
        hass.states.get(f"{node}.transfer_switch_1_secondary_input_l1_power").state
        == "4800.0"
    )
    # A line that reports no current has no power.
    await kit.inject(
        "INVERTER_AC_STATUS_1",
        {"instance": 1, "line": "line_2", "input_output": "output", "rms_voltage": 1},
        source=0x4D,
    )
    assert hass.states.get(f"{node}.inverter_1_output_l2_power") is None


async def test_energy_charged_and_discharged(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    await kit.setup()
    await kit.inject("DC_SOURCE_STATUS_1", battery(12.0, 75.0), source=0x46)
    kit.assert_identification_requested(0x46)
    charged = hass.states.get(CHARGED)
    assert charged.state == "0.0"
    assert charged.attributes["device_class"] == "energy"
    assert charged.attributes["unit_of_measurement"] == "kWh"
    assert charged.attributes["state_class"] == "total_increasing"
    assert charged.attributes["computed"] is True

    # 900 W for 40 s is 10 Wh; the unchanged reports are sampled all the same.
    await report_for(hass, kit, freezer, 40, CHARGING)
    assert value(hass, CHARGED) == 0.01
    assert value(hass, DISCHARGED) == 0.0

    # -450 W for 80 s: 10 Wh out; nothing more in.
    await kit.inject("DC_SOURCE_STATUS_1", battery(12.0, -37.5), source=0x46)
    await report_for(hass, kit, freezer, 80, battery(12.0, -37.5), every=5)
    assert value(hass, CHARGED) == 0.01
    assert value(hass, DISCHARGED) == 0.01


async def test_no_energy_across_a_gap_in_the_reports(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    # A long availability timeout: the instance stays available through the gap.
    await kit.setup(options={CONF_AVAILABILITY_TIMEOUT: 300})
    await kit.inject("DC_SOURCE_STATUS_1", CHARGING, source=0x46)
    kit.assert_identification_requested(0x46)
    await report_for(hass, kit, freezer, 40, CHARGING)
    assert value(hass, CHARGED) == 0.01

    # 40 s without a report, then reports again: the 40 s count for nothing.
    for _ in range(4):
        freezer.tick(10)
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
    await report_for(hass, kit, freezer, 10, CHARGING)
    assert value(hass, CHARGED) == 0.01
    await report_for(hass, kit, freezer, 40, CHARGING)
    assert value(hass, CHARGED) == 0.02


async def test_no_energy_while_unavailable(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    await kit.setup()
    await kit.inject("DC_SOURCE_STATUS_1", CHARGING, source=0x46)
    kit.assert_identification_requested(0x46)
    await report_for(hass, kit, freezer, 40, CHARGING)
    for _ in range(4):
        freezer.tick(5)
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
    assert hass.states.get(f"{BATTERY}_power").state == STATE_UNAVAILABLE
    # The total stays known while the battery monitor is silent.
    assert value(hass, CHARGED) == 0.01

    # Counting starts again with the first report: 40 s of 900 W after it.
    await report_for(hass, kit, freezer, 50, CHARGING, every=10)
    assert value(hass, CHARGED) == 0.02


async def test_totals_survive_a_restart(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    entry = await kit.setup()
    await kit.inject("DC_SOURCE_STATUS_1", CHARGING, source=0x46)
    kit.assert_identification_requested(0x46)
    await report_for(hass, kit, freezer, 40, CHARGING)
    assert value(hass, CHARGED) == 0.01

    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    kit.assert_address_claimed(0xF9)
    # Back before the battery monitor says a word, with the same totals.
    assert value(hass, CHARGED) == 0.01
    assert value(hass, DISCHARGED) == 0.0

    # Nothing counted for the time the integration was away; then on it goes.
    freezer.tick(590)
    await report_for(hass, kit, freezer, 10, CHARGING, every=10)
    kit.assert_identification_requested(0x46)
    assert value(hass, CHARGED) == 0.01
    await report_for(hass, kit, freezer, 40, CHARGING)
    assert value(hass, CHARGED) == 0.02
