"""A simulated coach: nodes on a bus that behave like real RV-C devices."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Any, Final

from ..decode import Decoder
from ..encode import encode, encode_bam, product_identification_payload
from ..errors import BusError
from ..frame_id import GLOBAL_ADDRESS
from .base import Product
from .chassis import (
    EntryStep,
    GpsReceiver,
    LevelingController,
    Refrigerator,
    TireMonitor,
)
from .climate import (
    Heater,
    HydronicHeat,
    RoofFan,
    Thermostat,
    WaterHeater,
    Zone,
)
from .loads import AcRelayModule, DimmerModule, RelayModule, WaterPump
from .motion import Awnings, DoorLocks, Slides, WindowShades
from .power import Battery, BatteryMonitor, PowerCenter
from .power_sources import AutoGeneratorStart, LithiumBms, SolarController
from .sensors import Chassis, GasDetector, Tank, TankSensor

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine

    import can

    from ..bus import BusSession
    from ..decode import RvcRecord
    from ..spec import RvcSpec
    from .base import Node, Status

_LOGGER = logging.getLogger(__name__)

DEFAULT_STATUS_INTERVAL: Final = 2.0
DEFAULT_TICK_INTERVAL: Final = 0.1
# J1939 asks for 50 to 200 ms between the packets of a broadcast.
BAM_PACKET_GAP: Final = 0.05
MAKE: Final = "RV-C HA"


FIREFLY_MAKE: Final = "Firefly Integrations"
SPYDER_MAKE: Final = "Spyder Controls"


def typical_coach(make: str = MAKE) -> list[Node]:
    """The devices of a typical motorhome, all made by one maker."""

    def product(model: str, source: int) -> Product:
        return Product(make, model, f"SIM-{source:02X}")

    house_battery = Battery(1, 400, 82.0, 12.0)
    return [
        DimmerModule(
            0x43,
            product("Dimmer 8", 0x43),
            {1: 0, 2: 0, 3: 50, 4: 0, 5: 0, 6: 100, 7: 0, 8: 0},
        ),
        RelayModule(0x44, product("Relay 4", 0x44), {20: 0, 21: 100, 22: 0, 23: 0}),
        TankSensor(
            0x45,
            product("Tank Monitor", 0x45),
            [
                Tank(0, 380, 0.75, -0.0005),
                Tank(1, 150, 0.20, 0.0003),
                Tank(2, 190, 0.35, 0.0004),
                Tank(3, 80, 0.60, -0.0001, resolution=100),
            ],
        ),
        BatteryMonitor(
            0x46,
            product("Battery Monitor", 0x46),
            [house_battery, Battery(2, 100, 95.0, 0.0)],
        ),
        Thermostat(
            0x47,
            product("Thermostat 2", 0x47),
            [
                Zone(0, "heat", 21.0, 25.0, 17.5),
                Zone(1, "off", 19.0, 26.0, 16.0, heat_pump="automatic"),
            ],
        ),
        WaterHeater(
            0x48, product("Water Heater", 0x48), [Heater(1, "gas_electric", 55.0, 40.0)]
        ),
        Chassis(0x49, product("Chassis", 0x49)),
        GasDetector(0x4A, product("LP Detector", 0x4A)),
        RoofFan(0x4B, product("Roof Fan", 0x4B), 1),
        WaterPump(0x4C, product("Water Pump", 0x4C)),
        PowerCenter(0x4D, product("Power Center", 0x4D), house_battery),
        Awnings(0x4E, product("Awning Control", 0x4E), [1]),
        Slides(0x4F, product("Slide Control", 0x4F), [1, 2]),
        # Water heater element, galley outlets, block heater.
        AcRelayModule(0x50, product("AC Relay 3", 0x50), {1: 0, 2: 100, 3: 0}),
        DoorLocks(0x51, product("Door Lock", 0x51), {1: True}),
        LithiumBms(0x60, product("Lithium BMS", 0x60), Battery(3, 200, 76.0, 4.0)),
        SolarController(0x61, product("Solar Controller", 0x61), 1234.0),
        AutoGeneratorStart(0x62, product("Auto Gen Start", 0x62)),
        HydronicHeat(0x5C, product("Hydronic Heat", 0x5C), 1),
        # Bedroom and lounge shades, at the default address of 6.39 (134).
        WindowShades(0x86, product("Shade Control", 0x86), [1, 2]),
        # Chassis devices at 0x68-0x6C, clear of the power devices at 0x60-0x62.
        LevelingController(0x68, product("Leveling", 0x68)),
        EntryStep(0x69, product("Entry Step", 0x69)),
        TireMonitor(0x6A, product("Tire Monitor", 0x6A)),
        GpsReceiver(0x6B, product("GPS", 0x6B)),
        Refrigerator(0x6C, product("Refrigerator", 0x6C)),
    ]


def firefly_coach() -> list[Node]:
    """A coach with controllers like some Firefly systems (README).

    Its dimmers stop reporting channels that are off, its thermostat ignores a
    command with a "no change" field, and its water heater ignores
    WATERHEATER_COMMAND (it is switched through AC relay 1 and DC relay 23).
    """
    nodes = typical_coach(FIREFLY_MAKE)
    for node in nodes:
        if isinstance(node, DimmerModule):
            node.silent_off = True
        elif isinstance(node, Thermostat):
            node.needs_every_field = True
        elif isinstance(node, WaterHeater):
            node.command_dgns = frozenset()
    return nodes


def spyder_coach() -> list[Node]:
    """A coach with Spyder controllers: dimmer pairs drive an awning and a lock.

    Channel 9 extends the awning, 10 retracts it; 11 locks the entry door, 12
    unlocks it.
    """
    return [
        *typical_coach(SPYDER_MAKE),
        DimmerModule(
            0x52,
            Product(SPYDER_MAKE, "Motor Dimmer Pairs", "SIM-52"),
            {9: 0, 10: 0, 11: 0, 12: 0},
        ),
    ]


# The coaches the config flow offers.
COACHES: Final[dict[str, Callable[[], list[Node]]]] = {
    "typical": typical_coach,
    "firefly": firefly_coach,
    "spyder": spyder_coach,
}


class CoachSimulator:
    """Run nodes on a bus session: periodic status, commands, ISO requests."""

    def __init__(
        self,
        spec: RvcSpec,
        nodes: list[Node] | None = None,
        *,
        status_interval: float = DEFAULT_STATUS_INTERVAL,
        tick_interval: float = DEFAULT_TICK_INTERVAL,
    ) -> None:
        """Simulate the nodes (a typical coach by default)."""
        self.spec = spec
        self.nodes = typical_coach() if nodes is None else nodes
        self.status_interval = status_interval
        self.tick_interval = tick_interval
        self.decoder = Decoder(spec)
        self.frames_sent = 0
        self._session: BusSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._by_source = {node.source: node for node in self.nodes}
        self._product_request = spec.message("PRODUCT_IDENTIFICATION").dgn

    def start(self, session: BusSession) -> None:
        """Start on an open bus session; call from the event loop."""
        self._loop = asyncio.get_running_loop()
        self._session = session
        session.start(self._loop, self._on_message)
        self._spawn(self._run())

    async def async_stop(self) -> None:
        """Stop every task; the caller closes the bus session."""
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        assert self._loop is not None  # noqa: S101 - set by start
        task = self._loop.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _send(self, node: Node, name: str, values: dict[str, object]) -> None:
        if self._session is None:
            return
        try:
            self._session.send(encode(self.spec, name, values, source=node.source))  # type: ignore[arg-type]
        except BusError as err:
            _LOGGER.debug(
                "Simulated node %#x cannot send %s: %s", node.source, name, err
            )
            return
        self.frames_sent += 1

    def report(self, node: Node, statuses: list[Status] | None = None) -> None:
        """Broadcast statuses of a node now (all of them, and DM_RV, by default)."""
        if statuses is None:
            statuses = [*node.statuses(), node.diagnostic()]
        for name, values in statuses:
            self._send(node, name, values)

    async def _run(self) -> None:
        assert self._loop is not None  # noqa: S101 - set by start
        loop = self._loop
        next_status = loop.time()
        while True:
            now = loop.time()
            for node in self.nodes:
                if changed := node.tick(now):
                    self.report(node, changed)
            if now >= next_status:
                next_status = now + self.status_interval
                for node in self.nodes:
                    self.report(node)
            await asyncio.sleep(self.tick_interval)

    def _on_message(self, message: can.Message) -> None:
        record = self.decoder.decode_message(message)
        if record is not None:
            self.handle(record)

    def handle(self, record: RvcRecord) -> None:
        """React to a message from the bus as the devices would."""
        assert self._loop is not None  # noqa: S101 - set by start
        if record.name == "ISO_REQUEST":
            if record.values.get("requested_dgn") != self._product_request:
                return
            if record.destination == GLOBAL_ADDRESS:
                targets = self.nodes
            elif (node := self._by_source.get(record.destination)) is not None:
                targets = [node]
            else:
                return
            for node in targets:
                self._spawn(self._identify(node))
            return
        now = self._loop.time()
        for node in self.nodes:
            if record.name in node.command_dgns:
                _LOGGER.debug(
                    "Simulated node %#04x received %s from %#04x: %s",
                    node.source,
                    record.name,
                    record.source,
                    dict(record.values),
                )
                self.report(node, node.command(record.name, record.values, now))

    async def _identify(self, node: Node) -> None:
        product = node.product
        payload = product_identification_payload(
            product.make, product.model, product.serial_number, product.unit_number
        )
        for frame in encode_bam(
            self.spec, self._product_request, payload, source=node.source
        ):
            if self._session is None:
                return
            try:
                self._session.send(frame)
            except BusError:
                return
            self.frames_sent += 1
            await asyncio.sleep(BAM_PACKET_GAP)
