"""Golden vectors for the network DGNs of rvc.dbc (RV-C 2023-11, section 3).

DM_RV (tables 3.2.5.1b, 3.2.5.5), ISO request (3.2.4.3b), acknowledgment
(3.2.4.4b), transport protocol (3.2.7.1b, 3.2.7.2b), product identification
(3.2.8), address claim (3.3.2b, 3.3.3) and the manufacturer-specific claim
request (3.3.4b). Worked out by hand. PDU1 DGNs (high byte below F0h) carry
the destination in the identifier's DGN-low byte.
"""

from __future__ import annotations

import pytest

from custom_components.rvc.protocol import (
    ERROR,
    Decoder,
    FieldValueError,
    RvcSpec,
    encode,
    encode_bam,
)

from .dbc_group import decode


def test_dm_rv_spn_spans_three_bytes(spec: RvcSpec) -> None:
    # SPN 0x1ABCD: bits 18-11 in byte 2 (0x35), 10-3 in byte 3 (0x79), 2-0 in
    # the top of byte 4 (0b101) with FMI 4 below: 0xA4.
    values = decode(spec, 0x19FECA47, "05FF3579A401FFFF")
    assert values["spn"] == 0x1ABCD
    assert values["fmi"] == 4
    assert values["occurrence_count"] == 1
    assert values["yellow_lamp"] == "off"
    assert values["red_lamp"] == "off"


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("00", "ack"),
        ("01", "nak"),
        ("02", "not_acceptable_from_source"),
        ("03", "conditions_do_not_allow"),
        ("04", "not_formatted_properly"),
        ("05", "parameters_out_of_range"),
        ("06", "needs_password"),
        ("07", "needs_more_time"),
        ("08", "overridden_by_user"),
        ("80", 128),  # 128-254: command-specific, table 7.5
        ("FF", None),
    ],
)
def test_acknowledgment(spec: RvcSpec, code: str, reason: object) -> None:
    # Table 3.2.4.4b: a dimmer node (0x43) answers node 0x42. Identifier:
    # priority 6, DGN E8h with destination 0x42 in the low byte: 0x18E84243.
    # Instance 1, bank 0 (byte 2 low nibble, high nibble unused 0xF), byte 3
    # unused; source address acknowledged 0x80; DGN 1FEDBh LSB first: DB FE 01.
    record = Decoder(spec).decode(0x18E84243, bytes.fromhex(f"{code}01F0FF80DBFE01"))
    assert record is not None
    assert (record.name, record.dgn, record.source, record.destination) == (
        "ACKNOWLEDGMENT",
        0x0E800,
        0x43,
        0x42,
    )
    assert record.values == {
        "acknowledgment_code": reason,
        "instance": 1,
        "instance_bank": 0,
        "acknowledged_source_address": 0x80,
        "acknowledged_dgn": 0x1FEDB,
    }


def test_acknowledgment_sent_globally_by_older_devices(spec: RvcSpec) -> None:
    # 3.2.4.4: legacy devices send DGN-Low FFh. Not multi-instanced: FFh.
    values = decode(spec, 0x18E8FF43, "05FFFFFF80BCFF01")
    assert values["acknowledgment_code"] == "parameters_out_of_range"
    assert values["instance"] is None
    assert values["instance_bank"] is None
    assert values["acknowledged_dgn"] == 0x1FFBC


def test_mfg_specific_claim_request(spec: RvcSpec) -> None:
    # Table 3.3.4b: manufacturer code 0x2A5 = 0b101_0100_0101: low 3 bits
    # 0b101 in byte 0 bits 0-2, high 8 bits 0b0101_0100 = 0x54 in byte 1.
    values = decode(spec, 0x19FED642, "FD54FFFFFFFFFFFF")
    assert (values["manufacturer_code_high"] << 3) | values[
        "manufacturer_code_low"
    ] == 0x2A5


def test_dm_rv_without_fault(spec: RvcSpec) -> None:
    # Table 3.2.5.1b. Byte 0 0b00_01_01_01: on (bits 0-1) and active (bits
    # 2-3, table 3.2.5.2a), yellow lamp on, red off; DSA 0x43 (dimmer); no
    # active fault, so bytes 2-5 are FFh (3.2.5.1); no DSA extension (FFh);
    # bank select n/a (Fh).
    assert decode(spec, 0x19FECA43, "1543FFFFFFFFFFFF") == {
        "operating_status": "on",
        "operating_activity": "active",
        "yellow_lamp": "on",
        "red_lamp": "off",
        "default_source_address": 0x43,
        "spn": 0x7FFFF,
        "fmi": 31,
        "occurrence_count": 127,
        "dsa_extension": 255,
        "bank_select": 15,
    }
    # Byte 0 0b11_11_10_00: off, activity 10b (the uint2 error code).
    values = decode(spec, 0x19FECA43, "F843FFFFFFFFFFFF")
    assert values["operating_status"] == "off"
    assert values["operating_activity"] is ERROR


