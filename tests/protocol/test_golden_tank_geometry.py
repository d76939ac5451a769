"""TANK_GEOMETRY_* and INVERTER_STATISTIC_STATUS: multi-packet DGNs, by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from custom_components.rvc.protocol import ERROR, Decoder, encode_bam
from custom_components.rvc.protocol.tanks import GeometryPoint, geometry_points

if TYPE_CHECKING:
    from custom_components.rvc.protocol import RvcRecord, RvcSpec


def transported(spec: RvcSpec, dgn: int, payload: str) -> RvcRecord:
    decoder = Decoder(spec)
    record = None
    for frame in encode_bam(spec, dgn, bytes.fromhex(payload), source=0x48):
        record = decoder.decode(frame.arbitration_id, frame.data)
    assert record is not None
    return record


def test_tank_geometry_with_three_points(spec: RvcSpec) -> None:
    # Table 6.28.4b: instance 0 (fresh water), 3 entries; points (level,
    # precision, table value LSB first): 0/4 at 0; 2/4 at 0x00C8 = 200;
    # 4/4 at 0x0190 = 400. 14 bytes: multi-packet (DGN 1FFB5h).
    record = transported(spec, 0x1FFB5, "0003" + "000400000204C80004049001")
    assert record.name == "TANK_GEOMETRY_STATUS"
    assert (record.instance, record.values["number_of_entries"]) == (0, 3)
    message = spec.message("TANK_GEOMETRY_STATUS")
    assert geometry_points(message, record) == [
        GeometryPoint(0, 4, 0),
        GeometryPoint(2, 4, 200),
        GeometryPoint(4, 4, 400),
    ]


def test_tank_geometry_in_one_frame_and_special_values(spec: RvcSpec) -> None:
    message = spec.message("TANK_GEOMETRY_STATUS")
    decoder = Decoder(spec)
    # One entry fits one frame: instance 1 (black), level FFh not available,
    # precision FEh out of range (table 3.2.3b), table value FFFFh n/a.
    record = decoder.decode(0x19FFB548, bytes.fromhex("0101FFFEFFFFFFFF"))
    assert record is not None
    assert geometry_points(message, record) == [GeometryPoint(None, ERROR, None)]
    # No entries: no points.
    record = decoder.decode(0x19FFB548, bytes.fromhex("0200FFFFFFFFFFFF"))
    assert record is not None
    assert geometry_points(message, record) == []


def test_inverter_statistics(spec: RvcSpec) -> None:
    # Table 6.19.18b, 19 bytes, 4 frames: instance 1; 5 DC undervoltages,
    # 2 overloads, 0 load-sense engagements; DC voltages 0x0118 = 280 *
    # 0.05 = 14.0 V and 0x012C = 15.0 V; AC input 0x2580 = 9600 * 0.05 = 480 V
    # and 0x28A0 = 520 V; AC output 0x25C0 = 483.2 V and 0xFFFF n/a.
    record = transported(spec, 0x1FFCE, "0105000200000018012C018025A028C025FFFF")
    assert record.name == "INVERTER_STATISTIC_STATUS"
    assert dict(record.values) == {
        "instance": 1,
        "dc_undervoltage_detections": 5,
        "ac_output_overloads": 2,
        "load_sense_engagements": 0,
        "lowest_dc_voltage": 14.0,
        "highest_dc_voltage": 15.0,
        "lowest_ac_input_voltage": 480.0,
        "highest_ac_input_voltage": 520.0,
        "lowest_ac_output_voltage": 483.2,
        "highest_ac_output_voltage": None,
    }
    # A single frame cannot hold it: malformed, not a half record.
    decoder = Decoder(spec)
    assert decoder.decode(0x19FFCE48, bytes.fromhex("0105000200000018")) is None
    assert decoder.stats.malformed == 1
