"""The clock and timers the node runs on: injected, so that tests move time.

An asyncio event loop is a Scheduler and its TimerHandle a Timer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable


class Timer(Protocol):
    """A scheduled call that can be cancelled (asyncio's TimerHandle is one)."""

    def cancel(self) -> None:
        """Do not call it."""


class Scheduler(Protocol):
    """A clock with timers; an asyncio event loop is one."""

    def time(self) -> float:
        """Seconds on a monotonic clock."""

    def call_later(self, delay: float, callback: Callable[[], object], /) -> Timer:
        """Call callback after delay seconds."""
