"""Golden vectors for dbc/roof_fan.dbc: roof fan dome (RV-C 6.46).

Worked out by hand from RV-C (RVIA 2023-11) tables 6.46.3b and 6.46.5b.
% is 0.5 %/bit (table 5.3).
"""

from __future__ import annotations

from custom_components.rvc.protocol import RvcSpec, encode

from .dbc_file_checks import assert_commands_round_trip, assert_file_loads, decode

FILE = "roof_fan.dbc"


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_loads(
        spec, FILE, {"ROOF_FAN_STATUS_2": 0x1FDE3, "ROOF_FAN_COMMAND_2": 0x1FDE2}
    )


def test_every_command_round_trips(spec: RvcSpec) -> None:
    assert_commands_round_trip(spec, FILE)


def test_roof_fan_status_2(spec: RvcSpec) -> None:
    # Fan 1 dome opening (1) at 0x64 = 50 %. Byte 3 0b01_01_00_00: no rain,
    # sensor used, set point controls the dome, dome closes with the fan.
    # Byte 4 0b000011_00: fan stays on when the dome closes; 3 speeds.
    assert decode(spec, 0x19FDE345, "010164500CFFFFFF") == {
        "instance": 1,
        "dome_mode": "opening",
        "dome_position": 50.0,
        "rain_sensor": "no_rain",
        "rain_sensor_override": "used",
        "setpoint_controlled_dome": "automatic",
        "auto_close_dome_on_fan_off": "enabled",
        "auto_fan_off_on_dome_close": "disabled",
        "fan_steps_supported": 3,
    }
    # Byte 3 0xFF: 11b, e.g. no rain sensor installed, is n/a. Byte 4 0xFC:
    # steps 111111b = 63, the field's own "increment not supported".
    values = decode(spec, 0x19FDE345, "010000FFFCFFFFFF")
    assert values["dome_mode"] == "stopped"
    assert values["rain_sensor"] is None
    assert values["fan_steps_supported"] == "not_supported"


def test_roof_fan_command_2(spec: RvcSpec) -> None:
    # Open (1) momentarily: desired position 250 is the field's own code.
    frame = encode(
        spec,
        "ROOF_FAN_COMMAND_2",
        {"instance": 1, "dome_command": "open", "desired_dome_position": "momentary"},
        source=1,
    )
    assert frame.arbitration_id == 0x19FDE201
    assert frame.data.hex().upper() == "0101FAFFFFFFFFFF"
    # One speed step up: byte 4 bits 0-1 01b, step 111111b (one step) = 0xFD.
    frame = encode(
        spec,
        "ROOF_FAN_COMMAND_2",
        {"instance": 1, "fan_speed_increment_decrement": "increment"},
        source=1,
    )
    assert frame.data.hex().upper() == "01FFFFFFFDFFFFFF"
    # Close fully: command 2, position 0 %.
    values = decode(spec, 0x19FDE201, "010200FFFFFFFFFF")
    assert values["dome_command"] == "close"
    assert values["desired_dome_position"] == 0.0
    assert values["rain_sensor_override"] is None
