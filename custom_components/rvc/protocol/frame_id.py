"""29-bit RV-C (SAE J1939) identifiers: priority, DGN and source address."""

from __future__ import annotations

from typing import NamedTuple

GLOBAL_ADDRESS = 0xFF
DEFAULT_PRIORITY = 6
MAX_PRIORITY = 7
MAX_SOURCE_ADDRESS = 0xFF
MAX_DGN = 0x1FFFF

# DGN-high below this is PDU1: DGN-low is then a destination address, not DGN.
_PDU2_THRESHOLD = 0xF0


class FrameId(NamedTuple):
    """The parts of a 29-bit RV-C identifier."""

    priority: int
    dgn: int
    source: int
    destination: int
    """The addressed node for PDU1 DGNs; GLOBAL_ADDRESS for PDU2 broadcasts."""


def is_pdu1(dgn: int) -> bool:
    """Return True when the DGN is destination-specific (PDU1)."""
    return (dgn >> 8) & 0xFF < _PDU2_THRESHOLD


def parse_frame_id(arbitration_id: int) -> FrameId:
    """Split a 29-bit identifier into its RV-C parts."""
    priority = (arbitration_id >> 26) & 0x7
    dgn = (arbitration_id >> 8) & MAX_DGN
    source = arbitration_id & 0xFF
    if is_pdu1(dgn):
        return FrameId(priority, dgn & 0x1FF00, source, dgn & 0xFF)
    return FrameId(priority, dgn, source, GLOBAL_ADDRESS)


def build_frame_id(
    dgn: int,
    source: int,
    *,
    priority: int = DEFAULT_PRIORITY,
    destination: int = GLOBAL_ADDRESS,
) -> int:
    """Compose a 29-bit identifier; destination applies to PDU1 DGNs only."""
    if not 0 <= dgn <= MAX_DGN:
        raise ValueError(f"DGN {dgn:#x} is outside 0x0-{MAX_DGN:#x}")
    if not 0 <= source <= MAX_SOURCE_ADDRESS:
        raise ValueError(f"source address {source} is outside 0-{MAX_SOURCE_ADDRESS}")
    if not 0 <= priority <= MAX_PRIORITY:
        raise ValueError(f"priority {priority} is outside 0-{MAX_PRIORITY}")
    if is_pdu1(dgn):
        if not 0 <= destination <= GLOBAL_ADDRESS:
            raise ValueError(f"destination {destination} is outside 0-255")
        dgn = (dgn & 0x1FF00) | destination
    return (priority << 26) | (dgn << 8) | source
