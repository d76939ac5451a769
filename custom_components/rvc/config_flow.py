"""Config flow: choose the CAN interface the coach's RV-C bus is on."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Final

from homeassistant.config_entries import (
    SOURCE_RECONFIGURE,
    ConfigEntryState,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlow,
)
from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.core import callback
from homeassistant.data_entry_flow import AbortFlow
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.selector import (
    BooleanSelector,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
)

from .compat import vol
from .connection import (
    bus_config,
    connection_id,
    connection_title,
    socketcan_interfaces,
)
from .const import (
    CONF_ALLOW_GENERATOR,
    CONF_ALLOW_MOTION,
    CONF_AVAILABILITY_TIMEOUT,
    CONF_BITRATE,
    CONF_CHANNEL,
    CONF_INTERFACE,
    CONF_LOAD,
    CONF_LOAD_NAME,
    CONF_LOAD_TYPE,
    CONF_LOADS,
    CONF_NO_CHASSIS,
    CONF_PROFILE,
    CONF_READ_ONLY,
    CONNECTION_TYPES,
    DEFAULT_AVAILABILITY_TIMEOUT,
    DEFAULT_CHANNEL,
    DEFAULT_SERIAL_PORT,
    DEFAULT_SOCKETCAND_PORT,
    DOMAIN,
    INTERFACE_SIMULATED,
    INTERFACE_SLCAN,
    INTERFACE_SOCKETCAN,
    INTERFACE_SOCKETCAND,
    LOAD_TYPES,
    MAX_AVAILABILITY_TIMEOUT,
    MIN_AVAILABILITY_TIMEOUT,
)
from .entity import LOAD_STATUS, parse_unique_id
from .profile import ProfileError, export_profile, parse_profile
from .protocol import RVC_BITRATE, BusOpenError, BusSession

if TYPE_CHECKING:
    from homeassistant.helpers.service_info.usb import UsbServiceInfo

    from . import RvcConfigEntry
    from .coordinator import RvcCoordinator

_LOGGER = logging.getLogger(__name__)

READ_ONLY_FIELD = {vol.Required(CONF_READ_ONLY, default=False): BooleanSelector()}
PORT_SELECTOR = NumberSelector(
    NumberSelectorConfig(min=1, max=65535, mode=NumberSelectorMode.BOX)
)
PROFILE_SELECTOR = TextSelector(TextSelectorConfig(multiline=True))
# What the options can do with a coach profile (steps profile_import/_export).
PROFILE_ACTIONS: Final = ("import", "export")
BITRATE_SELECTOR = NumberSelector(
    NumberSelectorConfig(min=10_000, max=1_000_000, mode=NumberSelectorMode.BOX)
)

# The form of each connection type (the simulated coach needs none).
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
    INTERFACE_SIMULATED: vol.Schema({}),
}


# USB adapters the manifest discovers, by (vendor id, product id).
USB_CANDLELIGHT: Final = ("1D50", "606F")
"""candleLight firmware: the kernel's gs_usb driver makes it a SocketCAN interface."""
USB_SLCAN: Final = ("16D0", "117E")
"""CANable and CANtact with slcan firmware: a serial port."""


def _probe(data: dict[str, Any]) -> None:
    """Open and close the bus once: proof that the interface is there."""
    BusSession.open(bus_config(data, "probe")).close()


