"""Options flow: how the integration behaves on the bus, and what each load is."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from homeassistant.config_entries import (
    ConfigEntryState,
    ConfigFlowResult,
    OptionsFlow,
)
from homeassistant.helpers import area_registry as ar, entity_registry as er
from homeassistant.helpers.selector import (
    AreaSelector,
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
from .const import (
    CONF_ALLOW_GENERATOR,
    CONF_ALLOW_MOTION,
    CONF_AVAILABILITY_TIMEOUT,
    CONF_INTERFACE,
    CONF_LOAD,
    CONF_LOAD_AREA,
    CONF_LOAD_NAME,
    CONF_LOAD_TYPE,
    CONF_LOADS,
    CONF_NO_CHASSIS,
    CONF_PROFILE,
    CONF_READ_ONLY,
    DEFAULT_AVAILABILITY_TIMEOUT,
    INTERFACE_REPLAY,
    LOAD_FAMILIES,
    LOAD_TYPES,
    MAX_AVAILABILITY_TIMEOUT,
    MIN_AVAILABILITY_TIMEOUT,
)
from .entity import parse_unique_id
from .learn import async_wait_for_load_change, describe_level
from .profile import DEFAULT_TYPES, ProfileError, export_profile, parse_profile

if TYPE_CHECKING:
    import asyncio

    from . import RvcConfigEntry
    from .coordinator import RvcCoordinator
    from .learn import LoadChange


PROFILE_SELECTOR = TextSelector(TextSelectorConfig(multiline=True))
# What the options can do with a coach profile (steps profile_import/_export).
PROFILE_ACTIONS: Final = ("import", "export")
# Learn mode (steps learn and learn_load): press a switch, name what changed.
CONF_LEARN: Final = "learn"
CONF_LEARN_NEXT: Final = "learn_next"


class RvcOptionsFlow(OptionsFlow):
    """How the integration behaves on the bus, and what each load is."""

    def __init__(self) -> None:
        """Start with the entry's options."""
        self._options: dict[str, Any] = {}
        self._load: str | None = None
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

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Read-only mode, availability timeout, and a load to set up."""
        self._options = dict(self.config_entry.options)
        loads = self._known_loads()
        # A capture played as the bus can take no command: no choice to offer.
        replay = self.config_entry.data.get(CONF_INTERFACE) == INTERFACE_REPLAY
        if user_input is not None:
            self._options[CONF_READ_ONLY] = replay or user_input[CONF_READ_ONLY]
            self._options[CONF_ALLOW_MOTION] = user_input[CONF_ALLOW_MOTION]
            self._options[CONF_NO_CHASSIS] = user_input.get(CONF_NO_CHASSIS, False)
            self._options[CONF_ALLOW_GENERATOR] = user_input[CONF_ALLOW_GENERATOR]
            self._options[CONF_AVAILABILITY_TIMEOUT] = int(
                user_input[CONF_AVAILABILITY_TIMEOUT]
            )
            if user_input.get(CONF_LEARN):
                return await self.async_step_learn()
            if load := user_input.get(CONF_LOAD):
                self._load = load
                return await self.async_step_load()
            if (profile := user_input.get(CONF_PROFILE)) == "import":
                return await self.async_step_profile_import()
            if profile == "export":
                return await self.async_step_profile_export()
            return self.async_create_entry(data=self._options)
        schema: dict[Any, Any] = {
            **({} if replay else {vol.Required(CONF_READ_ONLY): BooleanSelector()}),
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
        if self._coordinator is not None:
            schema[vol.Optional(CONF_LEARN, default=False)] = BooleanSelector()
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
                errors[CONF_PROFILE] = err.reason
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

    def _current_setting(self) -> dict[str, str]:
        """What the load is now when the user has not set it."""
        assert self._load is not None  # noqa: S101 - set by the init step
        load_type = self._bus_type(self._load)
        return {CONF_LOAD_TYPE: load_type} if load_type else {}

    async def async_step_load(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """One load: light, switch or hidden, and its name."""
        assert self._load is not None  # noqa: S101 - set by the init step
        loads = dict(self._options.get(CONF_LOADS, {}))
        if user_input is not None:
            # What the form does not show (an imported area) stays.
            setting = {**loads.get(self._load, {})}
            setting[CONF_LOAD_TYPE] = user_input[CONF_LOAD_TYPE]
            setting.pop(CONF_LOAD_NAME, None)
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

    async def async_step_learn(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Wait for the owner to press a switch in the coach.

        A progress step, as core integrations wait for a bridge's link button:
        the task listens to the bus (no polling) and the frontend moves on to
        the next step when it is done.
        """
        if (coordinator := self._coordinator) is None:
            return self.async_abort(reason="learn_not_loaded")
        if self._learn_task is None:
            # A background task: it may wait as long as the owner walks,
            # and must not hold up Home Assistant's start or shutdown.
            self._learn_task = self.hass.async_create_background_task(
                async_wait_for_load_change(coordinator), "rvc learn"
            )
        if not self._learn_task.done():
            return self.async_show_progress(
                step_id="learn",
                progress_action="wait_for_load",
                progress_task=self._learn_task,
            )
        return self.async_show_progress_done(next_step_id="learn_load")

    async def async_step_learn_load(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Name the load that changed, choose its type and area."""
        assert self._learn_task is not None  # noqa: S101 - set by the learn step
        change = self._learn_task.result()
        family, instance = change.key
        load = f"{family}:{instance}"
        loads = dict(self._options.get(CONF_LOADS, {}))
        if user_input is not None:
            setting = {CONF_LOAD_TYPE: user_input[CONF_LOAD_TYPE]}
            if name := user_input.get(CONF_LOAD_NAME, "").strip():
                setting[CONF_LOAD_NAME] = name
            area_id = user_input.get(CONF_LOAD_AREA)
            # The profile keeps the area's name: it is shared between homes.
            if area_id and (area := ar.async_get(self.hass).async_get_area(area_id)):
                setting[CONF_LOAD_AREA] = area.name
            loads[load] = setting
            self._options = {**self._options, CONF_LOADS: loads}
            self._learn_task = None
            if user_input.get(CONF_LEARN_NEXT):
                return await self.async_step_learn()
            return self.async_create_entry(data=self._options)
        self._load = load
        suggested: dict[str, Any] = dict(loads.get(load) or self._current_setting())
        if area_name := suggested.pop(CONF_LOAD_AREA, None):
            area = ar.async_get(self.hass).async_get_area_by_name(area_name)
            if area is not None:
                suggested[CONF_LOAD_AREA] = area.id
        return self.async_show_form(
            step_id="learn_load",
            data_schema=self.add_suggested_values_to_schema(
                vol.Schema(
                    {
                        vol.Optional(CONF_LOAD_NAME): TextSelector(),
                        vol.Required(CONF_LOAD_TYPE): SelectSelector(
                            SelectSelectorConfig(
                                options=list(LOAD_TYPES),
                                mode=SelectSelectorMode.LIST,
                                translation_key=CONF_LOAD_TYPE,
                            )
                        ),
                        vol.Optional(CONF_LOAD_AREA): AreaSelector(),
                        vol.Optional(CONF_LEARN_NEXT, default=False): BooleanSelector(),
                    }
                ),
                suggested,
            ),
            description_placeholders={
                "family": family,
                "instance": str(instance),
                "old": describe_level(change.old),
                "new": describe_level(change.new),
            },
        )
