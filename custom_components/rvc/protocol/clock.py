"""The clock and timers the node runs on: injected, so that tests move time.

An asyncio event loop is a Scheduler and its TimerHandle a Timer; Timers
keeps the node's named timers (one per purpose) on one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable

MIN_TIMER_DELAY: Final = 0.001


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


class Timers:
    """Named one-shot timers on a scheduler: one per name, none once stopped."""

    def __init__(self, scheduler: Callable[[], Scheduler]) -> None:
        """Use scheduler(), looked up when a timer is set (the loop runs by then)."""
        self._scheduler = scheduler
        self._timers: dict[str, Timer] = {}
        self._stopped = False

    def __contains__(self, name: object) -> bool:
        """Whether a timer of that name waits."""
        return name in self._timers

    def later(self, name: str, delay: float, callback: Callable[[], None]) -> None:
        """Call callback after delay seconds, replacing the timer of that name."""
        self.cancel(name)
        if self._stopped:
            return
        # A rate limiter's "almost there" must not become a timer that fires
        # at once, over and over.
        delay = max(delay, MIN_TIMER_DELAY)
        self._timers[name] = self._scheduler().call_later(delay, callback)

    def cancel(self, name: str) -> None:
        """Do not call the timer of that name, if one waits."""
        if (timer := self._timers.pop(name, None)) is not None:
            timer.cancel()

    def fired(self, name: str) -> None:
        """Forget the timer of that name: its callback runs now."""
        self._timers.pop(name, None)

    def stop(self) -> None:
        """Cancel every timer and set no more."""
        self._stopped = True
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
