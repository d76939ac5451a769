"""An RV-C node: one participant on the bus, as J1939 asks it to behave.

It owns the bus session and its writer, claims and defends a source address,
asks each new node who it is (a few at a time), answers connection-mode
transfers addressed to it, keeps what it sends within rate limits, and
reopens a lost adapter with backoff. Time comes from an
injected scheduler (an asyncio loop will do), so that it runs and is tested
without Home Assistant. The pace of identification requests lives in
identify.py, reopening the adapter in reconnect.py, the timers in clock.py.
"""

from __future__ import annotations

import asyncio
import logging
import random
from typing import TYPE_CHECKING, Any, Final

from .address import AddressClaimer, ClaimOutcome
from .answers import ACKNOWLEDGMENT, CommandAnswers
from .clock import Timers
from .decode import Decoder
from .encode import encode
from .errors import (
    AddressLostError,
    BusUnavailableError,
    RateLimitedError,
    ReadOnlyError,
)
from .frame_id import GLOBAL_ADDRESS
from .identify import IdentificationPacer
from .rate import RateLimiter
from .reconnect import Reconnector
from .send_queue import SendQueue, Submitted
from .transport import BamReassembler, ConnectionReceiver
from .writer import FrameWriter

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Coroutine, Hashable, Mapping

    import can

    from .bus import BusConfig, BusSession
    from .capture import FrameTap
    from .clock import Scheduler
    from .decode import RvcRecord
    from .encode import FieldInput, RvcFrame
    from .errors import BusOpenError
    from .instances import InstanceKey
    from .spec import RvcSpec

_LOGGER = logging.getLogger(__name__)

# Frames a second (and bursts) we send: in all, and per (DGN, instance).
SEND_RATE: Final = 50
SEND_BURST: Final = 50
COMMAND_RATE: Final = 5
COMMAND_BURST: Final = 5
# J1939-81 4.4.4.3: after claiming an address in 128-247, wait 250 ms.
CLAIM_SETTLE: Final = 0.25
SETTLING_ADDRESSES: Final = range(128, 248)
# J1939-81 4.4.4.3: "cannot claim" waits 0.6 ms times a random 0-255.
CANNOT_CLAIM_STEP: Final = 0.0006
MAX_WARNED_TARGETS: Final = 1024

type Target = tuple[str, object, int]
"""What one command addresses: (DGN, instance, destination)."""


