"""Frames to the bus from a thread of its own: the event loop never waits on an adapter.

An slcan write has no timeout and a socketcand TCP send can block; SocketCAN
answers ENOBUFS when its transmit queue (10 frames by default, 3 hardware
buffers on an MCP2515) is full. The writer takes frames through a bounded
queue, writes each with a timeout, and treats a full transmit queue as a
reason to wait and retry that frame, not as a lost adapter.
"""

from __future__ import annotations

import errno
import logging
import queue
import threading
import time
from typing import TYPE_CHECKING, Final

import can

from .errors import BusSendError

if TYPE_CHECKING:
    import asyncio
    from collections.abc import Callable

    from .capture import FrameTap
    from .encode import RvcFrame

_LOGGER = logging.getLogger(__name__)

MAX_WAITING: Final = 64
WRITE_TIMEOUT: Final = 1.0
"""Seconds one write may block (for the backends that honour a timeout)."""
# A full transmit queue drains at the bus's pace (a frame takes about 0.5 ms at
# 250 kbit/s): retry soon, then less often, and give the frame up after a while.
BUSY_FIRST_RETRY: Final = 0.002
BUSY_MAX_RETRY: Final = 0.1
BUSY_GIVE_UP: Final = 2.0
_BUSY_ERRNOS: Final = frozenset({errno.ENOBUFS, errno.EAGAIN})
_STOP: Final = None


def is_busy(err: BaseException) -> bool:
    """True when a send failed only because the transmit queue is full."""
    code = getattr(err, "error_code", None) or getattr(err, "errno", None)
    if code in _BUSY_ERRNOS:
        return True
    cause = err.__cause__ or err.__context__
    return cause is not None and cause is not err and is_busy(cause)


class FrameWriter:
    """Write frames in order from a worker thread; report failures to the loop."""

    def __init__(
        self,
        bus: can.BusABC,
        loop: asyncio.AbstractEventLoop,
        on_error: Callable[[Exception], None],
        *,
        max_waiting: int = MAX_WAITING,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """Start the worker; on_error(err) runs in the loop when a write fails."""
        self._bus = bus
        self._loop = loop
        self._on_error = on_error
        self._sleep = sleep
        self._queue: queue.Queue[can.Message | None] = queue.Queue(max_waiting)
        self._pending = 0
        self._idle = threading.Condition()
        self._failed = False
        self.busy_retries = 0
        """Writes retried because the transmit queue was full."""
        self.given_up = 0
        """Frames given up after the transmit queue stayed full."""
        self.tap: FrameTap | None = None
        """Sees every frame once it is on the bus (a recording)."""
        self._thread = threading.Thread(target=self._run, name="rvc-writer")
        self._thread.daemon = True
        self._thread.start()

    def write(self, frame: RvcFrame) -> bool:
        """Hand a frame to the worker; False when its queue is full (not sent)."""
        message = can.Message(
            arbitration_id=frame.arbitration_id, data=frame.data, is_extended_id=True
        )
        with self._idle:
            try:
                self._queue.put_nowait(message)
            except queue.Full:
                return False
            self._pending += 1
        return True

    def wait_idle(self, timeout: float) -> bool:
        """Block until every frame handed over was written (for tests and tools)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def _run(self) -> None:
        while (message := self._queue.get()) is not _STOP:
            if not self._failed:
                self._write(message)
            with self._idle:
                self._pending -= 1
                self._idle.notify_all()

    def _write(self, message: can.Message) -> None:
        delay, waited = BUSY_FIRST_RETRY, 0.0
        while True:
            try:
                self._bus.send(message, timeout=WRITE_TIMEOUT)
            except (can.CanError, OSError, ValueError) as err:
                if is_busy(err) and waited < BUSY_GIVE_UP:
                    self.busy_retries += 1
                    self._sleep(delay)
                    waited += delay
                    delay = min(delay * 2, BUSY_MAX_RETRY)
                    continue
                if is_busy(err):
                    self.given_up += 1
                    _LOGGER.warning(
                        "Transmit queue full for %.1f s: frame %#010x not sent",
                        waited,
                        message.arbitration_id,
                    )
                    return
                self._failed = True
                failure = BusSendError(
                    f"cannot send {message.arbitration_id:#010x}: {err}"
                )
                failure.__cause__ = err
                try:
                    self._loop.call_soon_threadsafe(self._on_error, failure)
                except RuntimeError:  # the loop closed meanwhile: nobody to tell
                    _LOGGER.debug("Write failed after the loop closed: %s", err)
            else:
                if (tap := self.tap) is not None:
                    tap.sent(message)
            return

    def close(self) -> None:
        """Stop after the frames already handed over. Blocking: joins the worker."""
        self._queue.put(_STOP)
        self._thread.join()
