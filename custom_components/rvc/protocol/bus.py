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
        return self._notifier is not None

    def start(
        self,
        loop: asyncio.AbstractEventLoop,
        on_message: Callable[[can.Message], object],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Deliver every received frame to on_message, called in the event loop.

        A bus with a file descriptor (SocketCAN) is read by the loop itself; the
        others by python-can's reader thread, which hands frames to the loop.
        Call from the event loop's thread.
        """
        if self._notifier is not None:
            raise RuntimeError("bus session already started")
        self._notifier = can.Notifier(
            self.bus,
            [_Listener(on_message, on_error)],
            timeout=_READER_TIMEOUT,
            loop=loop,
        )

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

    @property
    def reads_in_thread(self) -> bool:
        """Return True when python-can reads this bus in a thread of its own."""
        try:
            return self.bus.fileno() < 0
        except NotImplementedError:
            return True

    async def async_close(self) -> None:
        """Close from the event loop without blocking it."""
        if self.reads_in_thread:
            # Joining the reader thread can take up to its receive timeout.
            await asyncio.get_running_loop().run_in_executor(None, self.close)
        else:
            # A file-descriptor reader must be removed in the loop's own thread.
            self.close()

    def close(self) -> None:
        """Stop delivery and shut the bus down; safe to call twice.

        Blocking when python-can reads in a thread: prefer async_close in asyncio.
        """
        if self._closed:
            return
        self._closed = True
        if self._notifier is not None:
            self._notifier.stop(timeout=_STOP_TIMEOUT)
            self._notifier = None
        try:
            self.bus.shutdown()
        except (can.CanError, OSError) as err:
            _LOGGER.debug("Error while shutting down the bus: %s", err)
