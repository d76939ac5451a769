"""Which commands move something or start an engine: the data the bus gate checks.

Taken from the command DGNs of the official text (RVIA RV-C 2023-11). A name
listed here that the loaded specification does not (yet) describe costs
nothing: the gate refuses unknown names anyway.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Mapping

MOTION_COMMANDS: Final = frozenset(
    {
        "AWNING_COMMAND",  # 6.38
        "AWNING_COMMAND_2",
        "SLIDE_COMMAND",  # 6.14
        "LEVELING_CONTROL_COMMAND",  # 6.13: jacks and air leveling
        "HYDRAULIC_PUMP_COMMAND",  # 6.13.10
        "AAS_COMMAND",  # 6.12 active air suspension
        "CHASSIS_MOBILITY_COMMAND",  # 6.11: park brake, transmission
        "STEP_COMMAND",  # 6.48
        "DC_MOTOR_CONTROL_COMMAND",  # 6.27
        "TV_LIFT_COMMAND",  # 6.53
        "DOOR_COMMAND",  # 6.40
        "WINDOW_COMMAND",  # 6.40.5
        "VEHICLE_SEAT_COMMAND",  # 6.41: power seats
    }
)
"""Commands that move part of the coach (or the coach): motion option and interlock.

Window shades (WINDOW_SHADE_CONTROL_COMMAND, 6.39) are not here: a shade
moves nothing heavy, and owners expect to lower it while driving.
"""

ENGINE_START_COMMANDS: Final = frozenset(
    {
        "GENERATOR_COMMAND",  # 6.18
        "GENERATOR_DEMAND_COMMAND",  # 6.35.2
        "GENERATOR_START_CONFIG_COMMAND",  # 6.18.27
        "AUTO_GENERATOR_COMMAND",  # 6.35: automatic generator start
        "AGS_CRITERION_COMMAND",  # 6.35.5
        "AGS_DEMAND_CONFIGURATION_COMMAND",
        "GENERATOR_DEMAND_CONFIGURATION_COMMAND",
    }
)
"""Commands that start (or arm the start of) an engine: generator option."""


STOP: Final = "stop"


def is_stop(values: Mapping[str, object]) -> bool:
    """True for a command that only stops: always allowed, it ends motion."""
    fields = [value for key, value in values.items() if key != "instance"]
    return STOP in fields and all(value in (STOP, None) for value in fields)


# Motion commands that also lock: the field that moves, and its values that
# do not. A DOOR_COMMAND with no action (0 or FFh, table 6.40.3b) only locks or
# unlocks, which moves nothing; a raw 0 counts as its name.
LOCK_ONLY: Final = {"DOOR_COMMAND": ("command", frozenset({None, "no_action", 0}))}


def moves_something(name: str, values: Mapping[str, object]) -> bool:
    """True for a command that may move part of the coach."""
    if name not in MOTION_COMMANDS or is_stop(values):
        return False
    if (lock_only := LOCK_ONLY.get(name)) is not None:
        field, idle = lock_only
        return values.get(field) not in idle
    return True


def starts_an_engine(name: str, values: Mapping[str, object]) -> bool:
    """True for a command that may start an engine."""
    return name in ENGINE_START_COMMANDS and not is_stop(values)


# DC_DIMMER_COMMAND_2 commands that never switch a channel on (table 6.24.6c):
# off after a delay (3), stop a ramp (4); and set_level (0) to 0 %. Raw codes
# count as their names.
DIMMER_COMMAND: Final = "DC_DIMMER_COMMAND_2"
DIMMER_OFF_COMMANDS: Final = frozenset({"off_delay", "stop", 3, 4})


def switches_a_dimmer_on(name: str, values: Mapping[str, object]) -> bool:
    """True for a dimmer command that may switch its channel on.

    A channel that drives a motor moves it when on: the gate treats such a
    command as motion for the channels the owner paired as an awning, slide
    or TV lift.
    """
    if name != DIMMER_COMMAND:
        return False
    command = values.get("command")
    if command in DIMMER_OFF_COMMANDS:
        return False
    return not (command in ("set_level", 0) and values.get("desired_level") == 0)
