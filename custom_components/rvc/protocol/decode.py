"""Frames in, typed records out: every frame is decoded, counted or dropped."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, NamedTuple, cast

from cantools.database import DecodeError

from .frame_id import GLOBAL_ADDRESS, build_frame_id, parse_frame_id
from .transport import (
    ABORT_CONTROL,
    BAM_CONTROL,
    RTS_CONTROL,
    BamReassembler,
    ConnectionReceiver,
)
from .unpack import build_unpacker

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    import can

    from .spec import FieldValue, MessageSpec, RvcSpec
    from .unpack import Unpacker

# Bounds on bookkeeping, so that a bus full of garbage cannot grow memory.
MAX_CACHED_IDENTIFIERS: Final = 4096
MAX_TRACKED_UNKNOWN_DGNS: Final = 256
# Counters per (DGN, source); past this many, a DGN's further senders share one.
MAX_COUNTED_SENDERS: Final = 4096

# SocketCAN marks an error frame that reports bus-off with this class bit.
CAN_ERR_BUSOFF: Final = 0x40

# DGNs of no RV-C definition that are not mistakes either. Proprietary: RV-C
# 3.2.6 (EF00h, destination-specific) and J1939's proprietary A2 (1EF00h) and
# B (FF00h-FFFFh). Other protocols sharing the bus: NMEA 2000 PGNs below the
# lowest RV-C application DGN (1FDAAh, table 7.7) and J1939 broadcast PGNs.
PROPRIETARY_PDU_FORMAT: Final = 0xEF
PROPRIETARY_B: Final = range(0x0FF00, 0x10000)
OTHER_PROTOCOL_RANGES: Final = (range(0x1ED00, 0x1FDA0), range(0x0F000, 0x0FF00))


def dgn_kind(dgn: int) -> str:
    """Classify a DGN the specification lacks: proprietary, other or unknown."""
    if (dgn >> 8) & 0xFF == PROPRIETARY_PDU_FORMAT or dgn in PROPRIETARY_B:
        return "proprietary"
    if any(dgn in dgns for dgns in OTHER_PROTOCOL_RANGES):
        return "other_protocol"
    return "unknown"


# PRODUCT_IDENTIFICATION is ASCII: make*model*serial*unit, each part optional.
PRODUCT_IDENTIFICATION_FIELDS: Final = ("make", "model", "serial_number", "unit_number")


class RvcRecord(NamedTuple):
    """One decoded RV-C message; the same frame decodes to an equal record."""

    name: str
    dgn: int
    source: int
    instance: int | None
    values: Mapping[str, FieldValue]
    """Read-only."""
    priority: int
    destination: int
    payload: bytes | None = None
    """All bytes of a multi-packet message, whose values hold only the layout
    the specification gives (a DM_RV's further faults: protocol.faults);
    None for a single frame."""


@dataclass(slots=True)
class DecodeStats:
    """Counters of everything the decoder saw."""

    frames: int = 0
    decoded: int = 0
    unknown: int = 0
    """Frames of DGNs RV-C could define but the specification does not have."""
    proprietary: int = 0
    """Frames of proprietary DGNs (manufacturer-specific, see dgn_kind)."""
    other_protocol: int = 0
    """Frames of other protocols on the same bus (NMEA 2000, J1939)."""
    malformed: int = 0
    """Frames shorter than their DGN's layout, or not 29-bit data frames."""
    error_frames: int = 0
    bus_off: int = 0
    """Error frames saying the controller went bus-off."""
    transport: int = 0
    """TP.CM / TP.DT frames consumed by multi-packet reassembly."""
    unknown_dgns: dict[int, int] = field(default_factory=dict)
    """Frames per DGN without a definition (unknown, proprietary or other
    protocol), for the first MAX_TRACKED_UNKNOWN_DGNS of them."""


class _Plan:
    """How to decode frames of one 29-bit identifier; built once per identifier."""

    __slots__ = (
        "decoded",
        "destination",
        "dgn",
        "has_instance",
        "length",
        "name",
        "priority",
        "source",
        "spec",
        "text",
        "transport",
        "unpack",
    )

    def __init__(
        self,
        spec: MessageSpec,
        arbitration_id: int,
        decoded: list[int],
        unpack: Unpacker,
        *,
        transport: bool,
    ) -> None:
        frame_id = parse_frame_id(arbitration_id)
        self.spec = spec
        self.name = spec.name
        self.has_instance = spec.has_instance
        # Shared by every identifier of the DGN: records decoded per DGN.
        self.decoded = decoded
        self.dgn = frame_id.dgn
        self.source = frame_id.source
        self.destination = frame_id.destination
        self.priority = frame_id.priority
        self.length = spec.length
        # A multi-packet DGN without a layout is text (PRODUCT_IDENTIFICATION).
        self.text = spec.multi_packet and not spec.fields
        self.unpack = unpack
        # TP.CM / TP.DT carry pieces of other messages.
        self.transport = transport


def _make_record(plan: _Plan, data: bytes | bytearray) -> RvcRecord:
    """Decode a frame's data into a record; the caller counts it."""
    values = _product_identification(data) if plan.text else plan.unpack(data)
    instance = values["instance"] if plan.has_instance else None
    # tuple.__new__ skips the NamedTuple's keyword-handling constructor.
    return tuple.__new__(
        RvcRecord,
        (
            plan.name,
            plan.dgn,
            plan.source,
            instance if type(instance) is int else None,
            MappingProxyType(values),
            plan.priority,
            plan.destination,
            None,
        ),
    )


def _product_identification(payload: bytes | bytearray) -> dict[str, FieldValue]:
    text = payload.decode("ascii", errors="replace").rstrip("\x00\xff")
    parts = text.split("*")
    return {
        name: (parts[index].strip() or None) if index < len(parts) else None
        for index, name in enumerate(PRODUCT_IDENTIFICATION_FIELDS)
    }


class Decoder:
    """Decode frames with the specification; never raises on bad input."""

    def __init__(
        self,
        spec: RvcSpec,
        *,
        reassembler: BamReassembler | None = None,
        connections: ConnectionReceiver | None = None,
    ) -> None:
        """Decode with spec; multi-packet messages go through the reassembler.

        Connection-mode messages go through connections, which answers only
        once its owner gives it the address it claimed.
        """
        self.spec = spec
        self.stats = DecodeStats()
        self.reassembler = reassembler or BamReassembler()
        self.connections = connections or ConnectionReceiver(
            stats=self.reassembler.stats
        )
        self._plans: dict[int, _Plan | None] = {}
        self._decoded: dict[tuple[str, int | None], list[int]] = {}
        """Records per (DGN, source): one cell each, counted by their plans."""
        self._unpackers: dict[str, Unpacker] = {}
        tp_cm = spec.message("TP_CM")
        tp_dt = spec.message("TP_DT")
        self._tp_cm_dgn = tp_cm.dgn
        self._tp_dt_dgn = tp_dt.dgn
        # Raw integers: the control byte is compared with its code.
        self._unpack_tp_cm = cast(
            "Callable[..., Mapping[str, int]]", tp_cm.message.decode
        )

    @property
    def per_dgn(self) -> dict[str, int]:
        """Records decoded per DGN name."""
        counts: dict[str, int] = {}
        for (name, _source), cell in self._decoded.items():
            if cell[0]:
                counts[name] = counts.get(name, 0) + cell[0]
        return counts

    @property
    def per_source(self) -> dict[int, dict[str, int]]:
        """Records decoded per source address and DGN name."""
        counts: dict[int, dict[str, int]] = {}
        for (name, source), cell in self._decoded.items():
            if cell[0] and source is not None:
                counts.setdefault(source, {})[name] = cell[0]
        return counts

    def decode_message(self, message: can.Message) -> RvcRecord | None:
        """Decode a python-can message."""
        if message.is_error_frame:
            self.stats.frames += 1
            self.stats.error_frames += 1
            if message.arbitration_id & CAN_ERR_BUSOFF:
                self.stats.bus_off += 1
            return None
        if not message.is_extended_id or message.is_remote_frame:
            self.stats.frames += 1
            self.stats.malformed += 1
            return None
        return self.decode(message.arbitration_id, message.data, message.timestamp)

    def decode(
        self, arbitration_id: int, data: bytes | bytearray, timestamp: float = 0.0
    ) -> RvcRecord | None:
        """Decode a 29-bit data frame; None when it yields no record (yet)."""
        stats = self.stats
        stats.frames += 1
        try:
            plan = self._plans[arbitration_id]
        except KeyError:
            plan = self._plan_for(arbitration_id)
        if plan is None:
            self._count_unknown(arbitration_id)
            return None
        if plan.transport:
            return self._transport(plan, data, timestamp)
        if len(data) < plan.length:
            stats.malformed += 1
            return None
        # No cache of records by data: a generated decode is cheaper than
        # keeping records alive (measured: benchmarks/decode.py).
        stats.decoded += 1
        plan.decoded[0] += 1
        return _make_record(plan, data)

    def _new_plan(self, spec: MessageSpec, arbitration_id: int) -> _Plan:
        # Built on first sight of the DGN: a bus uses a few dozen of hundreds.
        unpack = self._unpackers.get(spec.name)
        if unpack is None:
            unpack = self._unpackers[spec.name] = build_unpacker(spec)
        source: int | None = arbitration_id & 0xFF
        if (spec.name, source) not in self._decoded and (
            len(self._decoded) >= MAX_COUNTED_SENDERS
        ):
            source = None
        return _Plan(
            spec,
            arbitration_id,
            self._decoded.setdefault((spec.name, source), [0]),
            unpack,
            transport=spec.dgn in (self._tp_dt_dgn, self._tp_cm_dgn),
        )

    def _plan_for(self, arbitration_id: int) -> _Plan | None:
        if len(self._plans) >= MAX_CACHED_IDENTIFIERS:
            self._plans.clear()
        spec = self.spec.by_dgn(parse_frame_id(arbitration_id).dgn)
        plan = None if spec is None else self._new_plan(spec, arbitration_id)
        self._plans[arbitration_id] = plan
        return plan

    def _count_unknown(self, arbitration_id: int) -> None:
        dgn = parse_frame_id(arbitration_id).dgn
        self._count_undefined(dgn)

    def _count_undefined(self, dgn: int) -> None:
        kind = dgn_kind(dgn)
        if kind == "proprietary":
            self.stats.proprietary += 1
        elif kind == "other_protocol":
            self.stats.other_protocol += 1
        else:
            self.stats.unknown += 1
        unknown_dgns = self.stats.unknown_dgns
        if dgn in unknown_dgns or len(unknown_dgns) < MAX_TRACKED_UNKNOWN_DGNS:
            unknown_dgns[dgn] = unknown_dgns.get(dgn, 0) + 1

    def _transport(
        self, plan: _Plan, data: bytes | bytearray, timestamp: float
    ) -> RvcRecord | None:
        if len(data) < (1 if plan.dgn == self._tp_dt_dgn else plan.length):
            self.stats.malformed += 1
            return None
        if plan.dgn == self._tp_dt_dgn:
            self.stats.transport += 1
            # TP.DT is a sequence number and seven bytes of someone else's
            # message: broadcast (BAM) or sent to one node (connection mode).
            if plan.destination == GLOBAL_ADDRESS:
                done = self.reassembler.data(
                    plan.source, data[0], bytes(data[1:]), timestamp
                )
            else:
                done = self.connections.data(
                    plan.source, plan.destination, data[0], bytes(data[1:])
                )
            if done is None:
                return None
            return self._transported(plan, *done)
        try:
            control = self._unpack_tp_cm(data, decode_choices=False, scaling=False)
        except DecodeError:  # a control code J1939 does not define
            self.stats.malformed += 1
            return None
        self.stats.transport += 1
        code, dgn = control["control"], control["transported_dgn"]
        if code == BAM_CONTROL:
            self.reassembler.announce(
                plan.source,
                dgn,
                control["total_size"],
                control["total_packets"],
                timestamp,
            )
        elif code == RTS_CONTROL:
            self.connections.request_to_send(
                plan.source,
                plan.destination,
                dgn=dgn,
                size=control["total_size"],
                packets=control["total_packets"],
                per_cts=control["max_packets"],
            )
        elif code == ABORT_CONTROL:
            self.connections.sender_aborted(plan.source, plan.destination, dgn)
        # CTS and end-of-message acknowledgments are for senders: we never
        # send in connection mode.
        return None

    def _transported(
        self, carrier: _Plan, dgn: int, payload: bytes
    ) -> RvcRecord | None:
        spec = self.spec.by_dgn(dgn)
        if spec is None:
            self._count_undefined(dgn)
            return None
        frame_id = build_frame_id(dgn, carrier.source, priority=carrier.priority)
        plan = self._new_plan(spec, frame_id)
        if len(payload) < plan.length:
            self.stats.malformed += 1
            return None
        # A long form of a single-frame DGN (DM_RV with several faults) starts
        # with the layout the specification describes; the record keeps the rest.
        self.stats.decoded += 1
        plan.decoded[0] += 1
        return _make_record(plan, payload)._replace(payload=payload)