class RvcConfigFlow(ConfigFlow, domain=DOMAIN):
    """Set up, or reconfigure, an RV-C bus."""

    VERSION = 1
    _discovered: dict[str, Any]

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
            # Its interface name is the kernel's: the user picks it.
            self._async_abort_entries_match({CONF_INTERFACE: INTERFACE_SOCKETCAN})
            return await self.async_step_socketcan()
        data = {
            CONF_INTERFACE: INTERFACE_SLCAN,
            CONF_CHANNEL: discovery_info.device,
            CONF_BITRATE: RVC_BITRATE,
        }
        await self.async_set_unique_id(connection_id(data))
        self._abort_if_unique_id_configured()
        self._discovered = data
        return await self.async_step_usb_confirm()

    async def async_step_usb_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Use the discovered serial adapter; read-only or not."""
        data = self._discovered
        errors: dict[str, str] = {}
        if user_input is not None and not (errors := await self._async_probe(data)):
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
        """The built-in simulated coach: no hardware."""
        return await self._async_connection(INTERFACE_SIMULATED, user_input)

    async def _async_connection(
        self, interface: str, user_input: dict[str, Any] | None
    ) -> ConfigFlowResult:
        reconfiguring = self.source == SOURCE_RECONFIGURE
        schema = CONNECTION_SCHEMAS[interface]
        if interface == INTERFACE_SOCKETCAN and (
            present := await self.hass.async_add_executor_job(socketcan_interfaces)
        ):
            # Offer the interfaces this host has; another name may still be typed.
            schema = vol.Schema(
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
        if not reconfiguring:
            schema = schema.extend(READ_ONLY_FIELD)
        if (
            interface == INTERFACE_SIMULATED
            and not reconfiguring
            and user_input is None
        ):
            user_input = {}
        errors: dict[str, str] = {}
        if user_input is not None:
            data = {CONF_INTERFACE: interface} | {
                key: int(value) if key in (CONF_PORT, CONF_BITRATE) else value
                for key, value in user_input.items()
                if key != CONF_READ_ONLY
            }
            await self.async_set_unique_id(connection_id(data))
            if reconfiguring:
                self._abort_if_other_entry_uses(data)
            else:
                self._abort_if_unique_id_configured()
            if not (errors := await self._async_probe(data)):
                if reconfiguring:
                    return self.async_update_reload_and_abort(
                        self._get_reconfigure_entry(),
                        unique_id=connection_id(data),
                        title=connection_title(data),
                        data=data,
                    )
                return self._async_create(data, user_input.get(CONF_READ_ONLY, False))
        suggested = user_input
        if suggested is None and reconfiguring:
            suggested = dict(self._get_reconfigure_entry().data)
        return self.async_show_form(
            step_id=interface,
            data_schema=self.add_suggested_values_to_schema(schema, suggested),
            errors=errors,
        )

    async def _async_probe(self, data: dict[str, Any]) -> dict[str, str]:
        """Open the bus once; the form's errors when it does not open."""
        try:
            await self.hass.async_add_executor_job(_probe, data)
        except BusOpenError as err:
            _LOGGER.warning("Cannot open the CAN bus: %s", err)
            return {"base": "cannot_connect"}
        return {}

    def _async_create(self, data: dict[str, Any], read_only: bool) -> ConfigFlowResult:
        return self.async_create_entry(
            title=connection_title(data),
            data=data,
            options={
                CONF_READ_ONLY: read_only,
                CONF_AVAILABILITY_TIMEOUT: DEFAULT_AVAILABILITY_TIMEOUT,
            },
        )

    def _abort_if_other_entry_uses(self, data: dict[str, Any]) -> None:
        """Refuse to move an entry onto a bus another entry already uses."""
        current = self._get_reconfigure_entry()
        for entry in self._async_current_entries(include_ignore=False):
            if entry.entry_id != current.entry_id and entry.unique_id == connection_id(
                data
            ):
                raise AbortFlow("already_configured")


