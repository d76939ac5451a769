"""J1939 multi-packet transport: reassembly of BAM and connection-mode sessions.

Broadcast (BAM, RV-C 3.2.7): a sender announces a message with TP.CM (control
byte BAM: total size, packet count, DGN) and then sends TP.DT packets numbered
from 1, seven bytes each. Each source address has at most one BAM session.

Connection mode (J1939-21 RTS/CTS, which RV-C 4.2.2 admits): a sender asks
one node with RTS; that node answers CTS (how many packets, from which), gets
them as TP.DT addressed to it, asks for the next block, and closes with an
end-of-message acknowledgment, or a connection abort when it gives up. Only a
node that owns a claimed address can take part: it must answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import time
from typing import TYPE_CHECKING, Final, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable

BAM_CONTROL: Final = 32
RTS_CONTROL: Final = 16
CTS_CONTROL: Final = 17
END_OF_MESSAGE_ACK_CONTROL: Final = 19
ABORT_CONTROL: Final = 255
# J1939-21 connection abort reasons (the names are in the DBC).
ABORT_BUSY: Final = 1
ABORT_NO_RESOURCES: Final = 2
ABORT_TIMEOUT: Final = 3
ABORT_BAD_SEQUENCE: Final = 7
ABORT_TOO_BIG: Final = 9
ABORT_OTHER: Final = 250
NO_LIMIT: Final = 0xFF
TP_DT_PAYLOAD: Final = 7
# J1939-21: a transported message is 9 to 1785 bytes (255 packets of 7).
MIN_TRANSPORT_SIZE: Final = 9
MAX_TRANSPORT_SIZE: Final = 1785
# J1939-21 T1: the longest gap a receiver waits between two packets.
DEFAULT_PACKET_TIMEOUT: Final = 0.75
# J1939-21 T2: how long a receiver waits for the first packet after its CTS.
DEFAULT_CTS_TIMEOUT: Final = 1.25
DEFAULT_MAX_SESSIONS: Final = 32


@dataclass(slots=True)
class TransportStats:
    """What happened to multi-packet sessions."""

    completed: int = 0
    timed_out: int = 0
    missing_packet: int = 0
    duplicate_packet: int = 0
    orphan_packet: int = 0
    rejected: int = 0
    """Announcements refused: bad size or packet count, or too many sessions."""
    replaced: int = 0
    """Sessions dropped because their sender announced a new one."""
    not_for_us: int = 0
    """Connection-mode frames addressed to another node (or to us without an
    address we own): never answered."""
    aborted: int = 0
    """Connection-mode sessions we closed with a connection abort."""
    aborted_by_sender: int = 0
    """Connection-mode sessions their sender gave up."""


@dataclass(slots=True)
class _Session:
    dgn: int
    size: int
    packets: int
    last_seen: float
    next_sequence: int = 1
    payload: bytearray = field(default_factory=bytearray)


class BamReassembler:
    """Collect BAM sessions per source address, bounded in size, count and time."""

    def __init__(
        self,
        *,
        packet_timeout: float = DEFAULT_PACKET_TIMEOUT,
        max_size: int = MAX_TRANSPORT_SIZE,
        max_sessions: int = DEFAULT_MAX_SESSIONS,
    ) -> None:
        """Set the limits; timestamps are the frames' own, in seconds."""
        self.packet_timeout = packet_timeout
        self.max_size = min(max_size, MAX_TRANSPORT_SIZE)
        self.max_sessions = max_sessions
        self.stats = TransportStats()
        self._sessions: dict[int, _Session] = {}

    @property
    def active_sessions(self) -> int:
        """Number of sessions waiting for packets."""
        return len(self._sessions)

    def announce(
        self, source: int, dgn: int, size: int, packets: int, timestamp: float
    ) -> None:
        """Start a session from a TP.CM BAM announcement."""
        self.expire(timestamp)
        if not MIN_TRANSPORT_SIZE <= size <= self.max_size or packets != -(
            -size // TP_DT_PAYLOAD
        ):
            self.stats.rejected += 1
            return
        if self._sessions.pop(source, None) is not None:
            self.stats.replaced += 1
        if len(self._sessions) >= self.max_sessions:
            self.stats.rejected += 1
            return
        self._sessions[source] = _Session(dgn, size, packets, timestamp)

    def data(
        self, source: int, sequence: int, chunk: bytes, timestamp: float
    ) -> tuple[int, bytes] | None:
        """Add a TP.DT packet; return (DGN, payload) when the message is complete."""
        session = self._sessions.get(source)
        if session is None:
            self.stats.orphan_packet += 1
            return None
        if timestamp - session.last_seen > self.packet_timeout:
            del self._sessions[source]
            self.stats.timed_out += 1
            return None
        if sequence < session.next_sequence:
            self.stats.duplicate_packet += 1
            return None
        if sequence > session.next_sequence or (
            len(chunk) < TP_DT_PAYLOAD and (sequence < session.packets)
        ):
            del self._sessions[source]
            self.stats.missing_packet += 1
            return None
        session.payload += chunk[:TP_DT_PAYLOAD]
        session.last_seen = timestamp
        session.next_sequence += 1
        if session.next_sequence <= session.packets:
            return None
        del self._sessions[source]
        if len(session.payload) < session.size:
            self.stats.missing_packet += 1
            return None
        self.stats.completed += 1
        return session.dgn, bytes(session.payload[: session.size])

    def expire(self, now: float) -> None:
        """Drop sessions that have waited longer than the packet timeout."""
        stale = [
            source
            for source, session in self._sessions.items()
            if now - session.last_seen > self.packet_timeout
        ]
        for source in stale:
            del self._sessions[source]
        self.stats.timed_out += len(stale)


