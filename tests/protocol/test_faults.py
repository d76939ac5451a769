"""Fault tracking from DM_RV: appear, repeat, clear, expire, bounded."""

from __future__ import annotations

from custom_components.rvc.protocol.faults import (
    FAULT_EXPIRY,
    MAX_FAULTS_PER_NODE,
    FaultTracker,
    fault_of,
)


def test_no_fault_values() -> None:
    assert fault_of({"spn": 0, "fmi": 0}) is None
    assert fault_of({"spn": 0x7FFFF, "fmi": 31}) is None
    assert fault_of({"spn": None, "fmi": 3}) is None
    fault = fault_of({"spn": 5, "fmi": 3, "occurrence_count": 0x7F})
    assert fault is not None
    assert fault.occurrence_count is None  # 127: not available


def test_tracker_appears_repeats_and_expires() -> None:
    tracker = FaultTracker()
    appeared, cleared = tracker.update({"spn": 5, "fmi": 3}, 0.0)
    assert ([f.code for f in appeared], cleared) == (["SPN 5 FMI 3"], [])
    assert tracker.update({"spn": 5, "fmi": 3}, 10.0) == ([], [])
    tracker.update({"spn": 6, "fmi": 1}, 20.0)
    assert tracker.expire(10.0 + FAULT_EXPIRY) == []
    assert [f.code for f in tracker.expire(10.1 + FAULT_EXPIRY)] == ["SPN 5 FMI 3"]
    assert [f.code for f in tracker.active] == ["SPN 6 FMI 1"]


def test_tracker_is_bounded() -> None:
    tracker = FaultTracker()
    for spn in range(1, MAX_FAULTS_PER_NODE + 10):
        tracker.update({"spn": spn, "fmi": 1}, 0.0)
    assert len(tracker.active) == MAX_FAULTS_PER_NODE
    assert tracker.dropped == 9
