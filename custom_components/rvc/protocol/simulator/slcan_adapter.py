"""A CANable-like slcan adapter on a pseudo-terminal, for tests and benchmarks.

The integration opens `path` as it would /dev/ttyACM0. The emulator answers
the commands a CANable's slcan firmware knows (C, O, Sn, Mn, V, and frames to
send) with OK (carriage return) or the error bell, and puts frames on the
"bus" (the terminal) as T lines.
"""

from __future__ import annotations

import os
import select
import threading
import tty
from typing import Final

OK: Final = b"\r"
BELL: Final = b"\a"
VERSION: Final = b"V1013\r"


def frame_line(
    arbitration_id: int, data: bytes, timestamp_ms: int | None = None
) -> bytes:
    """The slcan line of an extended data frame, as an adapter sends it."""
    line = b"T%08X%d%s" % (arbitration_id, len(data), data.hex().upper().encode())
    if timestamp_ms is not None:
        line += b"%04X" % timestamp_ms
    return line + OK


class SlcanAdapterEmulator:
    """An slcan adapter on a pseudo-terminal; `serve` answers in a thread."""

    def __init__(self, *, silent_mode: bool = True, answers: bool = True) -> None:
        """Create the terminal; silent_mode False refuses M1 as old firmware does.

        With answers False the adapter answers nothing, like some clones.
        """
        self.master, self._slave = os.openpty()
        tty.setraw(self._slave)
        tty.setraw(self.master)
        self.path = os.ttyname(self._slave)
        self.silent_mode = silent_mode
        self.answers = answers
        self.commands: list[bytes] = []
        """Every command and frame line received, in order, without the CR."""
        self.open = False
        self.silent = False
        self.answered = 0
        """Commands whose answer is on the terminal (served in a thread)."""
        self._buffer = b""
        self._thread: threading.Thread | None = None
        self._stop_read, self._stop_write = os.pipe()

    def handle(self, data: bytes) -> bytes:
        """Take bytes written by the host; return the adapter's answers."""
        self._buffer += data
        *lines, self._buffer = self._buffer.split(OK)
        answers = b""
        for line in lines:
            self.commands.append(line)
            answer = self._answer(line)
            if self.answers:
                answers += answer
        return answers

    def _answer(self, line: bytes) -> bytes:
        command = line[:1]
        if command == b"O":
            self.open = True
        elif command == b"C":
            self.open = False
        elif command == b"V":
            return VERSION
        elif command == b"S" and line[1:] in {b"%d" % n for n in range(9)}:
            pass
        elif command == b"M" and self.silent_mode and line[1:] in (b"0", b"1"):
            self.silent = line[1:] == b"1"
        elif command in (b"T", b"t") and self.open and not self.silent:
            pass
        else:  # L, unknown commands, a frame while closed or silent
            return BELL
        return OK

    def write(self, data: bytes) -> None:
        """Put bytes on the host's side of the terminal (frames, noise)."""
        os.write(self.master, data)

    def send(self, arbitration_id: int, data: bytes) -> None:
        """A frame heard on the bus, as the adapter reports it."""
        self.write(frame_line(arbitration_id, data))

    def serve(self) -> None:
        """Answer commands in a thread until close()."""
        self._thread = threading.Thread(
            target=self._serve, name="slcan adapter emulator", daemon=True
        )
        self._thread.start()

    def _serve(self) -> None:
        while True:
            ready, _, _ = select.select([self.master, self._stop_read], [], [])
            if self._stop_read in ready:
                return
            try:
                data = os.read(self.master, 4096)
            except OSError:  # the host closed its side
                return
            if answers := self.handle(data):
                os.write(self.master, answers)
            self.answered = len(self.commands)

    @property
    def ready(self) -> bool:
        """Open, with every answer written: what comes next is frames."""
        return self.open and self.answered == len(self.commands)

    def unplug(self) -> None:
        """The adapter vanishes: the host's reads and writes fail from now on."""
        self.close()

    def close(self) -> None:
        """Stop serving and close the terminal; safe to call twice."""
        if self._stop_write < 0:
            return
        os.write(self._stop_write, b"x")
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        for fd in (self.master, self._slave, self._stop_read, self._stop_write):
            os.close(fd)
        self._stop_write = -1
