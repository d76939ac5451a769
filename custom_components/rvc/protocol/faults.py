"""Active diagnostic trouble codes per node, from DM_RV."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
import logging
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from .decode import RvcRecord
    from .spec import FieldValue

_LOGGER = logging.getLogger(__name__)

# A node reports each active fault at least every few seconds; one not
# repeated for this long has cleared even if no "no fault" DM_RV said so.
FAULT_EXPIRY: Final = 30.0
# Bound per node: a node that floods DM_RV with random codes cannot grow memory.
MAX_FAULTS_PER_NODE: Final = 32
# SPN 0 and all ones (not available) mean "no fault" in DM_RV.
_NO_SPN: Final = (0, 0x7FFFF)
# A multi-packet DM_RV (RV-C 3.2.5.10, table 3.2.5.10; deprecated but still
# sent by older products): operating status and lamps in byte 0, DSA in byte 1,
# then five bytes per fault, the first where a single frame has it: SPN MSB,
# ISB, 3 LSBs over a 5-bit FMI, occurrence count, DSA extension. So five-byte
# groups, not J1939 DM1's four-byte codes after two lamp bytes; as in DM1 the
# lamps are the message's, shared by all its faults.
_FIRST_FAULT: Final = 2
_FAULT_SIZE: Final = 5
# Occurrence count 7Fh: not available.
_NO_OCCURRENCE: Final = 0x7F


@dataclass(frozen=True, slots=True)
class Fault:
    """One diagnostic trouble code: suspect parameter and failure mode."""

    spn: int
    fmi: int
    red_lamp: bool
    yellow_lamp: bool
    occurrence_count: int | None

    @property
    def code(self) -> str:
        """How service manuals write it."""
        return f"SPN {self.spn} FMI {self.fmi}"


def fault_of(values: Mapping[str, FieldValue]) -> Fault | None:
    """The fault a single-frame DM_RV reports; None when it reports none."""
    spn = values.get("spn")
    fmi = values.get("fmi")
    if not isinstance(spn, int) or not isinstance(fmi, int):
        return None
    occurrence = values.get("occurrence_count")
    return _fault(
        spn,
        fmi,
        occurrence if isinstance(occurrence, int) else _NO_OCCURRENCE,
        values,
    )


def faults_of(record: RvcRecord) -> list[Fault]:
    """Every fault a DM_RV reports, in its order; empty when it reports none."""
    payload = record.payload
    if payload is None:
        fault = fault_of(record.values)
        return [] if fault is None else [fault]
    faults = []
    # Whole groups only: padding after the last fault is all ones (no SPN).
    for at in range(_FIRST_FAULT, len(payload) - _FAULT_SIZE + 1, _FAULT_SIZE):
        spn = payload[at] << 11 | payload[at + 1] << 3 | payload[at + 2] >> 5
        fmi = payload[at + 2] & 0x1F
        fault = _fault(spn, fmi, payload[at + 3] & 0x7F, record.values)
        if fault is not None:
            faults.append(fault)
    return faults


def _fault(
    spn: int, fmi: int, occurrence: int, lamps: Mapping[str, FieldValue]
) -> Fault | None:
    if spn in _NO_SPN:
        return None
    return Fault(
        spn,
        fmi,
        lamps.get("red_lamp") == "on",
        lamps.get("yellow_lamp") == "on",
        None if occurrence >= _NO_OCCURRENCE else occurrence,
    )


class FaultTracker:
    """The active faults of one node; which appeared and which cleared."""

    def __init__(self) -> None:
        """No fault yet."""
        self._active: dict[tuple[int, int], tuple[Fault, float]] = {}
        self.dropped = 0
        """Faults not tracked because the node already had the maximum."""

    @property
    def active(self) -> list[Fault]:
        """The active faults, oldest first."""
        return [fault for fault, _seen in self._active.values()]

    def update(self, record: RvcRecord, now: float) -> tuple[list[Fault], list[Fault]]:
        """Apply a DM_RV; return the faults that appeared and that cleared.

        A single frame reports one fault (a node with several sends them in
        turn) or none, which clears them all. A multi-packet DM_RV lists every
        active fault: those it leaves out cleared.
        """
        faults = faults_of(record)
        cleared = []
        if not faults or record.payload is not None:
            listed = {(fault.spn, fault.fmi) for fault in faults}
            gone = [key for key in self._active if key not in listed]
            cleared = [self._active.pop(key)[0] for key in gone]
        appeared = []
        for fault in faults:
            key = (fault.spn, fault.fmi)
            if key not in self._active:
                if len(self._active) >= MAX_FAULTS_PER_NODE:
                    self.dropped += 1
                    continue
                appeared.append(fault)
            self._active[key] = (fault, now)
        return appeared, cleared

    def expire(self, now: float) -> list[Fault]:
        """Forget faults not repeated within FAULT_EXPIRY; return them."""
        expired = [
            key
            for key, (_fault, seen) in self._active.items()
            if now - seen > FAULT_EXPIRY
        ]
        return [self._active.pop(key)[0] for key in expired]


type FaultListener = Callable[[list[Fault], list[Fault]], None]
"""Called with the faults that appeared and the faults that cleared."""


class BusFaults:
    """The active faults of every node on a bus, and who listens to whose."""

    def __init__(self, on_change: Callable[[int], None]) -> None:
        """on_change(source) after a node's faults changed and its listeners ran."""
        self.trackers: dict[int, FaultTracker] = {}
        """Active faults per source address."""
        self._listeners: defaultdict[int, list[FaultListener]] = defaultdict(list)
        self._on_change = on_change

    def subscribe(self, source: int, listener: FaultListener) -> Callable[[], None]:
        """Call listener(appeared, cleared) when a node's faults change."""
        listeners = self._listeners[source]
        listeners.append(listener)

        def unsubscribe() -> None:
            listeners.remove(listener)
            if not listeners:
                del self._listeners[source]

        return unsubscribe

    def apply(self, record: RvcRecord, now: float) -> None:
        """Apply a node's DM_RV."""
        tracker = self.trackers.get(record.source)
        if tracker is None:
            tracker = self.trackers[record.source] = FaultTracker()
        appeared, cleared = tracker.update(record, now)
        if appeared or cleared:
            self._changed(record.source, appeared, cleared)

    def expire(self, now: float) -> None:
        """Clear the faults no node repeated in time."""
        for source, tracker in list(self.trackers.items()):
            if expired := tracker.expire(now):
                self._changed(source, [], expired)

    def _changed(
        self, source: int, appeared: list[Fault], cleared: list[Fault]
    ) -> None:
        for fault in appeared:
            _LOGGER.warning("Node %#04x reports fault %s", source, fault.code)
        for fault in cleared:
            _LOGGER.info("Node %#04x fault %s cleared", source, fault.code)
        for listener in list(self._listeners.get(source, ())):
            listener(appeared, cleared)
        self._on_change(source)
