"""Multi-packet (J1939 BAM) reassembly through the decoder."""

from __future__ import annotations

from custom_components.rvc.protocol import BamReassembler, Decoder, RvcSpec
from custom_components.rvc.protocol.faults import FaultTracker, faults_of

PRODUCT = b"Acme*Dimmer 8*SN-0042*7*"  # 24 bytes: 4 packets of 7


def announcement(size: int, packets: int, dgn: int = 0x0FEEB) -> bytes:
    return bytes([32, size & 0xFF, size >> 8, packets, 0xFF]) + dgn.to_bytes(
        3, "little"
    )


def packets(payload: bytes) -> list[bytes]:
    chunks = [payload[i : i + 7] for i in range(0, len(payload), 7)]
    return [bytes([n + 1]) + chunk.ljust(7, b"\xff") for n, chunk in enumerate(chunks)]


def tp_cm(source: int) -> int:
    return 0x1CECFF00 | source


def tp_dt(source: int) -> int:
    return 0x1CEBFF00 | source


def feed(decoder: Decoder, frames: list[tuple[int, bytes, float]]) -> list[object]:
    records = []
    for arbitration_id, data, timestamp in frames:
        record = decoder.decode(arbitration_id, data, timestamp)
        if record is not None:
            records.append(record)
    return records


def test_in_order(spec: RvcSpec) -> None:
    decoder = Decoder(spec)
    frames = [(tp_cm(0x42), announcement(24, 4), 0.0)]
    frames += [(tp_dt(0x42), p, 0.01 * n) for n, p in enumerate(packets(PRODUCT))]
    (record,) = feed(decoder, frames)
    assert record.name == "PRODUCT_IDENTIFICATION"
    assert record.source == 0x42
    assert dict(record.values) == {
        "make": "Acme",
        "model": "Dimmer 8",
        "serial_number": "SN-0042",
        "unit_number": "7",
    }
    assert decoder.reassembler.stats.completed == 1
    assert decoder.stats.transport == 5
    assert decoder.reassembler.active_sessions == 0


def test_missing_packet_drops_the_session(spec: RvcSpec) -> None:
    decoder = Decoder(spec)
    data = packets(PRODUCT)
    frames = [(tp_cm(0x42), announcement(24, 4), 0.0)]
    frames += [(tp_dt(0x42), p, 0.01) for p in (data[0], data[2], data[3])]
    assert feed(decoder, frames) == []
    stats = decoder.reassembler.stats
    assert stats.missing_packet == 1
    assert stats.orphan_packet == 1  # packet 4 after the session was dropped
    assert decoder.reassembler.active_sessions == 0


def test_duplicate_packet_is_ignored(spec: RvcSpec) -> None:
    decoder = Decoder(spec)
    data = packets(PRODUCT)
    frames = [(tp_cm(0x42), announcement(24, 4), 0.0)]
    frames += [
        (tp_dt(0x42), p, 0.01) for p in (data[0], data[1], data[1], data[2], data[3])
    ]
    (record,) = feed(decoder, frames)
    assert record.values["serial_number"] == "SN-0042"
    assert decoder.reassembler.stats.duplicate_packet == 1


def test_timeout_between_packets(spec: RvcSpec) -> None:
    decoder = Decoder(spec)
    data = packets(PRODUCT)
    frames = [(tp_cm(0x42), announcement(24, 4), 0.0), (tp_dt(0x42), data[0], 0.1)]
    frames += [(tp_dt(0x42), p, 1.0) for p in data[1:]]  # 0.9 s gap > 0.75 s
    assert feed(decoder, frames) == []
    assert decoder.reassembler.stats.timed_out == 1


def test_interleaved_senders(spec: RvcSpec) -> None:
    decoder = Decoder(spec)
    other = b"Other Co*Tank Sensor*77*1*"  # 26 bytes: 4 packets
    a, b = packets(PRODUCT), packets(other)
    frames = [
        (tp_cm(0x42), announcement(24, 4), 0.0),
        (tp_cm(0x51), announcement(26, 4), 0.0),
    ]
    for pa, pb in zip(a, b, strict=True):
        frames += [(tp_dt(0x51), pb, 0.01), (tp_dt(0x42), pa, 0.01)]
    records = feed(decoder, frames)
    assert {(r.source, r.values["make"]) for r in records} == {
        (0x42, "Acme"),
        (0x51, "Other Co"),
    }


