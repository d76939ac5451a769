"""A lost adapter: unavailable at once, reopened with backoff, a repair issue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import can
from homeassistant.const import (
    ATTR_ENTITY_ID,
    EVENT_HOMEASSISTANT_STOP,
    STATE_ON,
    STATE_UNAVAILABLE,
)
from homeassistant.exceptions import HomeAssistantError
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.rvc.const import DOMAIN
from custom_components.rvc.protocol import (
    BusConfig,
    BusSession,
    InterfaceDownError,
    bus,
)
from custom_components.rvc.protocol.reconnect import RECONNECT_MAX
from custom_components.rvc.repairs import REPAIR_AFTER, BusRepairs

from .common import wait_until
from .fake_pyroute2 import NO_PERMISSION, FakeIPRoute, brought_up, install
from .test_light import ENTITY as LIGHT, dimmer

if TYPE_CHECKING:
    from pathlib import Path

    from homeassistant.core import HomeAssistant
    from homeassistant.helpers import issue_registry as ir

    from .kit import BusKit

# python-can's Notifier thread re-raises a receive error after handing it to
# the integration, and ends: that is the thread exception pytest reports.
pytestmark = pytest.mark.filterwarnings(
    "ignore::pytest.PytestUnhandledThreadExceptionWarning"
)


class PluggedDevice(NamedTuple):
    """The part of the usb integration's USBDevice the integration reads."""

    device: str


async def advance(hass: HomeAssistant, freezer: Any, seconds: float) -> None:
    freezer.tick(seconds)
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


async def lose_the_bus(hass: HomeAssistant, kit: BusKit) -> None:
    """Shut the integration's end of the bus down under its reader."""
    await kit.setup()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    kit.assert_identification_requested(0x43)
    assert hass.states.get(LIGHT).state == STATE_ON
    kit.coordinator.session.bus.shutdown()
    await wait_until(lambda: not kit.coordinator.connected)
    await hass.async_block_till_done()


