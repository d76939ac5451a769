"""Golden vectors for dbc/ags.dbc: RV-C section 6.35 Automatic Generator Start.

Worked by hand from the tables of section 6.35. Source 0x41 (65) is the AGS
default address (table 6.35.1). 2-bit flags: 00b no/normal, 01b yes, 11b not
available ("no change" in a command).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from custom_components.rvc.protocol import encode

from .dbc_group import assert_group_loads, assert_round_trip, decode

if TYPE_CHECKING:
    from custom_components.rvc.protocol import RvcSpec
    from custom_components.rvc.protocol.encode import FieldInput

AGS_DGNS = {
    "GENERATOR_DEMAND_STATUS",
    "GENERATOR_DEMAND_COMMAND",
    "AGS_CRITERION_STATUS",
    "AGS_CRITERION_STATUS_2",
    "AGS_CRITERION_COMMAND",
    "GENERATOR_DEMAND_CONFIGURATION_STATUS",
    "AGS_DEMAND_CONFIGURATION_STATUS",
    "GENERATOR_DEMAND_CONFIGURATION_COMMAND",
    "AGS_DEMAND_CONFIGURATION_COMMAND",
}


def test_every_ags_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_group_loads(spec, "ags.dbc", AGS_DGNS)
    assert spec.message("GENERATOR_DEMAND_STATUS").dgn == 0x1FF80
    assert spec.message("AGS_DEMAND_CONFIGURATION_COMMAND").dgn == 0x1FED4


def test_generator_demand_status(spec: RvcSpec) -> None:
    # Table 6.35.2b. Byte 0 0b00_00_01_01: demanded, by an internal
    # criterion; byte 1 all normal; quiet time 22:00 (0x16, 0x00) to 07:30
    # (0x07, 0x1E); run at least 60 min (0x3C).
    assert decode(spec, 0x19FF8041, "05001600071E3CFF") == {
        "generator_demand": "demanded",
        "internal_generator_demand": "demanded",
        "network_generator_demand": "no_demand",
        "external_activity_detected": "automatic_start_allowed",
        "manual_override_detected": "normal",
        "quiet_time": "not_quiet_time",
        "quiet_time_override": "normal",
        "generator_lock": "normal",
        "quiet_time_begin_hour": 22,
        "quiet_time_begin_minute": 0,
        "quiet_time_end_hour": 7,
        "quiet_time_end_minute": 30,
        "minimum_cycle_time": 60,
    }
    # Byte 1 0b01_00_01_00: in quiet time and the genset is locked.
    values = decode(spec, 0x19FF8041, "0044FFFFFFFFFFFF")
    assert values["quiet_time"] == "quiet_time"
    assert values["generator_lock"] == "locked"
    assert values["quiet_time_begin_hour"] is None
    assert values["minimum_cycle_time"] is None


def test_ags_criterion_status(spec: RvcSpec) -> None:
    # Table 6.35.4b. Criterion 1: byte 1 0b1111_01_01 demanding and active;
    # type 0 (DC voltage); its bytes 3-7: DC source 1, 11.8 V = 236 = 0x00EC,
    # 0x32 = 50 * 0.1 = 5 min under threshold, byte 7 unused: raw
    # little-endian 01 EC 00 32 FF = 0xFF3200EC01.
    assert decode(spec, 0x19FEFE41, "01F50001EC0032FF") == {
        "instance": 1,
        "current_demand_status": "demanding",
        "active_status": "active",
        "criterion_type": "dc_voltage",
        "criterion_data": 0xFF3200EC01,
    }
    values = decode(spec, 0x19FEFE41, "01FC80FFFFFFFFFF")
    assert values["current_demand_status"] == "not_demanding"
    assert values["active_status"] is None
    assert values["criterion_type"] == 128  # proprietary: no name


def test_ags_criterion_status_2(spec: RvcSpec) -> None:
    # Table 6.35.5b. State of charge criterion (1), 90 s = 0x005A past it.
    assert decode(spec, 0x19FED241, "01015A00FFFFFFFF") == {
        "instance": 1,
        "criterion_type": "dc_state_of_charge",
        "time_under_counter": 90,
    }
    assert decode(spec, 0x19FED241, "0101FFFFFFFFFFFF")["time_under_counter"] is None


def test_demand_configuration_statuses(spec: RvcSpec) -> None:
    # Table 6.35.7b, both DGNs. Byte 0 0b01_00_01_01: park brake release,
    # ignition and motion; byte 1 0b00_01_00_00: monoxide; byte 2
    # 0b00_01_00_01: fire alarm, genset fault; byte 3 0xF0: no shore
    # conditions; 30 days (0x1E), 12 left (0x0C).
    for arbitration_id in (0x19FEE741, 0x19FED541):
        assert decode(spec, arbitration_id, "451011F01E0CFFFF") == {
            "disable_on_park_brake_release": "active",
            "disable_on_ignition": "active",
            "disable_on_drive": "inactive",
            "disable_on_motion": "active",
            "disable_on_oem_switch": "inactive",
            "disable_on_service_brake": "inactive",
            "disable_on_monoxide_detect": "active",
            "disable_on_opened_compartment": "inactive",
            "disable_on_fire_alarm": "active",
            "disable_on_manual_operation": "inactive",
            "disable_on_genset_fault": "active",
            "disable_on_system_fault": "inactive",
            "disable_on_shore_power": "inactive",
            "disable_on_50_amp_shore": "inactive",
            "disable_ags_after_time_span": 30,
            "days_remaining_before_automatic_disabling": 12,
        }


@pytest.mark.parametrize(
    ("name", "values", "expected"),
    [
        # Table 6.35.3b: demand (01) with the other byte 0 flags "no change":
        # 0b11_11_11_01 = 0xFD.
        ("GENERATOR_DEMAND_COMMAND", {"generator_demand": "demand"},
         "FDFFFFFFFFFFFFFF"),
        # Table 6.35.3b: minimum cycle time 30 min in byte 6.
        ("GENERATOR_DEMAND_COMMAND", {"set_minimum_cycle_time": 30},
         "FFFFFFFFFFFF1EFF"),
        # Table 6.35.6b: query criterion 2 (every other byte 0xFF).
        ("AGS_CRITERION_COMMAND", {"instance": 2}, "02FFFFFFFFFFFFFF"),
        # Table 6.35.6b: add and activate (byte 1 0b1111_01_00) a state of
        # charge criterion (1) on DC source 1, start 20 % (0x28), stop 90 %
        # (0xB4), after 1 min (0x0A): bytes 3-7 01 28 B4 0A FF.
        ("AGS_CRITERION_COMMAND",
         {"instance": 3, "command": "add_or_edit", "active_status": "activate",
          "criterion_type": "dc_state_of_charge", "criterion_data": 0xFF0AB42801},
         "03F4010128B40AFF"),
        # Table 6.35.8b: disable on motion (byte 0 0b01_11_11_11) and after
        # 30 days.
        ("GENERATOR_DEMAND_CONFIGURATION_COMMAND",
         {"disable_on_motion": "active", "disable_ags_after_time_span": 30},
         "7FFFFFFF1EFFFFFF"),
        ("AGS_DEMAND_CONFIGURATION_COMMAND",
         {"disable_on_motion": "active", "disable_ags_after_time_span": 30},
         "7FFFFFFF1EFFFFFF"),
    ],
)  # fmt: skip
def test_ags_commands(
    spec: RvcSpec, name: str, values: dict[str, FieldInput], expected: str
) -> None:
    assert encode(spec, name, values, source=0x80).data.hex().upper() == expected
    assert_round_trip(spec, name, values)


def test_ags_time_under_counter_above_the_old_cap_is_a_number(spec: RvcSpec) -> None:
    # Table 6.35.5b: the counter is a uint16 in seconds with no range of its
    # own, so 0-65532 (table 3.2.3b): 65000 s = 0xFDE8 -> E8 FD (old cap 64250).
    assert decode(spec, 0x19FED280, "0100E8FDFFFFFFFF") == {
        "instance": 1,
        "criterion_type": "dc_voltage",
        "time_under_counter": 65000,
    }