def test_new_announcement_replaces_the_old_session(spec: RvcSpec) -> None:
    decoder = Decoder(spec)
    data = packets(PRODUCT)
    frames = [
        (tp_cm(0x42), announcement(24, 4), 0.0),
        (tp_dt(0x42), data[0], 0.01),
        (tp_cm(0x42), announcement(24, 4), 0.02),
    ]
    frames += [(tp_dt(0x42), p, 0.03) for p in data]
    assert len(feed(decoder, frames)) == 1
    assert decoder.reassembler.stats.replaced == 1


def test_bounds_on_size_packet_count_and_sessions() -> None:
    reassembler = BamReassembler(max_size=100, max_sessions=2)
    reassembler.announce(1, 0x0FEEB, 200, 29, 0.0)  # over the size bound
    reassembler.announce(1, 0x0FEEB, 24, 9, 0.0)  # wrong packet count
    reassembler.announce(1, 0x0FEEB, 8, 2, 0.0)  # fits one frame: not BAM
    assert reassembler.stats.rejected == 3
    for source in (1, 2, 3):
        reassembler.announce(source, 0x0FEEB, 24, 4, 0.0)
    assert reassembler.active_sessions == 2
    assert reassembler.stats.rejected == 4
    reassembler.expire(10.0)
    assert reassembler.active_sessions == 0
    assert reassembler.stats.timed_out == 2


def test_long_dm_rv_decodes_its_first_fault(spec: RvcSpec) -> None:
    decoder = Decoder(spec)
    payload = bytes.fromhex("05FF3579A401FFFF") + bytes.fromhex("0102030405060708")
    frames = [(tp_cm(0x47), announcement(16, 3, dgn=0x1FECA), 0.0)]
    frames += [(tp_dt(0x47), p, 0.01) for p in packets(payload)]
    (record,) = feed(decoder, frames)
    assert record.name == "DM_RV"
    assert record.values["spn"] == 0x1ABCD


def fault_group(spn: int, fmi: int, occurrence: int) -> bytes:
    """One fault of a multi-packet DM_RV (RV-C table 3.2.5.10): five bytes."""
    lsb_fmi = (spn & 0x07) << 5 | fmi
    return bytes([spn >> 11, (spn >> 3) & 0xFF, lsb_fmi, 0x80 | occurrence, 0xFF])


# Operating status on and active, yellow lamp on; DSA 0x48; three faults.
THREE_FAULTS = (
    bytes([0x15, 0x48])
    + fault_group(520, 4, 1)
    + fault_group(96, 1, 3)
    + fault_group(0x1ABCD, 12, 0x7F)
)


def long_dm_rv(source: int, payload: bytes) -> list[tuple[int, bytes]]:
    """The TP.CM BAM announcement and TP.DT packets of a long DM_RV."""
    data = packets(payload)
    announced = announcement(len(payload), len(data), dgn=0x1FECA)
    return [(tp_cm(source), announced)] + [(tp_dt(source), p) for p in data]


def test_long_dm_rv_decodes_every_fault(spec: RvcSpec) -> None:
    decoder = Decoder(spec)
    frames = [
        (*frame, 0.01 * n) for n, frame in enumerate(long_dm_rv(0x47, THREE_FAULTS))
    ]
    (record,) = feed(decoder, frames)
    faults = faults_of(record)
    assert [(f.code, f.occurrence_count, f.yellow_lamp) for f in faults] == [
        ("SPN 520 FMI 4", 1, True),
        ("SPN 96 FMI 1", 3, True),
        ("SPN 109517 FMI 12", None, True),
    ]
    tracker = FaultTracker()
    appeared, _cleared = tracker.update(record, 0.0)
    assert appeared == tracker.active == faults


def test_unknown_transported_dgn_is_counted(spec: RvcSpec) -> None:
    decoder = Decoder(spec)
    frames = [(tp_cm(0x47), announcement(9, 2, dgn=0x1FDA0), 0.0)]
    frames += [(tp_dt(0x47), p, 0.01) for p in packets(bytes(9))]
    assert feed(decoder, frames) == []
    assert decoder.stats.unknown == 1


def test_short_product_identification_in_one_frame(spec: RvcSpec) -> None:
    record = Decoder(spec).decode(0x18FEEB42, b"A*B*C*D*")
    assert record is not None
    assert dict(record.values) == {
        "make": "A",
        "model": "B",
        "serial_number": "C",
        "unit_number": "D",
    }
