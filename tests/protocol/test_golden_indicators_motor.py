"""Golden vectors for dbc/indicators.dbc and dbc/dc_motor.dbc.

Worked out by hand from RV-C (RVIA 2023-11) sections 6.25 (Digital Inputs),
6.26 (Generic Indicator) and 6.27 (DC Motor Control). % is 0.5 %/bit.
"""

from __future__ import annotations

from custom_components.rvc.protocol import RvcSpec, encode

from .dbc_file_checks import assert_commands_round_trip, assert_file_loads, decode


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_loads(
        spec,
        "indicators.dbc",
        {
            "DIGITAL_INPUT_STATUS": 0x1FFB8,
            "GENERIC_INDICATOR_STATUS": 0x1FED7,
            "GENERIC_INDICATOR_COMMAND": 0x1FED9,
        },
    )
    assert_file_loads(
        spec,
        "dc_motor.dbc",
        {"DC_MOTOR_CONTROL_STATUS": 0x1FEE0, "DC_MOTOR_CONTROL_COMMAND": 0x1FEE1},
    )


def test_every_command_round_trips(spec: RvcSpec) -> None:
    assert_commands_round_trip(spec, "indicators.dbc")
    assert_commands_round_trip(spec, "dc_motor.dbc")


def test_digital_input_status(spec: RvcSpec) -> None:
    # Table 6.25.2b, from 0x44 (68): input 3 on (1), momentary (0xFD), two
    # positions, bank 0 (byte 4 0xF0).
    assert decode(spec, 0x19FFB844, "0301FD02F0FFFFFF") == {
        "instance": 3,
        "position": "on",
        "configuration_momentary": "momentary",
        "number_of_positions": 2,
        "bank_select": 0,
    }
    # A three-position switch in position 2: a plain number.
    assert decode(spec, 0x19FFB844, "0302FC03F0FFFFFF")["position"] == 2


def test_generic_indicator_status(spec: RvcSpec) -> None:
    # Table 6.26.1.1b: indicator 2, no group, 0xC8 = 100 %, bank and delay
    # n/a; byte 5 0b1111_00_01: LED1 on, LED2 off; last function 02.
    assert decode(spec, 0x19FED744, "02FFC8FFFFF102FF") == {
        "instance": 2,
        "group": 0xFF,
        "brightness": 100.0,
        "bank_select": None,
        "delay_duration": None,
        "led1_status": "on",
        "led2_status": "off",
        "last_command": "led1_on_led2_off",
    }


def test_generic_indicator_command(spec: RvcSpec) -> None:
    # Table 6.26.2b: both LEDs on (04) in byte 6.
    frame = encode(
        spec,
        "GENERIC_INDICATOR_COMMAND",
        {"instance": 2, "function": "led1_on_led2_on"},
        source=1,
    )
    assert frame.arbitration_id == 0x19FED901
    assert frame.data.hex().upper() == "02FFFFFFFFFF04FF"
    # Ramp (0x11) to 50 % (0x64).
    frame = encode(
        spec,
        "GENERIC_INDICATOR_COMMAND",
        {"instance": 2, "brightness": 50, "function": "ramp_brightness"},
        source=1,
    )
    assert frame.data.hex().upper() == "02FF64FFFFFF11FF"


def test_dc_motor_control_status(spec: RvcSpec) -> None:
    # Table 6.27.2b, from 0x8A (138): motor 1 at 0xC8 = 100 %; byte 3
    # 0b01_00_01_00: unlocked, running in reverse; 1 s and 0x78 = 120 * 5 =
    # 600 ms left (1.6 s); last command 0x41 reverse; byte 6 n/a.
    assert decode(spec, 0x19FEE08A, "01FFC8440141FF78") == {
        "instance": 1,
        "group": 0xFF,
        "operating_status": 100.0,
        "lock_status": "unlocked",
        "motor_status": "on",
        "forward_status": "off",
        "reverse_status": "on",
        "duration": 1,
        "last_command": "reverse",
        "overcurrent_status": None,
        "override_status": None,
        "disable1_status": None,
        "disable2_status": None,
        "short_duration": 600,
    }


def test_dc_motor_control_command(spec: RvcSpec) -> None:
    # Table 6.27.3c: tilt forward is 0x10.
    frame = encode(
        spec,
        "DC_MOTOR_CONTROL_COMMAND",
        {"instance": 1, "command": "tilt_forward"},
        source=1,
    )
    assert frame.arbitration_id == 0x19FEE101
    assert frame.data.hex().upper() == "01FFFF10FFFFFFFF"
    # Forward (0x81) at 100 % for 2 s + 0x14 = 20 * 5 = 100 ms.
    assert decode(spec, 0x19FEE101, "01FFC88102FFFF14") == {
        "instance": 1,
        "group": 0xFF,
        "motor_duty": 100.0,
        "command": "forward",
        "duration": 2,
        "interlock": None,
        "short_duration": 100,
    }


def test_digital_input_positions_above_the_old_cap_are_numbers(spec: RvcSpec) -> None:
    # Table 6.25.1b: position and number of positions are plain uint8 (the
    # text allows up to 255; table 3.2.3b keeps 253-255): 252 = 0xFC.
    values = decode(spec, 0x19FFB880, "01FCFFFCFFFFFFFF")
    assert values["position"] == 252
    assert values["number_of_positions"] == 252
    assert values["bank_select"] is None
