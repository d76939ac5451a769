"""What every simulated RV-C device shares: a node with a source address.

A node reports its status (a list of DGN name and values) and obeys the
commands addressed to its instances. Time is passed in, in seconds, so the
models behave the same under test as on a live bus.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

type Status = tuple[str, dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Product:
    """What a node answers to a request for PRODUCT_IDENTIFICATION."""

    make: str
    model: str
    serial_number: str
    unit_number: str = "1"


class Node:
    """A device on the bus."""

    command_dgns: frozenset[str] = frozenset()

    def __init__(self, source: int, product: Product) -> None:
        """Give the node its address and identity."""
        self.source = source
        self.product = product
        self.fault: tuple[int, int] | None = None
        """The active fault (SPN, FMI) its DM_RV reports; None for none."""

    def statuses(self) -> list[Status]:
        """Every status message the node broadcasts, current values."""
        raise NotImplementedError

    def diagnostic(self) -> Status:
        """DM_RV: the node's active fault, or that it has none."""
        spn, fmi = self.fault or (0, 0)
        return (
            "DM_RV",
            {
                "operating_status": None,
                "yellow_lamp": "on" if self.fault else "off",
                "red_lamp": "off",
                "default_source_address": self.source,
                "spn": spn,
                "fmi": fmi,
                "occurrence_count": 1 if self.fault else 0,
                "dsa_extension": 0xFF,
                "bank_select": 0xF,
            },
        )

    def command(self, name: str, values: Mapping[str, Any], now: float) -> list[Status]:
        """Obey a command; return the statuses to report at once."""
        return []

    def tick(self, now: float) -> list[Status]:
        """Advance the model to now; return the statuses that changed."""
        return []
