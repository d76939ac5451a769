"""Golden vectors for charger.dbc: RV-C 6.20 Charger (Converter) (2023-11).

Bytes worked out by hand from the official text. Scaling (table 5.3): uint16 V
is 0.05/bit; uint16 A is 0.05/bit - 1600; uint8 A, V, Hz, Ah and minutes are
1/bit; uint8 degC is 1/bit - 40; % is 0.5/bit. The AC point DGNs carry the AC
instance byte of table 6.19.2 (instance bits 0-3, line 4-5, input/output
6-7). Source 0x4A is the default charger address (74); 0x80 frames are real,
from a 48 V LiFePO4 coach (github.com/dbergl/rvc2mqtt, Apache-2.0).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .power_dbc import (
    assert_all_ones_not_available,
    assert_file_holds,
    assert_round_trip,
    decode,
)

if TYPE_CHECKING:
    from custom_components.rvc.protocol import FieldInput, RvcSpec

DGNS = {
    "CHARGER_AC_STATUS_2": 0x1FFC9,
    "CHARGER_AC_STATUS_3": 0x1FFC8,
    "CHARGER_AC_STATUS_4": 0x1FF8A,
    "CHARGER_ACFAULT_CONFIGURATION_STATUS_1": 0x1FF89,
    "CHARGER_ACFAULT_CONFIGURATION_STATUS_2": 0x1FF88,
    "CHARGER_ACFAULT_CONFIGURATION_COMMAND_1": 0x1FF87,
    "CHARGER_ACFAULT_CONFIGURATION_COMMAND_2": 0x1FF86,
    "CHARGER_STATUS_2": 0x1FEA3,
    "CHARGER_STATUS_3": 0x1FDCA,
    "CHARGER_CONFIGURATION_STATUS": 0x1FFC6,
    "CHARGER_COMMAND": 0x1FFC5,
    "CHARGER_CONFIGURATION_COMMAND": 0x1FFC4,
    "CHARGER_CONFIGURATION_STATUS_2": 0x1FF96,
    "CHARGER_CONFIGURATION_COMMAND_2": 0x1FF95,
    "CHARGER_CONFIGURATION_STATUS_3": 0x1FECC,
    "CHARGER_CONFIGURATION_COMMAND_3": 0x1FECB,
    "CHARGER_CONFIGURATION_STATUS_4": 0x1FEBF,
    "CHARGER_CONFIGURATION_COMMAND_4": 0x1FEBE,
    "CHARGER_EQUALIZATION_STATUS": 0x1FF99,
    "CHARGER_EQUALIZATION_CONFIGURATION_STATUS": 0x1FF98,
    "CHARGER_EQUALIZATION_CONFIGURATION_COMMAND": 0x1FF97,
    "CHARGER_PROPERTIES": 0x1FDAA,
}


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_holds(spec, "charger.dbc", DGNS)


def test_all_ones_is_not_available(spec: RvcSpec) -> None:
    assert_all_ones_not_available(spec, DGNS)


def test_broadcast_gaps(spec: RvcSpec) -> None:
    # Table 6.20.21a: equalization status at most 5000 ms apart, 1000 normally.
    attributes = spec.message("CHARGER_EQUALIZATION_STATUS").message.dbc.attributes  # type: ignore[union-attr]
    assert attributes["RVC_MaxBroadcastGap"].value == 5000
    assert attributes["RVC_NormalBroadcastGap"].value == 1000


VECTORS = [
    # Table 6.1.3b. AC input 1, line 1 (0x01); peak 0x0D48 = 3400 * 0.05 =
    # 170 V; peak current 0x7E40 = 32320 * 0.05 - 1600 = 16 A; ground current
    # not available; breaker 0x1E = 30 A.
    ("CHARGER_AC_STATUS_2", 0x19FFC94A, "01480D407EFFFF1E", {
        "instance": 1, "line": "line_1", "input_output": "input",
        "peak_voltage": 170.0, "peak_current": 16.0, "ground_current": None,
        "capacity": 30,
    }),
    # Table 6.1.4b. Byte 1 0b11_1111_00: sine wave, phase status 1111b not
    # available. Real power 0x0258 = 600 W, reactive power not available,
    # distortion 8 * 0.5 = 4 %, no complementary leg reported.
    ("CHARGER_AC_STATUS_3", 0x19FFC84A, "01FC5802FFFF08FF", {
        "instance": 1, "line": "line_1", "input_output": "input",
        "waveform": "sine_wave", "phase_status": None, "real_power": 600,
        "reactive_power": None, "harmonic_distortion": 4.0,
        "complementary_leg": None,
    }),
    # Table 6.1.5b. Voltage OK, no faults, normal mode; qualification 3.
    ("CHARGER_AC_STATUS_4", 0x19FF8A4A, "010000F3FFFFFFFF", {
        "instance": 1, "line": "line_1", "input_output": "input",
        "voltage_fault": "voltage_ok", "fault_surge_protection": "no_fault",
        "fault_high_frequency": "no_fault", "fault_low_frequency": "no_fault",
        "bypass_mode_active": "normal", "qualification_status": "qualifying",
    }),
    # Table 6.1.6b. 0x5F = 95 V, 0x6C = 108 V, 0x7F = 127 V, 0x87 = 135 V;
    # 5 s; byte 6 0b111111_01: bypass mode (protection off).
    ("CHARGER_ACFAULT_CONFIGURATION_STATUS_1", 0x19FF894A, "015F6C7F8705FDFF", {
        "instance": 1, "line": "line_1", "input_output": "input",
        "extreme_low_voltage_level": 95, "low_voltage_level": 108,
        "high_voltage_level": 127, "extreme_high_voltage_level": 135,
        "qualification_time": 5, "bypass_mode": "bypass",
    }),
    # Table 6.1.7b. 0x3E = 62 Hz, 0x3A = 58 Hz.
    ("CHARGER_ACFAULT_CONFIGURATION_STATUS_2", 0x19FF884A, "013E3AFFFFFFFFFF", {
        "instance": 1, "line": "line_1", "input_output": "input",
        "high_frequency_limit": 62, "low_frequency_limit": 58,
    }),
    # Table 6.20.9b, real: 19FEA380#3101782E04007D35. Charger 49 on DC source
    # 1, priority 0x78 = 120; 0x042E = 1070 * 0.05 = 53.5 V (a 48 V lithium
    # bank charging); 0x7D00 = 32000 * 0.05 - 1600 = 0 A; 0x35 = 53 - 40 =
    # 13 degC.
    ("CHARGER_STATUS_2", 0x19FEA380, "3101782E04007D35", {
        "instance": 49, "dc_source_instance": 1, "charger_priority": 120,
        "charging_voltage": 53.5, "charging_current": 0.0,
        "charger_temperature": 13,
    }),
    # Table 6.20.10b. Byte 1 0b111111_01: derating; reason 1 internal heat.
    ("CHARGER_STATUS_3", 0x19FDCA4A, "01FD01FFFFFFFFFF", {
        "instance": 1, "derating_status": "derating",
        "derating_reason": "high_internal_temperature",
    }),
    # Table 6.20.11b, real: 19FFC680#3102000DD200FFFF. Algorithm 2 three-stage,
    # stand-alone; byte 3 0b0000_11_01: sensor present, line not available,
    # battery type 0 (flooded, as this charger reports it); bank 0x00D2 =
    # 210 Ah; maximum current not available.
    ("CHARGER_CONFIGURATION_STATUS", 0x19FFC680, "3102000DD200FFFF", {
        "instance": 49, "charging_algorithm": "three_stage",
        "charger_mode": "stand_alone", "battery_sensor_present": "present",
        "installation_line": None, "battery_type": "flooded",
        "battery_bank_size": 210, "maximum_charging_current": None,
    }),
    # Table 6.20.12b. Enable; byte 2 0b0000_01_01: enabled on power-up, auto
    # recharge on, force charge 0 cancel; CC/CV 0x0470 = 1136 * 0.05 = 56.8 V
    # and 0x8020 = 32800 * 0.05 - 1600 = 40 A.
    ("CHARGER_COMMAND", 0x19FFC59F, "01010570042080FF", {
        "instance": 1, "status": "enable", "default_state_on_power_up": "enabled",
        "auto_recharge_enable": "enabled", "force_charge": "cancel",
        "control_voltage": 56.8, "control_current": 40.0,
    }),
    # Table 6.20.13b. Two-stage, stand-alone; byte 3 0b1111_11_01: sensor
    # present, line not available; 0x0190 = 400 Ah; byte 6 low nibble 3:
    # LiFePO4; maximum current 0x3C = 60 A (1 A per bit here).
    ("CHARGER_CONFIGURATION_COMMAND", 0x19FFC49F, "010300FD9001F33C", {
        "instance": 1, "charging_algorithm": "two_stage",
        "charger_mode": "stand_alone", "battery_sensor_present": "present",
        "installation_line": None, "battery_bank_size": 400,
        "battery_type": "lifepo4", "maximum_charging_current": 60,
    }),
    # Table 6.20.14b, real: 19FF9680#3100FFFF410000FF. Maximum current 0 %,
    # rate limit and breaker not available, default battery temperature 0x41
    # = 65 - 40 = 25 degC, recharge voltage 0 V.
    ("CHARGER_CONFIGURATION_STATUS_2", 0x19FF9680, "3100FFFF410000FF", {
        "instance": 49, "maximum_charge_current_percent": 0.0,
        "charge_rate_limit_percent": None, "shore_breaker_size": None,
        "default_battery_temperature": 25, "recharge_voltage": 0.0,
    }),
    # Table 6.20.16b, real: 19FECC80#311F041F041F0400. Bulk, absorption and
    # float all 0x041F = 1055 * 0.05 = 52.75 V (3.3 V a cell for 16 LiFePO4
    # cells); no temperature compensation, as lithium wants.
    ("CHARGER_CONFIGURATION_STATUS_3", 0x19FECC80, "311F041F041F0400", {
        "instance": 49, "bulk_voltage": 52.75, "absorption_voltage": 52.75,
        "float_voltage": 52.75, "temperature_compensation": 0,
    }),
    # Table 6.20.21b, real: 19FF9980#31FFFFFCFFFFFFFF. Time remaining not
    # available; byte 3 0b111111_00: not pre-charging.
    ("CHARGER_EQUALIZATION_STATUS", 0x19FF9980, "31FFFFFCFFFFFFFF", {
        "instance": 49, "time_remaining": None,
        "pre_charging_status": "not_pre_charging",
    }),
    # Table 6.20.22b. 0x04B0 = 1200 * 0.05 = 60 V for 0x00B4 = 180 min.
    ("CHARGER_EQUALIZATION_CONFIGURATION_STATUS", 0x19FF984A, "01B004B400FFFFFF", {
        "instance": 1, "equalization_voltage": 60.0, "equalization_time": 180,
    }),
    # Table 6.20.24b. 60 A maximum, 5 A minimum, full resolution (1); types
    # 0x0F = bits 0-3 (flooded, gel, AGM, LiFePO4) and 0x60 = bits 5-6 (types
    # 12 and 13); byte 6 0b1111_01_00: only vendor type 2 takes user settings.
    ("CHARGER_PROPERTIES", 0x19FDAA4A, "013C05010F60F4FF", {
        "instance": 1, "charging_current_maximum_setting": 60,
        "charging_current_minimum_setting": 5,
        "charging_current_resolution": "full_resolution",
        "supported_battery_types": 15, "supported_battery_types_2": 96,
        "vendor_type_1_user_parameters": "not_supported",
        "vendor_type_2_user_parameters": "supported",
    }),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "arbitration_id", "data", "expected"),
    VECTORS,
    ids=[vector[0] for vector in VECTORS],
)
def test_golden_vector(
    spec: RvcSpec,
    name: str,
    arbitration_id: int,
    data: str,
    expected: dict[str, object],
) -> None:
    assert spec.by_dgn(DGNS[name]) is spec.message(name)
    assert decode(spec, arbitration_id, data) == expected


def test_charger_configuration_status_4_from_a_real_coach(spec: RvcSpec) -> None:
    # Table 6.20.18b, real: 19FEBF80#31FAFF00000000FF. Absorption and float
    # times 0 min. Bulk time 0xFFFA = 65530 min is the top of the field's
    # range (0-65530 min): not asserted, as today's decoder still reads
    # 0xFF00 and up as "not available" (the 2023 rule is being brought in).
    values = decode(spec, 0x19FEBF80, "31FAFF00000000FF")
    assert values["instance"] == 49
    assert values["absorption_time"] == 0
    assert values["float_time"] == 0


COMMANDS: list[tuple[str, dict[str, FieldInput], str]] = [
    # AC input 1, line 1; qualification time 10 s = 0x0A in byte 5.
    ("CHARGER_ACFAULT_CONFIGURATION_COMMAND_1",
     {"instance": 1, "line": "line_1", "input_output": "input",
      "qualification_time": 10},
     "01FFFFFFFF0AFFFF"),
    # Low frequency limit 57 Hz = 0x39 in byte 2.
    ("CHARGER_ACFAULT_CONFIGURATION_COMMAND_2",
     {"instance": 1, "line": "line_1", "input_output": "input",
      "low_frequency_limit": 57},
     "01FF39FFFFFFFFFF"),
    # Status 2: start equalization.
    ("CHARGER_COMMAND", {"instance": 1, "status": "start_equalization"},
     "0102FFFFFFFFFFFF"),
    # Byte 6 0b1111_0011: LiFePO4; byte 7 60 A = 0x3C.
    ("CHARGER_CONFIGURATION_COMMAND",
     {"instance": 1, "battery_type": "lifepo4", "maximum_charging_current": 60},
     "01FFFFFFFFFFF33C"),
    # Default battery temperature 25 degC = 65 = 0x41 in byte 4.
    ("CHARGER_CONFIGURATION_COMMAND_2",
     {"instance": 1, "default_battery_temperature": 25}, "01FFFFFF41FFFFFF"),
    # Float 54.4 V = 1088 = 0x0440 in bytes 5-6.
    ("CHARGER_CONFIGURATION_COMMAND_3",
     {"instance": 1, "float_voltage": 54.4}, "01FFFFFFFF4004FF"),
    # Absorption 120 min = 0x0078 in bytes 3-4.
    ("CHARGER_CONFIGURATION_COMMAND_4",
     {"instance": 1, "absorption_time": 120}, "01FFFF7800FFFFFF"),
    # Equalization time 60 min = 0x003C in bytes 3-4.
    ("CHARGER_EQUALIZATION_CONFIGURATION_COMMAND",
     {"instance": 1, "equalization_time": 60}, "01FFFF3C00FFFFFF"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "values", "data"), COMMANDS, ids=[command[0] for command in COMMANDS]
)
def test_command_round_trip(
    spec: RvcSpec, name: str, values: dict[str, FieldInput], data: str
) -> None:
    assert_round_trip(spec, name, values, data)


def test_every_command_is_covered() -> None:
    commands = {name for name in DGNS if "COMMAND" in name}
    assert commands == {command[0] for command in COMMANDS}
