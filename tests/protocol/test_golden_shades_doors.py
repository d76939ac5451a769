"""Golden vectors for dbc/shades_doors.dbc: window shades, doors and windows.

Worked out by hand from RV-C (RVIA 2023-11) sections 6.39 and 6.40.
Identifiers: priority 6 << 26 | DGN << 8 | source, e.g. 0x19FEDE86 is
WINDOW_SHADE_CONTROL_STATUS (1FEDEh) from 0x86 (134, the shade controller's
default address). % is 0.5 %/bit, uint16 V is 0.05 V/bit (table 5.3).
"""

from __future__ import annotations

from custom_components.rvc.protocol import RvcSpec, encode

from .dbc_file_checks import assert_commands_round_trip, assert_file_loads, decode

FILE = "shades_doors.dbc"


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_loads(
        spec,
        FILE,
        {
            "WINDOW_SHADE_CONTROL_STATUS": 0x1FEDE,
            "WINDOW_SHADE_CONTROL_COMMAND": 0x1FEDF,
            "DOOR_STATUS": 0x1FEE5,
            "DOOR_COMMAND": 0x1FEE4,
            "WINDOW_STATUS": 0x1FEE3,
            "WINDOW_COMMAND": 0x1FEE2,
        },
    )


def test_every_command_round_trips(spec: RvcSpec) -> None:
    assert_commands_round_trip(spec, FILE)


def test_window_shade_control_status(spec: RvcSpec) -> None:
    # Table 6.39.2b. Shade 3 in group 1 (0b01111110 = 0x7E), duty 0xC8 = 200
    # * 0.5 = 100 %; byte 3 0b00_01_01_00: unlocked, motor on, forward on,
    # reverse off; 0x1E = 30 s left; last command 0x81 forward (table 6.39.3c);
    # byte 6 0b11_11_00_00: no overcurrent, no override, disables n/a.
    assert decode(spec, 0x19FEDE86, "037EC8141E81F0FF") == {
        "instance": 3,
        "group": 0x7E,
        "operating_status": 100.0,
        "lock_status": "unlocked",
        "motor_status": "on",
        "forward_status": "on",
        "reverse_status": "off",
        "duration": 30,
        "last_command": "forward",
        "overcurrent_status": "normal",
        "override_status": "inactive",
        "disable1_status": None,
        "disable2_status": None,
    }
    # Duty 0xFF and the 2-bit fields 11b are not available; duration 240
    # (0xF0) is its own code "240 s or more", 0 "expired"; last command 04 stop.
    values = decode(spec, 0x19FEDE86, "03FFFFFFF004FFFF")
    assert values["operating_status"] is None
    assert values["lock_status"] is None
    assert values["duration"] == "240_s_or_more"
    assert values["last_command"] == "stop"
    assert decode(spec, 0x19FEDE86, "03FFFFFF00FFFFFF")["duration"] == "expired"


def test_window_shade_control_command(spec: RvcSpec) -> None:
    # Table 6.39.3b: shade 3, group 0xFF (not a group command), duty 100 %,
    # command 0x41 reverse (close), duration 0x14 = 20 s, interlock byte 0xFF.
    assert decode(spec, 0x19FEDF80, "03FFC84114FFFFFF") == {
        "instance": 3,
        "group": 0xFF,
        "motor_duty": 100.0,
        "command": "reverse",
        "duration": 20,
        "interlock": None,
    }
    # 241 = 5 min, so 0xF5 = 245 = 9 min; 0 momentary.
    assert decode(spec, 0x19FEDF80, "03FFC881F5FFFFFF")["duration"] == "9_min"
    assert decode(spec, 0x19FEDF80, "03FFC88100FFFFFF")["duration"] == "momentary"
    # Stop shade 3 and leave everything else alone: only byte 3 is 0x04.
    frame = encode(
        spec,
        "WINDOW_SHADE_CONTROL_COMMAND",
        {"instance": 3, "command": "stop"},
        source=0x80,
    )
    assert frame.arbitration_id == 0x19FEDF80
    assert frame.data.hex().upper() == "03FFFF04FFFFFFFF"


def test_door_status(spec: RvcSpec) -> None:
    # Table 6.40.2b: driver door (1) from 0x87 (135), byte 1 0b111111_01 locked,
    # no motion, position 0 % (closed), 13.6 V = 272 * 0.05 = 0x0110 -> 10 01.
    assert decode(spec, 0x19FEE587, "01FD00001001FFFF") == {
        "instance": 1,
        "lock_status": "locked",
        "motion": "no_motion",
        "position": 0.0,
        "voltage": 13.6,
    }
    assert decode(spec, 0x19FEE587, "02FF01FFFFFFFFFF") == {
        "instance": 2,
        "lock_status": None,
        "motion": "opening",
        "position": None,
        "voltage": None,
    }


def test_door_command(spec: RvcSpec) -> None:
    # Table 6.40.3b: instance 0 is every lock; lock command 01b in bits 0-1.
    frame = encode(
        spec, "DOOR_COMMAND", {"instance": 0, "lock_command": "lock"}, source=1
    )
    assert frame.arbitration_id == 0x19FEE401
    assert frame.data.hex().upper() == "00FDFFFFFFFFFFFF"
    # Door 1: unlock (0b111111_00) and open (command 1).
    assert decode(spec, 0x19FEE401, "01FC01FFFFFFFFFF") == {
        "instance": 1,
        "lock_command": "unlock",
        "command": "open",
    }


def test_window_status(spec: RvcSpec) -> None:
    # Table 6.40.4b: passenger window (2) from 0x91 (145) closing, at 50 %
    # (0x64 = 100 * 0.5), byte 3 0b111111_00: not locked.
    assert decode(spec, 0x19FEE391, "020264FCFFFFFFFF") == {
        "instance": 2,
        "motion": "closing",
        "position": 50.0,
        "user_lock_status": "unlocked",
    }
    assert decode(spec, 0x19FEE391, "02FFFFFFFFFFFFFF")["position"] is None


def test_window_command(spec: RvcSpec) -> None:
    # Table 6.40.5b: window 2 to 25 % open: 25 / 0.5 = 50 = 0x32 in byte 3.
    frame = encode(
        spec, "WINDOW_COMMAND", {"instance": 2, "automatic_operation": 25}, source=1
    )
    assert frame.arbitration_id == 0x19FEE201
    assert frame.data.hex().upper() == "02FFFF32FFFFFFFF"
    assert decode(spec, 0x19FEE201, "01FD02FFFFFFFFFF") == {
        "instance": 1,
        "lock_command": "lock",
        "manual_operation": "close",
        "automatic_operation": None,
    }
