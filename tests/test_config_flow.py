"""The config flow: each step, error and abort, on real buses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import SOURCE_USER
from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.data_entry_flow import FlowResultType
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.rvc.const import (
    CONF_BITRATE,
    CONF_CHANNEL,
    CONF_INTERFACE,
    CONF_READ_ONLY,
    DOMAIN,
)

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

VIRTUAL = {
    CONF_INTERFACE: "virtual",
    CONF_CHANNEL: "coach",
    CONF_PORT: 29536,
    CONF_BITRATE: 250000,
    CONF_READ_ONLY: False,
}


async def start(hass: HomeAssistant) -> dict[str, Any]:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert result["errors"] == {}
    return dict(result)


async def test_user_step_creates_an_entry(hass: HomeAssistant) -> None:
    result = await start(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**VIRTUAL, CONF_READ_ONLY: True}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "RV-C (coach)"
    assert result["data"] == {**VIRTUAL, CONF_READ_ONLY: True}
    assert result["result"].unique_id == "virtual:coach"


async def test_cannot_connect_then_recover(hass: HomeAssistant) -> None:
    result = await start(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {**VIRTUAL, CONF_INTERFACE: "slcan", CONF_CHANNEL: "/dev/ttyNOPE"},
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "cannot_connect"}
    result = await hass.config_entries.flow.async_configure(result["flow_id"], VIRTUAL)
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_socketcand_needs_a_host(hass: HomeAssistant) -> None:
    result = await start(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**VIRTUAL, CONF_INTERFACE: "socketcand"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_HOST: "host_required"}


async def test_same_bus_is_configured_once(hass: HomeAssistant) -> None:
    MockConfigEntry(domain=DOMAIN, unique_id="virtual:coach", data=VIRTUAL).add_to_hass(
        hass
    )
    result = await start(hass)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], VIRTUAL)
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
