"""J1939 multi-packet transport: reassembly of broadcast (BAM) sessions.

A sender announces a message with TP.CM (control byte BAM: total size, packet
count, DGN) and then sends TP.DT packets numbered from 1, seven bytes each.
Each source address has at most one BAM session at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

BAM_CONTROL: Final = 32
TP_DT_PAYLOAD: Final = 7
# J1939-21: a transported message is 9 to 1785 bytes (255 packets of 7).
MIN_TRANSPORT_SIZE: Final = 9
MAX_TRANSPORT_SIZE: Final = 1785
# J1939-21 T1: the longest gap a receiver waits between two packets.
DEFAULT_PACKET_TIMEOUT: Final = 0.75
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
