"""Record the bus, both directions, to a candump -L file (python-can's writer).

The node hands every frame it receives, and its writer every frame it sent,
to a tap; the recorder's own thread writes them, so that neither the event
loop nor the writer waits on a disk.
"""

from __future__ import annotations

from itertools import count
import logging
import queue
import threading
import time
from typing import TYPE_CHECKING, Final, Protocol

import can

if TYPE_CHECKING:
    from pathlib import Path

_LOGGER = logging.getLogger(__name__)

MAX_WAITING: Final = 100_000
"""Frames waiting for the disk before more are dropped (about a minute of a
full 250 kbit/s bus): a stalled disk must not grow memory for an hour."""
_STOP: Final = None


class FrameTap(Protocol):
    """What sees every frame on the bus; both methods are called from any thread."""

    def received(self, message: can.Message) -> None:
        """A frame another node sent."""

    def sent(self, message: can.Message) -> None:
        """A frame our node put on the bus."""


class BusRecorder:
    """A FrameTap writing frames to a candump -L file; ours are marked T, others R."""

    def __init__(self, writer: can.CanutilsLogWriter, path: Path) -> None:
        """Write with writer into path; use BusRecorder.create to open a new file."""
        self.path = path
        self._writer = writer
        self._queue: queue.Queue[can.Message | None] = queue.Queue(MAX_WAITING)
        self._closed = False
        self.frames = 0
        """Frames written."""
        self.dropped = 0
        """Frames not written: the disk was behind, or failed."""
        self._thread = threading.Thread(
            target=self._run, name=f"rvc recorder {path.name}", daemon=True
        )
        self._thread.start()

    @classmethod
    def create(cls, folder: Path, stem: str, channel: str) -> BusRecorder:
        """Open folder/stem.log, or stem-2.log, ... when taken. Blocking.

        channel names the bus in the lines of frames that carry none (ours).
        """
        folder.mkdir(parents=True, exist_ok=True)
        names = (f"{stem}-{number}.log" for number in count(2))
        path = folder / f"{stem}.log"
        while True:
            try:
                file = path.open("x", encoding="ascii")
            except FileExistsError:
                path = folder / next(names)
                continue
            return cls(can.CanutilsLogWriter(file, channel=channel), path)

    def received(self, message: can.Message) -> None:
        """Record a frame another node sent (as received: R)."""
        self._put(message)

    def sent(self, message: can.Message) -> None:
        """Record a frame our node sent (as transmitted: T), stamped now."""
        self._put(
            can.Message(
                timestamp=time.time(),
                arbitration_id=message.arbitration_id,
                is_extended_id=message.is_extended_id,
                data=message.data,
                is_rx=False,
            )
        )

    def _put(self, message: can.Message) -> None:
        if self._closed:
            return
        try:
            self._queue.put_nowait(message)
        except queue.Full:
            self.dropped += 1

    def _run(self) -> None:
        failed = False
        while (message := self._queue.get()) is not _STOP:
            if failed:
                self.dropped += 1
                continue
            try:
                self._writer.on_message_received(message)
            except OSError as err:  # a full disk: keep the frames already written
                _LOGGER.warning("Recording to %s stopped: %s", self.path, err)
                failed = True
                self.dropped += 1
                continue
            self.frames += 1
        try:
            self._writer.stop()
        except OSError as err:
            _LOGGER.warning("Cannot finish the recording %s: %s", self.path, err)

    def close(self) -> None:
        """Write what waits, then close the file. Blocking; safe to call twice."""
        if not self._closed:
            self._closed = True
            self._queue.put(_STOP)
        self._thread.join()
