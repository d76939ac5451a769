"""The rvc.send_command action: frames on success, translated errors otherwise."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from homeassistant.core import Context
from homeassistant.exceptions import (
    HomeAssistantError,
    ServiceValidationError,
    Unauthorized,
)
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
)

from custom_components.rvc.const import (
    CONF_CHANNEL,
    CONF_INTERFACE,
    CONF_READ_ONLY,
    DOMAIN,
)

from .common import unanswered, wait_until

if TYPE_CHECKING:
    from homeassistant.auth.models import User
    from homeassistant.core import HomeAssistant

    from .kit import BusKit


async def send(
    hass: HomeAssistant, entry_id: str, *, context: Context | None = None, **data: Any
) -> None:
    await hass.services.async_call(
        DOMAIN,
        "send_command",
        {"config_entry_id": entry_id, **data},
        blocking=True,
        context=context,
    )


async def test_only_administrators_send_raw_commands(
    hass: HomeAssistant,
    kit: BusKit,
    hass_admin_user: User,
    hass_read_only_user: User,
) -> None:
    entry = await kit.setup()
    command = {"dgn": "WATER_PUMP_COMMAND", "fields": {"command": "enable"}}
    # A dashboard on a tablet by the door runs as an ordinary user.
    with pytest.raises(Unauthorized):
        await send(
            hass,
            entry.entry_id,
            context=Context(user_id=hass_read_only_user.id),
            **command,
        )
    kit.assert_nothing_sent()
    await send(
        hass, entry.entry_id, context=Context(user_id=hass_admin_user.id), **command
    )
    kit.assert_sent("WATER_PUMP_COMMAND", {"command": "enable"})


async def test_send_command(hass: HomeAssistant, kit: BusKit) -> None:
    entry = await kit.setup()
    await send(
        hass,
        entry.entry_id,
        dgn="DC_DIMMER_COMMAND_2",
        instance=5,
        fields={"command": "ramp_brightness", "desired_level": 40, "delay_duration": 3},
    )
    record = kit.assert_sent(
        "DC_DIMMER_COMMAND_2",
        {
            "instance": 5,
            "command": "ramp_brightness",
            "desired_level": 40.0,
            "delay_duration": 3,
            "interlock": None,
        },
    )
    assert record.source == 0xF9
    await send(
        hass, entry.entry_id, dgn="WATER_PUMP_COMMAND", fields={"command": "enable"}
    )
    kit.assert_sent("WATER_PUMP_COMMAND", {"command": "enable"})
    await send(
        hass,
        entry.entry_id,
        dgn="ISO_REQUEST",
        fields={"requested_dgn": 0x1FFB7},
    )
    kit.assert_sent("ISO_REQUEST", {"requested_dgn": 0x1FFB7}, destination=0xFF)


@pytest.mark.parametrize(
    ("data", "key", "message"),
    [
        ({"dgn": "NOT_A_DGN"}, "unknown_dgn", "NOT_A_DGN is not an RV-C command"),
        ({"dgn": "DC_DIMMER_STATUS_3", "instance": 1}, "unknown_dgn", "DC_DIMMER_COMMAND_2"),
        ({"dgn": "DC_DIMMER_COMMAND_2", "fields": {"command": "toggle"}}, "instance_required", "needs the instance"),
        ({"dgn": "DC_DIMMER_COMMAND_2", "instance": 251}, "invalid_value", "instance cannot be 251: allowed is 1 to 250"),
        ({"dgn": "DC_DIMMER_COMMAND_2", "instance": "kitchen"}, "invalid_value", "instance cannot be 'kitchen'"),
        ({"dgn": "DC_DIMMER_COMMAND_2", "instance": 1, "fields": {"level": 5}}, "unknown_field", "has no field level"),
        ({"dgn": "DC_DIMMER_COMMAND_2", "instance": 1, "fields": {"desired_level": 115}}, "invalid_value", "allowed is 0 to 114.5 %"),
        ({"dgn": "DC_DIMMER_COMMAND_2", "instance": 1, "fields": {"command": "explode"}}, "invalid_value", "allowed is one of flash"),
        ({"dgn": "THERMOSTAT_COMMAND_1", "instance": 1, "fields": {"setpoint_heat": "warm"}}, "invalid_value", "setpoint_heat"),
    ],
)  # fmt: skip
async def test_invalid_commands_send_nothing(
    hass: HomeAssistant, kit: BusKit, data: dict[str, Any], key: str, message: str
) -> None:
    entry = await kit.setup()
    with pytest.raises(ServiceValidationError) as caught:
        await send(hass, entry.entry_id, **data)
    assert caught.value.translation_key == key
    assert message in str(caught.value)
    kit.assert_nothing_sent()


async def test_missing_or_unloaded_entry(hass: HomeAssistant, kit: BusKit) -> None:
    await kit.setup()
    with pytest.raises(ServiceValidationError) as caught:
        await send(hass, "no_such_entry", dgn="WATER_PUMP_COMMAND")
    assert caught.value.translation_key == "entry_not_found"

    unloaded = MockConfigEntry(
        domain=DOMAIN,
        title="Spare bus",
        data={CONF_INTERFACE: "slcan", CONF_CHANNEL: "/dev/ttyNOPE"},
    )
    unloaded.add_to_hass(hass)
    with pytest.raises(ServiceValidationError) as caught:
        await send(hass, unloaded.entry_id, dgn="WATER_PUMP_COMMAND")
    assert caught.value.translation_key == "entry_not_loaded"
    assert "Spare bus" in str(caught.value)


async def test_read_only_refuses_actions(hass: HomeAssistant, kit: BusKit) -> None:
    entry = await kit.setup(options={CONF_READ_ONLY: True})
    with pytest.raises(ServiceValidationError) as caught:
        await send(
            hass, entry.entry_id, dgn="WATER_PUMP_COMMAND", fields={"command": True}
        )
    assert caught.value.translation_key == "read_only"
    kit.assert_nothing_sent()


async def test_send_failure_loses_the_bus(hass: HomeAssistant, kit: BusKit) -> None:
    """The writer thread fails the frame; the bus is lost, the loop never waited."""
    entry = await kit.setup()
    kit.coordinator.session.bus.shutdown()  # the adapter is gone
    await send(hass, entry.entry_id, dgn="WATER_PUMP_COMMAND", fields={"command": True})
    await wait_until(lambda: not kit.coordinator.connected)
    assert kit.coordinator.node.bus_losses == 1


async def test_a_looping_automation_cannot_flood_the_bus(
    hass: HomeAssistant,
    kit: BusKit,
    caplog: pytest.LogCaptureFixture,
    freezer: Any,
) -> None:
    entry = await kit.setup()
    command = {
        "dgn": "DC_DIMMER_COMMAND_2",
        "instance": 5,
        "fields": {"command": "set_level", "desired_level": 10},
    }
    # Automations running side by side: their calls wait for the answers.
    calls = [send(hass, entry.entry_id, **command) for _ in range(5)]
    calls += [
        send(hass, entry.entry_id, **command | {"fields": {"desired_level": level}})
        for level in (20, 30, 40)
    ]
    calls.append(send(hass, entry.entry_id, **command | {"instance": 6}))
    waiting = [asyncio.ensure_future(call) for call in calls]
    # 5 written for instance 5, 1 for instance 6, and 3 merged into 1 queued.
    await wait_until(lambda: len(kit.coordinator.node.answers) == 7)
    for _ in range(5):
        kit.assert_sent("DC_DIMMER_COMMAND_2", {"instance": 5, "desired_level": 10})
    # Over 5 a second, commands wait; the newest for the device wins, and
    # another device is not held back.
    kit.assert_sent("DC_DIMMER_COMMAND_2", {"instance": 6})
    kit.assert_nothing_sent()
    assert kit.coordinator.node.frames_dropped == 2
    assert caplog.text.count("come faster than 5 a second") == 1  # logged once
    await unanswered(hass, freezer, *waiting)
    kit.assert_sent("DC_DIMMER_COMMAND_2", {"instance": 5, "desired_level": 40})


async def test_a_full_send_queue_refuses(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    entry = await kit.setup()  # the clock stands still: no token comes back
    coordinator = kit.coordinator
    # The overall burst goes out at once (the address claim is not counted
    # against it), the next 32 wait, then no more. Dimmer instances are 1-250
    # (table 6.24.6b).
    toggle = {"dgn": "DC_DIMMER_COMMAND_2", "fields": {"command": "toggle"}}
    waiting = [
        asyncio.ensure_future(send(hass, entry.entry_id, instance=instance, **toggle))
        for instance in range(1, 1 + 50 + 32)
    ]
    await wait_until(lambda: len(coordinator.node.answers) == 50 + 32)
    with pytest.raises(HomeAssistantError) as caught:
        await send(hass, entry.entry_id, instance=100, **toggle)
    assert caught.value.translation_key == "rate_limited"
    assert (coordinator.node.frames_sent, coordinator.node.frames_dropped) == (51, 1)
    for instance in range(1, 1 + 50):
        kit.assert_sent("DC_DIMMER_COMMAND_2", {"instance": instance})
    # Unloading forgets what waits: nothing goes out afterwards, and the calls
    # still waiting to be sent say so (they hold Home Assistant's tasks open:
    # unload without waiting for them first).
    assert await hass.config_entries.async_unload(entry.entry_id)
    kit.assert_nothing_sent()
    results = await asyncio.gather(*waiting, return_exceptions=True)
    assert all(result is None for result in results[:50])
    refusals = results[50:]
    assert all(isinstance(result, HomeAssistantError) for result in refusals)
    assert {result.translation_key for result in refusals} == {"bus_unavailable"}
