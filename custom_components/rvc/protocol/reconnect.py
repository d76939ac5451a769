"""Reopening a lost adapter: the backoff, what is logged, and the counts.

The node owns one Reconnector and tells it when the adapter failed; the
Reconnector retries with a doubling delay until a session opens, then hands
that session back. It owns the retry timer, the background tasks of closing
and reopening, and the loss counters that diagnostics show.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Final

from .bus import BusSession
from .errors import BusOpenError

if TYPE_CHECKING:
    import asyncio
    from collections.abc import Awaitable, Callable, Coroutine

    from .bus import BusConfig
    from .clock import Timers

_LOGGER = logging.getLogger(__name__)

# Reopening a lost adapter: first after this many seconds, doubling up to the cap.
RECONNECT_FIRST: Final = 1.0
RECONNECT_MAX: Final = 60.0
STILL_GONE_LOG_EVERY: Final = 60.0


class Reconnector:
    """Reopens a lost adapter with backoff; counts losses and attempts."""

    def __init__(
        self,
        *,
        clock: Callable[[], float],
        timers: Timers,
        running_loop: Callable[[], asyncio.AbstractEventLoop],
        on_back: Callable[[BusSession], None],
        opener: Callable[[BusConfig], Awaitable[BusSession]] | None = None,
        create_task: Callable[[Coroutine[Any, Any, None]], asyncio.Task[None]]
        | None = None,
        on_outage: Callable[[float, BusOpenError], None] | None = None,
    ) -> None:
        """Prepare; nothing happens until lost().

        clock, timers and running_loop are the node's (it knows its loop
        only once running). on_back gets the reopened session;
        on_outage(seconds gone, error) each failed reopen.
        """
        self._clock = clock
        self._timers = timers
        self._running_loop = running_loop
        self._on_back = on_back
        self._opener = opener
        self._create_task = create_task
        self._on_outage = on_outage
        self._tasks: set[asyncio.Task[None]] = set()
        self._stopping = False
        self._config: BusConfig | None = None
        self.bus_losses = 0
        self.reconnect_attempts = 0
        self.last_bus_error: str | None = None
        self._reconnect_delay = RECONNECT_FIRST
        self._lost_for = 0.0
        self._gone_logged_at = 0.0

    def lost(self, err: Exception, config: BusConfig) -> None:
        """Count and log that the adapter of this config failed."""
        self._config = config
        self.bus_losses += 1
        self._lost_for = 0.0
        self._reconnect_delay = RECONNECT_FIRST
        cause = err.__cause__ or err
        self.last_bus_error = str(cause)
        _LOGGER.warning(
            "RV-C adapter gone (%s, %s %s): %s; reconnecting",
            getattr(cause, "errno", None) or getattr(cause, "error_code", None),
            config.interface,
            config.channel,
            cause,
        )
        self._gone_logged_at = self._clock()

    def retry(self, *, closing: Coroutine[Any, Any, None]) -> None:
        """Close the lost session in the background; reopen after the backoff."""
        self._background(closing)
        self._schedule()

    def now(self) -> None:
        """Reopen at once if a retry is waiting (the adapter was plugged in)."""
        if "reconnect" not in self._timers:
            return
        self._timers.cancel("reconnect")
        self._reopen()

    def stop(self) -> None:
        """Retry no more; cancel what runs in the background.

        The retry timer is one of the node's timers: stopping them cancels it.
        """
        self._stopping = True
        for task in list(self._tasks):
            task.cancel()

    def _background(self, coroutine: Coroutine[Any, Any, None]) -> None:
        if self._create_task is not None:
            task = self._create_task(coroutine)
        else:
            task = self._running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _schedule(self) -> None:
        delay = self._reconnect_delay
        self._reconnect_delay = min(delay * 2, RECONNECT_MAX)
        self._lost_for += delay
        self._timers.later("reconnect", delay, self._reopen)

    def _reopen(self) -> None:
        self._timers.fired("reconnect")
        self._background(self._async_reopen())

    async def _async_reopen(self) -> None:
        self.reconnect_attempts += 1
        config = self._config
        assert config is not None  # noqa: S101 - set by lost()
        try:
            if self._opener is not None:
                session = await self._opener(config)
            else:
                session = await self._running_loop().run_in_executor(
                    None, BusSession.open, config
                )
        except BusOpenError as err:
            self._still_gone(err)
            return
        if self._stopping:
            await session.async_close()
            return
        _LOGGER.warning(
            "RV-C adapter (%s %s) is back after %s attempt(s)",
            config.interface,
            config.channel,
            self.reconnect_attempts,
        )
        self._on_back(session)

    def _still_gone(self, err: BusOpenError) -> None:
        error = self.last_bus_error = str(err.__cause__ or err)
        now = self._clock()
        if now - self._gone_logged_at >= STILL_GONE_LOG_EVERY:
            self._gone_logged_at = now
            _LOGGER.warning(
                "RV-C adapter still gone after %s attempts (%s), retrying every %.0f s",
                self.reconnect_attempts,
                error,
                self._reconnect_delay,
            )
        else:
            _LOGGER.debug("RV-C adapter still gone: %s", error)
        if self._on_outage is not None:
            self._on_outage(self._lost_for, err)
        if not self._stopping:
            self._schedule()