async def test_lost_bus_comes_back(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    await lose_the_bus(hass, kit)
    assert hass.states.get(LIGHT).state == STATE_UNAVAILABLE
    with pytest.raises(HomeAssistantError) as raised:
        await hass.services.async_call(
            "rvc",
            "send_command",
            {
                "config_entry_id": kit.entry.entry_id,
                "dgn": "DC_DIMMER_COMMAND_2",
                "instance": 3,
                "fields": {"command": "toggle"},
            },
            blocking=True,
        )
    assert raised.value.translation_key == "bus_unavailable"
    await advance(hass, freezer, 1)
    await wait_until(lambda: kit.coordinator.connected)
    # Back, it claims its address again before anything else.
    kit.assert_address_claimed(0xF9)
    # Back with its last real state only when the device reports again.
    assert hass.states.get(LIGHT).state == STATE_UNAVAILABLE
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    assert hass.states.get(LIGHT).state == STATE_ON
    assert (
        kit.coordinator.node.bus_losses,
        kit.coordinator.node.reconnect_attempts,
    ) == (1, 1)


async def test_adapter_gone_for_minutes_raises_a_repair_issue(
    hass: HomeAssistant,
    kit: BusKit,
    freezer: Any,
    monkeypatch: pytest.MonkeyPatch,
    issue_registry: ir.IssueRegistry,
) -> None:
    real_bus = can.Bus

    def unplugged(*args: Any, **kwargs: Any) -> can.BusABC:
        if kwargs.get("channel") == kit.coordinator.session.config.channel:
            raise OSError(19, "No such device")
        return real_bus(*args, **kwargs)

    await lose_the_bus(hass, kit)
    monkeypatch.setattr(can, "Bus", unplugged)
    issue_id = f"bus_lost_{kit.entry.entry_id}"
    waited, delays = 0.0, []
    delay = 1.0
    while waited < REPAIR_AFTER + RECONNECT_MAX:
        await advance(hass, freezer, delay)
        waited += delay
        delays.append(delay)
        delay = min(delay * 2, RECONNECT_MAX)
    assert delays[:8] == [1, 2, 4, 8, 16, 32, 60, 60]  # doubling, capped
    assert kit.coordinator.node.reconnect_attempts == len(delays)
    issue = issue_registry.async_get_issue(DOMAIN, issue_id)
    assert issue is not None
    assert issue.translation_key == "bus_lost"
    assert "No such device" in issue.translation_placeholders["error"]

    monkeypatch.setattr(can, "Bus", real_bus)
    await advance(hass, freezer, RECONNECT_MAX)
    await wait_until(lambda: kit.coordinator.connected)
    kit.assert_address_claimed(0xF9)
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    assert hass.states.get(LIGHT).state == STATE_ON


async def test_a_failed_send_counts_as_a_lost_bus(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    await kit.setup()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    kit.assert_identification_requested(0x43)
    # The reader has not noticed yet; the writer does.
    kit.coordinator.session.bus.shutdown()
    await hass.services.async_call(
        "light", "turn_off", {ATTR_ENTITY_ID: LIGHT}, blocking=True
    )
    await wait_until(lambda: not kit.coordinator.connected)
    await hass.async_block_till_done()
    assert hass.states.get(LIGHT).state == STATE_UNAVAILABLE
    await advance(hass, freezer, 1)
    await wait_until(lambda: kit.coordinator.connected)
    kit.assert_address_claimed(0xF9)


async def test_a_plugged_in_adapter_is_retried_at_once(
    hass: HomeAssistant,
    kit: BusKit,
    freezer: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Issue #18: no waiting out the backoff once the USB adapter is back."""
    real_bus = can.Bus

    def unplugged(*args: Any, **kwargs: Any) -> can.BusABC:
        if kwargs.get("channel") == kit.coordinator.session.config.channel:
            raise OSError(19, "No such device")
        return real_bus(*args, **kwargs)

    await lose_the_bus(hass, kit)
    assert "RV-C adapter gone (" in caplog.text
    monkeypatch.setattr(can, "Bus", unplugged)
    for delay in (1, 2, 4, 8, 16, 32, 60):  # a long outage: retries a minute apart
        await advance(hass, freezer, delay)
    assert caplog.text.count("still gone after") == 2  # at most once a minute
    assert "retrying every 60 s" in caplog.text
    monkeypatch.setattr(can, "Bus", real_bus)
    # What the usb integration calls when a device appears.
    plugged = PluggedDevice("/dev/serial/by-id/usb-canable")
    kit.coordinator._async_usb_changed({plugged}, set())  # type: ignore[arg-type]
    await hass.async_block_till_done()
    await wait_until(lambda: kit.coordinator.connected)
    assert "is back after 8 attempt(s)" in caplog.text
    kit.assert_address_claimed(0xF9)


async def test_home_assistant_stopping_closes_the_adapter(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await kit.setup()
    session = kit.coordinator.session
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STOP)
    await hass.async_block_till_done()
    assert session._closed


async def test_interface_down_for_minutes_says_how_to_bring_it_up(
    hass: HomeAssistant, issue_registry: ir.IssueRegistry
) -> None:
    """A SocketCAN interface left down gets its own repair text, with the command."""
    repairs = BusRepairs(hass, "entry")
    config = BusConfig("socketcan", "can0")
    down = InterfaceDownError("can0", 250000)
    repairs.async_outage(config, REPAIR_AFTER - 1, down)
    assert issue_registry.async_get_issue(DOMAIN, repairs.bus_issue_id) is None

    repairs.async_outage(config, REPAIR_AFTER, down)
    issue = issue_registry.async_get_issue(DOMAIN, repairs.bus_issue_id)
    assert issue is not None
    assert issue.translation_key == "interface_down"
    assert issue.translation_placeholders == {
        "channel": "can0",
        "command": "ip link set can0 up type can bitrate 250000",
    }
    repairs.async_bus_back()
    assert issue_registry.async_get_issue(DOMAIN, repairs.bus_issue_id) is None


async def test_an_interface_it_may_not_bring_up_gets_the_command(
    hass: HomeAssistant,
    issue_registry: ir.IssueRegistry,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A reopen finds can0 down and no CAP_NET_ADMIN: the repair says what to run."""
    monkeypatch.setattr(bus, "SYS_CLASS_NET", tmp_path)
    (tmp_path / "can0").mkdir()
    (tmp_path / "can0" / "operstate").write_text("down\n")
    fake = install(monkeypatch, FakeIPRoute({"can0": 4}, fail_set=NO_PERMISSION))
    config = BusConfig("socketcan", "can0")
    with pytest.raises(InterfaceDownError) as caught:
        await hass.async_add_executor_job(BusSession.open, config)
    assert fake.calls[1:] == brought_up(4)[:1]  # refused at the bitrate
    repairs = BusRepairs(hass, "entry")
    repairs.async_outage(config, REPAIR_AFTER, caught.value)
    issue = issue_registry.async_get_issue(DOMAIN, repairs.bus_issue_id)
    assert issue is not None
    assert issue.translation_key == "interface_down"
    assert issue.translation_placeholders == {
        "channel": "can0",
        "command": "ip link set can0 up type can bitrate 250000",
    }
