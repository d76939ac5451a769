"""Golden vectors for dbc/slide.dbc and dbc/tank.dbc (RV-C 6.14, 6.28).

Worked out by hand from RV-C (RVIA 2023-11) tables 6.14.3b, 6.14.4b and
6.28.3b. uint16 V is 0.05 V/bit, uint8 A 1 A/bit (table 5.3).
"""

from __future__ import annotations

from custom_components.rvc.protocol import RvcSpec, encode

from .dbc_file_checks import assert_commands_round_trip, assert_file_loads, decode


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_loads(
        spec,
        "slide.dbc",
        {"SLIDE_SENSOR_STATUS": 0x1FFE6, "SLIDE_MOTOR_STATUS": 0x1FFE5},
    )
    assert_file_loads(
        spec,
        "tank.dbc",
        {
            "TANK_CALIBRATION_COMMAND": 0x1FFB6,
            "TANK_GEOMETRY_STATUS": 0x1FFB5,
            "TANK_GEOMETRY_COMMAND": 0x1FFB4,
        },
    )


def test_every_command_round_trips(spec: RvcSpec) -> None:
    assert_commands_round_trip(spec, "tank.dbc")


def test_slide_sensor_status(spec: RvcSpec) -> None:
    # Room 1 retracted and locked: bytes 1 and 3 0x55 (all four switches
    # 01b), unlock and extension switches 0x00. Byte 5 0b1111_01_00: floor
    # retracted (down switch), not up. Byte 6 0xFD: air seal evacuated.
    values = decode(spec, 0x19FFE652, "0155005500F4FDFF")
    assert values["instance"] == 1
    for position in ("upper_front", "upper_rear", "lower_front", "lower_rear"):
        assert values[f"lock_limit_switch_{position}"] == "locked"
        assert values[f"unlock_limit_switch_{position}"] == "not_unlocked"
        assert values[f"retraction_limit_switch_{position}"] == "retracted"
        assert values[f"extension_limit_switch_{position}"] == "not_extended"
    assert values["retractable_floor_up"] == "not_up"
    assert values["retractable_floor_down"] == "retracted"
    assert values["air_seal_vacuum"] == "evacuated"
    assert len(values) == 20


def test_slide_motor_status(spec: RvcSpec) -> None:
    # 12.6 V / 0.05 = 252 = 0x00FC -> FC 00; motors 1 and 2 draw 18 and 17 A;
    # motors 3 and 4 n/a.
    assert decode(spec, 0x19FFE552, "01FC001211FFFFFF") == {
        "instance": 1,
        "voltage": 12.6,
        "motor_1_current": 18,
        "motor_2_current": 17,
        "motor_3_current": None,
        "motor_4_current": None,
    }


def test_tank_calibration_command(spec: RvcSpec) -> None:
    # Fresh water (0) is empty now: level 0 of resolution 1.
    frame = encode(
        spec,
        "TANK_CALIBRATION_COMMAND",
        {"instance": 0, "relative_level": 0, "resolution": 1},
        source=1,
    )
    assert frame.arbitration_id == 0x19FFB601
    assert frame.data.hex().upper() == "000001FFFFFFFFFF"
    # Gray (2) at 3 of 8, 57 of 152 litres (0x0039, 0x0098).
    assert decode(spec, 0x19FFB601, "02030839009800FF") == {
        "instance": 2,
        "relative_level": 3,
        "resolution": 8,
        "absolute_level": 57,
        "tank_size": 152,
    }


def test_tank_calibration_above_the_old_caps_is_a_number(spec: RvcSpec) -> None:
    # Table 6.28.3b: relative level and resolution are plain uint8 (0-252,
    # table 3.2.3b): 252 = 0xFC. Absolute level and tank size 1 L/bit, 0 to
    # 65530 L: 65000 = 0xFDE8 -> E8 FD; 65530 = 0xFFFA -> FA FF.
    assert decode(spec, 0x19FFB680, "00FCFCE8FDFAFFFF") == {
        "instance": 0,
        "relative_level": 252,
        "resolution": 252,
        "absolute_level": 65000,
        "tank_size": 65530,
    }
