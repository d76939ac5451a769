"""Chassis and safety: leveling jacks, step, doors, windows, tires, fridge, GPS."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE, STATE_UNKNOWN

from custom_components.rvc.protocol.encode import encode

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .kit import BusKit

JACKS_NOT_STOWED = "binary_sensor.jacks_not_stowed"


async def test_jacks_not_stowed(hass: HomeAssistant, kit: BusKit) -> None:
    """On while any jack is extended (6.13.4: "coach is not safe to move")."""
    await kit.setup()
    stowed = {
        "jack_type": "straight_acting",
        "number_of_jacks": 4,
        "left_rear_extension": "not_extended",
        "right_front_extension": "not_extended",
        "right_rear_extension": "not_extended",
        "left_front_extension": "not_extended",
    }
    await kit.inject("LEVELING_JACK_STATUS", stowed, source=0x60)
    kit.assert_identification_requested(0x60)
    jacks = hass.states.get(JACKS_NOT_STOWED)
    assert (jacks.state, jacks.attributes["device_class"]) == (STATE_OFF, "problem")

    await kit.inject(
        "LEVELING_JACK_STATUS",
        stowed | {"right_rear_extension": "extended"},
        source=0x60,
    )
    assert hass.states.get(JACKS_NOT_STOWED).state == STATE_ON
    # An auxiliary jack counts as much as the main four.
    await kit.inject(
        "LEVELING_JACK_STATUS",
        stowed | {"auxiliary_jack_2_extension": "extended"},
        source=0x60,
    )
    assert hass.states.get(JACKS_NOT_STOWED).state == STATE_ON
    await kit.inject("LEVELING_JACK_STATUS", stowed, source=0x60)
    assert hass.states.get(JACKS_NOT_STOWED).state == STATE_OFF
    # Every jack "not available": the controller says nothing, so unknown.
    await kit.inject("LEVELING_JACK_STATUS", {"jack_type": 0}, source=0x60)
    assert hass.states.get(JACKS_NOT_STOWED).state == STATE_UNKNOWN


async def test_jack_status_without_jacks_adds_nothing(
    hass: HomeAssistant, kit: BusKit
) -> None:
    """An air-only system reports no jack: no "jacks not stowed" to mislead."""
    await kit.setup()
    await kit.inject("LEVELING_JACK_STATUS", {}, source=0x60)
    kit.assert_identification_requested(0x60)
    assert hass.states.get(JACKS_NOT_STOWED) is None


async def test_leveling_mode_and_warning(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject(
        "LEVELING_CONTROL_STATUS",
        {"operating_mode": "automatic_air_four_point", "master_warning": "warning"},
        source=0x60,
    )
    kit.assert_identification_requested(0x60)
    mode = hass.states.get("sensor.leveling_mode")
    assert mode.state == "automatic_air_four_point"
    assert "clear_jack_error" in mode.attributes["options"]
    assert hass.states.get("binary_sensor.leveling_warning").state == STATE_ON
    # Mode 200, which the encoder refuses: the frame's byte 0 set by hand.
    frame = encode(
        kit.spec,
        "LEVELING_CONTROL_STATUS",
        {"operating_mode": "inactive", "master_warning": "no_warning"},
        source=0x60,
    )
    await kit.inject_frame(frame.arbitration_id, bytes([200]) + frame.data[1:])
    # A mode table 6.13.2b does not name is unknown, not an invalid option.
    assert hass.states.get("sensor.leveling_mode").state == STATE_UNKNOWN
    assert hass.states.get("binary_sensor.leveling_warning").state == STATE_OFF


async def test_step_door_and_window(hass: HomeAssistant, kit: BusKit) -> None:
    """Open or extended at any position but 0; the door's lock is untouched."""
    await kit.setup()
    await kit.inject(
        "STEP_STATUS",
        {"instance": 1, "motion": "no_motion", "position": 0,
         "obstruction_sensor_bottom": "clear"},
        source=0x61,
    )  # fmt: skip
    await kit.inject(
        "DOOR_STATUS",
        {"instance": 1, "lock_status": "locked", "motion": "no_motion", "position": 0},
        source=0x51,
    )
    await kit.inject("WINDOW_STATUS", {"instance": 2, "position": 30}, source=0x52)
    kit.assert_identification_requested(0x61, 0x51, 0x52)
    step = hass.states.get("binary_sensor.step_1")
    assert (step.state, step.attributes.get("device_class")) == (STATE_OFF, None)
    assert hass.states.get("binary_sensor.step_1_obstructed").state == STATE_OFF
    door = hass.states.get("binary_sensor.door_1")
    assert (door.state, door.attributes["device_class"]) == (STATE_OFF, "door")
    assert hass.states.get("lock.door_lock_1").state == "locked"
    window = hass.states.get("binary_sensor.window_2")
    assert (window.state, window.attributes["device_class"]) == (STATE_ON, "window")

    await kit.inject(
        "STEP_STATUS",
        {"instance": 1, "motion": "extending", "position": 50,
         "obstruction_sensor_bottom": "obstructed"},
        source=0x61,
    )  # fmt: skip
    await kit.inject(
        "DOOR_STATUS",
        {"instance": 1, "lock_status": "unlocked", "motion": "opening",
         "position": 100},
        source=0x51,
    )  # fmt: skip
    assert hass.states.get("binary_sensor.step_1").state == STATE_ON
    assert hass.states.get("binary_sensor.step_1_obstructed").state == STATE_ON
    assert hass.states.get("binary_sensor.door_1").state == STATE_ON
    assert hass.states.get("lock.door_lock_1").state == "unlocked"
    # Position "not available" (FFh): unknown, not closed.
    await kit.inject("STEP_STATUS", {"instance": 1}, source=0x61)
    assert hass.states.get("binary_sensor.step_1").state == STATE_UNKNOWN