class RvcNode:
    """Our node on one RV-C bus: reading, claiming, sending, reconnecting."""

    def __init__(
        self,
        spec: RvcSpec,
        session: BusSession,
        *,
        name: Mapping[str, int],
        on_record: Callable[[RvcRecord], None],
        read_only: bool = False,
        scheduler: Scheduler | None = None,
        opener: Callable[[BusConfig], Awaitable[BusSession]] | None = None,
        create_task: Callable[[Coroutine[Any, Any, None]], asyncio.Task[None]]
        | None = None,
        on_lost: Callable[[], None] | None = None,
        on_back: Callable[[], None] | None = None,
        on_address_lost: Callable[[], None] | None = None,
        on_outage: Callable[[float, BusOpenError], None] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        """Prepare; start() begins reading (and claims unless read-only).

        on_record gets every decoded frame; on_lost and on_back the loss and
        return of the adapter; on_outage(seconds gone, error) each failed
        reopen; on_address_lost that no source address is left.
        """
        self.spec = spec
        self.session = session
        self.read_only = read_only
        reassembler = BamReassembler()
        self.decoder = Decoder(
            spec,
            reassembler=reassembler,
            connections=ConnectionReceiver(stats=reassembler.stats, clock=self._now),
        )
        self.claimer = AddressClaimer(spec, name)
        self._on_record = on_record
        self._on_lost = on_lost
        self._on_back = on_back
        self._on_address_lost = on_address_lost
        self._scheduler = scheduler
        self._rng = rng or random.Random()  # noqa: S311 - a back-off, not a secret
        self._loop: asyncio.AbstractEventLoop | None = None
        self._writer: FrameWriter | None = None
        self._tap: FrameTap | None = None
        self._queue: SendQueue | None = None
        self._waiting: dict[Hashable, Mapping[str, FieldInput]] = {}
        self._warned: set[Hashable] = set()
        self._known: set[int] = set()
        self._transport_rate: RateLimiter | None = None
        self._transport_deadline: float | None = None
        self._settled_at = 0.0
        self._timers = Timers(lambda: self.scheduler)
        self.identification = IdentificationPacer(
            clock=self._now, timers=self._timers, ask=self._ask_who
        )
        """Asks new nodes who they are, a few at a time."""
        self.answers = CommandAnswers(self._now, self._timers)
        """Commands waiting to hear whether their device took them."""
        self._address_claimed = spec.message("ADDRESS_CLAIMED").dgn
        self._product_identification = spec.message("PRODUCT_IDENTIFICATION").dgn
        self._stopping = False
        self.connected = True
        """False from losing the adapter until it is open again."""
        self.frames_sent = 0
        self.frames_dropped = 0
        self.reconnector = Reconnector(
            clock=self._now,
            timers=self._timers,
            running_loop=self._running_loop,
            on_back=self._reopened,
            opener=opener,
            create_task=create_task,
            on_outage=on_outage,
        )
        """Reopens the adapter when it is lost; counts losses and attempts."""

    @property
    def scheduler(self) -> Scheduler:
        """The clock and timers in use (the event loop unless injected)."""
        if self._scheduler is None:
            self._scheduler = self._running_loop()
        return self._scheduler

    def _now(self) -> float:
        return self.scheduler.time()

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            self._loop = asyncio.get_running_loop()
        return self._loop

    def start(self) -> None:
        """Start reading (and claim an address); call from the event loop."""
        clock = self.scheduler.time
        self._queue = SendQueue(
            (SEND_RATE, SEND_BURST), (COMMAND_RATE, COMMAND_BURST), clock=clock
        )
        self._transport_rate = RateLimiter(SEND_RATE, SEND_BURST, clock=clock)
        self._open_session()

    def _open_session(self) -> None:
        loop = self._running_loop()
        self.session.start(loop, self._on_message, self._on_bus_error)
        if self.read_only:
            return
        self._writer = FrameWriter(self.session.bus, loop, self._on_bus_error)
        self._writer.tap = self._tap
        # J1939: claim an address before anything else goes out.
        self._send_claim()
        self.decoder.connections.address = self.claimer.address

    async def async_stop(self) -> None:
        """Stop timers, drop what waits, close the writer and the bus."""
        self._stopping = True
        self._timers.stop()
        self.reconnector.stop()
        self._drop_waiting()
        await self._async_close(self.session, self._writer)
        self._writer = None

    async def _async_close(
        self, session: BusSession, writer: FrameWriter | None
    ) -> None:
        if writer is not None:
            await self._running_loop().run_in_executor(None, writer.close)
        await session.async_close()

    def wait_sent(self, timeout: float = 1.0) -> bool:
        """Block until the writer wrote what it was given (for tests and tools)."""
        return self._writer is None or self._writer.wait_idle(timeout)

    @property
    def tap(self) -> FrameTap | None:
        """What sees every frame received and sent (a recording), if anything."""
        return self._tap

    @tap.setter
    def tap(self, tap: FrameTap | None) -> None:
        # The one place both directions pass: frames in here, frames out in
        # the writer's thread once on the bus (a reopened adapter's too).
        self._tap = tap
        if self._writer is not None:
            self._writer.tap = tap

    # Receiving

    def _on_message(self, message: can.Message) -> None:
        if self._tap is not None:
            self._tap.received(message)
        record = self.decoder.decode_message(message)
        connections = self.decoder.connections
        if connections.replies or connections.failed or connections.active_sessions:
            self._answer_transport()
        if record is None:
            return
        if record.source not in self._known:
            self._met(record.source)
        if not self.read_only and record.name in ("ADDRESS_CLAIMED", "ISO_REQUEST"):
            self._network_management(record)
        if self.answers or record.name == ACKNOWLEDGMENT:
            self.answers.on_record(record, self.claimer.address)
        self._on_record(record)

    def _met(self, source: int) -> None:
        self._known.add(source)
        self.claimer.note_sender(source)
        if not self.read_only:
            self.request_identification(source)

    def forget(self, source: int) -> None:
        """Treat a node as new when it is next heard (it is asked who it is)."""
        self._known.discard(source)

    def request_identification(self, source: int) -> None:
        """Ask a node (or GLOBAL_ADDRESS: all) for PRODUCT_IDENTIFICATION, at a pace."""
        self.identification.request(source)

    def _ask_who(self, destination: int) -> None:
        self._send_quietly(
            "ISO_REQUEST",
            {"requested_dgn": self._product_identification},
            destination=destination,
        )

    def _network_management(self, record: RvcRecord) -> None:
        """Defend our address, and say which it is when asked."""
        if record.name == "ISO_REQUEST":
            if record.values.get(
                "requested_dgn"
            ) == self._address_claimed and record.destination in (
                GLOBAL_ADDRESS,
                self.claimer.address,
            ):
                self._send_claim()
            return
        outcome = self.claimer.on_claim(record.source, record.values)
        if outcome is ClaimOutcome.NONE:
            return
        self.decoder.connections.address = self.claimer.address
        if outcome is not ClaimOutcome.DEFENDED:
            # What waits carries the old address.
            self._drop_waiting()
        if outcome is ClaimOutcome.MOVED:
            _LOGGER.warning(
                "Node %#04x claimed our source address; moving to %#04x",
                record.source,
                self.claimer.address,
            )
        elif outcome is ClaimOutcome.LOST:
            _LOGGER.error("No free source address on the RV-C bus: not sending")
            if self._on_address_lost is not None:
                self._on_address_lost()
        self._send_claim()

    def _send_claim(self) -> None:
        address = self.claimer.address
        if address is None:
            # J1939-81: "cannot claim" after a pseudo-random delay, so that
            # nodes that lost together do not answer together.
            delay = CANNOT_CLAIM_STEP * self._rng.randint(0, 255)
            self._timers.later("claim", delay, self._write_claim)
            return
        self._write_claim()
        if address in SETTLING_ADDRESSES:
            self._settled_at = self.scheduler.time() + CLAIM_SETTLE

    def _write_claim(self) -> None:
        self._timers.fired("claim")
        if self.connected and self._writer is not None:
            self._write(self.claimer.claim())

    # Sending

    def send(
        self,
        name: str,
        values: Mapping[str, FieldInput],
        *,
        destination: int = GLOBAL_ADDRESS,
    ) -> None:
        """Encode a message and send it as soon as the rate limits allow.

        A command for a device (DGN, instance, destination) that already has
        one waiting is merged into it: fields the newer one sets win, fields it
        leaves out (no change) keep the older one's value.
        """
        if self.read_only:
            raise ReadOnlyError("the node is read-only")
        if (source := self.claimer.address) is None:
            raise AddressLostError("no source address left on the bus")
        if not self.connected:
            raise BusUnavailableError("the adapter is gone")
        target: Target = (name, values.get("instance"), destination)
        if (older := self._waiting.get(target)) is not None:
            values = {
                **older,
                **{key: value for key, value in values.items() if value is not None},
            }
        frame = encode(self.spec, name, values, source=source, destination=destination)
        queue = self._queue
        assert queue is not None  # noqa: S101 - set by start()
        submitted = queue.submit(target, frame)
        if submitted is Submitted.DROPPED:
            self.frames_dropped += 1
            raise RateLimitedError(name)
        if submitted is Submitted.SUPERSEDED:
            self._superseded(target)
        self._waiting[target] = values
        self._flush()

    def send_and_expect(
        self,
        name: str,
        values: Mapping[str, FieldInput],
        *,
        destination: int = GLOBAL_ADDRESS,
        answered_by: InstanceKey | None = None,
    ) -> asyncio.Future[None]:
        """Send a command; the future tells whether its device took it.

        It fails with CommandRefusedError on a NAK, and passes on an ACK, a
        status of answered_by, or silence (see answers.py). Raises like send().
        """
        future: asyncio.Future[None] = self._running_loop().create_future()
        instance = values.get("instance")
        target: Target = (name, instance, destination)
        self.send(name, values, destination=destination)
        self.answers.expect(
            target,
            future,
            name=name,
            dgn=self.spec.message(name).dgn,
            instance=instance if isinstance(instance, int) else None,
            answered_by=answered_by,
        )
        if target not in self._waiting:
            # Written at once by send().
            self.answers.written(target)
        return future

    def _send_quietly(
        self, name: str, values: Mapping[str, FieldInput], *, destination: int
    ) -> None:
        """Send what the node itself wants; a refusal is only logged."""
        try:
            self.send(name, values, destination=destination)
        except (AddressLostError, BusUnavailableError, RateLimitedError) as err:
            _LOGGER.debug("Not sending %s to %#04x: %s", name, destination, err)

    def _superseded(self, target: Target) -> None:
        """Count a command merged into a newer one; say so once per device."""
        self.frames_dropped += 1
        if target not in self._warned:
            if len(self._warned) < MAX_WARNED_TARGETS:
                self._warned.add(target)
            _LOGGER.warning(
                "Commands for %s (instance %s) come faster than %s a second:"
                " waiting ones are merged into the newest",
                target[0],
                target[1],
                COMMAND_RATE,
            )

    def _flush(self) -> None:
        """Send what the limits allow now; come back for the rest."""
        self._timers.cancel("flush")
        queue = self._queue
        if queue is None or not self.connected:
            return
        if (settle := self._settled_at - self.scheduler.time()) > 0:
            self._timers.later("flush", settle, self._flush)
            return
        for target, frame in queue.pop_due():
            self._waiting.pop(target, None)
            self._write(frame)
            if self.answers:
                self.answers.written(target)
        if (delay := queue.next_due()) is not None:
            self._timers.later("flush", delay, self._flush)

    def _write(self, frame: RvcFrame) -> None:
        writer = self._writer
        if writer is not None and writer.write(frame):
            self.frames_sent += 1
        else:
            self.frames_dropped += 1
            _LOGGER.warning("The adapter's write queue is full: frame not sent")

    def _answer_transport(self) -> None:
        """Send what connection-mode senders are owed; watch their timeouts.

        CTS, end-of-message acknowledgment and connection abort go straight
        to the writer, like the address claim: transport, not commands, and
        due within J1939-21's 200 ms. They only exist while we own an address
        (never when read-only), and are rate limited like all we send.
        """
        connections = self.decoder.connections
        rate = self._transport_rate
        assert rate is not None  # noqa: S101 - set by start()
        for reply in connections.take_replies():
            address = connections.address
            if address is None or not self.connected or not rate.allow():
                self.frames_dropped += 1
                continue
            self._write(
                encode(
                    self.spec,
                    "TP_CM",
                    reply.values,
                    source=address,
                    destination=reply.destination,
                )
            )
        if any(
            dgn == self._product_identification for _, dgn in connections.take_failed()
        ):
            self.identification.request_globally()
        deadline = connections.next_deadline()
        if deadline is not None and deadline != self._transport_deadline:
            # Each packet moves the deadline (J1939-21 T1, T2).
            self._transport_deadline = deadline
            self._timers.later(
                "transport", deadline - self._now(), self._expire_transport
            )

    def _expire_transport(self) -> None:
        self._timers.fired("transport")
        self._transport_deadline = None
        self.decoder.connections.expire()
        self._answer_transport()

    def _drop_waiting(self) -> None:
        if self._queue is not None:
            self.frames_dropped += self._queue.clear()
        self._waiting.clear()
        self.answers.dropped(BusUnavailableError("the command was dropped unsent"))

    # Losing and reopening the adapter

    def _on_bus_error(self, err: Exception) -> None:
        """The adapter failed: report it, then reopen with backoff."""
        if not self.connected or self._stopping:
            return
        self.connected = False
        self.decoder.connections.address = None
        self.reconnector.lost(err, self.session.config)
        # Commands waiting now are stale by the time the bus is back.
        self._drop_waiting()
        if self._on_lost is not None:
            self._on_lost()
        self.reconnector.retry(closing=self._async_close(self.session, self._writer))
        self._writer = None

    def _reopened(self, session: BusSession) -> None:
        self.session = session
        self.connected = True
        self._open_session()
        if self._on_back is not None:
            self._on_back()

    def reconnect_now(self) -> None:
        """Try to reopen a lost adapter at once (it was just plugged in)."""
        if self.connected or self._stopping:
            return
        self.reconnector.now()

    @property
    def bus_losses(self) -> int:
        """Times the adapter was lost."""
        return self.reconnector.bus_losses

    @property
    def reconnect_attempts(self) -> int:
        """Times a lost adapter was tried again."""
        return self.reconnector.reconnect_attempts

    @property
    def last_bus_error(self) -> str | None:
        """Why the adapter was last lost, or could not be reopened."""
        return self.reconnector.last_bus_error
