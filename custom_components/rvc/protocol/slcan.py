"""Serial (slcan) adapters: read in blocks, open silent, close whatever happens.

python-can's slcan bus opens, configures and writes the adapter; its reader
costs two system calls per byte (about 27 bytes a frame). SlcanReader reads
whatever the port's descriptor has waiting in one call and splits the lines.
"""

from __future__ import annotations

import binascii
import logging
import os
from pathlib import Path
import time
from typing import Any, Final

import can
from can.interfaces.slcan import slcanBus
from serial.tools import list_ports  # type: ignore[import-untyped]

_LOGGER = logging.getLogger(__name__)

SERIAL_BY_ID: Final = Path("/dev/serial/by-id")
"""udev's stable names of serial ports: make, model and USB serial number."""

# One read takes what a USB full-speed CDC adapter delivers in a few ms.
READ_SIZE: Final = 4096
# A line longer than the longest frame (an FD frame with timestamp) is noise.
_MAX_LINE: Final = 160
_OK: Final = b"\r"
_BELL: Final = b"\a"
_EXTENDED_ID_DIGITS: Final = 8
_STANDARD_ID_DIGITS: Final = 3
# With timestamps on (command Z1) each frame ends in 4 hex digits: milliseconds
# 0..59999 of a counter that wraps every minute.
_TIMESTAMP_DIGITS: Final = 4
_TIMESTAMP_WRAP: Final = 60.0
# How far the adapter's clock may drift from ours before it is re-anchored.
_MAX_CLOCK_DRIFT: Final = 1.0
# How long an adapter has to answer a command; a CANable answers in about 1 ms.
_ANSWER_TIMEOUT: Final = 0.5
_DATA_FRAME: Final = {ord("T"): True, ord("t"): False}
_REMOTE_FRAME: Final = {ord("R"): True, ord("r"): False}


class AdapterGoneError(OSError):
    """The serial port reported readiness and returned nothing: unplugged."""


class _AdapterClock:
    """Turn the adapter's minute-wrapping millisecond counter into epoch time."""

    def __init__(self) -> None:
        self._base: float | None = None
        self._last = 0.0

    def timestamp(self, milliseconds: int, now: float) -> float:
        adapter = milliseconds / 1000
        if self._base is not None and adapter < self._last:
            self._base += _TIMESTAMP_WRAP
        self._last = adapter
        if self._base is None or abs(self._base + adapter - now) > _MAX_CLOCK_DRIFT:
            self._base = now - adapter
        return self._base + adapter


class SlcanReader:
    """Frames from an slcan adapter's serial descriptor, a block at a time."""

    def __init__(self, fileno: int, channel: str | None = None) -> None:
        """Read the (non-blocking) descriptor fileno; channel names the frames."""
        self.fileno = fileno
        self.channel = channel
        self._pending = b""
        self._clock = _AdapterClock()
        self.frames = 0
        self.malformed = 0
        """Lines that were neither a frame nor a command's answer: dropped."""
        self.refused = 0
        """Error bells: the adapter refused a command (or overflowed)."""

    def read(self) -> list[can.Message]:
        """The frames completed by what is waiting now; [] when nothing is.

        Raises OSError when the adapter has gone away.
        """
        try:
            chunk = os.read(self.fileno, READ_SIZE)
        except BlockingIOError:
            return []
        if not chunk:
            raise AdapterGoneError("the serial port returned no data: adapter gone")
        return self.feed(chunk, time.time())

    def feed(self, chunk: bytes, now: float) -> list[can.Message]:
        """The frames completed by chunk, received at time now."""
        data = self._pending + chunk
        if _BELL in data:
            self.refused += data.count(_BELL)
            _LOGGER.debug("The slcan adapter refused a command")
            data = data.replace(_BELL, _OK)
        lines = data.split(_OK)
        self._pending = lines.pop()
        if len(self._pending) > _MAX_LINE:
            self.malformed += 1
            self._pending = b""
        messages = []
        for line in lines:
            # An empty line is a command's "OK"; "z"/"Z" acknowledge a send.
            if not line or line in (b"z", b"Z"):
                continue
            try:
                message = self._frame(line, now)
            except (ValueError, IndexError, binascii.Error):
                message = None
            if message is None:
                self.malformed += 1
                _LOGGER.debug("Dropped a malformed slcan line %r", line[:_MAX_LINE])
                continue
            messages.append(message)
        self.frames += len(messages)
        return messages

    def _frame(self, line: bytes, now: float) -> can.Message | None:
        kind = line[0]
        if (extended := _DATA_FRAME.get(kind)) is not None:
            remote = False
        elif (extended := _REMOTE_FRAME.get(kind)) is not None:
            remote = True
        else:
            return None
        digits = _EXTENDED_ID_DIGITS if extended else _STANDARD_ID_DIGITS
        dlc = line[digits + 1] - 0x30
        if not 0 <= dlc <= 8:
            return None
        start = digits + 2
        end = start if remote else start + 2 * dlc
        tail = len(line) - end
        if tail == _TIMESTAMP_DIGITS:
            now = self._clock.timestamp(int(line[end:], 16), now)
        elif tail:
            return None
        return can.Message(
            timestamp=now,
            arbitration_id=int(line[1 : digits + 1], 16),
            is_extended_id=extended,
            is_remote_frame=remote,
            dlc=dlc,
            data=None if remote else binascii.unhexlify(line[start:end]),
            channel=self.channel,
        )


