"""Helpers shared by the tests."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable


async def wait_until(condition: Callable[[], bool], within: float = 5.0) -> None:
    """Wait for something python-can's reader thread makes true.

    Frames reach the event loop from another thread, so there is no awaitable
    to wait on: look again every few milliseconds, within a bound.
    """
    async with asyncio.timeout(within):
        while not condition():  # noqa: ASYNC110
            await asyncio.sleep(0.005)
