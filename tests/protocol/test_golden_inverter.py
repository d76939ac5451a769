"""Golden vectors for inverter.dbc: RV-C 6.19 Inverter (2023-11).

Bytes worked out by hand from the official text. Scaling (table 5.3): uint16 V
is 0.05/bit; uint16 A is 0.05/bit - 1600; uint16 degC is 0.03125/bit - 273;
uint8 degC is 1/bit - 40; % is 0.5/bit; 0.5 s fields are 0.5/bit; reactive
power is 1 var/bit - 32000 (table 6.1.4b). The AC point DGNs carry the
inverter's AC instance byte (table 6.19.2): instance in bits 0-3, line in
bits 4-5, input/output in bits 6-7. Source 0x42 is the default inverter
address (66).
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
    "INVERTER_AC_STATUS_2": 0x1FFD6,
    "INVERTER_AC_STATUS_3": 0x1FFD5,
    "INVERTER_AC_STATUS_4": 0x1FF8F,
    "INVERTER_ACFAULT_CONFIGURATION_STATUS_1": 0x1FF8E,
    "INVERTER_ACFAULT_CONFIGURATION_STATUS_2": 0x1FF8D,
    "INVERTER_ACFAULT_CONFIGURATION_COMMAND_1": 0x1FF8C,
    "INVERTER_ACFAULT_CONFIGURATION_COMMAND_2": 0x1FF8B,
    "INVERTER_COMMAND": 0x1FFD3,
    "INVERTER_STATISTIC_STATUS": 0x1FFCE,
    "INVERTER_CONFIGURATION_STATUS_1": 0x1FFD2,
    "INVERTER_CONFIGURATION_STATUS_2": 0x1FFD1,
    "INVERTER_CONFIGURATION_STATUS_3": 0x1FECE,
    "INVERTER_CONFIGURATION_STATUS_4": 0x1FE9B,
    "INVERTER_CONFIGURATION_COMMAND_1": 0x1FFD0,
    "INVERTER_CONFIGURATION_COMMAND_2": 0x1FFCF,
    "INVERTER_CONFIGURATION_COMMAND_3": 0x1FECD,
    "INVERTER_CONFIGURATION_COMMAND_4": 0x1FE9A,
    "INVERTER_APS_STATUS": 0x1FFCD,
    "INVERTER_DCBUS_STATUS": 0x1FFCC,
    "INVERTER_OPE_STATUS": 0x1FFCB,
    "INVERTER_DC_STATUS": 0x1FEE8,
    "INVERTER_TEMPERATURE_STATUS": 0x1FEBD,
    "INVERTER_TEMPERATURE_STATUS_2": 0x1FDCB,
}


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_holds(spec, "inverter.dbc", DGNS)


def test_all_ones_is_not_available(spec: RvcSpec) -> None:
    assert_all_ones_not_available(spec, DGNS)


def test_broadcast_gaps(spec: RvcSpec) -> None:
    # Tables 6.19.4a and 6.19.22a: maximum and normal gaps in milliseconds.
    attributes = spec.message("INVERTER_AC_STATUS_2").message.dbc.attributes  # type: ignore[union-attr]
    assert attributes["RVC_MaxBroadcastGap"].value == 500
    assert attributes["RVC_NormalBroadcastGap"].value == 100
    attributes = spec.message("INVERTER_DC_STATUS").message.dbc.attributes  # type: ignore[union-attr]
    assert attributes["RVC_MaxBroadcastGap"].value == 5000


STATUS_VECTORS = [
    # Table 6.1.3b. Byte 0 0b01_00_0001: AC point 1, line 1, output. Peak
    # 0x0D48 = 3400 * 0.05 = 170 V; peak current 0x7E90 = 32400 * 0.05 - 1600
    # = 20 A; ground current 0x7D00 = 0 A; breaker 0x1E = 30 A.
    ("INVERTER_AC_STATUS_2", 0x19FFD642, "41480D907E007D1E", {
        "instance": 1, "line": "line_1", "input_output": "output",
        "peak_voltage": 170.0, "peak_current": 20.0, "ground_current": 0.0,
        "capacity": 30,
    }),
    # Table 6.1.4b. Byte 1 0b11_0010_00: sine wave, 180 degrees out of phase.
    # Real power 0x04B0 = 1200 W; reactive 0x7C6A = 31850 - 32000 = -150 var
    # (lagging); distortion 6 * 0.5 = 3 %; complementary leg instance 2.
    ("INVERTER_AC_STATUS_3", 0x19FFD542, "41C8B0046A7C0602", {
        "instance": 1, "line": "line_1", "input_output": "output",
        "waveform": "sine_wave", "phase_status": "out_of_phase_180",
        "real_power": 1200, "reactive_power": -150, "harmonic_distortion": 3.0,
        "complementary_leg": 2,
    }),
    # Table 6.1.5b. Voltage fault 2 low voltage; byte 2 0b00_01_00_00: only
    # the low frequency fault; byte 3 low nibble 4: qualified.
    ("INVERTER_AC_STATUS_4", 0x19FF8F42, "410210F4FFFFFFFF", {
        "instance": 1, "line": "line_1", "input_output": "output",
        "voltage_fault": "low_voltage", "fault_surge_protection": "no_fault",
        "fault_high_frequency": "no_fault", "fault_low_frequency": "fault",
        "bypass_mode_active": "normal", "qualification_status": "qualified",
    }),
    # Table 6.1.6b. AC input 1 on line 1 (byte 0 = 0x01); limits 90, 105,
    # 130 and 140 V; qualification 15 s; byte 6 0b111111_00: normal mode.
    ("INVERTER_ACFAULT_CONFIGURATION_STATUS_1", 0x19FF8E42, "015A69828C0FFCFF", {
        "instance": 1, "line": "line_1", "input_output": "input",
        "extreme_low_voltage_level": 90, "low_voltage_level": 105,
        "high_voltage_level": 130, "extreme_high_voltage_level": 140,
        "qualification_time": 15, "bypass_mode": "normal",
    }),
    # Table 6.1.7b. High frequency limit 0x3F = 63 Hz, low 0x37 = 55 Hz.
    ("INVERTER_ACFAULT_CONFIGURATION_STATUS_2", 0x19FF8D42, "013F37FFFFFFFFFF", {
        "instance": 1, "line": "line_1", "input_output": "input",
        "high_frequency_limit": 63, "low_frequency_limit": 55,
    }),
    # Table 6.19.9b, a real frame (github.com/dbergl/rvc2mqtt, Apache-2.0):
    # 19FFD39F#0110FFFFFFFFFF11. Byte 1 0b00_01_00_00: inverter disabled,
    # load sense off, pass-through on, generator support off. Byte 7 0x11 =
    # 0b00_01_00_01: at startup inverter and pass-through enabled.
    ("INVERTER_COMMAND", 0x19FFD39F, "0110FFFFFFFFFF11", {
        "instance": 1, "inverter_enable": "disable", "load_sense_enable": "disable",
        "passthru_enable": "enable", "generator_support_enable": "disable",
        "inverter_enable_on_startup": "enabled",
        "load_sense_enable_on_startup": "disabled",
        "ac_passthru_enable_on_startup": "enabled",
        "generator_support_enable_on_startup": "disabled",
    }),
    # Table 6.19.10b. Load sense 0x0028 = 40 W, every 0x0004 * 0.5 = 2 s;
    # shutdown below 0x0348 = 840 * 0.05 = 42 V. Byte 7 0b11_01_00_01.
    ("INVERTER_CONFIGURATION_STATUS_1", 0x19FFD242, "01280004004803D1", {
        "instance": 1, "load_sense_power_threshold": 40, "load_sense_interval": 2.0,
        "dc_source_shutdown_voltage_minimum": 42.0,
        "inverter_enable_on_startup": "enabled",
        "load_sense_enable_on_startup": "disabled",
        "ac_passthru_enable_on_startup": "enabled",
    }),
    # Table 6.19.11b. 0x04B0 = 1200 * 0.05 = 60 V; 0x0370 = 880 -> 44 V;
    # 0x0488 = 1160 -> 58 V.
    ("INVERTER_CONFIGURATION_STATUS_2", 0x19FFD142, "01B00470038804FF", {
        "instance": 1, "dc_source_shutdown_voltage_maximum": 60.0,
        "dc_source_warning_voltage_minimum": 44.0,
        "dc_source_warning_voltage_maximum": 58.0,
    }),
    # Table 6.19.12b. Delay 0x003C = 60 * 0.5 = 30 s; stack mode 1 master;
    # recovery 0x03E8 = 1000 * 0.05 = 50 V; engage current 0x7EF4 = 32500 *
    # 0.05 - 1600 = 25 A.
    ("INVERTER_CONFIGURATION_STATUS_3", 0x19FECE42, "013C0001E803F47E", {
        "instance": 1, "dc_source_shutdown_delay": 30.0, "stack_mode": "master",
        "dc_source_shutdown_recovery_level": 50.0,
        "generator_support_engage_current": 25.0,
    }),
    # Table 6.19.13b. 0x0960 = 2400 * 0.05 = 120 V; 0x3C = 60 Hz; limit
    # 0x0BB8 = 3000 W for 0x04B0 = 1200 * 0.5 = 600 s.
    ("INVERTER_CONFIGURATION_STATUS_4", 0x19FE9B42, "0160093CB80BB004", {
        "instance": 1, "output_ac_voltage": 120.0, "output_frequency": 60,
        "ac_output_power_limit": 3000, "ac_output_power_time_limit": 600.0,
    }),
    # Table 6.19.19b. APS 1 of 2: 0x00F0 = 240 * 0.05 = 12 V; 0x7D1E = 32030 *
    # 0.05 - 1600 = 1.5 A; 0x4B = 75 - 40 = 35 degC.
    ("INVERTER_APS_STATUS", 0x19FFCD42, "0102F0001E7D4BFF", {
        "instance": 1, "total_instance_count": 2, "voltage": 12.0, "current": 1.5,
        "temperature": 35,
    }),
    # Same layout: DC bus 0x1F40 = 8000 * 0.05 = 400 V, current and
    # temperature not available.
    ("INVERTER_DCBUS_STATUS", 0x19FFCC42, "0101401FFFFFFFFF", {
        "instance": 1, "total_instance_count": 1, "voltage": 400.0, "current": None,
        "temperature": None,
    }),
    # Same layout: 12 V, current not available, 0x41 = 65 - 40 = 25 degC.
    ("INVERTER_OPE_STATUS", 0x19FFCB42, "0101F000FFFF41FF", {
        "instance": 1, "total_instance_count": 1, "voltage": 12.0, "current": None,
        "temperature": 25,
    }),
    # Table 6.19.22b. 0x0418 = 1048 * 0.05 = 52.4 V; 0x7972 = 31090 * 0.05 -
    # 1600 = -45.5 A.
    ("INVERTER_DC_STATUS", 0x19FEE842, "0118047279FFFFFF", {
        "instance": 1, "dc_voltage": 52.4, "dc_current": -45.5,
    }),
    # Table 6.19.23b. FET 1 0x27C0 = 10176 * 0.03125 - 273 = 45 degC;
    # transformer 0x29B0 = 10672 -> 60.5 degC; FET 2 not available.
    ("INVERTER_TEMPERATURE_STATUS", 0x19FEBD42, "01C027B029FFFFFF", {
        "instance": 1, "fet_1_temperature": 45.0, "transformer_temperature": 60.5,
        "fet_2_temperature": None,
    }),
    # Table 6.19.24b. 0x2720 = 10016 -> 40 degC; 0x26E0 = 9952 -> 38 degC;
    # 0x2540 = 9536 -> 25 degC.
    ("INVERTER_TEMPERATURE_STATUS_2", 0x19FDCB42, "012027E0264025FF", {
        "instance": 1, "control_power_board_temperature": 40.0,
        "capacitor_temperature": 38.0, "ambient_temperature": 25.0,
    }),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "arbitration_id", "data", "expected"),
    STATUS_VECTORS,
    ids=[vector[0] for vector in STATUS_VECTORS],
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


def test_inverter_command_from_a_real_coach_enables(spec: RvcSpec) -> None:
    # The second frame of the pair (github.com/dbergl/rvc2mqtt, Apache-2.0):
    # 19FFD39F#0111FFFFFFFFFF11, byte 1 0b00_01_00_01: inverter enabled too.
    values = decode(spec, 0x19FFD39F, "0111FFFFFFFFFF11")
    assert values["inverter_enable"] == "enable"
    assert values["passthru_enable"] == "enable"


COMMANDS: list[tuple[str, dict[str, FieldInput], str]] = [
    # Byte 1 0b11_11_11_01: only the inverter enable bit pair is set.
    ("INVERTER_COMMAND", {"instance": 1, "inverter_enable": "enable"},
     "01FDFFFFFFFFFFFF"),
    # AC input 1, line 1 (byte 0 = 0x01), low voltage level 100 V = 0x64.
    ("INVERTER_ACFAULT_CONFIGURATION_COMMAND_1",
     {"instance": 1, "line": "line_1", "input_output": "input",
      "low_voltage_level": 100},
     "01FF64FFFFFFFFFF"),
    # AC output 2 on line 2: 0b01_01_0010 = 0x52; high limit 65 Hz = 0x41.
    ("INVERTER_ACFAULT_CONFIGURATION_COMMAND_2",
     {"instance": 2, "line": "line_2", "input_output": "output",
      "high_frequency_limit": 65},
     "5241FFFFFFFFFFFF"),
    # 40 W = 0x0028, little-endian.
    ("INVERTER_CONFIGURATION_COMMAND_1",
     {"instance": 1, "load_sense_power_threshold": 40}, "012800FFFFFFFFFF"),
    # 44 V = 880 = 0x0370 in bytes 3-4.
    ("INVERTER_CONFIGURATION_COMMAND_2",
     {"instance": 1, "dc_source_warning_voltage_minimum": 44.0},
     "01FFFF7003FFFFFF"),
    # Stack mode 0 stand-alone in byte 3.
    ("INVERTER_CONFIGURATION_COMMAND_3",
     {"instance": 1, "stack_mode": "stand_alone"}, "01FFFF00FFFFFFFF"),
    # 50 Hz = 0x32 in byte 3.
    ("INVERTER_CONFIGURATION_COMMAND_4",
     {"instance": 1, "output_frequency": 50}, "01FFFF32FFFFFFFF"),
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
