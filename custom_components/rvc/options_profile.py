"""Options flow steps for coach profiles: import, library, export, channel pairs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from homeassistant.config_entries import (
    ConfigEntryState,
    ConfigFlowResult,
    OptionsFlow,
)
from homeassistant.helpers import area_registry as ar, entity_registry as er
from homeassistant.helpers.selector import (
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
from .const import (
    CONF_KIND,
    CONF_LOAD_AREA,
    CONF_LOAD_NAME,
    CONF_LOAD_TYPE,
    CONF_LOADS,
    CONF_PROFILE,
    CONF_RETRACT,
    CONF_TRAVEL_TIME,
    CONF_UNLOCK,
    LOAD_FAMILIES,
    LOAD_TYPE_LOCK,
    LOAD_TYPE_MOTOR,
    MAX_TRAVEL_TIME,
    MOTOR_KINDS,
)
from .entity import parse_unique_id
from .library import load_library
from .profile import (
    DEFAULT_TYPES,
    Profile,
    ProfileError,
    export_profile,
    read_profile,
    with_pair,
)

if TYPE_CHECKING:
    import asyncio

    from . import RvcConfigEntry
    from .coordinator import RvcCoordinator
    from .learn import LoadChange


PROFILE_SELECTOR = TextSelector(TextSelectorConfig(multiline=True))
DIMMER_SELECTOR: Final = NumberSelector(
    NumberSelectorConfig(min=1, max=250, mode=NumberSelectorMode.BOX)
)


class RvcOptionsBase(OptionsFlow):
    """The options' state, the loads known, and the coach profile steps."""

    def __init__(self) -> None:
        """Start with the entry's options."""
        self._options: dict[str, Any] = {}
        self._load: str | None = None
        self._profile: Profile | None = None
        self._learn_task: asyncio.Task[LoadChange] | None = None

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
            if family not in LOAD_FAMILIES:
                continue
            option = f"{family}:{instance}"
            name = overrides.get(option, {}).get(CONF_LOAD_NAME)
            label = f"{family} {instance}"
            loads[option] = f"{name} ({label})" if name else label
        return loads

    async def async_step_profile_import(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Name and type many loads at once from a coach profile."""
        errors: dict[str, str] = {}
        placeholders = {"error": ""}
        if user_input is not None:
            try:
                self._profile = read_profile(user_input[CONF_PROFILE])
            except ProfileError as err:
                errors[CONF_PROFILE] = err.reason
                placeholders["error"] = str(err)
            else:
                return await self.async_step_profile_apply()
        return self.async_show_form(
            step_id="profile_import",
            data_schema=vol.Schema({vol.Required(CONF_PROFILE): PROFILE_SELECTOR}),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_profile_library(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Pick a coach profile shipped with the integration."""
        library = await self.hass.async_add_executor_job(load_library)
        if user_input is not None:
            self._profile = library[user_input[CONF_PROFILE]].profile
            return await self.async_step_profile_apply()
        return self.async_show_form(
            step_id="profile_library",
            data_schema=vol.Schema(
                {
                    vol.Required(CONF_PROFILE): SelectSelector(
                        SelectSelectorConfig(
                            options=[
                                SelectOptionDict(value=key, label=item.title)
                                for key, item in library.items()
                            ],
                            mode=SelectSelectorMode.LIST,
                        )
                    )
                }
            ),
        )

    async def async_step_profile_apply(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Say what a profile sets and what it left out; submitting applies it."""
        assert self._profile is not None  # noqa: S101 - set by the steps before
        if user_input is not None:
            loads = {**self._options.get(CONF_LOADS, {}), **self._profile.loads}
            return self.async_create_entry(data={**self._options, CONF_LOADS: loads})
        motors = self._profile.motors
        return self.async_show_form(
            step_id="profile_apply",
            data_schema=vol.Schema({}),
            description_placeholders={
                "loads": str(len(self._profile.loads) - motors),
                "motors": str(motors),
                "skipped": str(self._profile.skipped),
            },
        )

    async def _add_pair(
        self,
        step_id: str,
        first: str,
        fields: dict[Any, Any],
        user_input: dict[str, Any] | None,
    ) -> ConfigFlowResult:
        """Add a motor or lock on two dimmer channels, checked as a profile is."""
        errors: dict[str, str] = {}
        placeholders = {"error": ""}
        if user_input is not None:
            setting = {
                key: int(value) if key in (CONF_RETRACT, CONF_UNLOCK) else value
                for key, value in user_input.items()
                if key != first and value not in ("", None)
            }
            setting[CONF_LOAD_TYPE] = (
                LOAD_TYPE_MOTOR if step_id == "motor" else LOAD_TYPE_LOCK
            )
            try:
                loads = with_pair(
                    self._options.get(CONF_LOADS, {}), int(user_input[first]), setting
                )
            except ProfileError as err:
                errors["base"] = "invalid_pair"
                placeholders["error"] = str(err)
            else:
                return self.async_create_entry(
                    data={**self._options, CONF_LOADS: loads}
                )
        schema = {vol.Required(first): DIMMER_SELECTOR, **fields}
        schema[vol.Optional(CONF_LOAD_NAME)] = TextSelector()
        return self.async_show_form(
            step_id=step_id,
            data_schema=self.add_suggested_values_to_schema(
                vol.Schema(schema), user_input or {}
            ),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_motor(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """An awning, slide, shade, vent lid or TV lift on two dimmer channels."""
        fields = {
            vol.Required(CONF_RETRACT): DIMMER_SELECTOR,
            vol.Required(CONF_KIND): SelectSelector(
                SelectSelectorConfig(
                    options=list(MOTOR_KINDS),
                    mode=SelectSelectorMode.LIST,
                    translation_key=CONF_KIND,
                )
            ),
            vol.Required(CONF_TRAVEL_TIME): NumberSelector(
                NumberSelectorConfig(
                    min=1,
                    max=MAX_TRAVEL_TIME,
                    unit_of_measurement="s",
                    mode=NumberSelectorMode.BOX,
                )
            ),
        }
        return await self._add_pair("motor", "extend", fields, user_input)

    async def async_step_lock_pair(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """A door lock pulsed on two dimmer channels."""
        fields = {vol.Required(CONF_UNLOCK): DIMMER_SELECTOR}
        return await self._add_pair("lock_pair", "lock", fields, user_input)

    async def async_step_profile_export(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the loads as a coach profile to copy; saving keeps the options."""
        if user_input is not None:
            return self.async_create_entry(data=self._options)
        profile = export_profile(self._export_loads())
        return self.async_show_form(
            step_id="profile_export",
            data_schema=self.add_suggested_values_to_schema(
                vol.Schema({vol.Optional(CONF_PROFILE): PROFILE_SELECTOR}),
                {CONF_PROFILE: profile},
            ),
        )

    def _export_loads(self) -> dict[str, dict[str, str]]:
        """Every known load with its type, and its name and area where set.

        The options' settings first; for the rest, what the owner set on the
        entity (a name, an area) and the type the bus decided.
        """
        overrides = self._options.get(CONF_LOADS, {})
        entity_registry = er.async_get(self.hass)
        areas = ar.async_get(self.hass)
        entries = {
            parsed[:2]: registry_entry
            for registry_entry in er.async_entries_for_config_entry(
                entity_registry, self.config_entry.entry_id
            )
            if (
                parsed := parse_unique_id(
                    self.config_entry.entry_id, registry_entry.unique_id
                )
            )
            and parsed.key is None
        }
        loads: dict[str, dict[str, str]] = {}
        for key in self._known_loads():
            family, instance = key.split(":")
            setting = dict(overrides.get(key, {}))
            registry_entry = entries.get((family, int(instance)))
            if registry_entry is not None:
                if registry_entry.name and CONF_LOAD_NAME not in setting:
                    setting[CONF_LOAD_NAME] = registry_entry.name
                area = registry_entry.area_id and areas.async_get_area(
                    registry_entry.area_id
                )
                if area and CONF_LOAD_AREA not in setting:
                    setting[CONF_LOAD_AREA] = area.name
            setting.setdefault(
                CONF_LOAD_TYPE, self._bus_type(key) or DEFAULT_TYPES[family]
            )
            loads[key] = setting
        return loads

    def _bus_type(self, load: str) -> str | None:
        """The type the bus decided for a load it has shown."""
        family, instance = load.split(":")
        coordinator = self._coordinator
        state = coordinator.states.get((family, int(instance))) if coordinator else None
        return coordinator.load_type(state) if coordinator and state else None
