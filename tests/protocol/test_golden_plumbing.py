"""Golden vectors for dbc/plumbing.dbc and dbc/tv_lift.dbc.

Worked out by hand from RV-C (RVIA 2023-11) sections 6.30 (AutoFill), 6.31
(Waste Dump), 6.51 (Generic Plumbing Valve) and 6.53 (TV Lift). VALVE_COMMAND
and TV_LIFT_COMMAND have default priority 3 (0x0C000000). % is 0.5 %/bit.
"""

from __future__ import annotations

from custom_components.rvc.protocol import RvcSpec, encode

from .dbc_file_checks import assert_commands_round_trip, assert_file_loads, decode


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_loads(
        spec,
        "plumbing.dbc",
        {
            "AUTOFILL_STATUS": 0x1FFB1,
            "AUTOFILL_COMMAND": 0x1FFB0,
            "WASTEDUMP_STATUS": 0x1FFAF,
            "WASTEDUMP_COMMAND": 0x1FFAE,
            "VALVE_STATUS": 0x1FDE5,
            "VALVE_COMMAND": 0x1FDE4,
        },
    )
    assert_file_loads(
        spec, "tv_lift.dbc", {"TV_LIFT_STATUS": 0x1FDC4, "TV_LIFT_COMMAND": 0x1FDC3}
    )


def test_every_command_round_trips(spec: RvcSpec) -> None:
    assert_commands_round_trip(spec, "plumbing.dbc")
    assert_commands_round_trip(spec, "tv_lift.dbc")


def test_autofill(spec: RvcSpec) -> None:
    # Table 6.30.2b, from 0x80 (128). 0b0000_01_01: on, valve open, running.
    assert decode(spec, 0x19FFB180, "05FFFFFFFFFFFFFF") == {
        "operating_status": "on",
        "valve_status": "open",
        "last_operation": "running",
    }
    # 0b0001_00_00: off, closed, the last fill succeeded.
    assert (
        decode(spec, 0x19FFB180, "10FFFFFFFFFFFFFF")["last_operation"] == "successful"
    )
    # Table 6.30.3b: start (01b), valve left alone (11b): 0xFD.
    frame = encode(spec, "AUTOFILL_COMMAND", {"command": "start"}, source=1)
    assert frame.arbitration_id == 0x19FFB001
    assert frame.data.hex().upper() == "FDFFFFFFFFFFFFFF"


def test_wastedump_status(spec: RvcSpec) -> None:
    # Table 6.31.2b, from 0x81 (129). Byte 0 0b11_00_00_01: black open, gray
    # closed, no safety lock. Hose 0xC8 = 100 %, still. Byte 3 0b01_00_00_00:
    # gray additive delivered, black required. Byte 4 0x01: black automatic,
    # gray manual. Black dumps at 0x96 = 75 %; gray n/a; additive 0x64 = 50 %.
    assert decode(spec, 0x19FFAF81, "C1C800400196FF64") == {
        "black_valve_status": "open",
        "gray_valve_status": "closed",
        "safety_lock": "off",
        "sewer_hose_position": 100.0,
        "sewer_hose_motion": "no_motion",
        "black_flush_status": "closed",
        "gray_flush_status": "closed",
        "black_tank_additive": "required",
        "gray_tank_additive": "delivered",
        "black_automatic_dumping_mode": "automatic",
        "gray_automatic_dumping_mode": "manual",
        "black_automatic_dumping_level": 75.0,
        "gray_automatic_dumping_level": None,
        "additive_reservoir_level": 50.0,
    }


def test_wastedump_command(spec: RvcSpec) -> None:
    # Table 6.31.3b: open the black dump valve (1), nothing else.
    frame = encode(
        spec, "WASTEDUMP_COMMAND", {"black_tank_command": "open_valve"}, source=1
    )
    assert frame.arbitration_id == 0x19FFAE01
    assert frame.data.hex().upper() == "01FFFFFFFFFFFFFF"
    assert decode(spec, 0x19FFAE01, "FF030100FFFFFFFF") == {
        "black_tank_command": None,
        "gray_tank_command": "start_flush",
        "hose_extension_command": "extend",
        "black_autodump_command": "end",
        "gray_autodump_command": None,
        "black_autodump_level": None,
        "gray_autodump_level": None,
    }


def test_valve(spec: RvcSpec) -> None:
    # Table 6.51.2b, from 0x94 (148): valve 1 still, 0xC8 = 100 % open,
    # 350000 Pa / 100 = 3500 = 0x0DAC -> AC 0D.
    assert decode(spec, 0x19FDE594, "0100C8AC0DFFFFFF") == {
        "instance": 1,
        "motion": "no_motion",
        "position": 100.0,
        "pressure": 350000,
    }
    # Table 6.51.3b: open valve 1 fully (0xC8).
    frame = encode(
        spec,
        "VALVE_COMMAND",
        {"instance": 1, "move_to_position": 100},
        source=1,
        priority=3,
    )
    assert frame.arbitration_id == 0x0DFDE401
    assert frame.data.hex().upper() == "01C8FFFFFFFFFFFF"


def test_tv_lift_status(spec: RvcSpec) -> None:
    # Table 6.53.2b, from 0x76 (118): lift 1 deploying at 0x64 = 50 %; byte 3
    # 0xC0: no lock, no brake; byte 4 0x00: nothing locks it out; byte 5
    # 0x01: stores itself when the park brake is released; byte 6 0xF0:
    # between its limit switches.
    assert decode(spec, 0x19FDC476, "010164C00001F0FF") == {
        "instance": 1,
        "motion": "deploying",
        "position": 50.0,
        "mechanical_lock_status": "unlocked",
        "user_lock_status": "unlocked",
        "brake_status": "released",
        "parked_status": "may_move",
        "ignition_key": "may_move",
        "low_voltage": "may_move",
        "generic_lock": "may_move",
        "auto_retraction_on_park_brake_release": "enabled",
        "auto_retraction_on_ignition": "disabled",
        "overcurrent_status": "normal",
        "override_status": "inactive",
        "deployment_limit_switch": "not_deployed",
        "storage_limit_switch": "not_stored",
    }


def test_tv_lift_command(spec: RvcSpec) -> None:
    # Table 6.53.3b: deploy lift 1 (repeat every 100 ms); store every lift
    # (instance 0).
    frame = encode(
        spec,
        "TV_LIFT_COMMAND",
        {"instance": 1, "direction_of_movement": "deploy"},
        source=1,
        priority=3,
    )
    assert frame.arbitration_id == 0x0DFDC301
    assert frame.data.hex().upper() == "01FF01FFFFFFFFFF"
    frame = encode(
        spec,
        "TV_LIFT_COMMAND",
        {"instance": 0, "direction_of_movement": "store"},
        source=1,
    )
    assert frame.data.hex().upper() == "00FF02FFFFFFFFFF"


def test_valve_pressure_above_the_old_cap_is_a_number(spec: RvcSpec) -> None:
    # Table 6.51.2b: pressure 100 Pa/bit, 0 to 6 553 200 Pa. 6 500 000 Pa =
    # 65000 = 0xFDE8 -> E8 FD (the old cap was 6 425 500 Pa). Position 0xC8 =
    # 100 %.
    values = decode(spec, 0x19FDE580, "0100C8E8FDFFFFFF")
    assert values["position"] == 100
    assert values["pressure"] == 6500000
