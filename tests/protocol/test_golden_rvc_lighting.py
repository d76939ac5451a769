"""Golden vectors for the lighting DGNs of rvc.dbc (RV-C 2023-11, 6.23, 6.24).

DC_DIMMER_STATUS_3 / DC_DIMMER_COMMAND_2 (tables 6.24.4b, 6.24.6b) and
DC_LOAD_STATUS / DC_LOAD_COMMAND (tables 6.23.2a, 6.23.4b). Worked out by hand;
% is 0.5 %/bit and uint16 A 0.05 A/bit - 1600 (table 5.3); the commands'
hex codes (table 6.24.6c: "11" is 0x11 = 17) are kept as hex.
"""

from __future__ import annotations

import pytest

from custom_components.rvc.protocol import (
    ERROR,
    Decoder,
    FieldValueError,
    RvcSpec,
    encode,
)

from .dbc_group import decode


def test_dc_dimmer_status_3(spec: RvcSpec) -> None:
    # Table 6.24.4b. Priority 6, DGN 1FEDA, source 0x43. Instance 12, group 0,
    # brightness 0x64 = 100 * 0.5 = 50 %; byte 3 0b11_00_01_00: lock 0
    # unlocked, overcurrent 1, override 0, enable 3 (n/a); delay 0xFF "no
    # delay/duration active"; last command 0 (set level); byte 6 0b11_11_01_00:
    # interlock inactive, load on, bits 4-5 unused, undercurrent 11b n/a;
    # master memory 0xFF n/a.
    record = Decoder(spec).decode(0x19FEDA43, bytes.fromhex("0C0064C4FF00F4FF"))
    assert record is not None
    assert (record.name, record.dgn, record.source, record.instance) == (
        "DC_DIMMER_STATUS_3",
        0x1FEDA,
        0x43,
        12,
    )
    assert record.values == {
        "instance": 12,
        "group": 0,
        "brightness": 50.0,
        "lock_status": "unlocked",
        "overcurrent_status": "overcurrent",
        "override_status": "inactive",
        "enable_status": None,
        "delay_duration": "none",
        "last_command": "set_level",
        "interlock_status": "inactive",
        "load_status": "on",
        "undercurrent": None,
        "master_memory_value": None,
    }


@pytest.mark.parametrize(
    ("byte", "brightness"),
    [
        ("00", 0.0),
        ("C8", 100.0),  # 200 * 0.5
        ("FA", 125.0),  # 250: the top of table 5.3's % range
        ("FB", "changing"),  # 251: value is changing (ramp), table 6.24.4b
        ("FC", "flashing"),  # 252: output is flashing
        ("FD", ERROR),  # 253: uint8 reserved, table 3.2.3b
        ("FE", ERROR),  # 254: uint8 out of range
        ("FF", None),  # 255: not available
    ],
)
def test_dc_dimmer_status_3_brightness_codes(
    spec: RvcSpec, byte: str, brightness: object
) -> None:
    assert decode(spec, 0x19FEDA43, f"0100{byte}FFFFFFFFFF")["brightness"] == (
        brightness
    )


@pytest.mark.parametrize(
    ("byte", "delay"),
    [
        ("00", "expired"),  # 0: delay/duration has expired, table 6.24.4b
        ("01", 1),
        ("EF", 239),
        ("F0", "240_s_or_more"),  # 240: 240 s or more remaining
        ("F5", ERROR),  # 245: above the 240 s maximum, below the type codes
        ("FC", "flashing"),  # 252: output is flashing
        ("FD", "more_than_240_s"),  # 253: the field's own "out of range"
        ("FE", ERROR),  # 254: uint8 out of range
        ("FF", "none"),  # 255: no delay/duration active
    ],
)
def test_dc_dimmer_status_3_delay_codes(
    spec: RvcSpec, byte: str, delay: object
) -> None:
    assert decode(spec, 0x19FEDA43, f"0100FFFF{byte}FFFFFF")["delay_duration"] == (
        delay
    )


