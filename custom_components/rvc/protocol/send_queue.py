"""What we send waits its turn: rate limits that delay rather than refuse."""

from __future__ import annotations

from enum import Enum
import time
from typing import TYPE_CHECKING, Final

from .rate import RateLimiter

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

    from .encode import RvcFrame

DEFAULT_MAX_WAITING: Final = 32


class Submitted(Enum):
    """What became of a frame handed to the queue."""

    QUEUED = "queued"
    """It goes out as soon as the limits allow (perhaps at once)."""
    SUPERSEDED = "superseded"
    """It took the place of an older frame to the same target, now dropped."""
    DROPPED = "dropped"
    """The queue is full: it is not sent."""


class SendQueue:
    """Frames go out in order, within an overall and a per-target rate.

    A target is what one command addresses (DGN, instance, destination). A
    frame for a target that already has one waiting replaces it: a device
    gets the newest request, not a backlog of stale ones. At most max_waiting
    frames wait; more are dropped.
    """

    def __init__(
        self,
        overall: tuple[float, int],
        per_target: tuple[float, int],
        *,
        max_waiting: int = DEFAULT_MAX_WAITING,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Limits as (frames a second, burst)."""
        self._overall = RateLimiter(*overall, clock=clock)
        self._per_target = RateLimiter(*per_target, clock=clock)
        self.max_waiting = max_waiting
        self._waiting: dict[Hashable, RvcFrame] = {}

    def __len__(self) -> int:
        """How many frames wait."""
        return len(self._waiting)

    def submit(self, target: Hashable, frame: RvcFrame) -> Submitted:
        """Queue a frame for target."""
        if target in self._waiting:
            # The newer request takes the older one's place in the order.
            del self._waiting[target]
            self._waiting[target] = frame
            return Submitted.SUPERSEDED
        if len(self._waiting) >= self.max_waiting:
            return Submitted.DROPPED
        self._waiting[target] = frame
        return Submitted.QUEUED

    def pop_due(self) -> list[tuple[Hashable, RvcFrame]]:
        """The frames that may go out now, oldest first, their tokens taken."""
        due = []
        for target in list(self._waiting):
            if self._overall.wait_time() > 0:
                break
            if self._per_target.wait_time(target) > 0:
                continue  # its device waits; others need not
            self._overall.allow()
            self._per_target.allow(target)
            due.append((target, self._waiting.pop(target)))
        return due

    def next_due(self) -> float | None:
        """Seconds until a waiting frame may go; None when none waits."""
        if not self._waiting:
            return None
        overall = self._overall.wait_time()
        return max(overall, min(self._per_target.wait_time(t) for t in self._waiting))

    def clear(self) -> int:
        """Drop every waiting frame; return how many there were."""
        count = len(self._waiting)
        self._waiting.clear()
        return count
