"""Captures in Home Assistant: the record_bus action, and a capture played as the bus."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import can
from homeassistant.config_entries import SOURCE_USER, ConfigEntryState
from homeassistant.core import Context
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import (
    HomeAssistantError,
    ServiceValidationError,
    Unauthorized,
)
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.rvc.compat import vol
from custom_components.rvc.const import (
    CONF_ALLOW_GENERATOR,
    CONF_ALLOW_MOTION,
    CONF_AVAILABILITY_TIMEOUT,
    CONF_CAPTURE,
    CONF_INTERFACE,
    CONF_READ_ONLY,
    CONF_REPLAY_MODE,
    DOMAIN,
)
from custom_components.rvc.protocol import encode
from custom_components.rvc.protocol.errors import ReadOnlyError

from .common import wait_until

if TYPE_CHECKING:
    from homeassistant.auth.models import User
    from homeassistant.core import HomeAssistant

    from custom_components.rvc.protocol import RvcSpec

    from .kit import BusKit

DIMMER_STATUS_43 = 0x19FEDA43
ISO_REQUEST_TO_43 = 0x18EA43F9
WATER_PUMP_COMMAND = 0x19FFB2F9


@pytest.fixture(autouse=True)
def config_dir(hass: HomeAssistant, tmp_path: Path) -> Path:
    """Captures go under the configuration folder: a fresh one per test."""
    hass.config.config_dir = str(tmp_path)
    return tmp_path


async def record(
    hass: HomeAssistant, entry_id: str, *, context: Context | None = None, **data: int
) -> Path:
    response = await hass.services.async_call(
        DOMAIN,
        "record_bus",
        {"config_entry_id": entry_id, **data},
        blocking=True,
        return_response=True,
        context=context,
    )
    assert response is not None
    return Path(str(response["path"]))


def read_back(path: Path) -> list[tuple[int, bool]]:
    with can.LogReader(path) as reader:
        return [(message.arbitration_id, message.is_rx) for message in reader]


async def test_a_recording_holds_both_directions_ours_marked(
    hass: HomeAssistant, kit: BusKit, config_dir: Path
) -> None:
    entry = await kit.setup()
    path = await record(hass, entry.entry_id, duration=2)
    assert path.parent == config_dir / "rvc_captures"
    assert path.name.startswith("rvc-")
    assert path.suffix == ".log"
    await kit.inject("DC_DIMMER_STATUS_3", {"instance": 1, "brightness": 50})
    kit.assert_identification_requested(0x43)
    await hass.services.async_call(
        DOMAIN,
        "send_command",
        {
            "config_entry_id": entry.entry_id,
            "dgn": "WATER_PUMP_COMMAND",
            "fields": {"command": "enable"},
        },
        blocking=True,
    )
    kit.assert_sent("WATER_PUMP_COMMAND", {"command": "enable"})

    # Two minutes later the recording ends by itself and the file is closed.
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(minutes=2, seconds=1))
    await hass.async_block_till_done()
    assert not kit.coordinator.recording.active
    assert kit.coordinator.node.tap is None
    assert read_back(path) == [
        (DIMMER_STATUS_43, True),
        (ISO_REQUEST_TO_43, False),
        (WATER_PUMP_COMMAND, False),
    ]
    # What the bus carries afterwards is not recorded.
    await kit.inject("DC_DIMMER_STATUS_3", {"instance": 1, "brightness": 60})
    assert len(read_back(path)) == 3


async def test_only_administrators_record(
    hass: HomeAssistant,
    kit: BusKit,
    hass_admin_user: User,
    hass_read_only_user: User,
) -> None:
    entry = await kit.setup()
    with pytest.raises(Unauthorized):
        await record(
            hass, entry.entry_id, context=Context(user_id=hass_read_only_user.id)
        )
    assert not kit.coordinator.recording.active
    path = await record(
        hass, entry.entry_id, context=Context(user_id=hass_admin_user.id)
    )
    assert path.exists()


async def test_a_second_recording_is_refused(hass: HomeAssistant, kit: BusKit) -> None:
    entry = await kit.setup()
    first = await record(hass, entry.entry_id)
    with pytest.raises(ServiceValidationError) as refused:
        await record(hass, entry.entry_id)
    assert refused.value.translation_key == "recording_in_progress"
    assert "already running" in str(refused.value)
    assert list(first.parent.iterdir()) == [first]


@pytest.mark.parametrize("duration", [0, 61])
async def test_a_recording_lasts_one_to_sixty_minutes(
    hass: HomeAssistant, kit: BusKit, duration: int
) -> None:
    entry = await kit.setup()
    with pytest.raises(vol.Invalid):
        await record(hass, entry.entry_id, duration=duration)
    assert not kit.coordinator.recording.active


async def test_unloading_ends_the_recording(hass: HomeAssistant, kit: BusKit) -> None:
    entry = await kit.setup()
    path = await record(hass, entry.entry_id, duration=60)
    await kit.inject("DC_DIMMER_STATUS_3", {"instance": 1, "brightness": 50})
    kit.assert_identification_requested(0x43)
    recording = kit.coordinator.recording
    await kit.unload()
    # The file is complete, and no timer is left (the harness fails on one).
    assert not recording.active
    assert read_back(path) == [(DIMMER_STATUS_43, True), (ISO_REQUEST_TO_43, False)]


def write_capture(spec: RvcSpec, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = encode(
        spec, "DC_DIMMER_STATUS_3", {"instance": 4, "brightness": 60}, source=0x43
    )
    with can.Logger(path) as writer:
        writer.on_message_received(
            can.Message(
                timestamp=1_700_000_000.0,
                arbitration_id=frame.arbitration_id,
                data=frame.data,
                channel="can0",
            )
        )


async def test_a_replayed_capture_makes_entities_and_sends_nothing(
    hass: HomeAssistant, spec: RvcSpec, config_dir: Path
) -> None:
    write_capture(spec, config_dir / "rvc_captures" / "coach.log")
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Capture coach.log",
        data={
            CONF_INTERFACE: "replay",
            CONF_CAPTURE: "rvc_captures/coach.log",
            CONF_REPLAY_MODE: "loop",
        },
        # An entry that somehow says otherwise is read-only all the same.
        options={CONF_READ_ONLY: False, CONF_AVAILABILITY_TIMEOUT: 15},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    def light_is_on() -> bool:
        state = hass.states.get("light.light_4")
        return state is not None and state.state == "on"

    await wait_until(light_is_on)
    with pytest.raises(ServiceValidationError) as refused:
        await hass.services.async_call(
            "light", "turn_off", {"entity_id": "light.light_4"}, blocking=True
        )
    assert refused.value.translation_key == "read_only"
    node = entry.runtime_data.node
    assert node.read_only
    assert node.frames_sent == 0
    # Nor can the node be made to send behind the gate's back.
    with pytest.raises(ReadOnlyError):
        node.send("WATER_PUMP_COMMAND", {"command": "enable"})
    assert await hass.config_entries.async_unload(entry.entry_id)
    assert entry.state is ConfigEntryState.NOT_LOADED


async def replay_form(hass: HomeAssistant) -> str:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "replay"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "replay"
    # No read-only choice: a capture can take no command.
    assert set(result["data_schema"].schema) == {CONF_CAPTURE, CONF_REPLAY_MODE}
    return str(result["flow_id"])


async def test_replay_is_set_up_read_only_from_the_form(
    hass: HomeAssistant, spec: RvcSpec, config_dir: Path
) -> None:
    write_capture(spec, config_dir / "rvc_captures" / "coach.log")
    flow_id = await replay_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_CAPTURE: "./rvc_captures/coach.log", CONF_REPLAY_MODE: "once"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Capture coach.log"
    assert result["data"] == {
        CONF_INTERFACE: "replay",
        CONF_CAPTURE: "rvc_captures/coach.log",
        CONF_REPLAY_MODE: "once",
    }
    assert result["options"][CONF_READ_ONLY] is True
    entry = result["result"]
    await hass.async_block_till_done()

    # The options offer no way out of read-only either.
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert CONF_READ_ONLY not in result["data_schema"].schema
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {
            CONF_ALLOW_MOTION: False,
            CONF_ALLOW_GENERATOR: False,
            CONF_AVAILABILITY_TIMEOUT: 15,
        },
    )
    assert entry.options[CONF_READ_ONLY] is True
    await hass.async_block_till_done()
    assert await hass.config_entries.async_unload(entry.entry_id)


@pytest.mark.parametrize(
    ("capture", "content", "error"),
    [
        ("rvc_captures/nothing-here.log", None, "capture_not_found"),
        ("rvc_captures/notes.log", "not a capture\n", "capture_unreadable"),
        ("rvc_captures/empty.log", "", "capture_unreadable"),
        ("../elsewhere.log", "(1.0) can0 19FEDA43#04FF78FFFFFFFFFF\n", "capture_outside_config"),
        ("/etc/hostname", None, "capture_outside_config"),
    ],
)  # fmt: skip
async def test_a_capture_that_cannot_play_is_refused_in_the_form(
    hass: HomeAssistant,
    config_dir: Path,
    capture: str,
    content: str | None,
    error: str,
) -> None:
    if content is not None:
        path = config_dir / capture
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    flow_id = await replay_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_CAPTURE: capture, CONF_REPLAY_MODE: "loop"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_CAPTURE: error}
    assert not hass.config_entries.async_entries(DOMAIN)


async def test_a_recording_that_cannot_open_its_file_says_why(
    hass: HomeAssistant, kit: BusKit, config_dir: Path
) -> None:
    entry = await kit.setup()
    (config_dir / "rvc_captures").write_text("a file where the folder should be")
    with pytest.raises(HomeAssistantError) as failed:
        await record(hass, entry.entry_id)
    assert failed.value.translation_key == "recording_failed"
    assert not kit.coordinator.recording.active
