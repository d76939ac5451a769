"""A command's answer: a NAK fails it; an ACK, its device's status or silence pass it.

RV-C 2023-11, 3.2.4.4: a device that cannot carry out a command answers with
ACKNOWLEDGMENT (DGN E800h) and a code from table 7.5 naming why; most command
DGNs ask only for a NAK on failure and answer success with their status DGN.
So a command waits, from the moment it is written, for the first of: a
negative acknowledgment (refused, with the reason), a positive one, a status
of the instance it commands, or ANSWER_WINDOW of silence (accepted).
"""

from __future__ import annotations

from dataclasses import dataclass, field
import logging
from typing import TYPE_CHECKING, Final

from .errors import CommandRefusedError
from .frame_id import GLOBAL_ADDRESS
from .instances import instance_key

if TYPE_CHECKING:
    import asyncio
    from collections.abc import Callable, Hashable

    from .clock import Timers
    from .decode import RvcRecord
    from .instances import InstanceKey

_LOGGER = logging.getLogger(__name__)

ACKNOWLEDGMENT: Final = "ACKNOWLEDGMENT"
ANSWER_WINDOW: Final = 0.5
"""Seconds after writing a command within which a device refuses it."""
POSITIVE: Final = "ack"
TIMER: Final = "answers"


@dataclass(slots=True)
class _Waiting:
    """One command's callers waiting for its answer."""

    name: str
    dgn: int
    instance: int | None
    answered_by: InstanceKey | None
    futures: list[asyncio.Future[None]] = field(default_factory=list)
    deadline: float | None = None
    """Set when the frame is written."""


class CommandAnswers:
    """Commands sent and waiting to hear whether their device took them."""

    def __init__(self, clock: Callable[[], float], timers: Timers) -> None:
        """Time the windows with clock and timers (the node's)."""
        self._clock = clock
        self._timers = timers
        self._queued: dict[Hashable, _Waiting] = {}
        """Commands not written yet, by target: a newer one merges into them."""
        self._written: list[_Waiting] = []
        """Commands on the bus within their window, oldest first."""
        self.refused = 0
        """Commands a device refused (NAK), in time or late."""

    def __len__(self) -> int:
        """Commands waiting (truth checked on every frame: keep it cheap)."""
        return len(self._queued) + len(self._written)

    def expect(
        self,
        target: Hashable,
        future: asyncio.Future[None],
        *,
        name: str,
        dgn: int,
        instance: int | None,
        answered_by: InstanceKey | None = None,
    ) -> None:
        """Resolve future with the answer to the command for target.

        A command merged into a waiting one for the same target shares its
        answer. answered_by is the (family, instance) whose status answers it.
        """
        waiting = self._queued.get(target)
        if waiting is None:
            waiting = self._queued[target] = _Waiting(name, dgn, instance, answered_by)
        waiting.futures.append(future)

    def written(self, target: Hashable) -> None:
        """The command for target is on the bus: its window starts."""
        if (waiting := self._queued.pop(target, None)) is None:
            return
        waiting.deadline = self._clock() + ANSWER_WINDOW
        self._written.append(waiting)
        if TIMER not in self._timers:
            self._timers.later(TIMER, ANSWER_WINDOW, self._expire)

    def dropped(self, error: Exception) -> None:
        """Commands never written fail with error; those written pass."""
        for waiting in self._queued.values():
            _resolve(waiting, error)
        for waiting in self._written:
            _resolve(waiting, None)
        self._queued.clear()
        self._written.clear()
        self._timers.cancel(TIMER)

    def on_record(self, record: RvcRecord, address: int | None) -> None:
        """Match an acknowledgment, or a status that answers a command."""
        if record.name == ACKNOWLEDGMENT:
            self._acknowledged(record, address)
            return
        key = instance_key(record)
        if key is None or not self._written:
            return
        answered = [waiting for waiting in self._written if waiting.answered_by == key]
        for waiting in answered:
            _resolve(waiting, None)
            self._written.remove(waiting)

    def _acknowledged(self, record: RvcRecord, address: int | None) -> None:
        values = record.values
        if record.destination not in (address, GLOBAL_ADDRESS) or values.get(
            "acknowledged_source_address"
        ) not in (address, None):
            return
        dgn = values.get("acknowledged_dgn")
        instance = values.get("instance")
        code = values.get("acknowledgment_code")
        for waiting in self._written:
            if waiting.dgn == dgn and instance in (None, waiting.instance):
                self._written.remove(waiting)
                _resolve(waiting, self._refusal(record, waiting.name, code))
                return
        if code != POSITIVE:
            # Too late, or for a command sent before a restart: still worth a line.
            self._refusal(record, _dgn_name(dgn), code)

    def _refusal(
        self, record: RvcRecord, name: str, code: object
    ) -> CommandRefusedError | None:
        if code == POSITIVE:
            return None
        self.refused += 1
        reason = code if isinstance(code, str | int) else "unknown"
        _LOGGER.warning(
            "Node %#04x refused %s: %s",
            record.source,
            name,
            str(reason).replace("_", " "),
        )
        return CommandRefusedError(name, reason, record.source)

    def _expire(self) -> None:
        """Pass every command whose window ended in silence."""
        self._timers.fired(TIMER)
        now = self._clock()
        while self._written and (deadline := self._written[0].deadline) is not None:
            if deadline > now:
                self._timers.later(TIMER, deadline - now, self._expire)
                return
            _resolve(self._written.pop(0), None)


def _dgn_name(dgn: object) -> str:
    return f"DGN {dgn:05X}h" if isinstance(dgn, int) else "a command"


def _resolve(waiting: _Waiting, outcome: Exception | None) -> None:
    for future in waiting.futures:
        if future.done():
            continue
        if outcome is None:
            future.set_result(None)
        else:
            future.set_exception(outcome)
