"""Golden vectors for generic_ac_source.dbc: RV-C 6.21 Generic AC Source (2023-11).

Bytes worked out by hand from the official text: the AC point layouts of
tables 6.1.2b-6.1.7b behind the instance byte of table 6.21.1b (instance in
bits 0-3, 1 = shore power; line in bits 4-7, 1 or 2). Scaling (table 5.3):
uint16 V is 0.05/bit; uint16 A is 0.05/bit - 1600; uint16 Hz is 1/128 Hz a
bit; reactive power 1 var/bit - 32000. Source 0x8C is the default address
(140).
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
    "GENERIC_AC_STATUS_1": 0x1FEBB,
    "GENERIC_AC_STATUS_2": 0x1FEBA,
    "GENERIC_AC_STATUS_3": 0x1FEB9,
    "GENERIC_AC_STATUS_4": 0x1FEB8,
    "GENERIC_ACFAULT_CONFIGURATION_STATUS_1": 0x1FEB7,
    "GENERIC_ACFAULT_CONFIGURATION_STATUS_2": 0x1FEB6,
    "GENERIC_ACFAULT_CONFIGURATION_COMMAND_1": 0x1FEB5,
    "GENERIC_ACFAULT_CONFIGURATION_COMMAND_2": 0x1FEB4,
}
NO_FAULT = "no_fault"


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_holds(spec, "generic_ac_source.dbc", DGNS)


def test_all_ones_is_not_available(spec: RvcSpec) -> None:
    assert_all_ones_not_available(spec, DGNS)


VECTORS = [
    # Table 6.1.2b. Byte 0 0x11: shore power, line 1. 0x096A = 2410 * 0.05 =
    # 120.5 V; 0x7DF6 = 32246 * 0.05 - 1600 = 12.3 A; 0x1E00 = 7680 / 128 =
    # 60 Hz; byte 7 0: no faults.
    ("GENERIC_AC_STATUS_1", 0x19FEBB8C, "116A09F67D001E00", {
        "instance": 1, "line": "line_1", "rms_voltage": 120.5, "rms_current": 12.3,
        "frequency": 60.0, "fault_open_ground": NO_FAULT,
        "fault_open_neutral": NO_FAULT, "fault_reverse_polarity": NO_FAULT,
        "fault_ground_current": NO_FAULT,
    }),
    # Table 6.1.3b. Byte 0 0x21: shore power, line 2. Peak 0x0D48 = 170 V,
    # peak current not available, ground current 0x7D00 = 0 A, 0x1E = 30 A.
    ("GENERIC_AC_STATUS_2", 0x19FEBA8C, "21480DFFFF007D1E", {
        "instance": 1, "line": "line_2", "peak_voltage": 170.0,
        "peak_current": None, "ground_current": 0.0, "capacity": 30,
    }),
    # Table 6.1.4b. Byte 1 0b11_0001_00: sine wave, legs in phase; 0x03E8 =
    # 1000 W; 0x7D00 = 32000 - 32000 = 0 var; the rest not available.
    ("GENERIC_AC_STATUS_3", 0x19FEB98C, "11C4E803007DFFFF", {
        "instance": 1, "line": "line_1", "waveform": "sine_wave",
        "phase_status": "in_phase", "real_power": 1000, "reactive_power": 0,
        "harmonic_distortion": None, "complementary_leg": None,
    }),
    # Table 6.1.5b. Voltage fault 5 open line 1; byte 2 0b01_00_00_00: bypass
    # mode; byte 3 low nibble 0: unqualified, no AC.
    ("GENERIC_AC_STATUS_4", 0x19FEB88C, "110540F0FFFFFFFF", {
        "instance": 1, "line": "line_1", "voltage_fault": "open_line_1",
        "fault_surge_protection": NO_FAULT, "fault_high_frequency": NO_FAULT,
        "fault_low_frequency": NO_FAULT, "bypass_mode_active": "bypass",
        "qualification_status": "unqualified_no_ac",
    }),
    # Table 6.1.6b. 0x64 = 100 V, 0x6E = 110 V, 0x7F = 127 V, 0x87 = 135 V;
    # 0x1E = 30 s; byte 6 0b111111_00: normal mode.
    ("GENERIC_ACFAULT_CONFIGURATION_STATUS_1", 0x19FEB78C, "11646E7F871EFCFF", {
        "instance": 1, "line": "line_1", "extreme_low_voltage_level": 100,
        "low_voltage_level": 110, "high_voltage_level": 127,
        "extreme_high_voltage_level": 135, "qualification_time": 30,
        "bypass_mode": "normal",
    }),
    # Table 6.1.7b. 0x3D = 61 Hz, 0x3B = 59 Hz.
    ("GENERIC_ACFAULT_CONFIGURATION_STATUS_2", 0x19FEB68C, "113D3BFFFFFFFFFF", {
        "instance": 1, "line": "line_1", "high_frequency_limit": 61,
        "low_frequency_limit": 59,
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


COMMANDS: list[tuple[str, dict[str, FieldInput], str]] = [
    # Shore power line 1 (0x11); high voltage level 130 V = 0x82 in byte 3.
    ("GENERIC_ACFAULT_CONFIGURATION_COMMAND_1",
     {"instance": 1, "line": "line_1", "high_voltage_level": 130},
     "11FFFF82FFFFFFFF"),
    # Shore power line 2 (0x21); high frequency limit 62 Hz = 0x3E.
    ("GENERIC_ACFAULT_CONFIGURATION_COMMAND_2",
     {"instance": 1, "line": "line_2", "high_frequency_limit": 62},
     "213EFFFFFFFFFFFF"),
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
