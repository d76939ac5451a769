"""Active diagnostic trouble codes per node, from DM_RV."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .spec import FieldValue

# A node reports each active fault at least every few seconds; one not
# repeated for this long has cleared even if no "no fault" DM_RV said so.
FAULT_EXPIRY: Final = 30.0
# Bound per node: a node that floods DM_RV with random codes cannot grow memory.
MAX_FAULTS_PER_NODE: Final = 32
# SPN 0 and all ones (not available) mean "no fault" in DM_RV.
_NO_SPN: Final = (0, 0x7FFFF)


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
    """The fault a DM_RV reports; None when it reports none."""
    spn = values.get("spn")
    fmi = values.get("fmi")
    if not isinstance(spn, int) or not isinstance(fmi, int) or spn in _NO_SPN:
        return None
    occurrence = values.get("occurrence_count")
    return Fault(
        spn,
        fmi,
        values.get("red_lamp") == "on",
        values.get("yellow_lamp") == "on",
        occurrence if isinstance(occurrence, int) and occurrence < 0x7F else None,
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

    def update(
        self, values: Mapping[str, FieldValue], now: float
    ) -> tuple[list[Fault], list[Fault]]:
        """Apply a DM_RV; return the faults that appeared and that cleared."""
        fault = fault_of(values)
        if fault is None:
            cleared = self.active
            self._active.clear()
            return [], cleared
        key = (fault.spn, fault.fmi)
        appeared = [] if key in self._active else [fault]
        if appeared and len(self._active) >= MAX_FAULTS_PER_NODE:
            self.dropped += 1
            return [], []
        self._active[key] = (fault, now)
        return appeared, []

    def expire(self, now: float) -> list[Fault]:
        """Forget faults not repeated within FAULT_EXPIRY; return them."""
        expired = [
            key
            for key, (_fault, seen) in self._active.items()
            if now - seen > FAULT_EXPIRY
        ]
        return [self._active.pop(key)[0] for key in expired]
