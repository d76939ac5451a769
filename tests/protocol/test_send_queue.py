"""The send queue: in order, within both limits, newest per target, bounded."""

from __future__ import annotations

import pytest

from custom_components.rvc.protocol.encode import RvcFrame
from custom_components.rvc.protocol.send_queue import SendQueue, Submitted


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def frame(number: int) -> RvcFrame:
    return RvcFrame(number, bytes(8))


def sent(queue: SendQueue) -> list[int]:
    return [frame.arbitration_id for _target, frame in queue.pop_due()]


def test_per_target_limit_delays_and_the_newest_wins() -> None:
    clock = Clock()
    queue = SendQueue((100, 100), (2, 2), clock=clock)
    for number in range(2):
        assert queue.submit("a", frame(number)) is Submitted.QUEUED
        assert sent(queue) == [number]
    assert queue.submit("a", frame(2)) is Submitted.QUEUED
    assert queue.submit("a", frame(3)) is Submitted.SUPERSEDED
    assert queue.submit("b", frame(4)) is Submitted.QUEUED
    assert sent(queue) == [4]  # "b" does not wait behind "a"
    assert queue.next_due() == pytest.approx(0.5)
    clock.now = 0.5
    assert sent(queue) == [3]
    assert queue.next_due() is None


def test_overall_limit_keeps_the_order() -> None:
    clock = Clock()
    queue = SendQueue((1, 1), (10, 10), clock=clock)
    for number in range(3):
        queue.submit(number, frame(number))
    assert sent(queue) == [0]
    assert queue.next_due() == pytest.approx(1.0)
    clock.now = 1.0
    assert sent(queue) == [1]
    clock.now = 2.0
    assert sent(queue) == [2]


def test_bounded() -> None:
    queue = SendQueue((1, 1), (1, 1), max_waiting=2, clock=Clock())
    assert [queue.submit(n, frame(n)) for n in range(3)] == [
        Submitted.QUEUED,
        Submitted.QUEUED,
        Submitted.DROPPED,
    ]
    assert len(queue) == 2
    assert queue.clear() == 2
    assert sent(queue) == []
