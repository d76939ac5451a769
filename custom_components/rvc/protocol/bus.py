"""A CAN bus session on python-can, delivering frames into asyncio."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
import logging
from pathlib import Path
import threading
from typing import TYPE_CHECKING, Any, Final

import can

from .errors import BusOpenError, BusSendError, InterfaceDownError
from .netlink import bring_up
from .replay import REPLAY_INTERFACE, ReplayBus
from .slcan import SlcanBus

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from .encode import RvcFrame

_LOGGER = logging.getLogger(__name__)

RVC_BITRATE: Final = 250_000
SYS_CLASS_NET: Final = Path("/sys/class/net")
"""Where Linux shows network (and SocketCAN) interfaces and their state."""
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
    listen_only: bool = False
    """Open the adapter silent where it can be (slcan): it never acknowledges."""

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


def ensure_up(config: BusConfig) -> None:
    """Bring a down SocketCAN interface up, or say how to.

    SocketCAN binds to a down interface and fails only at the first read.
    """
    try:
        state = (SYS_CLASS_NET / config.channel / "operstate").read_text().strip()
    except OSError:  # no such interface, or no sysfs: python-can will say
        return
    if state != "down":
        return
    if (why := bring_up(config.channel, config.bitrate)) is not None:
        _LOGGER.debug("Cannot bring %s up: %s", config.channel, why)
        raise InterfaceDownError(config.channel, config.bitrate)


class BusSession:
    """An open bus: start delivering frames, send frames, close."""

    def __init__(self, bus: can.BusABC, config: BusConfig) -> None:
        """Wrap an open python-can bus; use BusSession.open to create one."""
        self.bus = bus
        self.config = config
        self._thread: threading.Thread | None = None
        self._stop_reading = threading.Event()
        self._reader: tuple[asyncio.AbstractEventLoop, int] | None = None
        self._on_message: Callable[[can.Message], object] | None = None
        self._on_error: Callable[[Exception], None] | None = None
        self._closed = False

    @classmethod
    def open(cls, config: BusConfig) -> BusSession:
        """Open the bus. Blocking: run it in an executor from asyncio."""
        if config.interface == "socketcan":
            ensure_up(config)
        kwargs = config.bus_kwargs()
        try:
            interface = kwargs.pop("interface")
            if interface == "slcan":
                bus: can.BusABC = SlcanBus(silent=config.listen_only, **kwargs)
            elif interface == REPLAY_INTERFACE:
                bus = ReplayBus(**kwargs)
            else:
                bus = can.Bus(interface=config.interface, **kwargs)
        except BusOpenError:
            raise  # already says why (a capture that is missing or unreadable)
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
        return self._thread is not None or self._reader is not None

    def start(
        self,
        loop: asyncio.AbstractEventLoop,
        on_message: Callable[[can.Message], object],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Deliver every received frame to on_message, called in the event loop.

        A bus with a file descriptor (SocketCAN, UDP multicast, slcan) is read
        by the loop itself; the others by a thread of ours, which hands frames
        to the loop. A receive error (the adapter went away) stops delivery and
        goes to on_error, in the loop. Call from the loop's thread.
        """
        if self.started:
            raise RuntimeError("bus session already started")
        self._on_message = on_message
        self._on_error = on_error
        if (fileno := self._fileno()) >= 0:
            # python-can's Notifier would read one frame per wake-up and leave a
            # failing descriptor registered (an error every loop iteration);
            # this reads a batch and stops on the first error.
            loop.add_reader(fileno, self._read_ready)
            self._reader = (loop, fileno)
            return
        # Not python-can's Notifier: its thread re-raises a receive error, and
        # every adapter loss printed a thread traceback.
        self._thread = threading.Thread(
            target=self._read_in_thread,
            args=(loop,),
            name=f"rvc reader {self.config.interface} {self.config.channel}",
            daemon=True,
        )
        self._thread.start()

    def _read_in_thread(self, loop: asyncio.AbstractEventLoop) -> None:
        """Hand every frame to the loop until closed or the adapter goes away."""
        on_message = self._on_message
        assert on_message is not None  # noqa: S101 - set before the thread
        recv = self.bus.recv
        while not self._stop_reading.is_set():
            try:
                message = recv(_READER_TIMEOUT)
            # Backends raise what their drivers raise: all mean "adapter gone".
            except Exception as err:  # noqa: BLE001
                if not self._stop_reading.is_set():
                    self._call_in_loop(loop, self._thread_failed, err)
                return
            if message is not None and not self._call_in_loop(
                loop, on_message, message
            ):
                return

    @staticmethod
    def _call_in_loop(
        loop: asyncio.AbstractEventLoop, callback: Callable[[Any], object], arg: Any
    ) -> bool:
        try:
            loop.call_soon_threadsafe(callback, arg)
        except RuntimeError:  # the loop is closed: nobody is listening
            return False
        return True

    def _thread_failed(self, err: Exception) -> None:
        self._thread = None
        self._report(err)

    def _report(self, err: Exception) -> None:
        if self._on_error is None:
            _LOGGER.error("Lost the CAN bus %s: %s", self.config.channel, err)
        else:
            self._on_error(err)

    def _read_ready(self) -> None:
        """Hand over the frames waiting on the descriptor, then yield the loop."""
        on_message = self._on_message
        assert on_message is not None  # noqa: S101 - set before the reader
        if isinstance(self.bus, SlcanBus):
            try:
                messages = self.bus.read_waiting()
            except _RECEIVE_ERRORS as err:
                self._remove_reader()
                self._report(err)
                return
            for frame in messages:
                on_message(frame)
            return
        recv = self.bus.recv
        for _ in range(MAX_FRAMES_PER_WAKEUP):
            try:
                message = recv(0)
            except _RECEIVE_ERRORS as err:
                self._remove_reader()
                self._report(err)
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
        self._stop_reading.set()
        if self._thread is not None:
            self._thread.join(_STOP_TIMEOUT)
            self._thread = None
        try:
            self.bus.shutdown()
        except (can.CanError, OSError) as err:
            _LOGGER.debug("Error while shutting down the bus: %s", err)
