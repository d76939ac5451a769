"""Golden vectors for dbc/broker.dbc: external interface brokers (RV-C 6.44).

Worked out by hand from RV-C (RVIA 2023-11) tables 6.44.1b to 6.44.9b. Byte 2
of the initiator and responder DGNs: connection type (table 6.44b) in bits
0-5, WRV-C compatibility in bits 6-7.
"""

from __future__ import annotations

from custom_components.rvc.protocol import RvcSpec, encode

from .dbc_file_checks import assert_commands_round_trip, assert_file_loads, decode

FILE = "broker.dbc"


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_loads(
        spec,
        FILE,
        {
            "BROKER_STATUS": 0x1FDB6,
            "BROKER_INITIATOR_COMMAND": 0x1FDB5,
            "BROKER_INITIATOR_STATUS": 0x1FDB4,
            "BROKER_RESPONDER_COMMAND": 0x1FDB3,
            "BROKER_RESPONDER_STATUS": 0x1FDB2,
            "BROKER_CONNECTION_COMMAND": 0x1FDB1,
            "BROKER_CONNECTION_STATUS": 0x1FDB0,
            "BROKER_CONNECTION_TEXT_COMMAND": 0x1FDAF,
            "BROKER_CONNECTION_TEXT_STATUS": 0x1FDAE,
        },
    )


def test_every_command_round_trips(spec: RvcSpec) -> None:
    assert_commands_round_trip(spec, FILE)


def test_broker_status(spec: RvcSpec) -> None:
    # From 0x8F (143): broker 1 with 2 paired devices, 1 active.
    assert decode(spec, 0x19FDB68F, "010201FFFFFFFFFF") == {
        "instance": 1,
        "number_paired_devices": 2,
        "number_active_devices": 1,
    }


def test_broker_initiator(spec: RvcSpec) -> None:
    # Connection 3: byte 2 0b01_000001 Bluetooth LE, WRV-C compatible; byte 3
    # 0b1111_01_01: secured, searching; pairing 4: paired.
    assert decode(spec, 0x19FDB48F, "010341F504FFFFFF") == {
        "instance": 1,
        "connection_instance": 3,
        "connection_type": "bluetooth_le",
        "wrvc_compatibility": "compatible",
        "secured_connections": "secured",
        "searching_for_devices": "searching",
        "pairing": "paired",
    }
    frame = encode(
        spec,
        "BROKER_INITIATOR_COMMAND",
        {"instance": 1, "connection_instance": 3, "pairing": "begin"},
        source=1,
    )
    assert frame.arbitration_id == 0x19FDB501
    assert frame.data.hex().upper() == "0103FFFF01FFFFFF"


def test_broker_responder(spec: RvcSpec) -> None:
    # Connection 2 over WiFi (2), not WRV-C; byte 3 0b1111_00_01: visible,
    # unsecured; paired (3); last command 4: made visible.
    assert decode(spec, 0x19FDB28F, "010202F10304FFFF") == {
        "instance": 1,
        "connection_instance": 2,
        "connection_type": "wifi",
        "wrvc_compatibility": "not_compatible",
        "visibility": "visible",
        "secured_connections": "unsecured",
        "pairing": "paired",
        "last_command": "show",
    }
    # Make broker 1 visible: byte 3 0b1111_11_01.
    frame = encode(
        spec,
        "BROKER_RESPONDER_COMMAND",
        {"instance": 1, "visibility": "visible"},
        source=1,
    )
    assert frame.arbitration_id == 0x19FDB301
    assert frame.data.hex().upper() == "01FFFFFDFFFFFFFF"


def test_broker_connection_text(spec: RvcSpec) -> None:
    # A 10-character name in two text frames: "Coach" (43 6F 61 63 68), then
    # "Bus" (42 75 73) and two zeros beyond the end.
    assert decode(spec, 0x19FDB08F, "01030AFFFFFFFFFF") == {
        "instance": 1,
        "connection_instance": 3,
        "text_length": 10,
    }
    assert decode(spec, 0x19FDAE8F, "010300436F616368") == {
        "instance": 1,
        "connection_instance": 3,
        "substring_index": 0,
        "char_1": 0x43,
        "char_2": 0x6F,
        "char_3": 0x61,
        "char_4": 0x63,
        "char_5": 0x68,
    }
    values = decode(spec, 0x19FDAE8F, "0103014275730000")
    assert [values[f"char_{k}"] for k in range(1, 6)] == [0x42, 0x75, 0x73, 0, 0]


def test_broker_device_counts_above_the_old_cap_are_numbers(spec: RvcSpec) -> None:
    # Table 6.44.1b: paired and active device counts are plain uint8 (0-252,
    # table 3.2.3b): 252 = 0xFC, 251 = 0xFB (the old cap was 250).
    assert decode(spec, 0x19FDB680, "01FCFBFFFFFFFFFF") == {
        "instance": 1,
        "number_paired_devices": 252,
        "number_active_devices": 251,
    }
