"""Golden vectors for dbc/thermostat.dbc: thermostat status 2 and schedules.

Worked out by hand from RV-C (RVIA 2023-11) section 6.16 (tables 6.16.3b,
6.16.5b, 6.16.7b and 6.16.8b). Set points: uint16 0.03125 degC/bit - 273.
"""

from __future__ import annotations

from custom_components.rvc.protocol import RvcSpec, encode

from .dbc_file_checks import assert_commands_round_trip, assert_file_loads, decode

FILE = "thermostat.dbc"


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_loads(
        spec,
        FILE,
        {
            "THERMOSTAT_STATUS_2": 0x1FEFA,
            "THERMOSTAT_COMMAND_2": 0x1FEF8,
            "THERMOSTAT_SCHEDULE_STATUS_1": 0x1FEF7,
            "THERMOSTAT_SCHEDULE_STATUS_2": 0x1FEF6,
            "THERMOSTAT_SCHEDULE_COMMAND_1": 0x1FEF5,
            "THERMOSTAT_SCHEDULE_COMMAND_2": 0x1FEF4,
        },
    )


def test_every_command_round_trips(spec: RvcSpec) -> None:
    assert_commands_round_trip(spec, FILE)


def test_thermostat_status_2(spec: RvcSpec) -> None:
    # Zone 1 on schedule instance 1 ("wake") of 4; byte 3 0xFC: normal noise.
    assert decode(spec, 0x19FEFA44, "010104FCFFFFFFFF") == {
        "instance": 1,
        "current_schedule_instance": "wake",
        "number_of_schedule_instances": 4,
        "reduced_noise_mode": "disabled",
    }
    # 250 is storage; 7 a further instance, a plain number.
    assert decode(spec, 0x19FEFA44, "01FA04FFFFFFFFFF")[
        "current_schedule_instance"
    ] == ("storage")
    assert (
        decode(spec, 0x19FEFA44, "010704FFFFFFFFFF")["current_schedule_instance"] == 7
    )


def test_thermostat_command_2(spec: RvcSpec) -> None:
    # Section 6.16.5: 251 (0xFB) puts the zone back on its schedule.
    frame = encode(
        spec,
        "THERMOSTAT_COMMAND_2",
        {"instance": 1, "current_schedule_instance": "resume_schedule"},
        source=1,
    )
    assert frame.arbitration_id == 0x19FEF801
    assert frame.data.hex().upper() == "01FBFFFFFFFFFFFF"


def test_thermostat_schedule_status_1(spec: RvcSpec) -> None:
    # Zone 1 "sleep" (0) from 22:30 (0x16, 0x1E): heat 18 degC = 291 * 32 =
    # 9312 = 0x2460 -> 60 24; cool 26 degC = 299 * 32 = 9568 = 0x2560 -> 60 25.
    assert decode(spec, 0x19FEF744, "0100161E60246025") == {
        "instance": 1,
        "schedule_mode_instance": "sleep",
        "start_hour": 22,
        "start_minute": 30,
        "setpoint_heat": 18.0,
        "setpoint_cool": 26.0,
    }


def test_thermostat_schedule_status_2(spec: RvcSpec) -> None:
    # "wake" on weekdays: byte 2 0b01_01_01_00 (Monday-Wednesday), byte 3
    # 0b11_00_01_01 (Thursday, Friday).
    assert decode(spec, 0x19FEF644, "010154C5FFFFFFFF") == {
        "instance": 1,
        "schedule_mode_instance": "wake",
        "sunday": "not_scheduled",
        "monday": "scheduled",
        "tuesday": "scheduled",
        "wednesday": "scheduled",
        "thursday": "scheduled",
        "friday": "scheduled",
        "saturday": "not_scheduled",
    }


def test_thermostat_schedule_command_1(spec: RvcSpec) -> None:
    # "wake" starts at 06:45 (0x06, 0x2D); set points unchanged.
    frame = encode(
        spec,
        "THERMOSTAT_SCHEDULE_COMMAND_1",
        {
            "instance": 1,
            "schedule_mode_instance": "wake",
            "start_hour": 6,
            "start_minute": 45,
        },
        source=1,
    )
    assert frame.arbitration_id == 0x19FEF501
    assert frame.data.hex().upper() == "0101062DFFFFFFFF"


def test_schedule_setpoint_at_the_table_top_is_a_number(spec: RvcSpec) -> None:
    # Table 6.16.7b, uint16 °C per table 5.3 (-273 to 1735 °C): 1735 °C =
    # (1735 + 273) / 0.03125 = 64256 = 0xFB00 -> 00 FB (old cap 64255). Sleep
    # (0) at 22:30 (0x16, 0x1E).
    values = decode(spec, 0x19FEF780, "0100161E00FBFFFF")
    assert values["setpoint_heat"] == 1735
    assert values["setpoint_cool"] is None