def serial_ports_by_id(directory: Path | None = None) -> list[str]:
    """The stable /dev/serial/by-id paths of this host's serial ports, sorted.

    Blocking: reads the directory; run it in an executor from asyncio.
    """
    directory = directory or SERIAL_BY_ID
    if not directory.is_dir():
        return []
    return sorted(str(link) for link in directory.iterdir())


def serial_number_of(path: str) -> str | None:
    """The USB serial number in a by-id name (usb-Make_Model_SERIAL-if00)."""
    name = Path(path).name
    if not name.startswith("usb-") or "_" not in name:
        return None
    return name.rsplit("-if", 1)[0].rsplit("_", 1)[1] or None


def find_port(
    channel: str, serial_number: str | None, directory: Path | None = None
) -> str:
    """Where the adapter is now: channel, or its serial number's current port.

    A replugged adapter may come back under another name (/dev/ttyACM1).
    Blocking: reads the file system.
    """
    if serial_number is None or Path(channel).exists():
        return channel
    for link in serial_ports_by_id(directory):
        if serial_number_of(link) == serial_number:
            break
    else:
        link = next(
            (
                port.device
                for port in list_ports.comports()
                if port.serial_number == serial_number
            ),
            channel,
        )
    if link != channel:
        _LOGGER.info(
            "The adapter with serial number %s is now at %s", serial_number, link
        )
    return link


class SlcanBus(slcanBus):
    """python-can's slcan bus, opened our way, read in blocks, closed for sure."""

    def __init__(
        self,
        channel: str,
        bitrate: int | None = None,
        *,
        silent: bool = False,
        serial_number: str | None = None,
        **kwargs: Any,
    ) -> None:
        """Open the port, set the bitrate and open the channel, silent if asked.

        With the adapter's USB serial number, a vanished channel is looked up
        again by that number.

        Raises what python-can raises (CanError, ValueError) and OSError.
        """
        if bitrate is not None and bitrate not in self._BITRATES:
            choices = ", ".join(str(rate) for rate in self._BITRATES)
            raise ValueError(f"invalid bitrate {bitrate}, choose one of {choices}")
        # python-can's constructor would open the channel in normal mode
        # before silent mode could be asked for: open() waits for us.
        self._configured = False
        channel = find_port(channel, serial_number)
        super().__init__(channel, **kwargs)
        try:
            self.serialPortOrig.reset_input_buffer()
            self._ask("C")
            if bitrate is not None:
                self._ask(self._BITRATES[bitrate])
            self.silent = silent and self._silent_mode(channel)
            self._configured = True
            self.open()
        except BaseException:
            self.shutdown()
            raise
        try:
            fileno = self.fileno()
        except NotImplementedError:  # a port without a descriptor (loop://)
            fileno = -1
        self.reader = SlcanReader(fileno, channel)

    def open(self) -> None:
        """Open the channel once configured (python-can calls it earlier)."""
        if self._configured:
            super().open()

    def _ask(self, command: str) -> bytes:
        """Send a command; its answer: OK, bell, or b"" when the adapter is quiet."""
        port = self.serialPortOrig
        port.write(command.encode() + self.LINE_TERMINATOR)
        port.flush()
        deadline = time.monotonic() + _ANSWER_TIMEOUT
        while (left := deadline - time.monotonic()) > 0:
            port.timeout = left
            if (answer := port.read(1)) in (_OK, _BELL):
                return bytes(answer)
        return b""

    def _silent_mode(self, channel: str) -> bool:
        """Ask for silent mode (M1); False when the adapter refuses it."""
        if self._ask("M1") == _OK:
            _LOGGER.debug("slcan adapter on %s opened silent", channel)
            return True
        _LOGGER.warning(
            "The slcan adapter on %s does not support silent mode (command M1): "
            "it only listens, but still acknowledges frames on the coach's bus",
            channel,
        )
        return False

    def read_waiting(self) -> list[can.Message]:
        """The frames waiting on the port, read in one system call."""
        return self.reader.read()

    def shutdown(self) -> None:
        """Close the channel ("C") and the port, even when the port is gone.

        python-can writes "C" first; on a vanished port that raises and the
        port stays open, so the replugged adapter gets a new name.
        """
        try:
            super().shutdown()
        finally:
            if self.serialPortOrig.is_open:
                self.serialPortOrig.close()
