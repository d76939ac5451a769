"""The coordinator of one RV-C bus: frames in, state out, commands back."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
import logging
from typing import TYPE_CHECKING, Any

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr, issue_registry as ir
from homeassistant.helpers.event import async_call_later, async_track_time_interval

from .const import (
    AC_CHANNEL_DGNS,
    CONF_ALLOW_GENERATOR,
    CONF_ALLOW_MOTION,
    CONF_AVAILABILITY_TIMEOUT,
    CONF_LOAD_TYPE,
    CONF_LOADS,
    CONF_READ_ONLY,
    DEFAULT_AVAILABILITY_TIMEOUT,
    DOMAIN,
    FAMILY_BY_DGN,
    FAMILY_CHASSIS,
    FAMILY_DC_DIMMER,
    FAMILY_DC_LOAD,
    FAMILY_NODE_FAULTS,
    LOAD_TYPE_LIGHT,
    LOAD_TYPE_SWITCH,
    MAX_INSTANCES,
    NODE_DGNS,
)
from .protocol import (
    ERROR,
    BusError,
    BusOpenError,
    BusSession,
    Decoder,
    EncodeError,
    FieldValueError,
    UnknownFieldError,
    UnknownMessageError,
    encode,
)
from .protocol.address import AddressClaimer, ClaimOutcome, name_fields
from .protocol.faults import FaultTracker
from .protocol.send_queue import SendQueue, Submitted

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from datetime import datetime

    import can

    from .nodes import NodeBook
    from .protocol import FieldInput, FieldValue, RvcFrame, RvcRecord, RvcSpec
    from .protocol.faults import Fault
    from .protocol.simulator import CoachSimulator

_LOGGER = logging.getLogger(__name__)

# Availability is checked this many times per timeout.
AVAILABILITY_CHECKS = 3
# Frames a second (and bursts) we send: in all, and per (DGN, instance).
SEND_RATE = 50
SEND_BURST = 50
COMMAND_RATE = 5
COMMAND_BURST = 5
# Reopening a lost adapter: first after this many seconds, doubling up to the cap.
RECONNECT_FIRST = 1.0
RECONNECT_MAX = 60.0
# A repair issue tells the owner once the adapter has been gone this long.
REPAIR_AFTER = 180.0
# A node's device goes after a day of silence while the rest of the bus talks
# (time with no traffic at all, a coach switched off, does not count).
STALE_AFTER = 24 * 3600.0

type InstanceKey = tuple[str, int]
"""(family, instance): what one entity, or a group of them, represents."""
type FaultListener = Callable[[list[Fault], list[Fault]], None]
"""Called with the faults that appeared and the faults that cleared."""


@dataclass(slots=True)
class InstanceState:
    """What the bus last said about one instance, per status DGN."""

    family: str
    instance: int
    source: int
    values: dict[str, Mapping[str, FieldValue]] = field(default_factory=dict)
    available: bool = True
    reported: bool = True
    """A status arrived since the last availability check."""
    silent_checks: int = 0
    last_report: float = 0.0
    """Loop time of the last status: energy is not integrated across gaps."""

    @property
    def key(self) -> InstanceKey:
        """The (family, instance) of this state."""
        return self.family, self.instance

    def value(self, dgn: str, name: str) -> FieldValue:
        """A field of the last status of a DGN; None when never reported."""
        values = self.values.get(dgn)
        return None if values is None else values.get(name)


@dataclass(slots=True)
class NodeInfo:
    """A device on the bus, by source address."""

    source: int
    make: str | None = None
    model: str | None = None
    serial_number: str | None = None
    unit_number: str | None = None
    j1939_name: int | None = None
    """The 64-bit NAME of its address claim: who it is at any address."""


def device_identifier(entry_id: str, source: int) -> tuple[str, str]:
    """The device registry identifier of a node."""
    return DOMAIN, f"{entry_id}-{source:02x}"


def device_source(entry_id: str, identifiers: Iterable[tuple[str, str]]) -> int | None:
    """The source address of a node's device (by its identifiers); None for the bus."""
    prefix = f"{entry_id}-"
    for domain, identifier in identifiers:
        if domain == DOMAIN and identifier.startswith(prefix):
            return int(identifier.removeprefix(prefix), 16)
    return None


