"""The config flow: each connection type, errors, aborts, reconfigure, options."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import can
from homeassistant.config_entries import SOURCE_IGNORE, SOURCE_USB, SOURCE_USER
from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers.service_info.usb import UsbServiceInfo
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.rvc import connection
from custom_components.rvc.const import (
    CONF_ALLOW_GENERATOR,
    CONF_ALLOW_MOTION,
    CONF_AVAILABILITY_TIMEOUT,
    CONF_BITRATE,
    CONF_CHANNEL,
    CONF_COACH,
    CONF_INTERFACE,
    CONF_LOAD,
    CONF_LOADS,
    CONF_NO_CHASSIS,
    CONF_READ_ONLY,
    CONF_SERIAL_NUMBER,
    DOMAIN,
    FAMILY_DC_DIMMER,
)
from custom_components.rvc.protocol import bus, slcan
from custom_components.rvc.protocol.simulator.slcan_adapter import (
    SlcanAdapterEmulator,
)

from .common import wait_until
from .fake_pyroute2 import NO_PERMISSION, FakeIPRoute, brought_up, install
from .test_light import dimmer

if TYPE_CHECKING:
    from pathlib import Path

    from homeassistant.core import HomeAssistant

    from .kit import BusKit

DEFAULT_OPTIONS = {CONF_READ_ONLY: False, CONF_AVAILABILITY_TIMEOUT: 15}


async def choose(hass: HomeAssistant, connection: str) -> dict[str, Any]:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == [
        "socketcan",
        "slcan",
        "socketcand",
        "simulated",
        "replay",
    ]
    return dict(
        await hass.config_entries.flow.async_configure(
            result["flow_id"], {"next_step_id": connection}
        )
    )


async def test_simulated_coach_asks_only_which_coach(hass: HomeAssistant) -> None:
    result = await choose(hass, "simulated")
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "simulated"
    result = dict(await hass.config_entries.flow.async_configure(result["flow_id"], {}))
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Simulated coach"
    assert result["data"] == {CONF_INTERFACE: "simulated", CONF_COACH: "typical"}
    assert result["options"] == DEFAULT_OPTIONS
    assert result["result"].unique_id == "simulated"
    await hass.async_block_till_done()
    assert await hass.config_entries.async_unload(result["result"].entry_id)

    result = await choose(hass, "simulated")
    result = dict(await hass.config_entries.flow.async_configure(result["flow_id"], {}))
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


@pytest.mark.parametrize("coach", ["typical", "firefly", "spyder"])
async def test_simulated_coach_of_a_style(hass: HomeAssistant, coach: str) -> None:
    result = await choose(hass, "simulated")
    assert result["data_schema"]({})[CONF_COACH] == "typical"
    result = dict(
        await hass.config_entries.flow.async_configure(
            result["flow_id"], {CONF_COACH: coach}
        )
    )
    assert result["data"] == {CONF_INTERFACE: "simulated", CONF_COACH: coach}
    await hass.async_block_till_done()
    simulator, _session = result["result"].runtime_data.simulated_coach
    makes = {node.product.make for node in simulator.nodes}
    assert (
        makes
        == {
            "typical": {"RV-C HA"},
            "firefly": {"Firefly Integrations"},
            "spyder": {"Spyder Controls"},
        }[coach]
    )
    assert await hass.config_entries.async_unload(result["result"].entry_id)


async def test_spyder_style_coach_comes_with_its_dimmer_pairs(
    hass: HomeAssistant,
) -> None:
    result = await choose(hass, "simulated")
    result = dict(
        await hass.config_entries.flow.async_configure(
            result["flow_id"], {CONF_COACH: "spyder"}
        )
    )
    entry = result["result"]
    # Channels 9/10 drive the awning, 11/12 the door lock: no lights of them.
    coordinator = entry.runtime_data
    await wait_until(
        lambda: all(
            (FAMILY_DC_DIMMER, channel) in coordinator.states
            for channel in (9, 10, 11, 12)
        )
    )
    await hass.async_block_till_done()
    names = {
        state.attributes.get("friendly_name")
        for domain in ("cover", "lock", "light")
        for state in hass.states.async_all(domain)
    }
    assert {"RV-C node 0x52 Awning", "RV-C node 0x52 Entry door"} <= names
    assert not names & {"RV-C node 0x52 Light 9", "RV-C node 0x52 Light 11"}
    assert await hass.config_entries.async_unload(entry.entry_id)


@pytest.mark.parametrize(
    ("connection", "user_input"),
    [
        # A real SocketCAN open: no AF_CAN on these kernels, no can7 elsewhere.
        ("socketcan", {CONF_CHANNEL: "can7"}),
        ("slcan", {CONF_CHANNEL: "/dev/ttyNOPE", CONF_BITRATE: 250000}),
    ],
)
async def test_adapter_that_does_not_open(
    hass: HomeAssistant,
    socket_enabled: None,
    connection: str,
    user_input: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    result = await choose(hass, connection)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == connection
    assert set(result["data_schema"].schema) == {*user_input, CONF_READ_ONLY}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**user_input, CONF_READ_ONLY: True}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "cannot_connect"}
    assert "Cannot open the CAN bus" in caplog.text


async def test_socketcand_bridge_is_configured_once(hass: HomeAssistant) -> None:
    """The form asks for the bridge; a known bridge aborts before connecting."""
    bridge = {CONF_HOST: "bridge.local", CONF_PORT: 29536, CONF_CHANNEL: "can0"}
    MockConfigEntry(
        domain=DOMAIN,
        unique_id="socketcand:bridge.local:29536:can0",
        data={CONF_INTERFACE: "socketcand", **bridge},
    ).add_to_hass(hass)
    result = await choose(hass, "socketcand")
    assert set(result["data_schema"].schema) == {*bridge, CONF_READ_ONLY}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**bridge, CONF_READ_ONLY: False}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_same_bus_is_configured_once(hass: HomeAssistant) -> None:
    MockConfigEntry(
        domain=DOMAIN,
        unique_id="slcan:/dev/ttyACM0",
        data={CONF_INTERFACE: "slcan", CONF_CHANNEL: "/dev/ttyACM0"},
    ).add_to_hass(hass)
    result = await choose(hass, "slcan")
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_CHANNEL: "/dev/ttyACM0", CONF_BITRATE: 250000, CONF_READ_ONLY: False},
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_reconfigure(hass: HomeAssistant) -> None:
    entry = MockConfigEntry(
        domain=DOMAIN,
        unique_id="slcan:/dev/ttyACM0",
        data={CONF_INTERFACE: "slcan", CONF_CHANNEL: "/dev/ttyACM0"},
        options=DEFAULT_OPTIONS,
    )
    entry.add_to_hass(hass)
    result = await entry.start_reconfigure_flow(hass)
    assert result["type"] is FlowResultType.MENU
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "slcan"}
    )
    assert result["step_id"] == "slcan"
    assert CONF_READ_ONLY not in result["data_schema"].schema
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_CHANNEL: "/dev/ttyUSB9", CONF_BITRATE: 250000}
    )
    assert result["errors"] == {"base": "cannot_connect"}
    # Move the entry to the simulated coach, which always opens.
    result = await entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "simulated"}
    )
    assert result["step_id"] == "simulated"
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    assert entry.data == {CONF_INTERFACE: "simulated", CONF_COACH: "typical"}
    assert entry.unique_id == "simulated"
    assert entry.title == "Simulated coach"
    assert await hass.config_entries.async_unload(entry.entry_id)


async def test_reconfigure_onto_a_bus_in_use(hass: HomeAssistant) -> None:
    MockConfigEntry(
        domain=DOMAIN, unique_id="simulated", data={CONF_INTERFACE: "simulated"}
    ).add_to_hass(hass)
    entry = MockConfigEntry(
        domain=DOMAIN,
        unique_id="slcan:/dev/ttyACM0",
        data={CONF_INTERFACE: "slcan", CONF_CHANNEL: "/dev/ttyACM0"},
    )
    entry.add_to_hass(hass)
    result = await entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "simulated"}
    )
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_options(hass: HomeAssistant, kit: BusKit) -> None:
    entry = await kit.setup()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))
    kit.assert_identification_requested(0x43)

    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "init"
    options = {
        CONF_READ_ONLY: True,
        CONF_ALLOW_MOTION: True,
        CONF_ALLOW_GENERATOR: False,
        CONF_AVAILABILITY_TIMEOUT: 30,
    }
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], options
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == options | {CONF_NO_CHASSIS: False}
    await hass.async_block_till_done()
    assert kit.coordinator.gate.read_only
    assert kit.coordinator.gate.allow_motion
    assert not kit.coordinator.gate.allow_generator

    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {**options, CONF_LOAD: "dc_dimmer:3"},
    )
    assert result["step_id"] == "load"
    assert result["description_placeholders"] == {
        "family": "dc_dimmer",
        "instance": "3",
    }
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"type": "switch", "name": " Porch "}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_LOADS] == {
        "dc_dimmer:3": {"type": "switch", "name": "Porch"}
    }
    await hass.async_block_till_done()
    await kit.inject("DC_DIMMER_STATUS_3", dimmer(3, 50))  # read-only: no request
    assert hass.states.get("switch.porch").state == "on"


def usb_info(vid: str, pid: str, device: str) -> UsbServiceInfo:
    return UsbServiceInfo(
        device=device,
        vid=vid,
        pid=pid,
        serial_number="1234",
        manufacturer="Protofusion Labs",
        description="CANable",
    )


async def test_usb_serial_adapter_asks_only_read_only(hass: HomeAssistant) -> None:
    # pyserial's loop:// stands in for the adapter's serial port.
    discovery = usb_info("16d0", "117e", "loop://")
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USB}, data=discovery
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "usb_confirm"
    assert result["description_placeholders"] == {"device": "loop://"}
    assert set(result["data_schema"].schema) == {CONF_READ_ONLY}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_READ_ONLY: True}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {
        CONF_INTERFACE: "slcan",
        CONF_CHANNEL: "loop://",
        CONF_BITRATE: 250000,
        CONF_SERIAL_NUMBER: "1234",
    }
    assert result["options"][CONF_READ_ONLY] is True
    await hass.async_block_till_done()
    # Plugged in again: already set up.
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USB}, data=discovery
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_usb_serial_adapter_that_does_not_open(hass: HomeAssistant) -> None:
    result = await hass.config_entries.flow.async_init(
        DOMAIN,
        context={"source": SOURCE_USB},
        data=usb_info("16D0", "117E", "/dev/ttyNOPE"),
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_READ_ONLY: False}
    )
    assert result["errors"] == {"base": "cannot_connect"}


async def test_candlelight_offers_the_hosts_socketcan_interfaces(
    hass: HomeAssistant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, kind in (("can1", "280"), ("eth0", "1"), ("vcan0", "280")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "type").write_text(f"{kind}\n")
    (tmp_path / "lo").mkdir()  # no type: skipped
    monkeypatch.setattr(connection, "SYS_CLASS_NET", tmp_path)
    result = await hass.config_entries.flow.async_init(
        DOMAIN,
        context={"source": SOURCE_USB},
        data=usb_info("1d50", "606f", "/dev/bus/usb/001/004"),
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "socketcan"
    channel = result["data_schema"].schema[CONF_CHANNEL]
    assert channel.config["options"] == ["can1", "vcan0"]
    assert channel.config["custom_value"] is True
    hass.config_entries.flow.async_abort(result["flow_id"])
    # With a SocketCAN entry already there, plugging one in asks nothing.
    MockConfigEntry(
        domain=DOMAIN, data={CONF_INTERFACE: "socketcan", CONF_CHANNEL: "can1"}
    ).add_to_hass(hass)
    result = await hass.config_entries.flow.async_init(
        DOMAIN,
        context={"source": SOURCE_USB},
        data=usb_info("1D50", "606F", "/dev/bus/usb/001/004"),
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_slcan_form_offers_stable_by_id_paths(
    hass: HomeAssistant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # tmp_path stands in for /dev/serial/by-id; an emulated CANable behind a link.
    monkeypatch.setattr(slcan, "SERIAL_BY_ID", tmp_path)
    adapter = SlcanAdapterEmulator()
    adapter.serve()
    try:
        link = tmp_path / "usb-Protofusion_Labs_CANable_ABC123-if00"
        link.symlink_to(adapter.path)
        other = tmp_path / "usb-Zeta_Modem_999-if00"
        other.symlink_to("/dev/null")
        result = await choose(hass, "slcan")
        channel_key = next(
            key for key in result["data_schema"].schema if key == CONF_CHANNEL
        )
        channel = result["data_schema"].schema[channel_key]
        assert channel.config["options"] == [str(link), str(other)]
        assert channel.config["custom_value"] is True
        assert channel_key.default() == str(link)
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"],
            {CONF_CHANNEL: str(link), CONF_BITRATE: 250000, CONF_READ_ONLY: False},
        )
        assert result["type"] is FlowResultType.CREATE_ENTRY
        # The serial number finds the adapter again if its path changes.
        assert result["data"][CONF_SERIAL_NUMBER] == "ABC123"
        await hass.async_block_till_done()
        entry = hass.config_entries.async_entries(DOMAIN)[0]
        await hass.config_entries.async_unload(entry.entry_id)
    finally:
        adapter.close()


@pytest.mark.parametrize(
    "existing",
    [
        {CONF_INTERFACE: "slcan", CONF_CHANNEL: "ttyACM0"},
        {
            CONF_INTERFACE: "slcan",
            CONF_CHANNEL: "/dev/ttyACM7-gone",
            CONF_SERIAL_NUMBER: "1234",
        },
    ],
    ids=["same device", "same serial number"],
)
async def test_an_adapter_set_up_by_hand_is_not_offered_again(
    hass: HomeAssistant, tmp_path: Path, existing: dict[str, Any]
) -> None:
    # tmp_path/ttyACM0 stands in for the device, by-id/... for udev's link to it.
    device = tmp_path / "ttyACM0"
    device.write_text("")
    by_id = tmp_path / "by-id"
    by_id.mkdir()
    link = by_id / "usb-Protofusion_Labs_CANable_1234-if00"
    link.symlink_to(device)
    if existing[CONF_CHANNEL] == "ttyACM0":
        existing = {**existing, CONF_CHANNEL: str(device)}
    MockConfigEntry(
        domain=DOMAIN, unique_id=f"slcan:{existing[CONF_CHANNEL]}", data=existing
    ).add_to_hass(hass)
    result = await hass.config_entries.flow.async_init(
        DOMAIN,
        context={"source": SOURCE_USB},
        data=usb_info("16D0", "117E", str(link)),
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    # Typed by hand under its other name: refused too, before any open.
    result = await choose(hass, "slcan")
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_CHANNEL: str(link), CONF_BITRATE: 250000, CONF_READ_ONLY: False},
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


def test_slcan_entries_carry_serial_number_and_read_only_to_the_bus() -> None:
    data = {
        CONF_INTERFACE: "slcan",
        CONF_CHANNEL: "/dev/serial/by-id/usb-Protofusion_Labs_CANable_1234-if00",
        CONF_SERIAL_NUMBER: "1234",
    }
    config = connection.bus_config(data, "entry", read_only=True)
    assert config.listen_only
    assert config.options == {"serial_number": "1234"}
    assert not connection.bus_config(data, "entry").listen_only


def _can0_down(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """tmp_path stands in for /sys/class/net, with a CAN interface can0 down."""
    monkeypatch.setattr(connection, "SYS_CLASS_NET", tmp_path)
    monkeypatch.setattr(bus, "SYS_CLASS_NET", tmp_path)
    (tmp_path / "can0").mkdir()
    (tmp_path / "can0" / "type").write_text("280\n")
    (tmp_path / "can0" / "operstate").write_text("down\n")


async def test_a_down_socketcan_interface_is_brought_up(
    hass: HomeAssistant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With CAP_NET_ADMIN (Home Assistant OS) the flow runs `ip link` itself."""
    _can0_down(tmp_path, monkeypatch)
    fake = install(monkeypatch, FakeIPRoute({"can0": 4}))

    def no_af_can(*_args: object, **_kwargs: object) -> can.BusABC:
        # These kernels have no SocketCAN, and the harness forbids sockets.
        raise OSError(97, "Address family not supported by protocol")

    monkeypatch.setattr(can, "Bus", no_af_can)
    result = await choose(hass, "socketcan")
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_CHANNEL: "can0", CONF_READ_ONLY: False}
    )
    assert fake.calls[1:] == brought_up(4)
    # The open that follows fails here: what matters is that the owner is not
    # told to run `ip link`.
    assert result["errors"] == {"base": "cannot_connect"}


async def test_a_down_socketcan_interface_says_how_to_bring_it_up(
    hass: HomeAssistant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without CAP_NET_ADMIN (a container without it) the owner is told how."""
    _can0_down(tmp_path, monkeypatch)
    install(monkeypatch, FakeIPRoute({"can0": 4}, fail_set=NO_PERMISSION))
    result = await choose(hass, "socketcan")
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_CHANNEL: "can0", CONF_READ_ONLY: False}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "interface_down"}
    assert result["description_placeholders"] == {
        "interface": "can0",
        "command": "ip link set can0 up type can bitrate 250000",
    }


async def test_a_candlelight_adapter_can_be_ignored(hass: HomeAssistant) -> None:
    discovery = usb_info("1d50", "606f", "/dev/bus/usb/001/004")
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USB}, data=discovery
    )
    (flow,) = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    unique_id = flow["context"].get("unique_id")
    assert unique_id is not None
    hass.config_entries.flow.async_abort(result["flow_id"])
    result = await hass.config_entries.flow.async_init(
        DOMAIN,
        context={"source": SOURCE_IGNORE},
        data={"unique_id": unique_id, "title": "CANable"},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    # Plugged in again: the owner said no.
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USB}, data=discovery
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