class TransportReply(NamedTuple):
    """A TP.CM frame a receiver owes a connection-mode sender."""

    destination: int
    """The sender's address."""
    values: dict[str, int]
    """TP.CM fields, raw, as the DBC names them."""


@dataclass(slots=True)
class _Connection:
    dgn: int
    size: int
    packets: int
    per_cts: int
    deadline: float
    next_sequence: int = 1
    block_end: int = 0
    payload: bytearray = field(default_factory=bytearray)


class ConnectionReceiver:
    """Receive connection-mode (RTS/CTS) messages addressed to our node.

    Bounded like BAM: size, sessions (one per sender) and time. It does not
    send: the frames it owes (CTS, end-of-message acknowledgment, connection
    abort) wait in ``replies`` for the node, which owns the bus. Its clock is
    the node's, so that a timer can expire sessions with no frame arriving.
    """

    def __init__(
        self,
        *,
        stats: TransportStats | None = None,
        clock: Callable[[], float] = time.monotonic,
        packet_timeout: float = DEFAULT_PACKET_TIMEOUT,
        cts_timeout: float = DEFAULT_CTS_TIMEOUT,
        max_size: int = MAX_TRANSPORT_SIZE,
        max_sessions: int = DEFAULT_MAX_SESSIONS,
    ) -> None:
        """Set the limits; stats may be shared with the BAM reassembler."""
        self.stats = stats if stats is not None else TransportStats()
        self.clock = clock
        self.packet_timeout = packet_timeout
        self.cts_timeout = cts_timeout
        self.max_size = min(max_size, MAX_TRANSPORT_SIZE)
        self.max_sessions = max_sessions
        self.address: int | None = None
        """Our claimed address; None: we cannot answer, so we take no part."""
        self.replies: list[TransportReply] = []
        self.failed: list[tuple[int, int]] = []
        """(sender, DGN) of sessions that ended without the message."""
        self._sessions: dict[int, _Connection] = {}

    @property
    def active_sessions(self) -> int:
        """Number of sessions waiting for packets."""
        return len(self._sessions)

    def next_deadline(self) -> float | None:
        """When the first open session times out; None when none is open."""
        return min((s.deadline for s in self._sessions.values()), default=None)

    def take_replies(self) -> list[TransportReply]:
        """The frames owed since the last call, oldest first."""
        replies, self.replies = self.replies, []
        return replies

    def take_failed(self) -> list[tuple[int, int]]:
        """(sender, DGN) of the sessions that failed since the last call."""
        failed, self.failed = self.failed, []
        return failed

    def request_to_send(
        self,
        source: int,
        destination: int,
        *,
        dgn: int,
        size: int,
        packets: int,
        per_cts: int,
    ) -> None:
        """A TP.CM RTS: answer CTS for the first block, or abort."""
        if self.address is None or destination != self.address:
            self.stats.not_for_us += 1
            return
        self.expire()
        reason = None
        if size > MAX_TRANSPORT_SIZE:
            reason = ABORT_TOO_BIG
        elif size > self.max_size:
            reason = ABORT_NO_RESOURCES
        elif size < MIN_TRANSPORT_SIZE or packets != -(-size // TP_DT_PAYLOAD):
            reason = ABORT_OTHER
        # A sender that asks again has given up its open session (RV-C 3.2.7:
        # a receiver that missed the message asks for all of it again).
        elif self._sessions.pop(source, None) is not None:
            self.stats.replaced += 1
        if reason is None and len(self._sessions) >= self.max_sessions:
            reason = ABORT_BUSY
        if reason is not None:
            self.stats.rejected += 1
            self._abort(source, dgn, reason)
            return
        session = _Connection(dgn, size, packets, per_cts or NO_LIMIT, 0.0)
        self._sessions[source] = session
        self._clear_to_send(source, session)

    def data(
        self, source: int, destination: int, sequence: int, chunk: bytes
    ) -> tuple[int, bytes] | None:
        """A TP.DT addressed to a node; (DGN, payload) when a message completes."""
        if self.address is None or destination != self.address:
            self.stats.not_for_us += 1
            return None
        self.expire()
        session = self._sessions.get(source)
        if session is None:
            self.stats.orphan_packet += 1
            return None
        if sequence < session.next_sequence:
            self.stats.duplicate_packet += 1
            return None
        if sequence > session.next_sequence or (
            len(chunk) < TP_DT_PAYLOAD and sequence < session.packets
        ):
            del self._sessions[source]
            self.stats.missing_packet += 1
            self._abort(source, session.dgn, ABORT_BAD_SEQUENCE)
            return None
        session.payload += chunk[:TP_DT_PAYLOAD]
        session.next_sequence += 1
        if session.next_sequence <= session.packets:
            if session.next_sequence > session.block_end:
                self._clear_to_send(source, session)
            else:
                session.deadline = self.clock() + self.packet_timeout
            return None
        del self._sessions[source]
        self.stats.completed += 1
        self.replies.append(
            TransportReply(
                source,
                {
                    "control": END_OF_MESSAGE_ACK_CONTROL,
                    "total_size": session.size,
                    "total_packets": session.packets,
                    "transported_dgn": session.dgn,
                },
            )
        )
        return session.dgn, bytes(session.payload[: session.size])

    def sender_aborted(self, source: int, destination: int, dgn: int) -> None:
        """A TP.CM connection abort: the sender gave up its session with us."""
        if self.address is None or destination != self.address:
            self.stats.not_for_us += 1
            return
        session = self._sessions.get(source)
        if session is not None and session.dgn == dgn:
            del self._sessions[source]
            self.stats.aborted_by_sender += 1
            self.failed.append((source, dgn))

    def expire(self) -> None:
        """Abort the sessions whose sender kept us waiting too long."""
        now = self.clock()
        stale = [s for s, session in self._sessions.items() if now >= session.deadline]
        for source in stale:
            session = self._sessions.pop(source)
            self.stats.timed_out += 1
            self._abort(source, session.dgn, ABORT_TIMEOUT)

    def _clear_to_send(self, source: int, session: _Connection) -> None:
        count = min(session.per_cts, session.packets - session.next_sequence + 1)
        session.block_end = session.next_sequence + count - 1
        session.deadline = self.clock() + self.cts_timeout
        self.replies.append(
            TransportReply(
                source,
                {
                    "control": CTS_CONTROL,
                    "cts_packets": count,
                    "next_packet": session.next_sequence,
                    "transported_dgn": session.dgn,
                },
            )
        )

    def _abort(self, source: int, dgn: int, reason: int) -> None:
        self.stats.aborted += 1
        self.failed.append((source, dgn))
        self.replies.append(
            TransportReply(
                source,
                {
                    "control": ABORT_CONTROL,
                    "abort_reason": reason,
                    "transported_dgn": dgn,
                },
            )
        )