def node_device_name(node: NodeInfo) -> str:
    """A device name: make and model when the node identified itself."""
    if node.make or node.model:
        return " ".join(part for part in (node.make, node.model) if part)
    return f"RV-C node {node.source:#04x}"


class RvcCoordinator:
    """Owns the bus of one config entry and the state of everything on it."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry_id: str,
        options: Mapping[str, Any],
        spec: RvcSpec,
        session: BusSession,
        *,
        node_book: NodeBook,
        simulated_coach: tuple[CoachSimulator, BusSession] | None = None,
    ) -> None:
        """Set up the state; async_start begins reading."""
        self.hass = hass
        self.node_book = node_book
        """What nodes said about themselves, across restarts; their devices."""
        self.entry_id = entry_id
        self.spec = spec
        self.session = session
        # The built-in coach runs on its own end of the same virtual bus.
        self.simulated_coach = simulated_coach
        self.decoder = Decoder(spec)
        self.options = dict(options)
        """The options this coordinator was built with."""
        self.read_only: bool = options.get(CONF_READ_ONLY, False)
        self.availability_timeout: float = options.get(
            CONF_AVAILABILITY_TIMEOUT, DEFAULT_AVAILABILITY_TIMEOUT
        )
        self.load_overrides: Mapping[str, Mapping[str, str]] = options.get(
            CONF_LOADS, {}
        )
        self.allow_motion: bool = options.get(CONF_ALLOW_MOTION, False)
        self.allow_generator: bool = options.get(CONF_ALLOW_GENERATOR, False)
        self.faults: dict[int, FaultTracker] = {}
        """Active DM_RV faults per source address."""
        self._fault_listeners: defaultdict[int, list[FaultListener]] = defaultdict(list)
        self.states: dict[InstanceKey, InstanceState] = {}
        self.nodes: dict[int, NodeInfo] = {}
        self.frames_sent = 0
        self.frames_dropped = 0
        self.dropped_instances = 0
        # An automation that loops cannot flood the bus: a few commands a second
        # per device and DGN, and a ceiling for everything we send. Commands
        # over the limit wait their turn; the newest for a device wins.
        self._send_queue = SendQueue(
            (SEND_RATE, SEND_BURST),
            (COMMAND_RATE, COMMAND_BURST),
            clock=hass.loop.time,  # the clock the flush timer runs on
        )
        self._flush_timer: CALLBACK_TYPE | None = None
        self.claimer = AddressClaimer(spec, name_fields(entry_id))
        self._address_claimed_dgn = spec.message("ADDRESS_CLAIMED").dgn
        self._dropped_targets: set[tuple[str, object, int]] = set()
        self._listeners: defaultdict[InstanceKey, list[CALLBACK_TYPE]] = defaultdict(
            list
        )
        self._new_status_listeners: list[Callable[[InstanceState, str], None]] = []
        self._stop_timer: CALLBACK_TYPE | None = None
        self.connected = True
        """False from losing the adapter until it is open again."""
        self.bus_losses = 0
        self.reconnect_attempts = 0
        self.last_bus_error: str | None = None
        self._lost_for = 0.0
        self._reconnect_delay = RECONNECT_FIRST
        self._reconnect_timer: CALLBACK_TYPE | None = None
        self._stopping = False
        self._active_time = 0.0
        """Seconds of bus time with traffic since start: what staleness counts."""
        self._frames_at_check = 0
        self._node_heard: dict[int, float] = {}
        """Per source address, the active time it was last heard."""
        self._node_talked_at: dict[int, float] = {}
        """Per source address, when it last sent a DGN that has no entity."""

    async def async_start(self) -> None:
        """Start reading the bus and watching for silent instances."""
        if self.simulated_coach is not None:
            simulator, simulator_session = self.simulated_coach
            simulator.start(simulator_session)
        self._start_session()
        if not self.read_only:
            # J1939: claim an address before anything else goes out.
            self._async_send_claim()
        self._stop_timer = async_track_time_interval(
            self.hass,
            self._async_check_availability,
            timedelta(seconds=self.availability_timeout / AVAILABILITY_CHECKS),
            cancel_on_shutdown=True,
        )

    def _start_session(self) -> None:
        self.session.start(self.hass.loop, self._async_on_message, self._async_bus_lost)

    async def async_stop(self) -> None:
        """Stop reading; close the bus (and the simulated coach)."""
        self._stopping = True
        if self._stop_timer is not None:
            self._stop_timer()
            self._stop_timer = None
        if self._reconnect_timer is not None:
            self._reconnect_timer()
            self._reconnect_timer = None
        if self._flush_timer is not None:
            self._flush_timer()
            self._flush_timer = None
        self._send_queue.clear()
        ir.async_delete_issue(self.hass, DOMAIN, self._issue_id)
        ir.async_delete_issue(self.hass, DOMAIN, self._address_issue_id)
        if self.simulated_coach is not None:
            simulator, simulator_session = self.simulated_coach
            await simulator.async_stop()
            await simulator_session.async_close()
        await self.session.async_close()

    @property
    def _issue_id(self) -> str:
        return f"bus_lost_{self.entry_id}"

    @property
    def _address_issue_id(self) -> str:
        return f"address_lost_{self.entry_id}"

    @callback
    def _async_bus_lost(self, err: Exception) -> None:
        """The adapter failed: everything unavailable, then reopen with backoff."""
        if not self.connected or self._stopping:
            return
        self.connected = False
        self.bus_losses += 1
        self._lost_for = 0.0
        self._reconnect_delay = RECONNECT_FIRST
        config = self.session.config
        _LOGGER.error(
            "Lost the RV-C bus (%s %s): %s; reconnecting",
            config.interface,
            config.channel,
            err,
        )
        self.last_bus_error = str(err)
        # Commands waiting now are stale by the time the bus is back.
        self.frames_dropped += self._send_queue.clear()
        # Values are kept; each instance is available again when it reports.
        for state in self.states.values():
            state.available = False
        for listeners in list(self._listeners.values()):
            for update in list(listeners):
                update()
        self.hass.async_create_background_task(
            self.session.async_close(), "rvc close lost bus"
        )
        self._schedule_reconnect()

    def _schedule_reconnect(self) -> None:
        delay = self._reconnect_delay
        self._reconnect_delay = min(delay * 2, RECONNECT_MAX)
        self._lost_for += delay
        self._reconnect_timer = async_call_later(
            self.hass, delay, self._async_reconnect
        )

    async def _async_reconnect(self, _now: datetime) -> None:
        self._reconnect_timer = None
        self.reconnect_attempts += 1
        config = self.session.config
        try:
            session = await self.hass.async_add_executor_job(BusSession.open, config)
        except BusOpenError as err:
            self.last_bus_error = str(err.__cause__ or err)
            _LOGGER.debug("RV-C bus still gone: %s", err)
            if self._lost_for >= REPAIR_AFTER:
                ir.async_create_issue(
                    self.hass,
                    DOMAIN,
                    self._issue_id,
                    is_fixable=False,
                    severity=ir.IssueSeverity.ERROR,
                    translation_key="bus_lost",
                    translation_placeholders={
                        "interface": config.interface,
                        "channel": config.channel,
                        "error": self.last_bus_error,
                    },
                )
            if not self._stopping:
                self._schedule_reconnect()
            return
        if self._stopping:
            await session.async_close()
            return
        self.session = session
        self._start_session()
        self.connected = True
        ir.async_delete_issue(self.hass, DOMAIN, self._issue_id)
        _LOGGER.warning(
            "RV-C bus (%s %s) is back after %s attempt(s)",
            config.interface,
            config.channel,
            self.reconnect_attempts,
        )

    @callback
    def async_subscribe(self, key: InstanceKey, update: CALLBACK_TYPE) -> CALLBACK_TYPE:
        """Call update when the state of (family, instance) changes."""
        listeners = self._listeners[key]
        listeners.append(update)

        @callback
        def unsubscribe() -> None:
            listeners.remove(update)
            if not listeners:
                del self._listeners[key]

        return unsubscribe

    @callback
    def async_add_status_listener(
        self, listener: Callable[[InstanceState, str], None]
    ) -> CALLBACK_TYPE:
        """Call listener(state, dgn) when an instance first reports a status DGN."""
        self._new_status_listeners.append(listener)
        return lambda: self._new_status_listeners.remove(listener)

    @callback
    def async_subscribe_faults(
        self, source: int, listener: FaultListener
    ) -> CALLBACK_TYPE:
        """Call listener(appeared, cleared) when a node's faults change."""
        listeners = self._fault_listeners[source]
        listeners.append(listener)

        @callback
        def unsubscribe() -> None:
            listeners.remove(listener)
            if not listeners:
                del self._fault_listeners[source]

        return unsubscribe

    @callback
    def _async_on_message(self, message: can.Message) -> None:
        record = self.decoder.decode_message(message)
        if record is not None:
            self.async_handle_record(record)

    @callback
    def async_handle_record(self, record: RvcRecord) -> None:
        """Apply a decoded record to the state it describes."""
        if record.source not in self.nodes:
            self._async_new_node(record.source)
        family = FAMILY_BY_DGN.get(record.name)
        if family is None:
            # A node that sends only DGNs without entities is talking too.
            self._node_heard[record.source] = self._active_time
            self._node_talked_at[record.source] = self.hass.loop.time()
            if record.name == "PRODUCT_IDENTIFICATION":
                self._async_identified(record)
                return
            if record.name == "ADDRESS_CLAIMED":
                self.node_book.async_claimed(
                    self.nodes[record.source], self.claimer.name_of(record.values)
                )
            if not self.read_only:
                self._async_network_management(record)
            return
        if record.name in AC_CHANNEL_DGNS:
            family = _ac_channel_family(family, record.values)
        instance = _instance_of(record)
        if family is None or instance is None:
            return
        key = (family, instance)
        if family == FAMILY_NODE_FAULTS:
            self._async_node_faults(record)
        state = self.states.get(key)
        if state is None:
            self._async_new_instance(key, record)
        else:
            self._async_apply(key, state, record)

    def _async_apply(
        self, key: InstanceKey, state: InstanceState, record: RvcRecord
    ) -> None:
        """Update a known instance; wake its entities only on a real change."""
        state.reported = True
        state.last_report = self.hass.loop.time()
        changed = not state.available
        if changed:
            _LOGGER.info("%s %s is reporting again", *key)
            state.available = True
        previous = state.values.get(record.name)
        # A repeated frame decodes to the very same record: no comparison needed.
        if previous is not record.values and previous != record.values:
            state.values[record.name] = record.values
            changed = True
            if previous is None:
                self._async_new_status(state, record.name)
        if changed:
            for update in self._listeners.get(key, ()):
                update()

    def _async_new_instance(self, key: InstanceKey, record: RvcRecord) -> None:
        if len(self.states) >= MAX_INSTANCES:
            self.dropped_instances += 1
            return
        state = InstanceState(
            key[0], key[1], record.source, last_report=self.hass.loop.time()
        )
        state.values[record.name] = record.values
        self.states[key] = state
        self._async_new_status(state, record.name)
        # Entities restored from the registry were waiting for this.
        for update in self._listeners.get(key, ()):
            update()

    def _async_new_status(self, state: InstanceState, dgn: str) -> None:
        for listener in list(self._new_status_listeners):
            listener(state, dgn)

    def _async_node_faults(self, record: RvcRecord) -> None:
        tracker = self.faults.get(record.source)
        if tracker is None:
            tracker = self.faults[record.source] = FaultTracker()
        appeared, cleared = tracker.update(record.values, self.hass.loop.time())
        if appeared or cleared:
            self._async_faults_changed(record.source, appeared, cleared)

    def _async_faults_changed(
        self, source: int, appeared: list[Fault], cleared: list[Fault]
    ) -> None:
        for fault in appeared:
            _LOGGER.warning("Node %#04x reports fault %s", source, fault.code)
        for fault in cleared:
            _LOGGER.info("Node %#04x fault %s cleared", source, fault.code)
        for listener in list(self._fault_listeners.get(source, ())):
            listener(appeared, cleared)
        for update in self._listeners.get((FAMILY_NODE_FAULTS, source), ()):
            update()

    def _async_network_management(self, record: RvcRecord) -> None:
        """Defend our address, and say which it is when asked."""
        if record.name == "ISO_REQUEST":
            if record.values.get(
                "requested_dgn"
            ) == self._address_claimed_dgn and record.destination in (
                0xFF,
                self.claimer.address,
            ):
                self._async_send_claim()
            return
        if record.name != "ADDRESS_CLAIMED":
            return
        outcome = self.claimer.on_claim(record.source, record.values)
        if outcome is ClaimOutcome.NONE:
            return
        if outcome is ClaimOutcome.MOVED:
            _LOGGER.warning(
                "Node %#04x claimed our source address; moving to %#04x",
                record.source,
                self.claimer.address,
            )
        elif outcome is ClaimOutcome.LOST:
            _LOGGER.error("No free source address on the RV-C bus: not sending")
            self.frames_dropped += self._send_queue.clear()
            ir.async_create_issue(
                self.hass,
                DOMAIN,
                self._address_issue_id,
                is_fixable=False,
                severity=ir.IssueSeverity.ERROR,
                translation_key="address_lost",
            )
        self._async_send_claim()

    def _async_send_claim(self) -> None:
        try:
            self._async_enqueue(
                ("ADDRESS_CLAIMED", None, 0xFF), self.claimer.claim(), "ADDRESS_CLAIMED"
            )
        except HomeAssistantError as err:
            _LOGGER.debug("Cannot claim an address: %s", err)

    def _async_new_node(self, source: int) -> None:
        node = self.nodes[source] = NodeInfo(source)
        # Named as it named itself before, even if it never does again.
        self.node_book.recall(node)
        self.node_book.async_update_device(node)
        self.claimer.note_sender(source)
        if self.read_only:
            return
        # Ask the node who it is; the answer names its device.
        try:
            self.async_send(
                "ISO_REQUEST",
                {"requested_dgn": self.spec.message("PRODUCT_IDENTIFICATION").dgn},
                destination=source,
            )
        except HomeAssistantError as err:
            _LOGGER.debug("Cannot ask node %#04x to identify: %s", source, err)

    def _async_identified(self, record: RvcRecord) -> None:
        node = self.nodes[record.source]
        values = record.values
        node.make = _text(values.get("make"))
        node.model = _text(values.get("model"))
        node.serial_number = _text(values.get("serial_number"))
        node.unit_number = _text(values.get("unit_number"))
        self.node_book.async_identified(node)

    @callback
    def _async_check_availability(self, _now: datetime) -> None:
        """Make instances unavailable after a timeout's worth of silent checks.

        Counting checks rather than stamping every frame with the time keeps the
        per-frame work to setting a flag.
        """
        now = self.hass.loop.time()
        for source, tracker in self.faults.items():
            if expired := tracker.expire(now):
                self._async_faults_changed(source, [], expired)
        frames = self.decoder.stats.frames
        bus_active = frames != self._frames_at_check
        if bus_active:
            self._frames_at_check = frames
            self._active_time += self.availability_timeout / AVAILABILITY_CHECKS
        for key, state in self.states.items():
            if state.reported:
                self._node_heard[state.source] = self._active_time
                state.reported = False
                state.silent_checks = 0
                continue
            state.silent_checks += 1
            if state.available and state.silent_checks >= AVAILABILITY_CHECKS:
                state.available = False
                _LOGGER.info("%s %s stopped reporting", *key)
                for update in self._listeners.get(key, ()):
                    update()

        if bus_active:
            self._async_remove_stale_devices()

    def node_is_silent(self, source: int) -> bool:
        """True when the node sent nothing within the timeout."""
        talked_at = self._node_talked_at.get(source)
        if (
            talked_at is not None
            and self.hass.loop.time() - talked_at < self.availability_timeout
        ):
            return False
        return not any(
            state.available for state in self.states.values() if state.source == source
        )

    def _async_remove_stale_devices(self) -> None:
        registry = dr.async_get(self.hass)
        for device in dr.async_entries_for_config_entry(registry, self.entry_id):
            source = device_source(self.entry_id, device.identifiers)
            if source is None:
                continue  # the bus's own device
            heard = self._node_heard.setdefault(source, self._active_time)
            if self._active_time - heard >= STALE_AFTER:
                _LOGGER.info("Removing %s: silent while the bus is not", device.name)
                registry.async_update_device(
                    device.id, remove_config_entry_id=self.entry_id
                )
                self._node_heard.pop(source, None)
                self._node_talked_at.pop(source, None)
                self.nodes.pop(source, None)
                # Its next report is news: device and entities come back.
                for key in [k for k, s in self.states.items() if s.source == source]:
                    del self.states[key]

    def load_type(self, state: InstanceState) -> str | None:
        """Light, switch or hidden for a load; None for other families.

        The options decide where the user chose; otherwise the bus does: a
        dimmer channel is a light, a DC load is a light only when it reports a
        variable level.
        """
        override = self.load_overrides.get(f"{state.family}:{state.instance}")
        if override is not None:
            return override[CONF_LOAD_TYPE]
        if state.family == FAMILY_DC_DIMMER:
            return LOAD_TYPE_LIGHT
        if state.family == FAMILY_DC_LOAD:
            variable = state.value("DC_LOAD_STATUS", "variable_level")
            return LOAD_TYPE_LIGHT if variable == "variable" else LOAD_TYPE_SWITCH
        return None

    def motion_refusal(self) -> str | None:
        """Why awnings and slides must not move now; None when they may.

        A coach without a chassis node on the bus (a trailer) may move them; a
        coach whose chassis status went silent, says it is moving, or has its
        park brake released may not.
        """
        if not self.allow_motion:
            return "motion_control_disabled"
        chassis = self.states.get((FAMILY_CHASSIS, 0))
        if chassis is None:
            return None
        if not chassis.available:
            return "chassis_unknown"
        speed = chassis.value("CHASSIS_MOBILITY_STATUS", "vehicle_speed")
        park_brake = chassis.value("CHASSIS_MOBILITY_STATUS", "park_brake")
        if speed is ERROR or (isinstance(speed, int | float) and speed > 0):
            return "coach_moving"
        if park_brake in ("released", ERROR):
            return "park_brake_released"
        if speed is None and park_brake is None:
            return "chassis_unknown"
        return None

    @callback
    def async_send(
        self,
        name: str,
        values: Mapping[str, FieldInput],
        *,
        destination: int = 0xFF,
    ) -> None:
        """Encode and send one message; refused in read-only mode."""
        if self.read_only:
            raise ServiceValidationError(
                translation_domain=DOMAIN, translation_key="read_only"
            )
        if (source := self.claimer.address) is None:
            raise HomeAssistantError(
                translation_domain=DOMAIN, translation_key="address_lost"
            )
        try:
            frame = encode(
                self.spec, name, values, source=source, destination=destination
            )
        except EncodeError as err:
            raise _translated(err) from err
        # One device's commands: the same DGN, instance and destination.
        self._async_enqueue((name, values.get("instance"), destination), frame, name)

    def _async_enqueue(
        self, target: tuple[str, object, int], frame: RvcFrame, name: str
    ) -> None:
        """Queue a frame for the bus and send what the limits allow now."""
        if not self.connected:
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key="bus_unavailable",
            )
        submitted = self._send_queue.submit(target, frame)
        if submitted is not Submitted.QUEUED:
            self._async_dropped(target)
            if submitted is Submitted.DROPPED:
                raise HomeAssistantError(
                    translation_domain=DOMAIN,
                    translation_key="rate_limited",
                    translation_placeholders={"dgn": name},
                )
        self._async_flush(raise_errors=True)

    def _async_dropped(self, target: tuple[str, object, int]) -> None:
        """Count a frame not sent; say so once per target."""
        self.frames_dropped += 1
        if target not in self._dropped_targets:
            if len(self._dropped_targets) < MAX_INSTANCES:
                self._dropped_targets.add(target)
            _LOGGER.warning(
                "Commands for %s (instance %s) come faster than %s a second:"
                " only the newest waiting one is sent",
                target[0],
                target[1],
                COMMAND_RATE,
            )

    @callback
    def _async_flush(self, *, raise_errors: bool = False) -> None:
        """Send what the rate limits allow now; come back for the rest."""
        if self._flush_timer is not None:
            self._flush_timer()
            self._flush_timer = None
        for _target, frame in self._send_queue.pop_due():
            try:
                self.session.send(frame)
            except BusError as err:
                self._async_bus_lost(err)
                if raise_errors:
                    raise HomeAssistantError(
                        translation_domain=DOMAIN,
                        translation_key="send_failed",
                        translation_placeholders={"error": str(err.__cause__ or err)},
                    ) from err
                return
            self.frames_sent += 1
        if (delay := self._send_queue.next_due()) is not None:
            self._flush_timer = async_call_later(
                self.hass, delay, self._async_flush_later
            )

    @callback
    def _async_flush_later(self, _now: datetime) -> None:
        self._flush_timer = None
        self._async_flush()


