"""Golden vectors for dbc/chassis.dbc: chassis, environment, air suspension.

Worked out by hand from RV-C (RVIA 2023-11) sections 6.11 and 6.12.
Identifiers: priority << 26 | DGN << 8 | source; CHASSIS_MOBILITY_* have
default priority 4 (0x10000000), SUSPENSION_AIR_PRESSURE_STATUS 3, the rest 6.
"""

from __future__ import annotations

from custom_components.rvc.protocol import RvcSpec, encode

from .dbc_file_checks import assert_commands_round_trip, assert_file_loads, decode

FILE = "chassis.dbc"


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_loads(
        spec,
        FILE,
        {
            "CHASSIS_MOBILITY_STATUS_2": 0x1FEA8,
            "CHASSIS_MOBILITY_COMMAND": 0x1FFF3,
            "VEHICLE_ENVIRONMENT_STATUS": 0x1FE87,
            "VEHICLE_ENVIRONMENT_COMMAND": 0x1FE86,
            "AAS_COMMAND": 0x1FFF1,
            "AAS_STATUS": 0x1FFF2,
            "AAS_SENSOR_STATUS": 0x1FFEF,
            "SUSPENSION_AIR_PRESSURE_STATUS": 0x1FED1,
        },
    )


def test_every_command_round_trips(spec: RvcSpec) -> None:
    assert_commands_round_trip(spec, FILE)


def test_chassis_mobility_status_2(spec: RvcSpec) -> None:
    # Table 6.11.3b: steering 0x8000 = 32768 / 1024 - 31.374 = 0.626 rad;
    # byte 2 0xFD headlights on; fuel 0x64 = 50 %; odometer 100 km = 100000 m
    # / 5 = 20000 = 0x00004E20 -> 20 4E 00 00.
    assert decode(spec, 0x11FEA847, "0080FD64204E0000") == {
        "steering_wheel_angle": 0.626,
        "headlight_switch": "on",
        "fuel_level": 50.0,
        "odometer": 100000,
    }


def test_chassis_mobility_command(spec: RvcSpec) -> None:
    # Table 6.11.4b: ask to immobilise (01b); every other field 11b, which
    # here means "no preference".
    frame = encode(
        spec,
        "CHASSIS_MOBILITY_COMMAND",
        {"park_brake_command": "immobilize"},
        source=1,
        priority=4,
    )
    assert frame.arbitration_id == 0x11FFF301
    assert frame.data.hex().upper() == "FDFFFFFFFFFFFFFF"
    assert decode(spec, 0x11FFF301, "FCFCFDFFFFFFFFFF") == {
        "park_brake_command": "release",
        "park_brake_user_override": None,
        "transmission_command": "release",
        "transmission_lock_user_override": None,
        "engine_lock_command": "prevent_start",
        "engine_lock_user_override": None,
    }


def test_vehicle_environment_status(spec: RvcSpec) -> None:
    # Table 6.11.5b. Byte 0 0b00_01_00_00: ventilated, heated, shore power,
    # open space. Byte 1 0b11_01_00_01: water and internet, no sewer, trailer
    # n/a (motorised). Byte 2 0b1111_01_00: nothing in tow, stabilised. Light
    # 0xC8 = 100 %.
    assert decode(spec, 0x19FE8747, "10D1F4C8FFFFFFFF") == {
        "ventilated_space": "ventilated",
        "heated_space": "heated",
        "shore_power_available": "available",
        "open_space": "open",
        "water_hookup": "connected",
        "sewer_hookup": "none",
        "internet_connection": "available",
        "trailer_is_hitched": None,
        "tow_car_or_trailer_in_tow": "none",
        "vehicle_stabilized": "stabilized",
        "ambient_light_level": 100.0,
    }


def test_vehicle_environment_command(spec: RvcSpec) -> None:
    # The user says the coach is in a confined space: byte 0 bits 6-7 01b.
    frame = encode(
        spec, "VEHICLE_ENVIRONMENT_COMMAND", {"open_space": "confined"}, source=1
    )
    assert frame.arbitration_id == 0x19FE8601
    assert frame.data.hex().upper() == "7FFFFFFFFFFFFFFF"


def test_aas_status_and_command(spec: RvcSpec) -> None:
    # Table 6.12.3b, from 0x7E (126). Byte 0 0b11_0001_01: on, fly mode.
    # Corners 0x64 = 50 %. Byte 5 0xFD: tag axle up.
    assert decode(spec, 0x19FFF27E, "C564646464FDFFFF") == {
        "operating_status": "on",
        "mode": "fly",
        "left_front_sensor_mode": 50.0,
        "right_front_sensor_mode": 50.0,
        "right_rear_sensor_mode": 50.0,
        "left_rear_sensor_mode": 50.0,
        "tag_axle_position": "up",
    }
    # Table 6.12.2b: on (01b), normal mode (0000b): 0b11_0000_01 = 0xC1.
    frame = encode(
        spec, "AAS_COMMAND", {"operating_state": "on", "mode": "normal"}, source=1
    )
    assert frame.arbitration_id == 0x19FFF101
    assert frame.data.hex().upper() == "C1FFFFFFFFFFFFFF"


def test_aas_sensor_status(spec: RvcSpec) -> None:
    # Table 6.12.4b. Byte 0 0b00_00_01_01: left front over the low and medium
    # set points, under the high one, no transition. Byte 1 0b1111_00_01:
    # encoder A high, B low. Every other sensor n/a.
    values = decode(spec, 0x19FFEF7E, "05F1FFFFFFFFFFFF")
    assert {name: value for name, value in values.items() if value is not None} == {
        "left_front_low_ride": "over_set_point",
        "left_front_medium_ride": "over_set_point",
        "left_front_high_ride": "under_set_point",
        "left_front_transition": "no_transition",
        "left_front_encoder_a": "high",
        "left_front_encoder_b": "low",
    }
    assert len(values) == 26


def test_suspension_air_pressure_status(spec: RvcSpec) -> None:
    # Table 6.12.5b: 1 psi per bit; tag axle n/a.
    assert decode(spec, 0x0DFED17E, "7850525A5BFFFFFF") == {
        "supply_pressure": 120,
        "steer_axle_left_pressure": 80,
        "steer_axle_right_pressure": 82,
        "drive_axle_left_pressure": 90,
        "drive_axle_right_pressure": 91,
        "tag_axle_left_pressure": None,
        "tag_axle_right_pressure": None,
    }


def test_odometer_above_the_old_cap_is_a_number(spec: RvcSpec) -> None:
    # Table 6.11.3b: odometer uint32, 5 m/bit, valid to the type's top codes
    # (table 3.2.3b, 4294967292). 0xFC000000 = 252 * 2^24 = 4227858432 ->
    # 00 00 00 FC; * 5 m = 21139292160 m (the old cap was 21055406075 m).
    values = decode(spec, 0x11FEA880, "FFFFFFFF000000FC")
    assert values["odometer"] == 21139292160
    assert values["fuel_level"] is None
