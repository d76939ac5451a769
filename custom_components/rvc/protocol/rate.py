"""Rate limits for what we put on the bus: token buckets, bounded in keys."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

DEFAULT_MAX_KEYS: Final = 1024
# Refills are sums of float products: a token due at exactly its time must
# count, not fall short by a rounding error and wait for a timer that never comes.
_EPSILON: Final = 1e-9


class RateLimiter:
    """Allow rate events per second per key, with bursts up to burst."""

    def __init__(
        self,
        rate: float,
        burst: int,
        *,
        max_keys: int = DEFAULT_MAX_KEYS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Refill rate tokens a second, up to burst, for at most max_keys keys."""
        self.rate = rate
        self.burst = burst
        self.max_keys = max_keys
        self._clock = clock
        self._buckets: dict[Hashable, tuple[float, float]] = {}

    def _tokens(self, key: Hashable, now: float) -> float:
        tokens, last = self._buckets.get(key, (float(self.burst), now))
        return min(float(self.burst), tokens + (now - last) * self.rate)

    def wait_time(self, key: Hashable = None) -> float:
        """Seconds until key has a token; 0 when it has one now."""
        missing = 1.0 - _EPSILON - self._tokens(key, self._clock())
        return max(0.0, missing / self.rate)

    def allow(self, key: Hashable = None) -> bool:
        """Take a token for key; False when its bucket is empty."""
        now = self._clock()
        tokens = self._tokens(key, now)
        self._buckets.pop(key, None)
        allowed = tokens >= 1.0 - _EPSILON
        if allowed:
            tokens = max(0.0, tokens - 1.0)
        if len(self._buckets) >= self.max_keys:
            # The least recently used key goes; a full bucket is all it held.
            del self._buckets[next(iter(self._buckets))]
        self._buckets[key] = (tokens, now)
        return allowed
