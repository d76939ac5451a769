"""Golden vectors for generic_load.dbc: RV-C 6.22 Generic AC Load, 6.23 Generic DC Load.

Bytes worked out by hand from the official text (RVIA 2023-11). Scaling (table
5.3): % is 0.5/bit; uint16 A is 0.05/bit - 1600; uint8 A and s are 1/bit.
2-bit fields: 00b / 01b as the table names them, 11b not available (None).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .power_dbc import (
    assert_all_ones_not_available,
    assert_file_holds,
    assert_round_trip,
    decode,
)

if TYPE_CHECKING:
    from custom_components.rvc.protocol import RvcSpec

DGNS = {
    "AC_LOAD_STATUS": 0x1FFBF,
    "AC_LOAD_STATUS_2": 0x1FEDD,
    "AC_LOAD_COMMAND": 0x1FFBE,
    "DC_LOAD_STATUS_2": 0x1FEDC,
}


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_holds(spec, "generic_load.dbc", DGNS)


def test_all_ones_is_not_available(spec: RvcSpec) -> None:
    # The group byte is a bitmap: 11111111b is "no group", not "no data".
    assert_all_ones_not_available(
        spec,
        DGNS,
        {("AC_LOAD_STATUS", "group"): 255, ("AC_LOAD_COMMAND", "group"): 255},
    )


def test_ac_load_status(spec: RvcSpec) -> None:
    # Table 6.22.2b, priority 6, source 0x89 (137, the default AC load address).
    # Group 0x7D = 0111_1101b: bit 1 clear, member of group 2 (a bitmap, 125).
    # Level 0xC8 = 200 * 0.5 = 100 %. Byte 3 0b0101_00_01: manual, not
    # variable, priority 5. Delay 0 s, demanded 0x0F = 15 A, present current
    # 0x7DFA = 32250 * 0.05 - 1600 = 12.5 A.
    assert decode(spec, 0x19FFBF89, "037DC851000FFA7D") == {
        "instance": 3,
        "group": 125,
        "operating_status": 100.0,
        "operating_mode": "manual",
        "variable_level": "not_variable",
        "priority": 5,
        "delay": 0,
        "demanded_current": 15,
        "present_current": 12.5,
    }


def test_ac_load_status_own_codes_and_not_available(spec: RvcSpec) -> None:
    # Level 252 (0xFC) is the field's own "load delay active"; delay 0xF3 = 243
    # is the third minute step (241 = 5 min): 7 minutes, not 243 s. Byte 3 and
    # the currents all ones: not available.
    assert decode(spec, 0x19FFBF89, "03FFFCFFF3FFFFFF") == {
        "instance": 3,
        "group": 255,
        "operating_status": "load_delay_active",
        "operating_mode": None,
        "variable_level": None,
        "priority": None,
        "delay": "7_minutes",
        "demanded_current": None,
        "present_current": None,
    }


def test_ac_load_status_2(spec: RvcSpec) -> None:
    # Table 6.22.3b. Byte 1 0b00_11_00_01: locked, not in overcurrent, override
    # 11b not available, enabled. Last command 0x11 ramp brightness (the text
    # numbers commands in hexadecimal, as DC_DIMMER_COMMAND_2 does). Byte 3
    # 0b111111_00: interlock inactive.
    assert decode(spec, 0x19FEDD89, "033111FCFFFFFFFF") == {
        "instance": 3,
        "lock_status": "locked",
        "overcurrent_status": "normal",
        "override_status": None,
        "enable_status": "enabled",
        "last_command": "ramp_brightness",
        "interlock_status": "inactive",
    }


def test_ac_load_command(spec: RvcSpec) -> None:
    # Table 6.22.4b. Instance 3, no group (0xFF), level 0x64 = 100 * 0.5 = 50 %;
    # byte 3 0b1111_00_00: automatic, no interlock, priority not available;
    # command 0 set level, delay 0x1E = 30 s.
    assert decode(spec, 0x19FFBE9F, "03FF64F0001EFFFF") == {
        "instance": 3,
        "group": 255,
        "desired_level": 50.0,
        "desired_operating_mode": "automatic",
        "interlock": "none",
        "priority": None,
        "command": "set_level",
        "delay_duration": 30,
    }


def test_ac_load_command_round_trip(spec: RvcSpec) -> None:
    # Toggle: level 250 (0xFA) is the field's own toggle code, command 0x05;
    # duration 245 (0xF5) is 9 minutes (241 = 5 min). Byte 3 untouched: 0xFF.
    assert_round_trip(
        spec,
        "AC_LOAD_COMMAND",
        {
            "instance": 3,
            "desired_level": "toggle",
            "command": "toggle",
            "delay_duration": "9_minutes",
        },
        "03FFFAFF05F5FFFF",
    )


def test_dc_load_status_2(spec: RvcSpec) -> None:
    # Table 6.23.3b, source 0x92 (146, the default DC load address). Byte 1 0:
    # unlocked, normal, override inactive, enabled. Last command 3 off (delay).
    # Byte 3 0b111111_01: interlock active. Byte 4 low nibble 2: driving high.
    assert decode(spec, 0x19FEDC92, "010003FDF2FFFFFF") == {
        "instance": 1,
        "lock_status": "unlocked",
        "overcurrent_status": "normal",
        "override_status": "inactive",
        "enable_status": "enabled",
        "last_command": "off_delay",
        "interlock_status": "active",
        "driver_direction_status": "driving_high",
    }
    # Last command 0x32 flash momentary; direction nibble 1111b not available.
    values = decode(spec, 0x19FEDC92, "010032FFFFFFFFFF")
    assert values["last_command"] == "flash_momentarily"
    assert values["driver_direction_status"] is None
    assert values["interlock_status"] is None
