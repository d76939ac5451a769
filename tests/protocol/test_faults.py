"""Fault tracking from DM_RV: appear, repeat, clear, expire, bounded."""

from __future__ import annotations

from custom_components.rvc.protocol import RvcRecord
from custom_components.rvc.protocol.faults import (
    FAULT_EXPIRY,
    MAX_FAULTS_PER_NODE,
    FaultTracker,
    fault_of,
)

from .test_transport import fault_group


def dm_rv(spn: int, fmi: int, payload: bytes | None = None) -> RvcRecord:
    """A DM_RV from node 0x48 as the decoder makes it."""
    values = {"spn": spn, "fmi": fmi}
    return RvcRecord("DM_RV", 0x1FECA, 0x48, None, values, 6, 0xFF, payload)


def test_no_fault_values() -> None:
    assert fault_of({"spn": 0, "fmi": 0}) is None
    assert fault_of({"spn": 0x7FFFF, "fmi": 31}) is None
    assert fault_of({"spn": None, "fmi": 3}) is None
    fault = fault_of({"spn": 5, "fmi": 3, "occurrence_count": 0x7F})
    assert fault is not None
    assert fault.occurrence_count is None  # 127: not available


def test_tracker_appears_repeats_and_expires() -> None:
    tracker = FaultTracker()
    appeared, cleared = tracker.update(dm_rv(5, 3), 0.0)
    assert ([f.code for f in appeared], cleared) == (["SPN 5 FMI 3"], [])
    assert tracker.update(dm_rv(5, 3), 10.0) == ([], [])
    tracker.update(dm_rv(6, 1), 20.0)
    assert tracker.expire(10.0 + FAULT_EXPIRY) == []
    assert [f.code for f in tracker.expire(10.1 + FAULT_EXPIRY)] == ["SPN 5 FMI 3"]
    assert [f.code for f in tracker.active] == ["SPN 6 FMI 1"]


def test_tracker_is_bounded() -> None:
    tracker = FaultTracker()
    for spn in range(1, MAX_FAULTS_PER_NODE + 10):
        tracker.update(dm_rv(spn, 1), 0.0)
    assert len(tracker.active) == MAX_FAULTS_PER_NODE
    assert tracker.dropped == 9


def long_dm_rv(*faults: tuple[int, int]) -> RvcRecord:
    """A multi-packet DM_RV listing faults, then a "no fault" group and a part."""
    groups = b"".join(fault_group(spn, fmi, 1) for spn, fmi in faults)
    payload = bytes([0x05, 0x48]) + groups + b"\xff" * 7
    first_spn, first_fmi = faults[0] if faults else (0x7FFFF, 31)
    return dm_rv(first_spn, first_fmi, payload)


def test_a_long_dm_rv_is_the_whole_list() -> None:
    tracker = FaultTracker()
    tracker.update(dm_rv(5, 3), 0.0)
    appeared, cleared = tracker.update(long_dm_rv((6, 1), (7, 2)), 1.0)
    assert [f.code for f in appeared] == ["SPN 6 FMI 1", "SPN 7 FMI 2"]
    assert [f.code for f in cleared] == ["SPN 5 FMI 3"]
    # Faults in turn, single frames, add to the list as before.
    assert [f.code for f in tracker.update(dm_rv(8, 4), 2.0)[0]] == ["SPN 8 FMI 4"]
    assert len(tracker.active) == 3
    _appeared, cleared = tracker.update(long_dm_rv(), 3.0)
    assert (len(cleared), tracker.active) == (3, [])


def test_a_long_dm_rv_is_bounded() -> None:
    tracker = FaultTracker()
    many = [(spn, 1) for spn in range(1, MAX_FAULTS_PER_NODE + 10)]
    appeared, _cleared = tracker.update(long_dm_rv(*many), 0.0)
    assert len(appeared) == len(tracker.active) == MAX_FAULTS_PER_NODE
    assert tracker.dropped == 9