def test_dc_dimmer_status_3_narrow_fields_and_instances(spec: RvcSpec) -> None:
    # Byte 3 0b11_11_11_10: lock status 10b is the uint2 error code.
    values = decode(spec, 0x19FEDA43, "0100FFFEFFFFFFFF")
    assert values["lock_status"] is ERROR
    assert values["overcurrent_status"] is None
    # Byte 6 0b01_11_01_00: undercurrent active; byte 7 0x50: master memory 40 %.
    values = decode(spec, 0x19FEDA43, "0100FFFFFFFF7450")
    assert values["undercurrent"] == "active"
    assert values["master_memory_value"] == 40.0
    # Instance 0 is invalid and 251-254 are outside 1-250: no instance.
    for instance in ("00", "FB", "FE"):
        record = Decoder(spec).decode(
            0x19FEDA43, bytes.fromhex(f"{instance}00FFFFFFFFFFFF")
        )
        assert record is not None
        assert record.values["instance"] is ERROR
        assert record.instance is None


def test_dc_dimmer_command_2(spec: RvcSpec) -> None:
    # Instance 7 to 75 % (0x96 = 150 half-percent) over a 5 s ramp: command
    # 17 (0x11) ramp brightness, delay 5; group, interlock and reserved all ones.
    frame = encode(
        spec,
        "DC_DIMMER_COMMAND_2",
        {
            "instance": 7,
            "desired_level": 75,
            "command": "ramp_brightness",
            "delay_duration": 5,
        },
        source=0x80,
    )
    assert frame.arbitration_id == 0x19FEDB80
    assert frame.data.hex().upper() == "07FF961105FFFFFF"
    # Off (command 3) leaves the level as "no change".
    frame = encode(
        spec, "DC_DIMMER_COMMAND_2", {"instance": 7, "command": "off_delay"}, source=1
    )
    assert frame.data.hex().upper() == "07FFFF03FFFFFFFF"
    assert decode(spec, 0x19FEDB80, "07FF961105FFFFFF") == {
        "instance": 7,
        "group": 255,
        "desired_level": 75.0,
        "command": "ramp_brightness",
        "delay_duration": 5,
        "interlock": None,
        "ramp_time": None,
    }


@pytest.mark.parametrize(
    ("data", "field", "expected"),
    [
        # Table 6.24.6b, desired level: 230-249 scene 1-20 memory, 250 the
        # dimmed memory, 251 the master memory. Below them, table 5.3 %:
        # 201 (0xC9) = 100.5 %, 229 (0xE5) = 114.5 %; 252 is past both.
        ("01FFE6", "desired_level", "scene_1_memory"),
        ("01FFF9", "desired_level", "scene_20_memory"),
        ("01FFFA", "desired_level", "dimmed_memory"),
        ("01FFFB", "desired_level", "master_memory"),
        ("01FFC9", "desired_level", 100.5),
        ("01FFE5", "desired_level", 114.5),
        ("01FFFC", "desired_level", ERROR),
        # Table 6.24.6c: 07 save scene, 16 (hex) ramp up/down toggle.
        ("01FFFF07", "command", "save_scene"),
        ("01FFFF16", "command", "ramp_up_down_toggle"),
        ("01FFFF32", "command", "flash_momentarily"),
        # Delay/duration: 241 = 5 min ... 250 = 14 min; 251-252 undefined.
        ("01FFFFFFF1", "delay_duration", "5_minutes"),
        ("01FFFFFFFA", "delay_duration", "14_minutes"),
        ("01FFFFFFFB", "delay_duration", ERROR),
        ("01FFFFFFF0", "delay_duration", 240),
        # Byte 5 bits 0-1: 10b is interlock B (the field's own code).
        ("01FFFFFFFFFE", "interlock", "interlock_b"),
        # Ramp time 0.1 s per bit: 0x7D = 125 -> 12.5 s; 0xFB outside 0-25 s.
        ("01FFFFFFFFFF7D", "ramp_time", 12.5),
        ("01FFFFFFFFFFFB", "ramp_time", ERROR),
    ],
)
def test_dc_dimmer_command_2_codes(
    spec: RvcSpec, data: str, field: str, expected: object
) -> None:
    assert decode(spec, 0x19FEDB80, data.ljust(16, "F"))[field] == expected


