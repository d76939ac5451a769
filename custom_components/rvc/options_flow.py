"""Options flow: how the integration behaves on the bus, and what each load is."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from homeassistant.helpers import area_registry as ar
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
)

from .compat import vol
from .const import (
    BEHAVIOUR_AUTO,
    BEHAVIOUR_SETTINGS,
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
    CONF_WATER_HEATER_LOADS,
    DEFAULT_AVAILABILITY_TIMEOUT,
    FAMILY_AC_LOAD,
    FAMILY_DC_LOAD,
    INTERFACE_REPLAY,
    LOAD_TYPES,
    MAX_AVAILABILITY_TIMEOUT,
    MIN_AVAILABILITY_TIMEOUT,
)
from .controllers import BEHAVIOURS
from .learn import async_wait_for_load_change, describe_level
from .options_profile import RvcOptionsBase

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine

    from homeassistant.config_entries import (
        ConfigFlowResult,
    )


BEHAVIOUR_SELECTOR = SelectSelector(
    SelectSelectorConfig(
        options=list(BEHAVIOUR_SETTINGS),
        mode=SelectSelectorMode.DROPDOWN,
        translation_key="behaviour",
    )
)
# What the options can do with a coach profile (steps profile_import/_export,
# profile_library), and the pairs of dimmer channels they can add (steps motor
# and lock_pair).
PROFILE_ACTIONS: Final = ("import", "export", "library", "add_motor", "add_lock")
# Learn mode (steps learn and learn_load): press a switch, name what changed.
CONF_LEARN: Final = "learn"
CONF_LEARN_NEXT: Final = "learn_next"


class RvcOptionsFlow(RvcOptionsBase):
    """How the integration behaves on the bus, and what each load is."""

    @property
    def _profile_steps(
        self,
    ) -> dict[str, Callable[[], Coroutine[Any, Any, ConfigFlowResult]]]:
        """The step each choice of PROFILE_ACTIONS goes on to."""
        return {
            "import": self.async_step_profile_import,
            "export": self.async_step_profile_export,
            "library": self.async_step_profile_library,
            "add_motor": self.async_step_motor,
            "add_lock": self.async_step_lock_pair,
        }

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
            self._set_behaviours(user_input)
            if user_input.get(CONF_LEARN):
                return await self.async_step_learn()
            if load := user_input.get(CONF_LOAD):
                self._load = load
                return await self.async_step_load()
            if profile := user_input.get(CONF_PROFILE):
                return await self._profile_steps[profile]()
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
        # Controllers that behave differently (controllers.py).
        for behaviour in BEHAVIOURS:
            schema[vol.Optional(behaviour, default=BEHAVIOUR_AUTO)] = BEHAVIOUR_SELECTOR
        load_options = [
            SelectOptionDict(value=key, label=label) for key, label in loads.items()
        ]
        # A water heater is switched through AC or DC loads, not dimmers.
        heater_loads = [
            option
            for option in load_options
            if option["value"].split(":")[0] in (FAMILY_AC_LOAD, FAMILY_DC_LOAD)
        ]
        if heater_loads:
            schema[vol.Optional(CONF_WATER_HEATER_LOADS)] = SelectSelector(
                SelectSelectorConfig(
                    options=heater_loads,
                    multiple=True,
                    mode=SelectSelectorMode.DROPDOWN,
                )
            )
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
                    options=load_options,
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
                    **{
                        behaviour: self._options.get(behaviour, BEHAVIOUR_AUTO)
                        for behaviour in BEHAVIOURS
                    },
                    CONF_WATER_HEATER_LOADS: self._options.get(
                        CONF_WATER_HEATER_LOADS, []
                    ),
                },
            ),
        )

    def _set_behaviours(self, user_input: dict[str, Any]) -> None:
        """Controllers that behave differently: only what the owner chose is kept.

        "auto" and no water heater loads are the default.
        """
        for behaviour in BEHAVIOURS:
            self._options.pop(behaviour, None)
            if (setting := user_input.get(behaviour)) not in (None, BEHAVIOUR_AUTO):
                self._options[behaviour] = setting
        self._options.pop(CONF_WATER_HEATER_LOADS, None)
        if heater_loads := user_input.get(CONF_WATER_HEATER_LOADS):
            self._options[CONF_WATER_HEATER_LOADS] = heater_loads

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
            # What the form does not show (an imported area) stays; a motor's
            # channels do not, once it is a load of its own.
            setting = {
                key: value
                for key, value in loads.get(self._load, {}).items()
                if key == CONF_LOAD_AREA
            }
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
