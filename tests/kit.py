"""A test kit: the integration on a real python-can virtual bus.

It plays the coach's side of the bus: it injects frames as devices would and
captures every frame the integration sends. A test must assert each captured
frame; the fixture fails a test that leaves one unasserted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import can
from homeassistant.config_entries import ConfigEntryState
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.rvc.connection import bus_config
from custom_components.rvc.const import (
    CONF_AVAILABILITY_TIMEOUT,
    CONF_CHANNEL,
    CONF_INTERFACE,
    CONF_READ_ONLY,
    DOMAIN,
    INTERFACE_VIRTUAL,
    SOURCE_ADDRESS,
)
from custom_components.rvc.protocol import Decoder, RvcRecord, RvcSpec, encode

from .common import wait_until

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from custom_components.rvc.coordinator import RvcCoordinator

PRODUCT_IDENTIFICATION = 0x0FEEB


class BusKit:
    """The device side of the integration's bus."""

    def __init__(self, hass: HomeAssistant, spec: RvcSpec) -> None:
        self.hass = hass
        self.spec = spec
        self.entry: MockConfigEntry | None = None
        self._device: can.BusABC | None = None
        self._decoder = Decoder(spec)
        self._sent: list[RvcRecord] = []
        self._payloads: list[bytes] = []
        """The bytes of each frame in _sent, for tests that check them."""

    @property
    def coordinator(self) -> RvcCoordinator:
        assert self.entry is not None
        return self.entry.runtime_data  # type: ignore[no-any-return]

    async def setup(
        self,
        *,
        data: dict[str, Any] | None = None,
        options: dict[str, Any] | None = None,
        entry_id: str | None = None,
    ) -> MockConfigEntry:
        """Add and set up an entry; the kit listens on its bus."""
        data = data or {CONF_INTERFACE: INTERFACE_VIRTUAL, CONF_CHANNEL: "kit"}
        options = {CONF_READ_ONLY: False, CONF_AVAILABILITY_TIMEOUT: 15} | (
            options or {}
        )
        extra = {"entry_id": entry_id} if entry_id else {}
        self.entry = MockConfigEntry(
            domain=DOMAIN, title="RV-C", data=data, options=options, **extra
        )
        self.entry.add_to_hass(self.hass)
        await self.listen()
        assert await self.hass.config_entries.async_setup(self.entry.entry_id)
        await self.hass.async_block_till_done()
        if not self.coordinator.gate.read_only:
            self.assert_address_claimed(SOURCE_ADDRESS)
        return self.entry

    def assert_address_claimed(self, address: int) -> RvcRecord:
        """The integration claimed address, with its NAME, to everyone."""
        record = self.assert_sent("ADDRESS_CLAIMED", destination=0xFF)
        assert record.source == address, f"claimed {record.source:#04x}"
        assert record.values["arbitrary_address_capable"] == 1
        return record

    async def listen(self) -> None:
        """Open the device side of the entry's bus (done by setup)."""
        assert self.entry is not None
        if self._device is None:
            config = bus_config(self.entry.data, self.entry.entry_id)
            self._device = can.Bus(interface="virtual", channel=config.channel)

    async def unload(self) -> None:
        """Unload the entry if it is loaded."""
        # A reload the test started (saved options) ends first: unloading
        # while it runs would leave the bus it opens behind.
        await self.hass.async_block_till_done()
        if self.entry is not None and self.entry.state is ConfigEntryState.LOADED:
            assert await self.hass.config_entries.async_unload(self.entry.entry_id)
            await self.hass.async_block_till_done()

    def close(self) -> None:
        """Shut the device side down."""
        if self._device is not None:
            self._device.shutdown()
            self._device = None

    async def inject(
        self,
        name: str,
        values: dict[str, Any],
        *,
        source: int = 0x43,
        destination: int = 0xFF,
    ) -> None:
        """Send a frame as a device and wait until the integration applied it."""
        frame = encode(self.spec, name, values, source=source, destination=destination)
        await self.inject_frame(frame.arbitration_id, frame.data)

    def send(
        self,
        name: str,
        values: dict[str, Any],
        *,
        source: int = 0x43,
        destination: int = 0xFF,
    ) -> None:
        """Send a frame as a device, without waiting for the integration."""
        frame = encode(self.spec, name, values, source=source, destination=destination)
        self._send_frame(frame.arbitration_id, frame.data)

    async def inject_frame(self, arbitration_id: int, data: bytes) -> None:
        """Send raw bytes as a device and wait until they were decoded."""
        stats = self.coordinator.decoder.stats
        target = stats.frames + 1
        self._send_frame(arbitration_id, data)
        await wait_until(lambda: stats.frames >= target)
        await self.hass.async_block_till_done()

    def _send_frame(self, arbitration_id: int, data: bytes) -> None:
        assert self._device is not None
        self._device.send(
            can.Message(arbitration_id=arbitration_id, data=data, is_extended_id=True)
        )

    def _collect(self) -> None:
        assert self._device is not None
        if self.entry is not None and self.entry.state is ConfigEntryState.LOADED:
            # The integration writes from a thread: let it finish first.
            assert self.coordinator.node.wait_sent(), "the writer is stuck"
        while (message := self._device.recv(0)) is not None:
            if message.arbitration_id & 0xFF in self._simulated_sources():
                continue  # a simulated device's frame, not the integration's
            record = self._decoder.decode_message(message)
            assert record is not None, f"undecodable frame sent: {message}"
            self._sent.append(record)
            self._payloads.append(bytes(message.data))

    def _simulated_sources(self) -> set[int]:
        if self.entry is None or self.coordinator.simulated_coach is None:
            return set()
        simulator, _session = self.coordinator.simulated_coach
        return {node.source for node in simulator.nodes}

    def assert_sent(
        self,
        name: str,
        values: dict[str, Any] | None = None,
        *,
        data: str | None = None,
        **parts: int,
    ) -> RvcRecord:
        """Pop the oldest frame the integration sent and check it.

        values must match the decoded fields given (None: not available);
        data, when given, is the frame's payload in hex; parts checks record
        attributes such as destination or priority.
        """
        self._collect()
        assert self._sent, f"expected {name} on the bus, nothing was sent"
        record = self._sent.pop(0)
        payload = self._payloads.pop(0)
        if data is not None:
            assert payload.hex().upper() == data, (payload.hex().upper(), record)
        assert record.name == name, f"expected {name}, sent {record}"
        for field, value in (values or {}).items():
            assert record.values[field] == value, (field, record.values)
        for attribute, value in parts.items():
            assert getattr(record, attribute) == value, (attribute, record)
        return record

    def assert_identification_requested(self, *sources: int) -> None:
        """The integration asked each new node for PRODUCT_IDENTIFICATION.

        The next len(sources) frames are those requests, in any order: nodes
        are met in the order their first frames happen to arrive.
        """
        requested = {
            self.assert_sent(
                "ISO_REQUEST", {"requested_dgn": PRODUCT_IDENTIFICATION}
            ).destination
            for _source in sources
        }
        assert requested == set(sources)

    async def wait_for_frames(self, count: int) -> None:
        """Wait until count frames were sent (requests paced over time)."""

        def arrived() -> bool:
            self._collect()
            return len(self._sent) >= count

        await wait_until(arrived)

    def assert_nothing_sent(self) -> None:
        """No frame is waiting to be asserted."""
        self._collect()
        assert not self._sent, f"unasserted frames on the bus: {self._sent}"

    def unasserted(self) -> list[RvcRecord]:
        """Frames sent and not asserted (the fixture fails the test on any)."""
        if self._device is not None:
            self._collect()
        return list(self._sent)