def test_iso_request(spec: RvcSpec) -> None:
    # Table 3.2.4.3a/b: DGN EAh with the destination (0x43) in DGN-low, so
    # 0x18EA4380 from 0x80; desired DGN 1FEDAh LSB first: DA FE 01. Bytes 3-4
    # (instance, bank) are not modelled: J1939 requests are 3 bytes.
    frame = encode(
        spec, "ISO_REQUEST", {"requested_dgn": 0x1FEDA}, source=0x80, destination=0x43
    )
    assert frame.arbitration_id == 0x18EA4380
    assert frame.data.hex().upper() == "DAFE01"
    record = Decoder(spec).decode(0x18EAFF80, bytes.fromhex("EBFE00"))
    assert record is not None
    assert (record.name, record.destination) == ("ISO_REQUEST", 0xFF)
    assert record.values == {"requested_dgn": 0x0FEEB}


def test_address_claimed(spec: RvcSpec) -> None:
    # Tables 3.3.2b and 3.3.3: DGN EE00h to everyone (FFh), from 0x43. NAME:
    # serial 0x12345 in bits 0-20 (45 23, then 0b0_0001 in byte 2); maker
    # 0x2A5 in bits 21-31: low 3 bits 0b101 atop byte 2 (0xA1), high 8 bits
    # 0x54 in byte 3; node and function instance 0; compatibility byte 5
    # 0x81; byte 6 bit 0 reserved 0; byte 7 0x80: arbitrary address capable.
    assert decode(spec, 0x18EEFF43, "4523A15400810080") == {
        "identity_number": 0x12345,
        "manufacturer_code": 0x2A5,
        "ecu_instance": 0,
        "function_instance": 0,
        "function": 0x81,
        "vehicle_system": 0,
        "vehicle_system_instance": 0,
        "industry_group": 0,
        "arbitrary_address_capable": 1,
    }


def test_product_identification_is_broadcast_in_packets(spec: RvcSpec) -> None:
    # Section 3.2.8: "ACME*QX*1**" (11 bytes) over BAM (3.2.7). TP.CM
    # 0x18ECFF80: 20h, size 11 = 0B 00, 2 packets, FFh, DGN FEEBh LSB first
    # (EB FE 00). TP.DT 0x18EBFF80: packet 1 "ACME*QX", packet 2 "*1**"
    # padded with FFh.
    frames = encode_bam(spec, 0x0FEEB, b"ACME*QX*1**", source=0x80)
    assert [(hex(f.arbitration_id), f.data.hex().upper()) for f in frames] == [
        ("0x18ecff80", "200B0002FFEBFE00"),
        ("0x18ebff80", "0141434D452A5158"),
        ("0x18ebff80", "022A312A2AFFFFFF"),
    ]
    decoder = Decoder(spec)
    records = [decoder.decode(f.arbitration_id, f.data) for f in frames]
    assert records[:2] == [None, None]
    record = records[2]
    assert record is not None
    assert record.name == "PRODUCT_IDENTIFICATION"
    assert record.payload == b"ACME*QX*1**"


def test_transport_protocol_ranges(spec: RvcSpec) -> None:
    # Table 3.2.7.1b: a message is 0-1785 bytes; table 3.2.7.2b: packets are
    # numbered 1-255.
    frame = encode(
        spec,
        "TP_CM",
        {
            "control": "bam",
            "total_size": 1785,
            "total_packets": 255,
            "transported_dgn": 0x0FEEB,
        },
        source=0x80,
    )
    assert frame.data.hex().upper() == "20F906FFFFEBFE00"
    with pytest.raises(FieldValueError, match="0 to 1785"):
        encode(spec, "TP_CM", {"control": "bam", "total_size": 1786}, source=0x80)
    with pytest.raises(FieldValueError, match="1 to 255"):
        encode(spec, "TP_DT", {"sequence_number": 0}, source=0x80)