def _ac_channel_family(base: str, values: Mapping[str, FieldValue]) -> str | None:
    """The family of one line of an AC input or output, by its channel fields.

    A transfer switch's inputs are told apart by source (primary, secondary).
    """
    direction = values.get("input_output")
    if direction == "input" and "source" in values:
        direction = values["source"]
    line = values.get("line", values.get("leg"))
    if not isinstance(direction, str) or not isinstance(line, str):
        return None
    return f"{base}_{direction}_{line[-1]}"


def _instance_of(record: RvcRecord) -> int | None:
    """The instance a record describes.

    A DGN about a node is "instance" source address; a DGN without an instance
    field (generator, chassis) is instance 0; one whose instance is "not
    available" describes nothing.
    """
    if record.name in NODE_DGNS:
        return record.source
    if record.instance is not None:
        return record.instance
    return None if "instance" in record.values else 0


def _text(value: FieldValue) -> str | None:
    return value if isinstance(value, str) else None


def _translated(err: EncodeError) -> ServiceValidationError:
    """The encoder's error as a translated one that names what is wrong."""
    if isinstance(err, UnknownMessageError):
        key, placeholders = "unknown_dgn", {"dgn": err.name, "allowed": ""}
    elif isinstance(err, UnknownFieldError):
        key, placeholders = (
            "unknown_field",
            {
                "dgn": err.message_name,
                "field": err.field,
                "allowed": ", ".join(err.allowed),
            },
        )
    elif isinstance(err, FieldValueError):
        key, placeholders = (
            "invalid_value",
            {
                "dgn": err.message_name,
                "field": err.field,
                "value": repr(err.value),
                "allowed": err.allowed,
            },
        )
    else:
        key, placeholders = "invalid_command", {"error": str(err)}
    return ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders=placeholders,
    )
