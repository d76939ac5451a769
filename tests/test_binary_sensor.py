"""Binary sensors: detectors, chassis, water heater faults."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNKNOWN

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .kit import BusKit


async def test_gas_detector(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject(
        "GAS_SENSOR_STATUS",
        {
            "instance": 1,
            "type": "lp_gas",
            "gas_level": 0,
            "alarm": "no_alarm",
            "sensor_failure": "no_failure",
        },
        source=0x70,
    )
    kit.assert_identification_requested(0x70)
    alarm = hass.states.get("binary_sensor.detector_1_alarm")
    assert (alarm.state, alarm.attributes["device_class"]) == (STATE_OFF, "gas")
    await kit.inject(
        "GAS_SENSOR_STATUS",
        {"instance": 1, "type": "carbon_monoxide", "alarm": "alarm"},
        source=0x70,
    )
    alarm = hass.states.get("binary_sensor.detector_1_alarm")
    assert (alarm.state, alarm.attributes["device_class"]) == (
        STATE_ON,
        "carbon_monoxide",
    )
    # Not reported ("not available") is unknown, never "no alarm".
    failure = hass.states.get("binary_sensor.detector_1_failure")
    assert failure.state == STATE_UNKNOWN


async def test_chassis_and_water_heater_faults(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await kit.setup()
    await kit.inject(
        "CHASSIS_MOBILITY_STATUS",
        {"park_brake": "engaged", "ignition_switch": "off"},
        source=0x71,
    )
    await kit.inject(
        "WATERHEATER_STATUS",
        {"instance": 1, "operating_mode": "electric", "failure_to_ignite": "no_failure",
         "ac_power_failure": "not_present", "high_temperature_limit_switch": "not_tripped"},
        source=0x72,
    )  # fmt: skip
    kit.assert_identification_requested(0x71, 0x72)
    assert hass.states.get("binary_sensor.park_brake").state == STATE_ON
    assert hass.states.get("binary_sensor.ignition").state == STATE_OFF
    assert hass.states.get("binary_sensor.water_heater_1_ac_power").state == STATE_OFF
    assert (
        hass.states.get("binary_sensor.water_heater_1_ignition_failure").state
        == STATE_OFF
    )
