"""The RV-C node without Home Assistant: frames on python-can's virtual bus, a fake clock."""

from __future__ import annotations

import asyncio
import errno
import random
from typing import TYPE_CHECKING, Any
import uuid

import can
import pytest

from custom_components.rvc.protocol import (
    BusConfig,
    BusSession,
    Decoder,
    RvcRecord,
    RvcSpec,
    encode,
    load_spec,
)
from custom_components.rvc.protocol.address import name_fields
from custom_components.rvc.protocol.node import CLAIM_SETTLE, RvcNode

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Callable

ADDRESS_CLAIMED = 0xEE00
PRODUCT_IDENTIFICATION = 0x0FEEB
LOWEST_NAME = dict.fromkeys(
    (
        "identity_number",
        "manufacturer_code",
        "ecu_instance",
        "function_instance",
        "function",
        "vehicle_system",
        "vehicle_system_instance",
        "industry_group",
        "arbitrary_address_capable",
    ),
    0,
)


class FakeTimer:
    def __init__(self, when: float, callback: Callable[[], object]) -> None:
        self.when = when
        self.callback = callback
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class FakeClock:
    """A scheduler whose time moves only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.timers: list[FakeTimer] = []

    def time(self) -> float:
        return self.now

    def call_later(self, delay: float, callback: Callable[[], object], /) -> FakeTimer:
        timer = FakeTimer(self.now + delay, callback)
        self.timers.append(timer)
        return timer

    def advance(self, seconds: float) -> None:
        end = self.now + seconds
        while due := [t for t in self.timers if not t.cancelled and t.when <= end]:
            timer = min(due, key=lambda t: t.when)
            self.timers.remove(timer)
            self.now = timer.when
            timer.callback()
        self.now = end


class Coach:
    """The device side of the node's virtual bus."""

    def __init__(self, spec: RvcSpec, channel: str) -> None:
        self.spec = spec
        self.bus = can.Bus(interface="virtual", channel=channel)
        self.decoder = Decoder(spec)

    def send(self, name: str, values: dict[str, Any], source: int, **kw: int) -> None:
        frame = encode(self.spec, name, values, source=source, **kw)
        self.bus.send(
            can.Message(
                arbitration_id=frame.arbitration_id,
                data=frame.data,
                is_extended_id=True,
            )
        )

    def received(self, node: RvcNode) -> list[RvcRecord]:
        assert node.wait_sent()
        records = []
        while (message := self.bus.recv(0)) is not None:
            record = self.decoder.decode_message(message)
            assert record is not None
            records.append(record)
        return records


@pytest.fixture
def spec() -> RvcSpec:
    return load_spec()


@pytest.fixture
async def rig(spec: RvcSpec) -> AsyncGenerator[dict[str, Any]]:
    channel = f"node-{uuid.uuid4()}"
    coach = Coach(spec, channel)
    heard: list[RvcRecord] = []
    clock = FakeClock()
    session = BusSession.open(BusConfig("virtual", channel))
    node = RvcNode(
        spec,
        session,
        name=name_fields("test"),
        on_record=heard.append,
        scheduler=clock,
        rng=random.Random(7),  # noqa: S311
    )
    try:
        yield {"node": node, "coach": coach, "clock": clock, "heard": heard}
    finally:
        await node.async_stop()
        coach.bus.shutdown()


async def until(condition: Callable[[], bool]) -> None:
    for _ in range(2000):
        if condition():
            return
        await asyncio.sleep(0.001)
    raise TimeoutError


async def test_claims_first_then_sends(rig: dict[str, Any]) -> None:
    node, coach = rig["node"], rig["coach"]
    node.start()
    node.send("WATER_PUMP_COMMAND", {"command": "enable"})
    names = [record.name for record in coach.received(node)]
    assert names == ["ADDRESS_CLAIMED", "WATER_PUMP_COMMAND"]


async def test_the_name_reserved_bit_is_zero(rig: dict[str, Any]) -> None:
    node = rig["node"]
    assert node.claimer.claim().data[6] & 0x01 == 0


async def test_identification_requests_are_spread_out(rig: dict[str, Any]) -> None:
    node, coach, clock, heard = rig["node"], rig["coach"], rig["clock"], rig["heard"]
    node.start()
    coach.received(node)  # the claim
    sources = range(0x40, 0x50)
    for source in sources:
        coach.send("DC_DIMMER_STATUS_3", {"instance": 1}, source=source)
    await until(lambda: len(heard) == len(sources))
    first = coach.received(node)
    assert len(first) == 3  # an MCP2515's three transmit buffers
    clock.advance(1.0)
    later = coach.received(node)
    assert len(later) == 10  # then ten a second
    clock.advance(1.0)
    rest = coach.received(node)
    assert {r.destination for r in first + later + rest} == set(sources)
    assert all(
        r.name == "ISO_REQUEST" and r.values["requested_dgn"] == PRODUCT_IDENTIFICATION
        for r in first + later + rest
    )


