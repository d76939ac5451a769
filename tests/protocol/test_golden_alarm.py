"""Golden vectors for dbc/alarm.dbc: generic alarms (RV-C 6.47).

Worked out by hand from RV-C (RVIA 2023-11) tables 6.47.1b and 6.47.2b.
"""

from __future__ import annotations

from custom_components.rvc.protocol import RvcSpec, encode

from .dbc_file_checks import assert_commands_round_trip, assert_file_loads, decode

FILE = "alarm.dbc"


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_loads(
        spec, FILE, {"GENERIC_ALARM_STATUS": 0x1FE9F, "GENERIC_ALARM_COMMAND": 0x1FE9E}
    )


def test_every_command_round_trips(spec: RvcSpec) -> None:
    assert_commands_round_trip(spec, FILE)


def test_generic_alarm_status(spec: RvcSpec) -> None:
    # From 0x90 (144): alarm 1 of the refrigerator function (DSA 107 = 0x6B).
    # Byte 2 0b01_00_01_01: triggered, monitored, not acknowledged, re-arms
    # itself. Triggered for 12 min (0x000C). Device instance n/a. Byte 6
    # 0b11_01_01_00: log it and tell the user.
    assert decode(spec, 0x19FE9F90, "016B450C00FFD4FF") == {
        "instance": 1,
        "dsa": 107,
        "alarm_triggered": "triggered",
        "alarm_ready": "monitored",
        "alarm_acknowledged": "not_acknowledged",
        "automatic_reset": "enabled",
        "elapsed_time": 12,
        "device_instance": None,
        "full_time_monitoring_required": "not_required",
        "alarm_for_logging": "log",
        "alarm_for_user_notification": "notify",
    }


def test_generic_alarm_command(spec: RvcSpec) -> None:
    # Acknowledge it: byte 2 0b11_01_11_11 (bits 0-1 reserved, always 11b).
    frame = encode(
        spec,
        "GENERIC_ALARM_COMMAND",
        {"instance": 1, "dsa": 107, "acknowledge_alarm": "acknowledge"},
        source=1,
    )
    assert frame.arbitration_id == 0x19FE9E01
    assert frame.data.hex().upper() == "016BDFFFFFFFFFFF"


def test_alarm_status_above_the_old_caps_is_a_number(spec: RvcSpec) -> None:
    # Table 6.47.1b: DSA a plain uint8 (0-252, table 3.2.3b): 252 = 0xFC.
    # Elapsed time uint16 min with no range of its own (0-65532): 65000 =
    # 0xFDE8 -> E8 FD (the old caps were 250 and 64255).
    values = decode(spec, 0x19FE9F80, "01FCFFE8FDFFFFFF")
    assert values["dsa"] == 252
    assert values["elapsed_time"] == 65000
    assert values["device_instance"] is None
