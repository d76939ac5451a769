"""A CAN bus session on python-can, delivering frames into asyncio."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
import logging
from typing import TYPE_CHECKING, Any, Final

import can

from .errors import BusOpenError, BusSendError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from .encode import RvcFrame

_LOGGER = logging.getLogger(__name__)

RVC_BITRATE: Final = 250_000
# Interfaces whose adapter sets the bitrate itself; SocketCAN's is set with `ip link`.
_BITRATE_INTERFACES: Final = frozenset({"slcan", "gs_usb", "pcan", "kvaser", "ixxat"})
# How long the reader thread (used by buses without a file descriptor) blocks
# in one receive: the bound on how long closing waits for it.
_READER_TIMEOUT: Final = 0.1
_STOP_TIMEOUT: Final = 2.0
# Frames read per wake-up of the event loop: a busy bus has several waiting,
# and reading them together saves a wake-up each; the bound keeps the loop fair.
MAX_FRAMES_PER_WAKEUP: Final = 64
# What backends raise when the adapter goes away under a read.
_RECEIVE_ERRORS: Final = (can.CanError, OSError, ValueError)


@dataclass(frozen=True, slots=True)
class BusConfig:
    """Where the RV-C bus is: a python-can interface and its channel."""

    interface: str
    channel: str
    bitrate: int = RVC_BITRATE
    options: Mapping[str, Any] = field(default_factory=dict)
    """Further keyword arguments for python-can (socketcand host and port, ...)."""

    def bus_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for can.Bus."""
        kwargs: dict[str, Any] = {
            "interface": self.interface,
            "channel": self.channel,
            **self.options,
        }
        if self.interface in _BITRATE_INTERFACES:
            kwargs["bitrate"] = self.bitrate
        return kwargs


class _Listener(can.Listener):
    """Forward python-can callbacks; with a loop they already run in it."""

    def __init__(
        self,
        on_message: Callable[[can.Message], object],
        on_error: Callable[[Exception], None] | None,
    ) -> None:
        self._on_message = on_message
        self._on_error = on_error

    def on_message_received(self, msg: can.Message) -> None:
        self._on_message(msg)

    def on_error(self, exc: Exception) -> None:
        if self._on_error is None:
            raise NotImplementedError
        self._on_error(exc)


class BusSession:
    """An open bus: start delivering frames, send frames, close."""

    def __init__(self, bus: can.BusABC, config: BusConfig) -> None:
        """Wrap an open python-can bus; use BusSession.open to create one."""
        self.bus = bus
        self.config = config
        self._notifier: can.Notifier | None = None
        self._reader: tuple[asyncio.AbstractEventLoop, int] | None = None
        self._on_message: Callable[[can.Message], object] | None = None
        self._on_error: Callable[[Exception], None] | None = None
        self._closed = False

    @classmethod
    def open(cls, config: BusConfig) -> BusSession:
        """Open the bus. Blocking: run it in an executor from asyncio."""
        try:
            bus = can.Bus(**config.bus_kwargs())
        # Backends raise what their drivers raise (OSError, USB and serial
        # errors, CanError, ...): each is "the adapter is not usable".
        except Exception as err:
            raise BusOpenError(
                f"cannot open {config.interface} bus on {config.channel!r}: {err}"
            ) from err
        return cls(bus, config)

    @property
    def started(self) -> bool:
        """Return True while frames are being delivered."""
        return self._notifier is not None or self._reader is not None

    def start(
        self,
        loop: asyncio.AbstractEventLoop,
        on_message: Callable[[can.Message], object],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Deliver every received frame to on_message, called in the event loop.

        A bus with a file descriptor (SocketCAN, UDP multicast) is read by the
        loop itself; the others by python-can's Notifier thread, which hands
        frames to the loop. A receive error (the adapter went away) stops
        delivery and goes to on_error, in the loop. Call from the loop's thread.
        """
        if self.started:
            raise RuntimeError("bus session already started")
        if (fileno := self._fileno()) >= 0:
            # The Notifier would read one frame per wake-up and leave a failing
            # descriptor registered (an error every loop iteration); this reads
            # a batch and stops on the first error.
            self._on_message = on_message
            self._on_error = on_error
            loop.add_reader(fileno, self._read_ready)
            self._reader = (loop, fileno)
            return
        self._notifier = can.Notifier(
            self.bus,
            [_Listener(on_message, on_error)],
            timeout=_READER_TIMEOUT,
            loop=loop,
        )

    def _read_ready(self) -> None:
        """Hand over the frames waiting on the descriptor, then yield the loop."""
        on_message = self._on_message
        assert on_message is not None  # noqa: S101 - set before the reader
        recv = self.bus.recv
        for _ in range(MAX_FRAMES_PER_WAKEUP):
            try:
                message = recv(0)
            except _RECEIVE_ERRORS as err:
                self._remove_reader()
                if self._on_error is None:
                    raise
                self._on_error(err)
                return
            if message is None:
                return
            on_message(message)

    def _remove_reader(self) -> None:
        if self._reader is not None:
            loop, fileno = self._reader
            self._reader = None
            loop.remove_reader(fileno)

    def send(self, frame: RvcFrame) -> None:
        """Put one frame on the bus."""
        message = can.Message(
            arbitration_id=frame.arbitration_id,
            data=frame.data,
            is_extended_id=True,
        )
        try:
            self.bus.send(message)
        except (can.CanError, OSError, ValueError) as err:
            raise BusSendError(
                f"cannot send {frame.arbitration_id:#010x}: {err}"
            ) from err

    def _fileno(self) -> int:
        try:
            return self.bus.fileno()
        except NotImplementedError:
            return -1

    @property
    def reads_in_thread(self) -> bool:
        """Return True when python-can reads this bus in a thread of its own."""
        return self._fileno() < 0

    async def async_close(self) -> None:
        """Close from the event loop without blocking it."""
        # A file-descriptor reader must be removed in the loop's own thread;
        # joining a reader thread and shutting an adapter down may block.
        self._remove_reader()
        await asyncio.get_running_loop().run_in_executor(None, self.close)

    def close(self) -> None:
        """Stop delivery and shut the bus down; safe to call twice.

        Blocking when python-can reads in a thread: prefer async_close in asyncio.
        """
        if self._closed:
            return
        self._closed = True
        self._remove_reader()
        if self._notifier is not None:
            self._notifier.stop(timeout=_STOP_TIMEOUT)
            self._notifier = None
        try:
            self.bus.shutdown()
        except (can.CanError, OSError) as err:
            _LOGGER.debug("Error while shutting down the bus: %s", err)
