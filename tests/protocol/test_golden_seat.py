"""Golden vectors for dbc/seat.dbc: vehicle seats and their lighting (RV-C 6.41).

Worked out by hand from RV-C (RVIA 2023-11) tables 6.41.2b to 6.41.5b.
% is 0.5 %/bit (table 5.3).
"""

from __future__ import annotations

from custom_components.rvc.protocol import RvcSpec, encode

from .dbc_file_checks import assert_commands_round_trip, assert_file_loads, decode

FILE = "seat.dbc"


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_loads(
        spec,
        FILE,
        {
            "VEHICLE_SEAT_COMMAND": 0x1FDC8,
            "VEHICLE_SEAT_STATUS": 0x1FDC7,
            "VEHICLE_SEAT_LIGHTING_COMMAND": 0x1FDC6,
            "VEHICLE_SEAT_LIGHTING_STATUS": 0x1FDC5,
        },
    )


def test_every_command_round_trips(spec: RvcSpec) -> None:
    assert_commands_round_trip(spec, FILE)


def test_vehicle_seat_status(spec: RvcSpec) -> None:
    # From 0x96 (150), driver's seat (1). Byte 1 0x00: still; byte 2 0x01:
    # head rest moving up; byte 3 0xF0: back adjustment stopped; byte 4 0x03:
    # heat 3, fan off; byte 5 0x24: butterfly (4) at level 2; byte 6
    # 0b0101_00_01: aux 1 on, aux 2 off, heat up to 5; byte 7 0xA0: no fan,
    # massage up to 10.
    assert decode(spec, 0x19FDC796, "010001F0032451A0") == {
        "instance": 1,
        "seat_position": "stop",
        "seat_back": "stop",
        "head_rest": "up",
        "leg_rest": "stop",
        "back_adjustment": "stop",
        "seat_heat": 3,
        "seat_fan": 0,
        "massage_mode": "butterfly",
        "massage_level": 2,
        "aux_switch_1": "on",
        "aux_switch_2": "off",
        "max_seat_heat": 5,
        "max_fan_level": 0,
        "max_massage_level": 10,
    }


def test_vehicle_seat_command(spec: RvcSpec) -> None:
    # Move the driver's seat forward: byte 1 0xF1 (back rest nibble 1111b).
    frame = encode(
        spec,
        "VEHICLE_SEAT_COMMAND",
        {"instance": 1, "seat_position": "forward"},
        source=1,
    )
    assert frame.arbitration_id == 0x19FDC801
    assert frame.data.hex().upper() == "01F1FFFFFFFFFFFF"


def test_vehicle_seat_lighting(spec: RvcSpec) -> None:
    # Table 6.41.5b: master 0xC8 = 100 %, green 0x64 = 50 %; byte 5 0x00:
    # always on, one shot; white 0x32 = 25 %.
    assert decode(spec, 0x19FDC596, "01C80064000032FF") == {
        "instance": 1,
        "master_brightness": 100.0,
        "red_brightness": 0.0,
        "green_brightness": 50.0,
        "blue_brightness": 0.0,
        "on_duration": "always_on",
        "off_duration": "one_shot",
        "white_brightness": 25.0,
    }
    # Table 6.41.4b: master brightness 0 turns the lighting off.
    frame = encode(
        spec,
        "VEHICLE_SEAT_LIGHTING_COMMAND",
        {"instance": 1, "master_brightness": 0},
        source=1,
    )
    assert frame.arbitration_id == 0x19FDC601
    assert frame.data.hex().upper() == "0100FFFFFFFFFFFF"
