"""Golden vectors for dbc/network.dbc: reset, synchronisation, configuration,
communication and bridged CAN network status (RV-C 6.2, 6.3, 6.6, 6.43).

Worked out by hand from RV-C (RVIA 2023-11) tables 6.2.1b, 6.2.5b, 6.3.2b,
6.6.2b-6.6.4b and 6.43.1b. Identifiers: priority << 26 | DGN << 8 | source, with default
priorities 1 (DEVICE_STATE_SYNCHRONIZATION) and 7 (COMMUNICATION_STATUS_*).
GENERAL_RESET (17F00h) is PDU1: its low DGN byte is the destination.
"""

from __future__ import annotations

from custom_components.rvc.protocol import Decoder, RvcSpec

from .dbc_file_checks import assert_file_loads, decode


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_loads(
        spec,
        "network.dbc",
        {
            "GENERAL_RESET": 0x17F00,
            "DEVICE_STATE_SYNCHRONIZATION": 0x1FDD1,
            "GENERIC_CONFIGURATION_STATUS": 0x1FED8,
            "COMMUNICATION_STATUS_1": 0x1FFFA,
            "COMMUNICATION_STATUS_2": 0x1FFF9,
            "COMMUNICATION_STATUS_3": 0x1FFF8,
            "CAN_BUS_STATUS": 0x1FDE6,
        },
    )


def test_general_reset(spec: RvcSpec) -> None:
    # To node 0x42 from 0x01: 0x197F0000 | 0x42 << 8 | 0x01. Byte 0
    # 0b00_00_00_01: reboot only; byte 1 0xFF: the rest n/a.
    record = Decoder(spec).decode(0x197F4201, bytes.fromhex("01FFFFFFFFFFFFFF"))
    assert record is not None
    assert (record.name, record.dgn) == ("GENERAL_RESET", 0x17F00)
    assert record.values == {
        "reboot": "act",
        "clear_faults": "no_action",
        "reset_to_default_settings": "no_action",
        "reset_statistics": "no_action",
        "test_mode": None,
        "reset_to_oem_settings": None,
        "reboot_to_bootloader": None,
    }


def test_device_state_synchronization(spec: RvcSpec) -> None:
    # Manufacturer 0x123 (11 bits) -> 23 01; payload 7; bytes 3-7 01 02 03 04
    # 05 read little-endian as one 40-bit raw value 0x0504030201.
    assert decode(spec, 0x05FDD142, "2301070102030405") == {
        "manufacturer_code": 0x123,
        "payload_identifier": 7,
        "payload": 0x0504030201,
    }


def test_generic_configuration_status(spec: RvcSpec) -> None:
    # Manufacturer 0x123: byte 0 0x23, byte 1 bits 0-2 = 1; function instance
    # 5 in bits 3-7: 5 << 3 = 0x28, so byte 1 = 0x29. Function 0x80, firmware
    # 10, configuration type 0x000102 (02 01 00), revision 3.
    assert decode(spec, 0x19FED842, "2329800A02010003") == {
        "manufacturer_code": 0x123,
        "function_instance": 5,
        "function": 0x80,
        "firmware_revision": 10,
        "configuration_type": 0x102,
        "configuration_revision": 3,
    }


def test_communication_status(spec: RvcSpec) -> None:
    # 6.6.2b: up 3,600,000 ms = 0x0036EE80 -> 80 EE 36 00; 2 receive errors.
    assert decode(spec, 0x1DFFFA42, "80EE360002000000") == {
        "timer_count": 3600000,
        "receive_error_count": 2,
        "transmit_error_count": 0,
    }
    # 6.6.3b: 1000 = 0x3E8 frames sent, 50000 = 0xC350 received.
    assert decode(spec, 0x1DFFF942, "E803000050C30000") == {
        "transmitted_frames_count": 1000,
        "received_frames_count": 50000,
    }
    # 6.6.4b: 3 transmit frames dropped; bytes 6-7 unused.
    assert decode(spec, 0x1DFFF842, "000000000300FFFF") == {
        "bus_off_error_count": 0,
        "receive_frames_dropped_count": 0,
        "transmit_frames_dropped_count": 3,
    }


def test_can_bus_status(spec: RvcSpec) -> None:
    # Table 6.43.1b, from the bridge at 0xFD (253): network 1, CAN high 0x23
    # = 3.5 V, CAN low 0x0F = 1.5 V, 60.0 ohm = 600 = 0x0258 -> 58 02; byte 5
    # 0x10: RV-C at 250 kbps; byte 6 0b0010_01_00: normal, this bus, two
    # terminators.
    assert decode(spec, 0x19FDE6FD, "01230F58021024FF") == {
        "instance": 1,
        "can_hi_dominant_voltage": 3.5,
        "can_lo_dominant_voltage": 1.5,
        "can_bus_impedance": 60.0,
        "protocol_employed": "rvc",
        "bit_rate_employed": "250_kbps",
        "network_status": "normal",
        "network_location": "local",
        "bus_termination": "valid",
    }


def test_communication_counts_above_the_old_cap_are_numbers(spec: RvcSpec) -> None:
    # Table 6.6.4b: plain uint16 counts, valid 0-65532 (table 3.2.3b): 65000 =
    # 0xFDE8 -> E8 FD; 65532 = 0xFFFC -> FC FF (the old cap was 64255).
    assert decode(spec, 0x1DFFF880, "E8FDFFFFFCFFFFFF") == {
        "bus_off_error_count": 65000,
        "receive_frames_dropped_count": None,
        "transmit_frames_dropped_count": 65532,
    }