class RvcOptionsFlow(OptionsFlow):
    """How the integration behaves on the bus, and what each load is."""

    def __init__(self) -> None:
        """Start with the entry's options."""
        self._options: dict[str, Any] = {}
        self._load: str | None = None

    @property
    def _coordinator(self) -> RvcCoordinator | None:
        entry: RvcConfigEntry = self.config_entry
        return entry.runtime_data if entry.state is ConfigEntryState.LOADED else None

    def _known_loads(self) -> dict[str, str]:
        """Loads the bus has shown, the registry holds or the user has set."""
        overrides = self.config_entry.options.get(CONF_LOADS, {})
        keys: set[tuple[str, int]] = set()
        for option in overrides:
            family, instance = option.split(":")
            keys.add((family, int(instance)))
        for registry_entry in er.async_entries_for_config_entry(
            er.async_get(self.hass), self.config_entry.entry_id
        ):
            parsed = parse_unique_id(
                self.config_entry.entry_id, registry_entry.unique_id
            )
            if parsed is not None and parsed.key is None:
                keys.add((parsed.family, parsed.instance))
        if (coordinator := self._coordinator) is not None:
            keys |= set(coordinator.states)
        loads: dict[str, str] = {}
        for family, instance in sorted(keys):
            if family not in LOAD_STATUS:
                continue
            option = f"{family}:{instance}"
            name = overrides.get(option, {}).get(CONF_LOAD_NAME)
            label = f"{family} {instance}"
            loads[option] = f"{name} ({label})" if name else label
        return loads

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Read-only mode, availability timeout, and a load to set up."""
        self._options = dict(self.config_entry.options)
        loads = self._known_loads()
        if user_input is not None:
            self._options[CONF_READ_ONLY] = user_input[CONF_READ_ONLY]
            self._options[CONF_ALLOW_MOTION] = user_input[CONF_ALLOW_MOTION]
            self._options[CONF_NO_CHASSIS] = user_input.get(CONF_NO_CHASSIS, False)
            self._options[CONF_ALLOW_GENERATOR] = user_input[CONF_ALLOW_GENERATOR]
            self._options[CONF_AVAILABILITY_TIMEOUT] = int(
                user_input[CONF_AVAILABILITY_TIMEOUT]
            )
            if load := user_input.get(CONF_LOAD):
                self._load = load
                return await self.async_step_load()
            if (profile := user_input.get(CONF_PROFILE)) == "import":
                return await self.async_step_profile_import()
            if profile == "export":
                return await self.async_step_profile_export()
            return self.async_create_entry(data=self._options)
        schema: dict[Any, Any] = {
            vol.Required(CONF_READ_ONLY): BooleanSelector(),
            vol.Required(CONF_ALLOW_MOTION): BooleanSelector(),
            vol.Optional(CONF_NO_CHASSIS, default=False): BooleanSelector(),
            vol.Required(CONF_ALLOW_GENERATOR): BooleanSelector(),
            vol.Required(CONF_AVAILABILITY_TIMEOUT): NumberSelector(
                NumberSelectorConfig(
                    min=MIN_AVAILABILITY_TIMEOUT,
                    max=MAX_AVAILABILITY_TIMEOUT,
                    unit_of_measurement="s",
                    mode=NumberSelectorMode.BOX,
                )
            ),
        }
        schema[vol.Optional(CONF_PROFILE)] = SelectSelector(
            SelectSelectorConfig(
                options=list(PROFILE_ACTIONS),
                mode=SelectSelectorMode.LIST,
                translation_key=CONF_PROFILE,
            )
        )
        if loads:
            schema[vol.Optional(CONF_LOAD)] = SelectSelector(
                SelectSelectorConfig(
                    options=[
                        SelectOptionDict(value=key, label=label)
                        for key, label in loads.items()
                    ],
                    mode=SelectSelectorMode.DROPDOWN,
                )
            )
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(
                vol.Schema(schema),
                {
                    CONF_READ_ONLY: self._options.get(CONF_READ_ONLY, False),
                    CONF_ALLOW_MOTION: self._options.get(CONF_ALLOW_MOTION, False),
                    CONF_NO_CHASSIS: self._options.get(CONF_NO_CHASSIS, False),
                    CONF_ALLOW_GENERATOR: self._options.get(
                        CONF_ALLOW_GENERATOR, False
                    ),
                    CONF_AVAILABILITY_TIMEOUT: self._options.get(
                        CONF_AVAILABILITY_TIMEOUT, DEFAULT_AVAILABILITY_TIMEOUT
                    ),
                },
            ),
        )

    async def async_step_profile_import(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Name and type many loads at once from a coach profile."""
        errors: dict[str, str] = {}
        placeholders = {"error": ""}
        if user_input is not None:
            try:
                imported = parse_profile(user_input[CONF_PROFILE])
            except ProfileError as err:
                errors[CONF_PROFILE] = "invalid_profile"
                placeholders["error"] = str(err)
            else:
                loads = {**self._options.get(CONF_LOADS, {}), **imported}
                return self.async_create_entry(
                    data={**self._options, CONF_LOADS: loads}
                )
        return self.async_show_form(
            step_id="profile_import",
            data_schema=vol.Schema({vol.Required(CONF_PROFILE): PROFILE_SELECTOR}),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_profile_export(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the loads as a coach profile to copy; saving keeps the options."""
        if user_input is not None:
            return self.async_create_entry(data=self._options)
        profile = export_profile(self._options.get(CONF_LOADS, {}))
        return self.async_show_form(
            step_id="profile_export",
            data_schema=self.add_suggested_values_to_schema(
                vol.Schema({vol.Optional(CONF_PROFILE): PROFILE_SELECTOR}),
                {CONF_PROFILE: profile},
            ),
        )

    def _current_setting(self) -> dict[str, str]:
        """What the load is now when the user has not set it."""
        assert self._load is not None  # noqa: S101 - set by the init step
        family, instance = self._load.split(":")
        coordinator = self._coordinator
        state = coordinator.states.get((family, int(instance))) if coordinator else None
        load_type = coordinator.load_type(state) if coordinator and state else None
        return {CONF_LOAD_TYPE: load_type} if load_type else {}

    async def async_step_load(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """One load: light, switch or hidden, and its name."""
        assert self._load is not None  # noqa: S101 - set by the init step
        loads = dict(self._options.get(CONF_LOADS, {}))
        if user_input is not None:
            setting = {CONF_LOAD_TYPE: user_input[CONF_LOAD_TYPE]}
            if name := user_input.get(CONF_LOAD_NAME, "").strip():
                setting[CONF_LOAD_NAME] = name
            loads[self._load] = setting
            return self.async_create_entry(data={**self._options, CONF_LOADS: loads})
        family, instance = self._load.split(":")
        return self.async_show_form(
            step_id="load",
            data_schema=self.add_suggested_values_to_schema(
                vol.Schema(
                    {
                        vol.Required(CONF_LOAD_TYPE): SelectSelector(
                            SelectSelectorConfig(
                                options=list(LOAD_TYPES),
                                mode=SelectSelectorMode.LIST,
                                translation_key=CONF_LOAD_TYPE,
                            )
                        ),
                        vol.Optional(CONF_LOAD_NAME): TextSelector(),
                    }
                ),
                loads.get(self._load) or self._current_setting(),
            ),
            description_placeholders={"family": family, "instance": instance},
        )
