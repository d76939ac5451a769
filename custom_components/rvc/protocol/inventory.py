"""What a bus (or a capture of it) holds: nodes, their DGNs, instances, rates."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .decode import Decoder, dgn_kind
from .frame_id import parse_frame_id
from .instances import instance_key

if TYPE_CHECKING:
    from collections.abc import Iterable

    import can

    from .decode import RvcRecord
    from .spec import FieldValue, RvcSpec

# What identifies a node, from ADDRESS_CLAIMED and PRODUCT_IDENTIFICATION.
IDENTIFICATION_FIELDS = ("manufacturer_code", "function", "identity_number")
PRODUCT_FIELDS = ("make", "model", "serial_number")


@dataclass(slots=True)
class DgnTraffic:
    """Frames of one DGN from one node."""

    frames: int = 0
    first: float = 0.0
    last: float = 0.0
    instances: set[int] = field(default_factory=set)
    families: set[str] = field(default_factory=set)
    """The instance families its frames describe: what entities are made of."""

    def seen(self, timestamp: float, instance: int | None) -> None:
        """Count one frame."""
        if not self.frames:
            self.first = timestamp
        self.frames += 1
        self.last = timestamp
        if instance is not None:
            self.instances.add(instance)

    @property
    def rate(self) -> float | None:
        """Frames per second over the time the DGN was seen; None from one frame."""
        span = self.last - self.first
        return (self.frames - 1) / span if self.frames > 1 and span > 0 else None


@dataclass(slots=True)
class NodeInventory:
    """One source address: who it says it is and what it sends."""

    source: int
    identification: dict[str, FieldValue] = field(default_factory=dict)
    dgns: dict[str, DgnTraffic] = field(default_factory=dict)
    undefined: dict[int, DgnTraffic] = field(default_factory=dict)
    """DGNs without a definition, by number (see dgn_kind)."""


@dataclass(slots=True)
class Inventory:
    """Every node seen, with the decoder's counters."""

    nodes: dict[int, NodeInventory] = field(default_factory=dict)
    decoder: Decoder | None = None

    def node(self, source: int) -> NodeInventory:
        """The node of a source address, created on first sight."""
        node = self.nodes.get(source)
        if node is None:
            node = self.nodes[source] = NodeInventory(source)
        return node


def _identify(node: NodeInventory, record: RvcRecord) -> None:
    if record.name == "ADDRESS_CLAIMED":
        wanted = IDENTIFICATION_FIELDS
    elif record.name == "PRODUCT_IDENTIFICATION":
        wanted = PRODUCT_FIELDS
    else:
        return
    node.identification.update({name: record.values[name] for name in wanted})


def build_inventory(spec: RvcSpec, messages: Iterable[can.Message]) -> Inventory:
    """Decode frames and sort what they say by node."""
    decoder = Decoder(spec)
    inventory = Inventory(decoder=decoder)
    for message in messages:
        record = decoder.decode_message(message)
        if (
            message.is_error_frame
            or message.is_remote_frame
            or not message.is_extended_id
        ):
            continue
        if record is not None:
            node = inventory.node(record.source)
            _identify(node, record)
            traffic = node.dgns.setdefault(record.name, DgnTraffic())
            traffic.seen(message.timestamp, record.instance)
            if (key := instance_key(record)) is not None:
                traffic.families.add(key[0])
            continue
        frame_id = parse_frame_id(message.arbitration_id)
        if spec.by_dgn(frame_id.dgn) is None:
            node = inventory.node(frame_id.source)
            traffic = node.undefined.setdefault(frame_id.dgn, DgnTraffic())
            traffic.seen(message.timestamp, None)
    return inventory


def _rate(traffic: DgnTraffic) -> str:
    rate = traffic.rate
    return f"{rate:.2f}/s" if rate is not None else "-"


def format_inventory(inventory: Inventory) -> str:
    """The inventory as text, one block per node."""
    lines = []
    for source in sorted(inventory.nodes):
        node = inventory.nodes[source]
        identity = ", ".join(
            f"{name} {value}"
            for name, value in node.identification.items()
            if value is not None
        )
        lines.append(f"node {source:#04x}" + (f" ({identity})" if identity else ""))
        for name in sorted(node.dgns):
            traffic = node.dgns[name]
            instances = ",".join(str(number) for number in sorted(traffic.instances))
            families = ", ".join(sorted(traffic.families))
            lines.append(
                f"  {name}: {traffic.frames} frames, {_rate(traffic)}"
                + (f", instances {instances}" if instances else "")
                + (f" -> {families}" if families else "")
            )
        for dgn in sorted(node.undefined):
            traffic = node.undefined[dgn]
            lines.append(
                f"  {dgn:05X}h ({dgn_kind(dgn).replace('_', ' ')}): "
                f"{traffic.frames} frames, {_rate(traffic)}"
            )
    if inventory.decoder is not None:
        stats = inventory.decoder.stats
        lines.append(
            f"frames {stats.frames}: decoded {stats.decoded}, unknown {stats.unknown},"
            f" proprietary {stats.proprietary}, other protocols"
            f" {stats.other_protocol}, malformed {stats.malformed},"
            f" multi-packet pieces {stats.transport}"
        )
    return "\n".join(lines)
