"""Token buckets: bursts, refill, independent keys, bounded bookkeeping."""

from __future__ import annotations

from custom_components.rvc.protocol.rate import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_burst_then_refill() -> None:
    clock = Clock()
    limiter = RateLimiter(rate=2, burst=3, clock=clock)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    clock.now = 0.5  # one token back
    assert limiter.allow("a")
    assert not limiter.allow("a")
    clock.now = 100  # never more than the burst
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]


def test_keys_are_independent_and_bounded() -> None:
    clock = Clock()
    limiter = RateLimiter(rate=1, burst=1, max_keys=2, clock=clock)
    assert limiter.allow("a")
    assert not limiter.allow("a")
    assert limiter.allow("b")
    assert limiter.allow("c")  # "a", least recently used, is forgotten
    assert len(limiter._buckets) == 2
    assert limiter.allow("a")  # and starts again with a full bucket
