"""Golden vectors for dbc/dc_dimmer.dbc: colour (RGBW) dimmers (RV-C 6.24).

Worked out by hand from RV-C (RVIA 2023-11) tables 6.24.2b, 6.24.3b and
6.24.5b. % is 0.5 %/bit, uint8 A is 1 A/bit (table 5.3).
"""

from __future__ import annotations

from custom_components.rvc.protocol import RvcSpec, encode

from .dbc_file_checks import assert_commands_round_trip, assert_file_loads, decode

FILE = "dc_dimmer.dbc"


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_loads(
        spec,
        FILE,
        {
            "DC_DIMMER_STATUS_1": 0x1FFBB,
            "DC_DIMMER_STATUS_2": 0x1FFBA,
            "DC_DIMMER_COMMAND": 0x1FFB9,
        },
    )


def test_every_command_round_trips(spec: RvcSpec) -> None:
    assert_commands_round_trip(spec, FILE)


def test_dc_dimmer_status_1(spec: RvcSpec) -> None:
    # Dimmer 5: master 0xC8 = 100 %, red 0x64 = 50 %, green 0, blue 0x32 =
    # 25 %; byte 5 0x32: on 2 s (bits 0-3), off 3 s (bits 4-7); white n/a.
    assert decode(spec, 0x19FFBB43, "05C864003232FFFF") == {
        "instance": 5,
        "master_brightness": 100.0,
        "red_brightness": 50.0,
        "green_brightness": 0.0,
        "blue_brightness": 25.0,
        "on_duration": 2,
        "off_duration": 3,
        "white_brightness": None,
    }
    # Byte 5 0x00: on duration 0 "always on", off duration 0 "one shot".
    values = decode(spec, 0x19FFBB43, "05C864003200FFFF")
    assert (values["on_duration"], values["off_duration"]) == ("always_on", "one_shot")


def test_dc_dimmer_status_2(spec: RvcSpec) -> None:
    # Currents 3, 1, 0, 2 A; byte 5 0b00_10_01_00: red undercurrent (open
    # circuit), green overcurrent (10b is defined here, not an error); white
    # current and fault n/a.
    assert decode(spec, 0x19FFBA43, "050301000224FFFF") == {
        "instance": 5,
        "master_current": 3,
        "red_current": 1,
        "green_current": 0,
        "blue_current": 2,
        "master_fault": "no_fault",
        "red_fault": "undercurrent",
        "green_fault": "overcurrent",
        "blue_fault": "no_fault",
        "white_current": None,
        "white_fault": None,
    }


def test_dc_dimmer_command(spec: RvcSpec) -> None:
    # Green at 50 % (0x64) with master 100 % (0xC8), ramp 2.5 s = 25 = 0x19;
    # blinking and white unchanged (0xFF).
    frame = encode(
        spec,
        "DC_DIMMER_COMMAND",
        {
            "instance": 5,
            "master_brightness": 100,
            "red_brightness": 0,
            "green_brightness": 50,
            "blue_brightness": 0,
            "ramp_time": 2.5,
        },
        source=1,
    )
    assert frame.arbitration_id == 0x19FFB901
    assert frame.data.hex().upper() == "05C8006400FFFF19"
