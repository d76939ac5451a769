"""A device's NAK fails the call that sent the command, with its reason translated."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from homeassistant.components.light import DOMAIN as LIGHT_DOMAIN, SERVICE_TURN_ON
from homeassistant.const import ATTR_ENTITY_ID, STATE_OFF, STATE_ON
from homeassistant.exceptions import HomeAssistantError
import pytest

from custom_components.rvc.const import SOURCE_ADDRESS
from custom_components.rvc.protocol import encode

from .common import wait_until
from .test_light import ENTITY, dimmer, seen_dimmer
from .test_services import send

if TYPE_CHECKING:
    from collections.abc import Awaitable

    from homeassistant.core import HomeAssistant

    from .kit import BusKit

DIMMER_COMMAND_2 = 0x1FEDB


async def answered(
    kit: BusKit, call: Awaitable[None], name: str, values: dict[str, Any]
) -> None:
    """Run call; once its command is on the bus, the device answers with name."""
    frame = encode(kit.spec, name, values, source=0x43, destination=SOURCE_ADDRESS)
    await answered_with(kit, call, frame.arbitration_id, frame.data)


async def answered_with(
    kit: BusKit, call: Awaitable[None], arbitration_id: int, data: bytes
) -> None:
    """Run call; once its command is on the bus, the device sends this frame."""
    task = asyncio.ensure_future(call)
    await wait_until(lambda: len(kit.coordinator.node.answers) == 1)
    kit.assert_sent("DC_DIMMER_COMMAND_2", {"instance": 3})
    await kit.inject_frame(arbitration_id, data)
    await task


def nak(code: str | int, instance: int = 3) -> dict[str, Any]:
    return {
        "acknowledgment_code": code,
        "instance": instance,
        "acknowledged_source_address": SOURCE_ADDRESS,
        "acknowledged_dgn": DIMMER_COMMAND_2,
    }


def turn_on(hass: HomeAssistant) -> Awaitable[None]:
    return hass.services.async_call(
        LIGHT_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: ENTITY}, blocking=True
    )


async def test_a_refused_command_fails_the_call_with_the_reason(
    hass: HomeAssistant, kit: BusKit, caplog: pytest.LogCaptureFixture
) -> None:
    await seen_dimmer(kit, brightness=0)
    with pytest.raises(HomeAssistantError) as raised:
        await answered(
            kit, turn_on(hass), "ACKNOWLEDGMENT", nak("conditions_do_not_allow")
        )
    assert raised.value.translation_key == "refused_conditions_do_not_allow"
    assert raised.value.translation_placeholders == {
        "entity": ENTITY,
        "node": "0x43",
        "code": "conditions_do_not_allow",
    }
    assert str(raised.value) == (
        f"{ENTITY} was not carried out (node 0x43): conditions at the device"
        " do not allow it now"
    )
    assert "Node 0x43 refused DC_DIMMER_COMMAND_2: conditions do not allow" in (
        caplog.text
    )
    assert kit.coordinator.node.answers.refused == 1


async def test_a_command_specific_code_is_named_by_number(
    hass: HomeAssistant, kit: BusKit
) -> None:
    entry = await kit.setup()
    command = {"dgn": "DC_DIMMER_COMMAND_2", "instance": 3, "fields": {"command": 5}}
    with pytest.raises(HomeAssistantError) as raised:
        # Table 3.2.4.4b: code 130 (82h), instance 3, bytes 2-3 reserved,
        # acknowledged source F9h, DGN 1FEDBh LSB first; E8F9h: to us.
        await answered_with(
            kit,
            send(hass, entry.entry_id, **command),
            0x18E8F943,
            bytes.fromhex("8203FFFFF9DBFE01"),
        )
    assert raised.value.translation_key == "refused_code"
    assert "code 130" in str(raised.value)
    kit.assert_identification_requested(0x43)  # a node heard for the first time


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("ACKNOWLEDGMENT", nak("ack")),
        ("DC_DIMMER_STATUS_3", dimmer(3, 100)),
    ],
    ids=["ack", "status"],
)
async def test_an_ack_or_the_status_passes_at_once(
    hass: HomeAssistant, kit: BusKit, name: str, values: dict[str, Any]
) -> None:
    await seen_dimmer(kit, brightness=0)
    started = hass.loop.time()
    await answered(kit, turn_on(hass), name, values)
    # Well before the answer window of silence would have passed it.
    assert hass.loop.time() - started < 0.4
    expected = STATE_OFF if name == "ACKNOWLEDGMENT" else STATE_ON  # as reported
    assert hass.states.get(ENTITY).state == expected


async def test_a_nak_for_another_node_or_instance_changes_nothing(
    hass: HomeAssistant, kit: BusKit
) -> None:
    await seen_dimmer(kit, brightness=0)
    other_node = nak("needs_password") | {"acknowledged_source_address": 0x80}
    task = asyncio.ensure_future(turn_on(hass))
    await wait_until(lambda: len(kit.coordinator.node.answers) == 1)
    kit.assert_sent("DC_DIMMER_COMMAND_2", {"instance": 3})
    await kit.inject("ACKNOWLEDGMENT", other_node, destination=SOURCE_ADDRESS)
    await kit.inject("ACKNOWLEDGMENT", nak("needs_password", instance=4))
    await task  # silence: accepted when the window ends
    # The other instance's NAK is no answer to this call; it is still logged.
    assert kit.coordinator.node.answers.refused == 1
