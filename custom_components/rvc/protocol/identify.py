"""Asking nodes who they are (PRODUCT_IDENTIFICATION), at a pace.

The node hands over each new source address; this module owns the queue of
those waiting, the pace they are asked at, and asking everyone at once when a
node's connection-mode answer failed (each node then answers by BAM).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from .frame_id import GLOBAL_ADDRESS
from .rate import RateLimiter

if TYPE_CHECKING:
    from collections.abc import Callable

    from .clock import Timers

# Identification requests: a few at once (an MCP2515 has 3 transmit buffers),
# then a steady trickle, so that a busy bus heard for the first time does not
# fill the transmit queue.
IDENTIFY_RATE: Final = 10
IDENTIFY_BURST: Final = 3
MAX_IDENTIFY_WAITING: Final = 256
# A node whose connection-mode answer failed is asked again globally (every
# node then answers by BAM): at most once in this many seconds.
GLOBAL_IDENTIFY_GAP: Final = 30.0


class IdentificationPacer:
    """Sends requests for PRODUCT_IDENTIFICATION a few at a time."""

    def __init__(
        self,
        *,
        clock: Callable[[], float],
        timers: Timers,
        ask: Callable[[int], None],
    ) -> None:
        """Use the node's clock and timers; ask(destination) sends one request."""
        self._clock = clock
        self._timers = timers
        self._ask = ask
        self._waiting: dict[int, None] = {}
        self._rate = RateLimiter(IDENTIFY_RATE, IDENTIFY_BURST, clock=clock)
        self._next_global = 0.0

    def request(self, source: int) -> None:
        """Ask a node (or GLOBAL_ADDRESS: all) who it is, at a pace."""
        if source in self._waiting or len(self._waiting) >= MAX_IDENTIFY_WAITING:
            return
        self._waiting[source] = None
        if "identify" not in self._timers:  # else the pacing timer sends it
            self._pace()

    def _pace(self) -> None:
        self._timers.fired("identify")
        rate = self._rate
        while self._waiting:
            if (wait := rate.wait_time()) > 0:
                self._timers.later("identify", wait, self._pace)
                return
            rate.allow()
            source = next(iter(self._waiting))
            del self._waiting[source]
            self._ask(source)

    def request_globally(self) -> None:
        """Ask every node at once, at most once per gap: each answers by BAM."""
        now = self._clock()
        if now >= self._next_global:
            self._next_global = now + GLOBAL_IDENTIFY_GAP
            self.request(GLOBAL_ADDRESS)
        elif "identify_globally" not in self._timers:
            self._timers.later(
                "identify_globally", self._next_global - now, self._globally_later
            )

    def _globally_later(self) -> None:
        self._timers.fired("identify_globally")
        self.request_globally()
