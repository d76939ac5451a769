"""J1939-21 connection mode (RTS/CTS): frames on python-can's virtual bus.

A device answers our node's identification request by RTS instead of BAM: the
node must answer CTS, take the packets, acknowledge the end, and deliver the
message as it does a BAM one; or, when it cannot take part, never transmit.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any
import uuid

import can
import pytest

from custom_components.rvc.protocol import (
    BusConfig,
    BusSession,
    ConnectionReceiver,
    Decoder,
    RvcRecord,
    RvcSpec,
    build_frame_id,
)
from custom_components.rvc.protocol.address import name_fields
from custom_components.rvc.protocol.identify import GLOBAL_IDENTIFY_GAP
from custom_components.rvc.protocol.node import RvcNode

from .test_node import Coach, FakeClock, until

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator

US = 0xF9  # the node's first preferred address
PEER = 0x42
OTHER = 0x80
PRODUCT_IDENTIFICATION = 0x0FEEB
PRODUCT = b"Acme*Dimmer 8*SN-0042*7*"  # 24 bytes: 4 packets of 7
TP_CM, TP_DT, ISO_REQUEST = 0xEC00, 0xEB00, 0xEA00


def rts(size: int, packets: int, per_cts: int = 0xFF) -> bytes:
    return bytes([16, size & 0xFF, size >> 8, packets, per_cts]) + (
        PRODUCT_IDENTIFICATION.to_bytes(3, "little")
    )


def packets(payload: bytes) -> list[bytes]:
    chunks = [payload[i : i + 7] for i in range(0, len(payload), 7)]
    return [bytes([n + 1]) + chunk.ljust(7, b"\xff") for n, chunk in enumerate(chunks)]


def ours(dgn: int, destination: int) -> int:
    """The identifier of a frame our node sends (priority 6)."""
    return build_frame_id(dgn, US, destination=destination)


def cts(count: int, next_packet: int) -> tuple[int, str]:
    return ours(TP_CM, PEER), f"11{count:02x}{next_packet:02x}ffffebfe00"


def abort(reason: int) -> tuple[int, str]:
    return ours(TP_CM, PEER), f"ff{reason:02x}ffffffebfe00"


BAM = bytes.fromhex("20180004ffebfe00")
END_OF_MESSAGE_ACK = (ours(TP_CM, PEER), "13180004ffebfe00")
ASK_PEER = (ours(ISO_REQUEST, PEER), "ebfe00")
ASK_EVERYONE = (ours(ISO_REQUEST, 0xFF), "ebfe00")


class Peer(Coach):
    """A device that answers in connection mode."""

    def frame(self, dgn: int, data: bytes, *, source: int = PEER, to: int = US) -> None:
        arbitration_id = build_frame_id(dgn, source, priority=7, destination=to)
        self.bus.send(
            can.Message(arbitration_id=arbitration_id, data=data, is_extended_id=True)
        )

    def sent(self, node: RvcNode) -> list[tuple[int, str]]:
        """What the node put on the bus since the last call, raw."""
        assert node.wait_sent()
        frames = []
        while (message := self.bus.recv(0)) is not None:
            frames.append((message.arbitration_id, bytes(message.data).hex()))
        return frames


async def settle(node: RvcNode, handled: int) -> None:
    """Wait until the node has read `handled` frames."""
    await until(lambda: node.decoder.stats.frames >= handled)


def make_rig(spec: RvcSpec, *, read_only: bool = False) -> dict[str, Any]:
    channel = f"tp-{uuid.uuid4()}"
    peer = Peer(spec, channel)
    heard: list[RvcRecord] = []
    clock = FakeClock()
    node = RvcNode(
        spec,
        BusSession.open(BusConfig("virtual", channel)),
        name=name_fields("test"),
        on_record=heard.append,
        read_only=read_only,
        scheduler=clock,
        rng=random.Random(7),  # noqa: S311
    )
    return {"node": node, "peer": peer, "clock": clock, "heard": heard}


@pytest.fixture
async def rig(spec: RvcSpec) -> AsyncGenerator[dict[str, Any]]:
    parts = make_rig(spec)
    try:
        yield parts
    finally:
        await parts["node"].async_stop()
        parts["peer"].bus.shutdown()


async def met(rig: dict[str, Any]) -> None:
    """Start the node; the peer is heard and asked who it is."""
    node, peer = rig["node"], rig["peer"]
    node.start()
    assert [record.name for record in peer.received(node)] == ["ADDRESS_CLAIMED"]
    peer.send("DC_DIMMER_STATUS_3", {"instance": 1}, source=PEER)
    await until(lambda: len(rig["heard"]) == 1)
    assert peer.sent(node) == [ASK_PEER]


async def test_rts_is_answered_cts_and_the_message_is_delivered(
    rig: dict[str, Any],
) -> None:
    node, peer, heard = rig["node"], rig["peer"], rig["heard"]
    await met(rig)
    peer.frame(TP_CM, rts(24, 4))
    await settle(node, 2)
    assert peer.sent(node) == [cts(4, 1)]
    for packet in packets(PRODUCT):
        peer.frame(TP_DT, packet)
    await until(lambda: len(heard) == 2)
    assert peer.sent(node) == [END_OF_MESSAGE_ACK]
    record = heard[-1]
    assert (record.name, record.source) == ("PRODUCT_IDENTIFICATION", PEER)
    assert dict(record.values) == {
        "make": "Acme",
        "model": "Dimmer 8",
        "serial_number": "SN-0042",
        "unit_number": "7",
    }
    stats = node.decoder.reassembler.stats
    assert (stats.completed, stats.aborted) == (1, 0)
    assert node.decoder.connections.active_sessions == 0


async def test_a_sender_limit_per_cts_is_asked_block_by_block(
    rig: dict[str, Any],
) -> None:
    node, peer, heard = rig["node"], rig["peer"], rig["heard"]
    await met(rig)
    peer.frame(TP_CM, rts(24, 4, per_cts=3))
    await settle(node, 2)
    assert peer.sent(node) == [cts(3, 1)]
    data = packets(PRODUCT)
    for packet in data[:3]:
        peer.frame(TP_DT, packet)
    await settle(node, 5)
    assert peer.sent(node) == [cts(1, 4)]
    peer.frame(TP_DT, data[3])
    await until(lambda: len(heard) == 2)
    assert peer.sent(node) == [END_OF_MESSAGE_ACK]
    assert heard[-1].values["serial_number"] == "SN-0042"


async def test_rts_for_another_node_is_not_answered(rig: dict[str, Any]) -> None:
    node, peer = rig["node"], rig["peer"]
    await met(rig)
    peer.frame(TP_CM, rts(24, 4), to=OTHER)
    for packet in packets(PRODUCT):
        peer.frame(TP_DT, packet, to=OTHER)
    await settle(node, 6)
    assert peer.sent(node) == []
    assert node.decoder.reassembler.stats.not_for_us == 5
    assert node.decoder.connections.active_sessions == 0


async def test_a_missing_packet_aborts_then_asks_everyone(
    rig: dict[str, Any],
) -> None:
    node, peer = rig["node"], rig["peer"]
    await met(rig)
    peer.frame(TP_CM, rts(24, 4))
    data = packets(PRODUCT)
    peer.frame(TP_DT, data[0])
    peer.frame(TP_DT, data[2])
    await settle(node, 4)
    # Bad sequence number (7); a global request is answered by BAM.
    assert peer.sent(node) == [cts(4, 1), abort(7), ASK_EVERYONE]
    stats = node.decoder.reassembler.stats
    assert (stats.missing_packet, stats.aborted) == (1, 1)


@pytest.mark.parametrize(
    ("sent_packets", "silence"),
    [(0, 1.25), (1, 0.75)],  # J1939-21 T2 after a CTS, T1 between packets
    ids=["no-packet-after-cts", "gap-between-packets"],
)
async def test_a_silent_sender_is_aborted_on_timeout(
    rig: dict[str, Any], sent_packets: int, silence: float
) -> None:
    node, peer, clock = rig["node"], rig["peer"], rig["clock"]
    await met(rig)
    peer.frame(TP_CM, rts(24, 4))
    for packet in packets(PRODUCT)[:sent_packets]:
        peer.frame(TP_DT, packet)
    await settle(node, 2 + sent_packets)
    assert peer.sent(node) == [cts(4, 1)]
    clock.advance(silence - 0.01)
    assert peer.sent(node) == []
    clock.advance(0.02)
    assert peer.sent(node) == [abort(3), ASK_EVERYONE]  # 3: timeout
    assert node.decoder.reassembler.stats.timed_out == 1
    # Everyone is asked at most once in 30 s: a second failure waits for that.
    peer.frame(TP_CM, rts(24, 4))
    await settle(node, 3 + sent_packets)
    clock.advance(2.0)
    assert peer.sent(node) == [cts(4, 1), abort(3)]
    clock.advance(GLOBAL_IDENTIFY_GAP - 2.0 - 0.03)  # not yet 30 s after the first
    assert peer.sent(node) == []
    clock.advance(0.05)
    assert peer.sent(node) == [ASK_EVERYONE]


async def test_a_sender_abort_ends_the_session(rig: dict[str, Any]) -> None:
    node, peer = rig["node"], rig["peer"]
    await met(rig)
    peer.frame(TP_CM, rts(24, 4))
    peer.frame(TP_CM, bytes.fromhex("ff03ffffffebfe00"))
    await settle(node, 3)
    assert peer.sent(node) == [cts(4, 1), ASK_EVERYONE]
    assert node.decoder.reassembler.stats.aborted_by_sender == 1
    assert node.decoder.connections.active_sessions == 0


async def test_read_only_never_answers_and_hears_bam(spec: RvcSpec) -> None:
    """A read-only node cannot take part in connection mode: it sends nothing.

    Identities then come only by BAM, when another node asks globally.
    """
    rig = make_rig(spec, read_only=True)
    node, peer, heard = rig["node"], rig["peer"], rig["heard"]
    try:
        node.start()
        peer.send("DC_DIMMER_STATUS_3", {"instance": 1}, source=PEER)
        peer.frame(TP_CM, rts(24, 4))  # to the address it would claim
        for packet in packets(PRODUCT):
            peer.frame(TP_DT, packet)
        peer.frame(TP_CM, BAM, to=0xFF)
        for packet in packets(PRODUCT):
            peer.frame(TP_DT, packet, to=0xFF)
        await until(lambda: len(heard) == 2)
        assert heard[-1].values["make"] == "Acme"
        await settle(node, 11)
        rig["clock"].advance(5.0)
        assert peer.sent(node) == []
        assert node.decoder.reassembler.stats.not_for_us == 5
        assert node.frames_sent == 0
    finally:
        await node.async_stop()
        peer.bus.shutdown()


def test_a_decoder_alone_takes_no_part(spec: RvcSpec) -> None:
    decoder = Decoder(spec)
    rts_id = build_frame_id(TP_CM, PEER, destination=US)
    assert decoder.decode(rts_id, rts(24, 4)) is None
    assert decoder.connections.replies == []
    assert decoder.reassembler.stats.not_for_us == 1


def test_an_unknown_control_code_is_a_counted_drop(spec: RvcSpec) -> None:
    decoder = Decoder(spec)
    frame_id = build_frame_id(TP_CM, PEER, destination=US)
    assert decoder.decode(frame_id, bytes.fromhex("42180004ffebfe00")) is None
    assert decoder.stats.malformed == 1


def test_bounds_abort_with_the_j1939_reason() -> None:
    now = [0.0]
    receiver = ConnectionReceiver(clock=lambda: now[0], max_size=100, max_sessions=1)
    receiver.address = US
    asks = {
        "too_big": (2000, 286),  # over J1939's 1785 bytes: reason 9
        "no_resources": (200, 29),  # over our own bound: reason 2
        "inconsistent": (24, 9),  # wrong packet count: reason 250
    }
    for size, count in asks.values():
        receiver.request_to_send(
            PEER, US, dgn=PRODUCT_IDENTIFICATION, size=size, packets=count, per_cts=255
        )
    receiver.request_to_send(
        PEER, US, dgn=PRODUCT_IDENTIFICATION, size=24, packets=4, per_cts=255
    )
    receiver.request_to_send(
        OTHER, US, dgn=PRODUCT_IDENTIFICATION, size=24, packets=4, per_cts=255
    )  # one session at a time: busy, reason 1
    reasons = [reply.values.get("abort_reason") for reply in receiver.take_replies()]
    assert reasons == [9, 2, 250, None, 1]
    assert receiver.stats.rejected == 4
    # The same sender asking again replaces its session.
    receiver.request_to_send(
        PEER, US, dgn=PRODUCT_IDENTIFICATION, size=24, packets=4, per_cts=255
    )
    assert receiver.stats.replaced == 1
    assert receiver.active_sessions == 1
    now[0] = 10.0
    receiver.expire()
    assert receiver.active_sessions == 0
    assert receiver.stats.timed_out == 1


async def test_answers_are_rate_limited(rig: dict[str, Any]) -> None:
    """A flood of RTS cannot make the node flood the bus with answers."""
    node, peer = rig["node"], rig["peer"]
    node.start()
    peer.received(node)
    senders = range(0x10, 0x10 + 60)
    for source in senders:
        peer.frame(TP_CM, rts(24, 4), source=source)
    await settle(node, len(senders))
    answers = peer.sent(node)
    # 32 sessions, 28 refused (busy), but only the node's burst of answers; a
    # single global request for the identifications that failed.
    assert len([a for a in answers if a != ASK_EVERYONE]) == 50
    assert answers.count(ASK_EVERYONE) == 1
    assert node.frames_dropped == len(senders) - 50


def test_stray_packets_and_aborts_are_counted() -> None:
    receiver = ConnectionReceiver(clock=lambda: 0.0)
    receiver.address = US
    data = packets(PRODUCT)
    assert receiver.data(PEER, US, 1, data[0][1:]) is None  # no session
    assert receiver.stats.orphan_packet == 1
    receiver.request_to_send(
        PEER, US, dgn=PRODUCT_IDENTIFICATION, size=24, packets=4, per_cts=255
    )
    receiver.data(PEER, US, 1, data[0][1:])
    receiver.data(PEER, US, 1, data[0][1:])  # again
    assert receiver.stats.duplicate_packet == 1
    receiver.sender_aborted(PEER, OTHER, PRODUCT_IDENTIFICATION)  # not ours
    receiver.sender_aborted(PEER, US, 0x1FECA)  # another message
    assert receiver.active_sessions == 1
    assert receiver.stats.not_for_us == 1
    for sequence, packet in enumerate(data[1:], start=2):
        done = receiver.data(PEER, US, sequence, packet[1:])
    assert done == (PRODUCT_IDENTIFICATION, PRODUCT)
    controls = [reply.values["control"] for reply in receiver.take_replies()]
    assert controls == [17, 19]  # CTS, end-of-message acknowledgment
    assert receiver.take_failed() == []
