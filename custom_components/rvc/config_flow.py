"""Config flow: choose the CAN interface the coach's RV-C bus is on."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from homeassistant.config_entries import (
    SOURCE_RECONFIGURE,
    ConfigFlow,
    ConfigFlowResult,
)
from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.core import callback
from homeassistant.data_entry_flow import AbortFlow
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

from .compat import vol
from .connection import (
    bus_config,
    connection_id,
    connection_title,
    same_serial_adapter,
    socketcan_interfaces,
)
from .const import (
    CAPTURES_FOLDER,
    CONF_AVAILABILITY_TIMEOUT,
    CONF_BITRATE,
    CONF_CAPTURE,
    CONF_CHANNEL,
    CONF_COACH,
    CONF_INTERFACE,
    CONF_LOADS,
    CONF_READ_ONLY,
    CONF_REPLAY_MODE,
    CONF_SERIAL_NUMBER,
    CONNECTION_TYPES,
    DEFAULT_AVAILABILITY_TIMEOUT,
    DEFAULT_CHANNEL,
    DEFAULT_COACH,
    DEFAULT_SERIAL_PORT,
    DEFAULT_SOCKETCAND_PORT,
    DOMAIN,
    INTERFACE_REPLAY,
    INTERFACE_SIMULATED,
    INTERFACE_SLCAN,
    INTERFACE_SOCKETCAN,
    INTERFACE_SOCKETCAND,
    REPLAY_LOOP,
    REPLAY_MODES,
)
from .options_flow import RvcOptionsFlow
from .protocol import RVC_BITRATE, BusOpenError, BusSession, InterfaceDownError
from .protocol.simulator import COACHES
from .protocol.slcan import serial_number_of, serial_ports_by_id

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from homeassistant.helpers.service_info.usb import UsbServiceInfo

    from . import RvcConfigEntry


_LOGGER = logging.getLogger(__name__)

READ_ONLY_FIELD = {vol.Required(CONF_READ_ONLY, default=False): BooleanSelector()}
PORT_SELECTOR = NumberSelector(
    NumberSelectorConfig(min=1, max=65535, mode=NumberSelectorMode.BOX)
)
BITRATE_SELECTOR = NumberSelector(
    NumberSelectorConfig(min=10_000, max=1_000_000, mode=NumberSelectorMode.BOX)
)

# What a simulated coach's owner would have set up: the Spyder-style coach's
# dimmer pairs (protocol/simulator/coach.py) as the awning and the door lock.
SIMULATED_COACH_LOADS: Final[dict[str, dict[str, dict[str, Any]]]] = {
    "spyder": {
        "dc_dimmer:9": {
            "type": "motor",
            "name": "Awning",
            "kind": "awning",
            "retract": 10,
            "travel_time": 20,
        },
        "dc_dimmer:11": {"type": "lock", "name": "Entry door", "unlock": 12},
    }
}
# The form of each connection type (the simulated coach: which one).
CONNECTION_SCHEMAS: dict[str, vol.Schema] = {
    INTERFACE_SOCKETCAN: vol.Schema(
        {vol.Required(CONF_CHANNEL, default=DEFAULT_CHANNEL): TextSelector()}
    ),
    INTERFACE_SLCAN: vol.Schema(
        {
            vol.Required(CONF_CHANNEL, default=DEFAULT_SERIAL_PORT): TextSelector(),
            vol.Required(CONF_BITRATE, default=RVC_BITRATE): BITRATE_SELECTOR,
        }
    ),
    INTERFACE_SOCKETCAND: vol.Schema(
        {
            vol.Required(CONF_HOST): TextSelector(),
            vol.Required(CONF_PORT, default=DEFAULT_SOCKETCAND_PORT): PORT_SELECTOR,
            vol.Required(CONF_CHANNEL, default=DEFAULT_CHANNEL): TextSelector(),
        }
    ),
    INTERFACE_SIMULATED: vol.Schema(
        {
            vol.Required(CONF_COACH, default=DEFAULT_COACH): SelectSelector(
                SelectSelectorConfig(
                    options=list(COACHES),
                    mode=SelectSelectorMode.LIST,
                    translation_key=CONF_COACH,
                )
            )
        }
    ),
    INTERFACE_REPLAY: vol.Schema(
        {
            vol.Required(
                CONF_CAPTURE, default=f"{CAPTURES_FOLDER}/capture.log"
            ): TextSelector(),
            vol.Required(CONF_REPLAY_MODE, default=REPLAY_LOOP): SelectSelector(
                SelectSelectorConfig(
                    options=list(REPLAY_MODES),
                    mode=SelectSelectorMode.LIST,
                    translation_key=CONF_REPLAY_MODE,
                )
            ),
        }
    ),
}


# USB adapters the manifest discovers, by (vendor id, product id).
USB_CANDLELIGHT: Final = ("1D50", "606F")
"""candleLight firmware: the kernel's gs_usb driver makes it a SocketCAN interface."""
USB_SLCAN: Final = ("16D0", "117E")
"""CANable and CANtact with slcan firmware: a serial port."""