async def test_door_without_position_has_no_open_sensor(
    hass: HomeAssistant, kit: BusKit
) -> None:
    """A lock-only door controller gets its lock and nothing else."""
    await kit.setup()
    await kit.inject(
        "DOOR_STATUS", {"instance": 1, "lock_status": "locked"}, source=0x51
    )
    kit.assert_identification_requested(0x51)
    assert hass.states.get("lock.door_lock_1").state == "locked"
    assert hass.states.get("binary_sensor.door_1") is None


def tire(**values: object) -> dict[str, object]:
    return {
        "tire_position": "outside_left",
        "tire_axle": "drive",
        "tire_pressure": 655,
        "tire_temperature": 30.5,
        "pressure_status": "ok",
        "temperature_status": "ok",
        "battery_status": "ok",
    } | values


async def test_tires_by_position(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject("TIRE_STATUS", tire(), source=0x62)
    await kit.inject(
        "TIRE_STATUS",
        tire(tire_axle="steer", tire_position="outside_right", tire_pressure=758),
        source=0x62,
    )
    kit.assert_identification_requested(0x62)
    pressure = hass.states.get("sensor.drive_axle_outside_left_tire_pressure")
    assert pressure.state == "655"
    assert pressure.attributes["unit_of_measurement"] == "kPa"
    assert pressure.attributes["device_class"] == "pressure"
    temperature = hass.states.get("sensor.drive_axle_outside_left_tire_temperature")
    assert (temperature.state, temperature.attributes["unit_of_measurement"]) == (
        "30.5",
        "°C",
    )
    assert (
        hass.states.get("sensor.steer_axle_outside_right_tire_pressure").state == "758"
    )
    alarm = "binary_sensor.drive_axle_outside_left_tire_pressure_alarm"
    assert hass.states.get(alarm).state == STATE_OFF
    # A fifth tire on a trailer axle, which the DBC does not name: byte 0 is
    # the position (bits 0-3) and the axle (bits 4-7), set by hand.
    frame = encode(kit.spec, "TIRE_STATUS", tire(), source=0x62)
    await kit.inject_frame(frame.arbitration_id, bytes([0x34]) + frame.data[1:])
    assert hass.states.get("sensor.axle_3_position_4_tire_pressure").state == "655"

    await kit.inject(
        "TIRE_STATUS",
        tire(pressure_status="low", temperature_status="high", battery_status="low"),
        source=0x62,
    )
    assert hass.states.get(alarm).state == STATE_ON
    assert (
        hass.states.get(
            "binary_sensor.drive_axle_outside_left_tire_temperature_alarm"
        ).state
        == STATE_ON
    )
    assert (
        hass.states.get(
            "binary_sensor.drive_axle_outside_left_tire_sensor_battery"
        ).state
        == STATE_ON
    )
    # Pressure and temperature "not available": unknown.
    await kit.inject(
        "TIRE_STATUS",
        {"tire_position": "outside_left", "tire_axle": "drive"},
        source=0x62,
    )
    assert (
        hass.states.get("sensor.drive_axle_outside_left_tire_pressure").state
        == STATE_UNKNOWN
    )
    assert hass.states.get(alarm).state == STATE_UNKNOWN


async def test_tire_slow_leak(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    await kit.inject(
        "TIRE_SLOW_LEAK_ALARM",
        {"tire_position": "inside_right", "tire_axle": "drive",
         "alarm_status": "slow_leak", "leak_rate": 12},
        source=0x62,
    )  # fmt: skip
    kit.assert_identification_requested(0x62)
    leak = hass.states.get("binary_sensor.drive_axle_inside_right_tire_slow_leak")
    assert (leak.state, leak.attributes["device_class"]) == (STATE_ON, "problem")


async def test_tire_without_location_is_ignored(
    hass: HomeAssistant, kit: BusKit
) -> None:
    """An unassigned location ("not available") names no tire."""
    await kit.setup()
    await kit.inject("TIRE_STATUS", {"tire_pressure": 600}, source=0x62)
    kit.assert_identification_requested(0x62)
    assert not [
        state.entity_id
        for state in hass.states.async_all()
        if "tire" in state.entity_id
    ]


async def test_refrigerator_and_freezer(hass: HomeAssistant, kit: BusKit) -> None:
    """The two cavities of one instance are two sets of sensors (6.52.2)."""
    await kit.setup()
    for cavity, temperature in (("fridge", 3.5), ("freezer", -18.0)):
        await kit.inject(
            "REFRIGERATOR_STATUS",
            {"instance": 1, "cavity": cavity, "door_switch": "closed",
             "current_temperature": temperature, "set_temperature": temperature,
             "fuel_source": "ac", "refrigerator_mode": "on",
             "compressor_speed": 40.0},
            source=0x64,
        )  # fmt: skip
    kit.assert_identification_requested(0x64)
    fridge = hass.states.get("sensor.refrigerator_1_temperature")
    assert (fridge.state, fridge.attributes["unit_of_measurement"]) == ("3.5", "°C")
    assert hass.states.get("sensor.freezer_1_temperature").state == "-18.0"
    assert hass.states.get("sensor.refrigerator_1_mode").state == "on"
    assert hass.states.get("sensor.freezer_1_fuel_source").state == "ac"
    assert hass.states.get("sensor.refrigerator_1_compressor_speed").state == "40.0"
    assert hass.states.get("binary_sensor.refrigerator_1_door").state == STATE_OFF
    await kit.inject(
        "REFRIGERATOR_STATUS",
        {"instance": 1, "cavity": "fridge", "door_switch": "open",
         "refrigerator_mode": "night"},
        source=0x64,
    )  # fmt: skip
    assert hass.states.get("binary_sensor.refrigerator_1_door").state == STATE_ON
    assert hass.states.get("sensor.refrigerator_1_mode").state == "night"
    # Temperature "not available": unknown; the freezer is untouched.
    assert hass.states.get("sensor.refrigerator_1_temperature").state == STATE_UNKNOWN
    assert hass.states.get("sensor.freezer_1_temperature").state == "-18.0"


async def test_gps_tracker(hass: HomeAssistant, kit: BusKit) -> None:
    entry = await kit.setup()
    await kit.inject(
        "GPS_POSITION", {"latitude": 44.428, "longitude": -110.5885}, source=0x63
    )
    kit.assert_identification_requested(0x63)
    tracker = hass.states.get("device_tracker.coach_location")
    assert tracker.attributes["source_type"] == "gps"
    assert tracker.attributes["latitude"] == 44.428
    assert tracker.attributes["longitude"] == -110.5885
    # No fix: the GPS sends "not available"; where the coach is, is unknown.
    await kit.inject("GPS_POSITION", {}, source=0x63)
    tracker = hass.states.get("device_tracker.coach_location")
    assert tracker.state == STATE_UNKNOWN
    assert "latitude" not in tracker.attributes

    # A latitude past the pole (100°, by hand: the encoder refuses it) decodes
    # as an error: no position rather than a wrong one.
    frame = encode(kit.spec, "GPS_POSITION", {"longitude": -110.5}, source=0x63)
    raw = round((100 + 210) / 1e-7)
    await kit.inject_frame(
        frame.arbitration_id, raw.to_bytes(4, "little") + frame.data[4:]
    )
    assert hass.states.get("device_tracker.coach_location").state == STATE_UNKNOWN

    # After a restart it waits for the GPS, unavailable.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    kit.assert_address_claimed(0xF9)
    assert hass.states.get("device_tracker.coach_location").state == STATE_UNAVAILABLE
