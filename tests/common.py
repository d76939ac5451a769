"""Helpers shared by the tests."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable


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