def _probe(data: dict[str, Any], read_only: bool, config_dir: str) -> None:
    """Open and close the bus once: proof that the interface is there."""
    config = bus_config(data, "probe", read_only=read_only, config_dir=config_dir)
    BusSession.open(config).close()


def _capture_in(config_dir: str, capture: str) -> str | None:
    """The capture's path relative to config_dir; None when it lies outside."""
    folder = Path(config_dir).resolve()
    path = (folder / capture).resolve()
    return str(path.relative_to(folder)) if path.is_relative_to(folder) else None


def _uses_adapter(
    entries: Iterable[Mapping[str, Any]], data: Mapping[str, Any]
) -> bool:
    return any(same_serial_adapter(entry, data) for entry in entries)


class RvcConfigFlow(ConfigFlow, domain=DOMAIN):
    """Set up, or reconfigure, an RV-C bus."""

    VERSION = 1
    _discovered: dict[str, Any]
    _error_placeholders: dict[str, str] | None = None

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: RvcConfigEntry) -> RvcOptionsFlow:
        """Options: read-only, availability, and each load's type and name."""
        return RvcOptionsFlow()

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask how the bus is reached."""
        return self.async_show_menu(step_id="user", menu_options=list(CONNECTION_TYPES))

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the connection of an existing entry."""
        return self.async_show_menu(
            step_id="reconfigure", menu_options=list(CONNECTION_TYPES)
        )

    async def async_step_usb(self, discovery_info: UsbServiceInfo) -> ConfigFlowResult:
        """A CAN adapter was plugged in: ask only what the adapter leaves open."""
        adapter = (discovery_info.vid.upper(), discovery_info.pid.upper())
        name = discovery_info.description or discovery_info.manufacturer or "USB"
        self.context["title_placeholders"] = {"name": name}
        if adapter == USB_CANDLELIGHT:
            # The adapter itself, so that an owner can ignore it.
            identity = discovery_info.serial_number or discovery_info.device
            await self.async_set_unique_id(f"usb:{adapter[0]}:{adapter[1]}:{identity}")
            self._abort_if_unique_id_configured()
            # Its interface name is the kernel's: the user picks it.
            self._async_abort_entries_match({CONF_INTERFACE: INTERFACE_SOCKETCAN})
            return await self.async_step_socketcan()
        data = {
            CONF_INTERFACE: INTERFACE_SLCAN,
            CONF_CHANNEL: discovery_info.device,
            CONF_BITRATE: RVC_BITRATE,
        }
        if serial := discovery_info.serial_number or serial_number_of(
            discovery_info.device
        ):
            data[CONF_SERIAL_NUMBER] = serial
        await self.async_set_unique_id(connection_id(data))
        self._abort_if_unique_id_configured()
        await self._async_abort_if_adapter_used(data)
        self._discovered = data
        return await self.async_step_usb_confirm()

    async def async_step_usb_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Use the discovered serial adapter; read-only or not."""
        data = self._discovered
        errors: dict[str, str] = {}
        if user_input is not None and not (
            errors := await self._async_probe(data, user_input[CONF_READ_ONLY])
        ):
            return self._async_create(data, user_input[CONF_READ_ONLY])
        return self.async_show_form(
            step_id="usb_confirm",
            data_schema=vol.Schema(READ_ONLY_FIELD),
            description_placeholders={"device": data[CONF_CHANNEL]},
            errors=errors,
        )

    async def async_step_socketcan(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """A SocketCAN interface: a CAN HAT or a USB adapter with a kernel driver."""
        return await self._async_connection(INTERFACE_SOCKETCAN, user_input)

    async def async_step_slcan(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """A serial (slcan) adapter such as the CANable."""
        return await self._async_connection(INTERFACE_SLCAN, user_input)

    async def async_step_socketcand(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """A socketcand network bridge."""
        return await self._async_connection(INTERFACE_SOCKETCAND, user_input)

    async def async_step_simulated(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """The built-in simulated coach: no hardware; typical or of one maker."""
        return await self._async_connection(INTERFACE_SIMULATED, user_input)

    async def async_step_replay(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """A capture file played as the bus: no coach needed, nothing sent."""
        if user_input is not None:
            capture = await self.hass.async_add_executor_job(
                _capture_in, self.hass.config.config_dir, user_input[CONF_CAPTURE]
            )
            if capture is None:
                return self.async_show_form(
                    step_id=INTERFACE_REPLAY,
                    data_schema=self.add_suggested_values_to_schema(
                        await self._async_schema(INTERFACE_REPLAY), user_input
                    ),
                    errors={CONF_CAPTURE: "capture_outside_config"},
                )
            user_input = {**user_input, CONF_CAPTURE: capture, CONF_READ_ONLY: True}
        return await self._async_connection(INTERFACE_REPLAY, user_input)

    async def _async_connection(
        self, interface: str, user_input: dict[str, Any] | None
    ) -> ConfigFlowResult:
        reconfiguring = self.source == SOURCE_RECONFIGURE
        schema = await self._async_schema(interface)
        errors: dict[str, str] = {}
        if user_input is not None:
            data = {CONF_INTERFACE: interface} | {
                key: int(value) if key in (CONF_PORT, CONF_BITRATE) else value
                for key, value in user_input.items()
                if key != CONF_READ_ONLY
            }
            if interface == INTERFACE_SLCAN and (
                serial := serial_number_of(str(data[CONF_CHANNEL]))
            ):
                data[CONF_SERIAL_NUMBER] = serial
            await self.async_set_unique_id(connection_id(data))
            if reconfiguring:
                self._abort_if_other_entry_uses(data)
            else:
                self._abort_if_unique_id_configured()
            await self._async_abort_if_adapter_used(data)
            read_only = user_input.get(CONF_READ_ONLY, False)
            if reconfiguring:
                read_only = self._get_reconfigure_entry().options.get(
                    CONF_READ_ONLY, False
                )
            if not (errors := await self._async_probe(data, read_only)):
                if reconfiguring:
                    return self.async_update_reload_and_abort(
                        self._get_reconfigure_entry(),
                        unique_id=connection_id(data),
                        title=connection_title(data),
                        data=data,
                    )
                return self._async_create(data, read_only)
        suggested = user_input
        if suggested is None and reconfiguring:
            suggested = dict(self._get_reconfigure_entry().data)
        return self.async_show_form(
            step_id=interface,
            data_schema=self.add_suggested_values_to_schema(schema, suggested),
            errors=errors,
            description_placeholders=self._error_placeholders,
        )

    async def _async_schema(self, interface: str) -> vol.Schema:
        """The connection form, offering the ports or interfaces this host has."""
        schema = CONNECTION_SCHEMAS[interface]
        present: list[str] = []
        if interface == INTERFACE_SOCKETCAN:
            present = await self.hass.async_add_executor_job(socketcan_interfaces)
        elif interface == INTERFACE_SLCAN:
            # Stable names: /dev/ttyACM0 may be another adapter after a replug.
            present = await self.hass.async_add_executor_job(serial_ports_by_id)
        if present:
            # Another name may still be typed.
            schema = schema.extend(
                {
                    vol.Required(CONF_CHANNEL, default=present[0]): SelectSelector(
                        SelectSelectorConfig(
                            options=present,
                            custom_value=True,
                            mode=SelectSelectorMode.DROPDOWN,
                        )
                    )
                }
            )
        if self.source != SOURCE_RECONFIGURE and interface != INTERFACE_REPLAY:
            schema = schema.extend(READ_ONLY_FIELD)
        return schema

    async def _async_probe(
        self, data: dict[str, Any], read_only: bool
    ) -> dict[str, str]:
        """Open the bus once (silent when read-only); the form's errors."""
        try:
            await self.hass.async_add_executor_job(
                _probe, data, read_only, self.hass.config.config_dir
            )
        except InterfaceDownError as err:
            self._error_placeholders = {
                "interface": err.interface,
                "command": err.command,
            }
            return {"base": err.reason}
        except BusOpenError as err:
            _LOGGER.warning("Cannot open the CAN bus: %s", err)
            if data[CONF_INTERFACE] == INTERFACE_REPLAY:
                return {CONF_CAPTURE: err.reason}
            return {"base": "cannot_connect"}
        return {}

    def _async_create(self, data: dict[str, Any], read_only: bool) -> ConfigFlowResult:
        options: dict[str, Any] = {
            CONF_READ_ONLY: read_only,
            CONF_AVAILABILITY_TIMEOUT: DEFAULT_AVAILABILITY_TIMEOUT,
        }
        if data[CONF_INTERFACE] == INTERFACE_SIMULATED and (
            loads := SIMULATED_COACH_LOADS.get(data.get(CONF_COACH, DEFAULT_COACH))
        ):
            options[CONF_LOADS] = loads
        return self.async_create_entry(
            title=connection_title(data), data=data, options=options
        )

    async def _async_abort_if_adapter_used(self, data: dict[str, Any]) -> None:
        """Refuse an slcan adapter another entry has under another name."""
        skip = (
            self._get_reconfigure_entry().entry_id
            if self.source == SOURCE_RECONFIGURE
            else None
        )
        others = [
            entry.data
            for entry in self._async_current_entries(include_ignore=False)
            if entry.entry_id != skip
        ]
        if await self.hass.async_add_executor_job(_uses_adapter, others, data):
            raise AbortFlow("already_configured")

    def _abort_if_other_entry_uses(self, data: dict[str, Any]) -> None:
        """Refuse to move an entry onto a bus another entry already uses."""
        current = self._get_reconfigure_entry()
        for entry in self._async_current_entries(include_ignore=False):
            if entry.entry_id != current.entry_id and entry.unique_id == connection_id(
                data
            ):
                raise AbortFlow("already_configured")