async def test_stopping_leaves_no_identification_timer(rig: dict[str, Any]) -> None:
    # New nodes keep arriving while requests wait for their pace: each must not
    # leave the previous pacing timer behind, uncancelled by a stop.
    node, coach, clock, heard = rig["node"], rig["coach"], rig["clock"], rig["heard"]
    node.start()
    coach.received(node)
    for count, source in enumerate(range(0x40, 0x48), start=1):
        coach.send("DC_DIMMER_STATUS_3", {"instance": 1}, source=source)
        await until(lambda count=count: len(heard) == count)
    await node.async_stop()
    assert [timer for timer in clock.timers if not timer.cancelled] == []


async def test_a_claim_in_the_arbitrary_range_waits_250_ms(
    rig: dict[str, Any],
) -> None:
    node, coach, clock, heard = rig["node"], rig["coach"], rig["clock"], rig["heard"]
    node.claimer._preferred = (0xF9, 0x80)
    node.start()
    coach.received(node)
    coach.send("ADDRESS_CLAIMED", LOWEST_NAME, source=0xF9)
    await until(lambda: len(heard) == 1)
    sent = coach.received(node)
    assert [(r.name, r.source) for r in sent] == [
        ("ISO_REQUEST", 0xF9),  # who are you (sent before the move)
        ("ADDRESS_CLAIMED", 0x80),
    ]
    node.send("WATER_PUMP_COMMAND", {"command": "enable"})
    clock.advance(CLAIM_SETTLE - 0.01)
    assert coach.received(node) == []
    clock.advance(0.01)
    assert [(r.name, r.source) for r in coach.received(node)] == [
        ("WATER_PUMP_COMMAND", 0x80)
    ]


async def test_cannot_claim_waits_a_random_delay(rig: dict[str, Any]) -> None:
    node, coach, clock, heard = rig["node"], rig["coach"], rig["clock"], rig["heard"]
    node.claimer._preferred = (0xF9,)
    node.start()
    coach.received(node)
    coach.send("ADDRESS_CLAIMED", LOWEST_NAME, source=0xF9)
    await until(lambda: len(heard) == 1)
    assert [r.name for r in coach.received(node)] == ["ISO_REQUEST"]
    delay = 0.0006 * random.Random(7).randint(0, 255)  # noqa: S311
    assert 0 < delay <= 0.153
    clock.advance(delay - 0.0005)
    assert coach.received(node) == []
    clock.advance(0.001)
    (claim,) = coach.received(node)
    assert (claim.name, claim.source) == ("ADDRESS_CLAIMED", 0xFE)


async def test_a_waiting_command_merges_into_the_newer(rig: dict[str, Any]) -> None:
    """A mode change then a setpoint change within the rate limit both arrive."""
    node, coach, clock = rig["node"], rig["coach"], rig["clock"]
    node.start()
    coach.received(node)
    for _ in range(5):  # the device's burst
        node.send("THERMOSTAT_COMMAND_1", {"instance": 0, "setpoint_heat": 20})
    coach.received(node)
    node.send("THERMOSTAT_COMMAND_1", {"instance": 0, "operating_mode": "cool"})
    node.send("THERMOSTAT_COMMAND_1", {"instance": 0, "setpoint_cool": 22})
    assert coach.received(node) == []
    clock.advance(1.0)
    (command,) = coach.received(node)
    assert command.values["operating_mode"] == "cool"
    assert command.values["setpoint_cool"] == 22


class BusyBus(can.BusABC):
    """A bus whose transmit queue is full for the first few writes."""

    def __init__(self, channel: str, busy: int, **kwargs: Any) -> None:
        super().__init__(channel=channel, **kwargs)
        self.busy = busy
        self.written: list[can.Message] = []
        self.channel_info = "busy"

    def send(self, msg: can.Message, timeout: float | None = None) -> None:
        if self.busy:
            self.busy -= 1
            raise can.CanOperationError(
                "Failed to transmit: No buffer space available", errno.ENOBUFS
            )
        self.written.append(msg)

    def _recv_internal(self, timeout: float | None) -> tuple[None, bool]:
        return None, False


async def test_a_full_transmit_queue_is_retried_not_a_lost_adapter(
    spec: RvcSpec,
) -> None:
    bus = BusyBus("busy", busy=3)
    lost: list[bool] = []
    node = RvcNode(
        spec,
        BusSession(bus, BusConfig("busy", "busy")),
        name=name_fields("test"),
        on_record=lambda record: None,
        on_lost=lambda: lost.append(True),
        scheduler=FakeClock(),
    )
    node.start()
    node.send("WATER_PUMP_COMMAND", {"command": "enable"})
    assert node.wait_sent()
    await asyncio.sleep(0)
    decoder = Decoder(spec)
    assert [decoder.decode_message(m).name for m in bus.written] == [  # type: ignore[union-attr]
        "ADDRESS_CLAIMED",
        "WATER_PUMP_COMMAND",
    ]
    assert node.connected
    assert lost == []
    await node.async_stop()
