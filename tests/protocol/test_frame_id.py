"""29-bit identifiers: PDU1 and PDU2 DGNs, priority and source address."""

from __future__ import annotations

from hypothesis import given, strategies as st
import pytest

from custom_components.rvc.protocol import FrameId, build_frame_id, parse_frame_id


def test_pdu2_dgn_keeps_its_low_byte() -> None:
    assert parse_frame_id(0x19FEDA43) == FrameId(6, 0x1FEDA, 0x43, 0xFF)
    assert build_frame_id(0x1FEDA, 0x43) == 0x19FEDA43


def test_pdu1_dgn_low_byte_is_the_destination() -> None:
    # ISO request from 0x80 to node 0x42: DGN 0EA00, destination 0x42.
    assert parse_frame_id(0x18EA4280) == FrameId(6, 0x0EA00, 0x80, 0x42)
    assert build_frame_id(0x0EA00, 0x80, destination=0x42) == 0x18EA4280
    assert build_frame_id(0x0EA00, 0x80) == 0x18EAFF80


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"dgn": 0x20000, "source": 1}, "DGN"),
        ({"dgn": 0x1FEDA, "source": 256}, "source address"),
        ({"dgn": 0x1FEDA, "source": 1, "priority": 8}, "priority"),
        ({"dgn": 0x0EA00, "source": 1, "destination": 300}, "destination"),
    ],
)
def test_out_of_range_parts_are_refused(kwargs: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build_frame_id(**kwargs)


@given(
    priority=st.integers(0, 7),
    dgn=st.integers(0, 0x1FFFF),
    source=st.integers(0, 255),
    destination=st.integers(0, 255),
)
def test_round_trip(priority: int, dgn: int, source: int, destination: int) -> None:
    frame_id = build_frame_id(dgn, source, priority=priority, destination=destination)
    parts = parse_frame_id(frame_id)
    assert (parts.priority, parts.source) == (priority, source)
    if (dgn >> 8) & 0xFF < 0xF0:
        assert parts.dgn == dgn & 0x1FF00
        assert parts.destination == destination
    else:
        assert parts.dgn == dgn
        assert parts.destination == 0xFF
