"""The coordinator of one RV-C bus: frames in, state out, commands back."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
import logging
import os
from typing import TYPE_CHECKING, Any

from homeassistant.const import EVENT_HOMEASSISTANT_STOP
from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.event import async_track_time_interval

from .const import (
    CONF_AVAILABILITY_TIMEOUT,
    CONF_LOAD_TYPE,
    CONF_LOADS,
    CONF_READ_ONLY,
    CONF_SILENT_OFF_DIMMERS,
    DEFAULT_AVAILABILITY_TIMEOUT,
    FAMILY_DC_DIMMER,
    FAMILY_NODE_FAULTS,
    LOAD_FAMILIES,
    LOAD_TYPE_LIGHT,
    LOAD_TYPE_SWITCH,
)
from .controllers import behaves
from .gate import CommandGate
from .nodes import NodeInfo, device_source
from .pairs import with_partners_hidden
from .protocol.activity import NodeActivity
from .protocol.address import name_fields
from .protocol.faults import BusFaults
from .protocol.instances import (
    Applied,
    InstanceKey,
    InstanceState,
    InstanceTable,
    instance_key,
)
from .protocol.node import RvcNode
from .recording import BusRecording
from .repairs import BusRepairs

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from datetime import datetime

    from homeassistant.components.usb.models import USBDevice

    from .nodes import NodeBook
    from .protocol import BusSession, Decoder, FieldValue, RvcRecord, RvcSpec
    from .protocol.simulator import CoachSimulator

_LOGGER = logging.getLogger(__name__)

__all__ = ["InstanceKey", "InstanceState", "RvcCoordinator"]

# Availability is checked this many times per timeout.
AVAILABILITY_CHECKS = 3
# A node's device goes after a day of silence while the rest of the bus talks
# (time with no traffic at all, a coach switched off, does not count).
STALE_AFTER = 24 * 3600.0


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
        self.repairs = BusRepairs(hass, entry_id)
        self.availability_timeout: float = options.get(
            CONF_AVAILABILITY_TIMEOUT, DEFAULT_AVAILABILITY_TIMEOUT
        )
        self.instances = InstanceTable(spec, silence_timeout=self.availability_timeout)
        self.states = self.instances.states
        self._heard_at: dict[int, float] = {}
        """When each node last sent anything (the owner's clock)."""
        # A motor's or lock's partner channel is hidden: it is no light.
        self.load_overrides: Mapping[str, Mapping[str, Any]] = with_partners_hidden(
            options.get(CONF_LOADS, {})
        )
        self.node = RvcNode(
            spec,
            session,
            name=name_fields(entry_id),
            on_record=self.async_handle_record,
            read_only=options.get(CONF_READ_ONLY, False),
            scheduler=hass.loop,
            opener=lambda config: hass.async_add_executor_job(
                type(session).open, config
            ),
            create_task=lambda coroutine: hass.async_create_task(coroutine, "rvc"),
            on_lost=self._async_bus_lost,
            on_back=self.repairs.async_bus_back,
            on_address_lost=self.repairs.async_address_lost,
            on_outage=lambda lost_for, error: self.repairs.async_outage(
                self.session.config, lost_for, error
            ),
        )
        self.gate = CommandGate(options, self.states, self.node)
        """Every command goes through it: entities and the send_command action."""
        self.recording = BusRecording(hass, self.node)
        """The record_bus action's recording of the traffic."""
        self.faults = BusFaults(self._async_faults_changed)
        """Active DM_RV faults per node; the fault event listens to it."""
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
        self.activity = NodeActivity()
        """When each node was last heard: what staleness counts."""
        self.off_commands: dict[InstanceKey, float] = {}
        """When each load was last commanded off (the loop's clock)."""

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
        self.repairs.async_clear()
        await self.recording.async_stop()
        if self.simulated_coach is not None:
            simulator, simulator_session = self.simulated_coach
            await simulator.async_stop()
            await simulator_session.async_close()
        await self.node.async_stop()

    @callback
    def _async_bus_lost(self) -> None:
        """Everything unavailable; values are kept until each reports again."""
        for state in self.states.values():
            state.available = False
        for listeners in list(self._listeners.values()):
            for update in list(listeners):
                update()

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
    def async_handle_record(self, record: RvcRecord) -> None:
        """Apply a decoded record to the state it describes."""
        if record.source not in self.nodes:
            self._async_new_node(record.source)
        now = self.hass.loop.time()
        self._heard_at[record.source] = now
        key = instance_key(record)
        if key is None:
            # A node that sends only DGNs without entities is talking too.
            self.activity.talked(record.source, now)
            if record.name == "PRODUCT_IDENTIFICATION":
                self._async_identified(record)
            elif record.name == "ADDRESS_CLAIMED":
                self.node_book.async_claimed(
                    self.nodes[record.source],
                    self.node.claimer.name_of(record.values),
                )
            return
        if key[0] == FAMILY_NODE_FAULTS:
            self.faults.apply(record, now)
        applied = self.instances.apply(key, record, now)
        if applied is Applied.IGNORED:
            return
        state = self.states[key]
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

    @callback
    def _async_faults_changed(self, source: int) -> None:
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
        """Make instances unavailable that stayed quiet past their limit.

        Each instance's limit follows its DGNs' broadcast gaps and its own pace
        (protocol/instances.py), never shorter than the owner's timeout.
        """
        now = self.hass.loop.time()
        self.faults.expire(now)
        bus_active = self.activity.check(
            self.decoder.stats.frames,
            self.availability_timeout / AVAILABILITY_CHECKS,
            self.states.values(),
        )
        heard_at = self._heard_at
        for key, state in self.states.items():
            node_quiet = now - heard_at.get(state.source, now)
            silent = self.instances.check_silence(state, now, node_quiet)
            if not self._silent_means_off(state, now) and silent:
                _LOGGER.info("%s %s stopped reporting", *key)
                for update in self._listeners.get(key, ()):
                    update()

        if bus_active:
            self._async_remove_stale_devices()

    def behaves(self, behaviour: str, key: InstanceKey) -> bool:
        """Whether the controller of an instance behaves so (controllers.py)."""
        state = self.states.get(key)
        node = None if state is None else self.nodes.get(state.source)
        return behaves(self.options, node, behaviour)

    def _silent_means_off(self, state: InstanceState, now: float) -> bool:
        """A silent dimmer that was off, on a controller that stops reporting it.

        Such a channel, quiet for the owner's timeout, was last reported off,
        or commanded off since its last report: it stays available, and off.
        """
        if (
            state.family != FAMILY_DC_DIMMER
            or now - state.last_report < self.availability_timeout
            or not self.behaves(CONF_SILENT_OFF_DIMMERS, state.key)
        ):
            return False
        dgn = LOAD_FAMILIES[FAMILY_DC_DIMMER].status_dgn
        status = state.values.get(dgn, {})
        commanded_off = self.off_commands.get(state.key, -1.0) >= state.last_report
        if status.get("brightness") != 0 and not commanded_off:
            return False
        state.available = True
        if status.get("brightness") != 0:
            state.values[dgn] = {**status, "brightness": 0.0, "load_status": "off"}
            for update in self._listeners.get(state.key, ()):
                update()
        return True

    def node_is_silent(self, source: int) -> bool:
        """True when the node sent nothing within the timeout."""
        if self.activity.talked_within(
            source, self.hass.loop.time(), self.availability_timeout
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
            if self.activity.is_stale(source, STALE_AFTER):
                _LOGGER.info("Removing %s: silent while the bus is not", device.name)
                registry.async_update_device(
                    device.id, remove_config_entry_id=self.entry_id
                )
                self.activity.forget(source)
                self.nodes.pop(source, None)
                # Its next report is news: device and entities come back, and
                # it is asked who it is again.
                self.node.forget(source)
                for key in [k for k, s in self.states.items() if s.source == source]:
                    del self.states[key]

    def load_type(self, state: InstanceState) -> str | None:
        """Light, switch, fan or hidden for a load; None for other families.

        The options decide where the user chose; otherwise the bus does: a
        dimmer channel is a light, a DC or AC load is a light only when it
        reports a variable level.
        """
        family = LOAD_FAMILIES.get(state.family)
        if family is None:
            return None
        override = self.load_overrides.get(f"{state.family}:{state.instance}")
        if override is not None:
            return str(override[CONF_LOAD_TYPE])
        if family.variable_field is None:
            return LOAD_TYPE_LIGHT
        variable = state.value(family.status_dgn, family.variable_field)
        return LOAD_TYPE_LIGHT if variable == "variable" else LOAD_TYPE_SWITCH


def _text(value: FieldValue) -> str | None:
    return value if isinstance(value, str) else None
