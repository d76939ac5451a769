"""Captures in any format python-can's LogReader reads: decoded, or played as a bus."""

from __future__ import annotations

from pathlib import Path
import time
from typing import TYPE_CHECKING, Any, Final

import can

from .decode import Decoder
from .errors import CaptureNotFoundError, CaptureUnreadableError
from .spec import ERROR, load_spec

if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Iterator

    from .decode import RvcRecord
    from .spec import RvcSpec

REPLAY_INTERFACE: Final = "replay"
"""The BusConfig interface of a capture played as a bus (channel: its path)."""
MAX_PAUSE: Final = 5.0
"""Longest silence replayed, in seconds: RV-C devices report at least every 5 s,
so a longer one is a coach switched off, or frames logged days apart."""
LOOP_PAUSE: Final = 1.0
"""Seconds between the end of a looping capture and its start again."""


def read_log(path: Path | str) -> Iterator[can.Message]:
    """Yield the frames of a capture (.log candump -l, .asc, .blf, .trc, ...)."""
    with can.LogReader(path) as reader:
        yield from reader


def decode_log(
    path: Path | str, decoder: Decoder | None = None
) -> Iterator[tuple[can.Message, RvcRecord | None]]:
    """Yield every frame of a capture with its record (None when none yet)."""
    decoder = decoder or Decoder(load_spec())
    for message in read_log(path):
        yield message, decoder.decode_message(message)


def record_as_json(
    record: RvcRecord, spec: RvcSpec, timestamp: float
) -> dict[str, Any]:
    """A JSON-ready view of a record, with the unit of every field that has one."""
    message = spec.message(record.name)
    return {
        "timestamp": timestamp,
        "dgn": f"{record.dgn:05X}",
        "name": record.name,
        "source": record.source,
        "instance": record.instance,
        "values": {
            name: ERROR.value if value is ERROR else value
            for name, value in record.values.items()
        },
        "units": {
            field.name: field.unit
            for field in message.fields
            if field.unit and not field.is_enumeration
        },
    }


def frame_as_json(message: can.Message) -> dict[str, Any]:
    """A JSON-ready view of a frame that yielded no record."""
    return {
        "timestamp": message.timestamp,
        "id": f"{message.arbitration_id:08X}",
        "data": bytes(message.data).hex(),
    }


def check_capture(path: Path) -> None:
    """Raise unless path is a capture python-can reads, with a frame in it. Blocking."""
    if not path.is_file():
        raise CaptureNotFoundError(f"no capture at {path}")
    try:
        with can.LogReader(path) as reader:
            first = next(iter(reader), None)
    # Each format's reader raises what its parser does (ValueError, struct
    # errors, UnicodeDecodeError, ...): all mean "not a capture we can play".
    except Exception as err:
        raise CaptureUnreadableError(f"cannot read {path}: {err}") from err
    if first is None:
        raise CaptureUnreadableError(f"{path} holds no frame")


class ReplayBus(can.BusABC):
    """A capture played as a bus, at the pace of its timestamps; it sends nothing.

    Not python-can's MessageSync: it sleeps until each frame is due, and a bus
    must come back from a receive within its timeout (closing waits on it).
    """

    def __init__(
        self,
        channel: str,
        *,
        loop: bool = True,
        max_pause: float = MAX_PAUSE,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        **kwargs: Any,
    ) -> None:
        """Play the capture at path channel; loop starts it again at its end."""
        self._path = Path(channel)
        check_capture(self._path)
        self._loop = loop
        self._max_pause = max_pause
        self._clock = clock
        self._sleep = sleep
        self._schedule = self._play()
        self._next: tuple[float, can.Message] | None = None
        self.channel_info = f"capture {self._path.name}"
        super().__init__(channel, **kwargs)

    def _play(self) -> Generator[tuple[float, can.Message]]:
        """(When due on our clock, frame), round after round when looping."""
        due = self._clock()
        while True:
            previous: float | None = None
            with can.LogReader(self._path) as reader:
                for message in reader:
                    if message.is_error_frame:
                        continue  # the adapter's report, not a frame on the bus
                    if previous is not None:
                        pause = message.timestamp - previous
                        due += min(max(pause, 0.0), self._max_pause)
                    previous = message.timestamp
                    yield due, message
            if previous is None or not self._loop:
                return  # played once, or nothing in it to play
            # A capture of one instant must not flood the bus round after round.
            due = self._clock() + LOOP_PAUSE

    def _recv_internal(self, timeout: float | None) -> tuple[can.Message | None, bool]:
        if self._next is None:
            self._next = next(self._schedule, None)
        if self._next is None:  # played once: a silent bus from now on
            self._sleep(MAX_PAUSE if timeout is None else timeout)
            return None, False
        due, message = self._next
        if (wait := due - self._clock()) > 0:
            if timeout is not None and wait > timeout:
                self._sleep(timeout)
                return None, False
            self._sleep(wait)
        self._next = None
        # Heard now: what decodes and records it sees today's time.
        message.timestamp = time.time()
        message.is_rx = True
        return message, False

    def send(self, msg: can.Message, timeout: float | None = None) -> None:
        """Refuse: a capture cannot be written to."""
        raise can.CanOperationError("a replayed capture is read-only")

    def shutdown(self) -> None:
        """Close the capture file."""
        self._schedule.close()
        super().shutdown()