def test_dc_load_command_minutes_are_not_seconds(spec: RvcSpec) -> None:
    # The frame of issue 13: DC_LOAD_COMMAND from 0xE7, instance
    # FFh (all loads in the groups), group 0xB9, level 0x2A = 21 %, byte 3
    # 0xF0 automatic / no interlock / driver n/a, command 04 stop, delay 0xF5
    # = 245: 241 is 5 minutes, so 9 minutes (table 6.23.4b), never 245 s.
    values = decode(spec, 0x19FFBCE7, "FFB92AF004F5FFFF")
    assert values["delay_duration"] == "9_minutes"
    assert values["command"] == "stop"
    assert values["desired_level"] == 21.0
    # Desired level 250 toggles, 251 is the master memory.
    assert decode(spec, 0x19FFBCE7, "01FFFAFFFFFFFFFF")["desired_level"] == "toggle"
    assert decode(spec, 0x19FFBCE7, "01FFFBFFFFFFFFFF")["desired_level"] == (
        "master_memory"
    )


def test_dc_load_status(spec: RvcSpec) -> None:
    # Table 6.23.2a. Load 3 in group 1 (0b0111_1110 = 0x7E), 100 % (0xC8);
    # byte 3 0b0101_01_01: manual, dimmable, shedding priority 5; delay 0xF3
    # = 243 = 7 minutes (241 is 5); demanded 10 A (0x0A); present 2.5 A:
    # (2.5 + 1600) / 0.05 = 32050 = 0x7D32 -> 32 7D.
    assert decode(spec, 0x19FFBD45, "037EC855F30A327D") == {
        "instance": 3,
        "group": 0x7E,
        "operating_status": 100.0,
        "operating_mode": "manual",
        "variable_level": "variable",
        "priority": 5,
        "delay": "7_minutes",
        "demanded_current": 10,
        "present_current": 2.5,
    }
    # 252 = load delay active; byte 3 0b1110_00_00: priority 1110b is the
    # uint4 error code; delay 0xFF n/a; demanded current 0xFB = 251 A is
    # above table 5.3's 250 A; present current 0xFFFE is "out of range".
    values = decode(spec, 0x19FFBD45, "037EFCE0FFFBFEFF")
    assert values["operating_status"] == "delay_active"
    assert (values["operating_mode"], values["variable_level"]) == (
        "automatic",
        "not_variable",
    )
    assert values["priority"] is ERROR
    assert values["delay"] is None
    assert values["demanded_current"] is ERROR
    assert values["present_current"] is ERROR


def test_dc_load_command(spec: RvcSpec) -> None:
    # Table 6.23.4b. Load 1 to 50 % (0x64), group n/a; byte 3 0b0010_10_01:
    # manual, interlock bit 1 (B), drive high (2); command 01 on (duration)
    # for 241 = 5 minutes.
    values = {
        "instance": 1,
        "desired_level": 50.0,
        "desired_operating_mode": "manual",
        "interlock": "interlock_b",
        "driver_direction": "drive_high",
        "command": "on_duration",
        "delay_duration": "5_minutes",
    }
    frame = encode(spec, "DC_LOAD_COMMAND", values, source=0x80)
    assert frame.arbitration_id == 0x19FFBC80
    assert frame.data.hex().upper() == "01FF642901F1FFFF"
    assert decode(spec, 0x19FFBC80, "01FF642901F1FFFF") == {"group": 255, **values}


def test_dc_load_command_level_reaches_the_codes(spec: RvcSpec) -> None:
    # Table 6.23.4b: desired level is table 5.3 % below its codes 250-251, so
    # 249 (0xF9) is 124.5 %, sendable; 125 % would be raw 250, "toggle".
    assert decode(spec, 0x19FFBCE7, "01FFF9FFFFFFFFFF")["desired_level"] == 124.5
    frame = encode(spec, "DC_LOAD_COMMAND", {"desired_level": 124.5}, source=1)
    assert frame.data[2] == 0xF9
    with pytest.raises(FieldValueError, match=r"0 to 124\.5 %"):
        encode(spec, "DC_LOAD_COMMAND", {"desired_level": 125}, source=1)


def test_dc_load_command_driver_direction(spec: RvcSpec) -> None:
    # Table 6.23.4b defines only 1 drive low and 2 drive high; byte 3 high
    # nibble 0 (0x0F) is no code, 1111b (0xFF) not available.
    assert decode(spec, 0x19FFBCE7, "01FFFF1FFFFFFFFF")["driver_direction"] == (
        "drive_low"
    )
    assert decode(spec, 0x19FFBCE7, "01FFFF0FFFFFFFFF")["driver_direction"] is ERROR
    assert decode(spec, 0x19FFBCE7, "01FFFFFFFFFFFFFF")["driver_direction"] is None
