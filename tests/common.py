"""Helpers shared by the tests."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.rvc.protocol.answers import ANSWER_WINDOW

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from freezegun.api import FrozenDateTimeFactory
    from homeassistant.core import HomeAssistant


async def wait_until(condition: Callable[[], bool], attempts: int = 5000) -> None:
    """Wait for something python-can's reader thread makes true.

    Frames reach the event loop from another thread. Tests may freeze the
    loop's clock, so this waits in real time: it lets the loop run, then gives
    the reader thread a millisecond, up to attempts times (5 s).
    """
    for _ in range(attempts):
        if condition():
            return
        await asyncio.sleep(0)
        time.sleep(0.001)  # noqa: ASYNC251 - real time for the reader thread
    raise TimeoutError("condition not met")


async def unanswered(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, *calls: Awaitable[None]
) -> None:
    """Finish command calls no device answers, on a frozen clock.

    A call waits for its device's answer (a NAK would fail it); after the
    answer window of silence it passes. Time moves a window at a time until
    every call is done; the first error is raised.
    """
    tasks = [asyncio.ensure_future(call) for call in calls]
    while not all(task.done() for task in tasks):
        await asyncio.sleep(0)
        freezer.tick(ANSWER_WINDOW)
        async_fire_time_changed(hass)
    for task in tasks:
        await task
