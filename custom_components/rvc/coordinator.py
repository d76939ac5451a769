"""The coordinator of one RV-C bus: frames in, state out, commands back."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
import logging
import os
from typing import TYPE_CHECKING, Any

from homeassistant.const import EVENT_HOMEASSISTANT_STOP
from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr, issue_registry as ir
from homeassistant.helpers.event import async_track_time_interval

from .const import (
    CONF_ALLOW_GENERATOR,
    CONF_ALLOW_MOTION,
    CONF_AVAILABILITY_TIMEOUT,
    CONF_LOAD_TYPE,
    CONF_LOADS,
    CONF_NO_CHASSIS,
    CONF_READ_ONLY,
    DEFAULT_AVAILABILITY_TIMEOUT,
    DOMAIN,
    FAMILY_CHASSIS,
    FAMILY_DC_DIMMER,
    FAMILY_DC_LOAD,
    FAMILY_NODE_FAULTS,
    LOAD_TYPE_LIGHT,
    LOAD_TYPE_SWITCH,
)
from .protocol import (
    ERROR,
    EncodeError,
    FieldValueError,
    NotSendingError,
    UnknownFieldError,
    UnknownMessageError,
)
from .protocol.address import name_fields
from .protocol.faults import FaultTracker
from .protocol.instances import (
    Applied,
    InstanceKey,
    InstanceState,
    InstanceTable,
    instance_key,
)
from .protocol.node import RvcNode
from .protocol.safety import moves_something, starts_an_engine

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from datetime import datetime

    from homeassistant.components.usb.models import USBDevice

    from .nodes import NodeBook
    from .protocol import (
        BusSession,
        Decoder,
        FieldInput,
        FieldValue,
        RvcRecord,
        RvcSpec,
    )
    from .protocol.faults import Fault
    from .protocol.simulator import CoachSimulator

_LOGGER = logging.getLogger(__name__)

__all__ = ["InstanceKey", "InstanceState", "RvcCoordinator"]

# Availability is checked this many times per timeout.
AVAILABILITY_CHECKS = 3
# A repair issue tells the owner once the adapter has been gone this long.
REPAIR_AFTER = 180.0
# A node's device goes after a day of silence while the rest of the bus talks
# (time with no traffic at all, a coach switched off, does not count).
STALE_AFTER = 24 * 3600.0

type FaultListener = Callable[[list[Fault], list[Fault]], None]
"""Called with the faults that appeared and the faults that cleared."""


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
    """Home Assistant's side of one RV-C bus: state, listeners, registries."""

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
        # The built-in coach runs on its own end of the same virtual bus.
        self.simulated_coach = simulated_coach
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
        self.no_chassis: bool = options.get(CONF_NO_CHASSIS, False)
        self.node = RvcNode(
            spec,
            session,
            name=name_fields(entry_id),
            on_record=self.async_handle_record,
            read_only=self.read_only,
            scheduler=hass.loop,
            opener=lambda config: hass.async_add_executor_job(
                type(session).open, config
            ),
            create_task=lambda coroutine: hass.async_create_task(coroutine, "rvc"),
            on_lost=self._async_bus_lost,
            on_back=lambda: ir.async_delete_issue(hass, DOMAIN, self._issue_id),
            on_address_lost=self._async_address_lost,
            on_outage=self._async_outage,
        )
        self.faults: dict[int, FaultTracker] = {}
        """Active DM_RV faults per source address."""
        self._fault_listeners: defaultdict[int, list[FaultListener]] = defaultdict(list)
        self.instances = InstanceTable(spec)
        self.states = self.instances.states
        self.nodes: dict[int, NodeInfo] = {}
        self._listeners: defaultdict[InstanceKey, list[CALLBACK_TYPE]] = defaultdict(
            list
        )
        self._new_status_listeners: list[Callable[[InstanceState, str], None]] = []
        self.adding_entities = True
        """False while the platforms unload: an entity added then would stay."""
        self._stop_timer: CALLBACK_TYPE | None = None
        self._unsub_ha_stop: CALLBACK_TYPE | None = None
        self._unsub_usb: CALLBACK_TYPE | None = None
        self._stopped = False
        self._active_time = 0.0
        """Seconds of bus time with traffic since start: what staleness counts."""
        self._frames_at_check = 0
        self._node_heard: dict[int, float] = {}
        """Per source address, the active time it was last heard."""
        self._node_talked_at: dict[int, float] = {}
        """Per source address, when it last sent a DGN that has no entity."""

    @property
    def decoder(self) -> Decoder:
        """The node's decoder (its counters go into diagnostics)."""
        return self.node.decoder

    @property
    def session(self) -> BusSession:
        """The open bus session."""
        return self.node.session

    @property
    def connected(self) -> bool:
        """False from losing the adapter until it is open again."""
        return self.node.connected

    @property
    def dropped_instances(self) -> int:
        """Instances not tracked because the table is full."""
        return self.instances.dropped_instances

    @property
    def frames_sent(self) -> int:
        """Frames handed to the adapter."""
        return self.node.frames_sent

    @property
    def frames_dropped(self) -> int:
        """Frames not sent: merged, refused by the limits, or stale."""
        return self.node.frames_dropped

    @property
    def bus_losses(self) -> int:
        """Times the adapter went away."""
        return self.node.bus_losses

    @property
    def reconnect_attempts(self) -> int:
        """Attempts to reopen the adapter."""
        return self.node.reconnect_attempts

    @property
    def last_bus_error(self) -> str | None:
        """What the adapter last failed with."""
        return self.node.last_bus_error

    async def async_start(self) -> None:
        """Start reading the bus and watching for silent instances."""
        if self.simulated_coach is not None:
            simulator, simulator_session = self.simulated_coach
            simulator.start(simulator_session)
        self.node.start()
        # Home Assistant stopping closes the adapter as an unload does (an
        # slcan adapter is told to close its channel).
        self._unsub_ha_stop = self.hass.bus.async_listen_once(
            EVENT_HOMEASSISTANT_STOP, self._async_ha_stop
        )
        if "usb" in self.hass.config.components:
            # Loaded only where the usb integration (and its watcher) is.
            from homeassistant.components import usb  # noqa: PLC0415

            self._unsub_usb = usb.async_register_port_event_callback(
                self.hass, self._async_usb_changed
            )
        self._stop_timer = async_track_time_interval(
            self.hass,
            self._async_check_availability,
            timedelta(seconds=self.availability_timeout / AVAILABILITY_CHECKS),
            cancel_on_shutdown=True,
        )

    async def _async_ha_stop(self, _event: Event) -> None:
        self._unsub_ha_stop = None
        await self.async_stop()

    @callback
    def _async_usb_changed(
        self, added: set[USBDevice], _removed: set[USBDevice]
    ) -> None:
        """An adapter plugged in: retry at once rather than after the backoff."""
        channel = os.path.realpath(self.session.config.channel)
        if any(
            os.path.realpath(device.device) == channel
            or not channel.startswith("/dev/")
            for device in added
        ):
            self.node.reconnect_now()

    async def async_stop(self) -> None:
        """Stop reading; close the bus (and the simulated coach)."""
        if self._stopped:
            return
        self._stopped = True
        for unsubscribe in (self._unsub_ha_stop, self._unsub_usb):
            if unsubscribe is not None:
                unsubscribe()
        if self._stop_timer is not None:
            self._stop_timer()
            self._stop_timer = None
        ir.async_delete_issue(self.hass, DOMAIN, self._issue_id)
        ir.async_delete_issue(self.hass, DOMAIN, self._address_issue_id)
        if self.simulated_coach is not None:
            simulator, simulator_session = self.simulated_coach
            await simulator.async_stop()
            await simulator_session.async_close()
        await self.node.async_stop()

    @property
    def _issue_id(self) -> str:
        return f"bus_lost_{self.entry_id}"

    @property
    def _address_issue_id(self) -> str:
        return f"address_lost_{self.entry_id}"

    @callback
    def _async_bus_lost(self) -> None:
        """Everything unavailable; values are kept until each reports again."""
        for state in self.states.values():
            state.available = False
        for listeners in list(self._listeners.values()):
            for update in list(listeners):
                update()

    @callback
    def _async_outage(self, lost_for: float, error: str) -> None:
        if lost_for < REPAIR_AFTER:
            return
        config = self.session.config
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
                "error": error,
            },
        )

    @callback
    def _async_address_lost(self) -> None:
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            self._address_issue_id,
            is_fixable=False,
            severity=ir.IssueSeverity.ERROR,
            translation_key="address_lost",
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
    def async_handle_record(self, record: RvcRecord) -> None:
        """Apply a decoded record to the state it describes."""
        if record.source not in self.nodes:
            self._async_new_node(record.source)
        key = instance_key(record)
        if key is None:
            # A node that sends only DGNs without entities is talking too.
            self._node_heard[record.source] = self._active_time
            self._node_talked_at[record.source] = self.hass.loop.time()
            if record.name == "PRODUCT_IDENTIFICATION":
                self._async_identified(record)
            elif record.name == "ADDRESS_CLAIMED":
                self.node_book.async_claimed(
                    self.nodes[record.source],
                    self.node.claimer.name_of(record.values),
                )
            return
        if key[0] == FAMILY_NODE_FAULTS:
            self._async_node_faults(record)
        applied = self.instances.apply(key, record)
        if applied is Applied.IGNORED:
            return
        state = self.states[key]
        state.last_report = self.hass.loop.time()
        if applied is Applied.UNCHANGED:
            return
        if applied is Applied.NEW_STATUS:
            self._async_new_status(state, record.name)
        for update in self._listeners.get(key, ()):
            update()

    def _async_new_status(self, state: InstanceState, dgn: str) -> None:
        if not self.adding_entities:
            return
        for listener in list(self._new_status_listeners):
            listener(state, dgn)

    def _async_node_faults(self, record: RvcRecord) -> None:
        tracker = self.faults.get(record.source)
        if tracker is None:
            tracker = self.faults[record.source] = FaultTracker()
        appeared, cleared = tracker.update(record, self.hass.loop.time())
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

    def _async_new_node(self, source: int) -> None:
        node = self.nodes[source] = NodeInfo(source)
        # Named as it named itself before, even if it never does again.
        self.node_book.recall(node)
        self.node_book.async_update_device(node)

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
            for source in state.others:
                self._node_heard[source] = self._active_time
            if state.reported:
                self._node_heard[state.source] = self._active_time
            if self.instances.check_silence(state, AVAILABILITY_CHECKS):
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
                # Its next report is news: device and entities come back, and
                # it is asked who it is again.
                self.node.forget(source)
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

        Motion waits for the chassis to be heard since start, unless the owner
        said the coach has no chassis node (a trailer); a chassis that went
        silent, says it is moving, or has its park brake released refuses it.
        """
        if not self.allow_motion:
            return "motion_control_disabled"
        chassis = self.states.get((FAMILY_CHASSIS, 0))
        if chassis is None:
            return None if self.no_chassis else "chassis_unknown"
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

    def refusal(self, name: str, values: Mapping[str, FieldInput]) -> str | None:
        """The gate: why a message must not be sent now; None when it may."""
        if self.read_only:
            return "read_only"
        if moves_something(name, values):
            return self.motion_refusal()
        if starts_an_engine(name, values) and not self.allow_generator:
            return "generator_control_disabled"
        return None

    @callback
    def async_send(
        self,
        name: str,
        values: Mapping[str, FieldInput],
        *,
        destination: int = 0xFF,
        entity_id: str | None = None,
    ) -> None:
        """Send a message through the one gate to the bus.

        Every path that sends (entities and the send_command action) comes
        here: read-only, motion and engine-start rules refuse with a
        translated error, and nothing is sent.
        """
        if (reason := self.refusal(name, values)) is not None:
            raise ServiceValidationError(
                translation_domain=DOMAIN,
                translation_key=reason,
                translation_placeholders={"entity": entity_id or name},
            )
        try:
            self.node.send(name, values, destination=destination)
        except EncodeError as err:
            raise _translated(err) from err
        except NotSendingError as err:
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key=err.reason,
                translation_placeholders={"dgn": name},
            ) from err


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
