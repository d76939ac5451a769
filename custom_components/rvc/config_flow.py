"""Config flow: choose the CAN interface the coach's RV-C bus is on."""

from __future__ import annotations

import logging
from typing import Any

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult
from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.helpers.selector import (
    BooleanSelector,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
)
import voluptuous as vol

from .connection import bus_config, connection_id
from .const import (
    CONF_BITRATE,
    CONF_CHANNEL,
    CONF_INTERFACE,
    CONF_READ_ONLY,
    DEFAULT_CHANNEL,
    DEFAULT_SOCKETCAND_PORT,
    DOMAIN,
    INTERFACE_SOCKETCAND,
    INTERFACES,
)
from .protocol import RVC_BITRATE, BusOpenError, BusSession

_LOGGER = logging.getLogger(__name__)

USER_SCHEMA = vol.Schema(
    {
        vol.Required(CONF_INTERFACE): SelectSelector(
            SelectSelectorConfig(
                options=list(INTERFACES),
                mode=SelectSelectorMode.LIST,
                translation_key=CONF_INTERFACE,
            )
        ),
        vol.Required(CONF_CHANNEL, default=DEFAULT_CHANNEL): TextSelector(),
        vol.Optional(CONF_HOST): TextSelector(),
        vol.Optional(CONF_PORT, default=DEFAULT_SOCKETCAND_PORT): NumberSelector(
            NumberSelectorConfig(min=1, max=65535, mode=NumberSelectorMode.BOX)
        ),
        vol.Required(CONF_BITRATE, default=RVC_BITRATE): NumberSelector(
            NumberSelectorConfig(min=10_000, max=1_000_000, mode=NumberSelectorMode.BOX)
        ),
        vol.Required(CONF_READ_ONLY, default=False): BooleanSelector(),
    }
)


def _probe(data: dict[str, Any]) -> None:
    """Open and close the bus once: proof that the interface is there."""
    BusSession.open(bus_config(data)).close()


class RvcConfigFlow(ConfigFlow, domain=DOMAIN):
    """Set up an RV-C bus."""

    VERSION = 1

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the interface and check that the bus opens."""
        errors: dict[str, str] = {}
        if user_input is not None:
            data = {
                **user_input,
                CONF_BITRATE: int(user_input[CONF_BITRATE]),
                CONF_PORT: int(user_input[CONF_PORT]),
            }
            if data[CONF_INTERFACE] == INTERFACE_SOCKETCAND and not data.get(CONF_HOST):
                errors[CONF_HOST] = "host_required"
            else:
                await self.async_set_unique_id(connection_id(data))
                self._abort_if_unique_id_configured()
                try:
                    await self.hass.async_add_executor_job(_probe, data)
                except BusOpenError as err:
                    _LOGGER.warning("Cannot open the CAN bus: %s", err)
                    errors["base"] = "cannot_connect"
                else:
                    return self.async_create_entry(
                        title=f"RV-C ({data[CONF_CHANNEL]})", data=data
                    )
        return self.async_show_form(
            step_id="user",
            data_schema=self.add_suggested_values_to_schema(USER_SCHEMA, user_input),
            errors=errors,
        )
