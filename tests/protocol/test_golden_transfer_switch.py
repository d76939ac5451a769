"""Golden vectors for transfer_switch.dbc: RV-C 6.32 Transfer Switch (2023-11).

Bytes worked out by hand from the official text. The AC point DGNs carry the
instance byte of table 6.32.2b: switch instance in bits 0-2, input (0) or
output (1) in bit 3, source in bits 4-6 (0 primary, 1 secondary), leg in bit
7. Scaling (table 5.3): uint16 V is 0.05/bit, uint16 A is 0.05/bit - 1600.
Source 0x4F is the default transfer switch address (79).
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
    "ATS_AC_STATUS_2": 0x1FFAC,
    "ATS_AC_STATUS_3": 0x1FFAB,
    "ATS_AC_STATUS_4": 0x1FF85,
    "ATS_ACFAULT_CONFIGURATION_STATUS_1": 0x1FF84,
    "ATS_ACFAULT_CONFIGURATION_STATUS_2": 0x1FF83,
    "ATS_ACFAULT_CONFIGURATION_COMMAND_1": 0x1FF82,
    "ATS_ACFAULT_CONFIGURATION_COMMAND_2": 0x1FF81,
    "ATS_STATUS": 0x1FFAA,
    "ATS_COMMAND": 0x1FFA9,
}
PRIMARY_INPUT_1: dict[str, FieldInput] = {
    "instance": 1,
    "input_output": "input",
    "source": "primary",
    "leg": "leg_1",
}


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_holds(spec, "transfer_switch.dbc", DGNS)


def test_all_ones_is_not_available(spec: RvcSpec) -> None:
    # The one-bit input/output and leg of the instance byte have no special
    # values: all ones is output, leg 2.
    ac_points = [name for name in DGNS if name.startswith("ATS_AC")]
    assert_all_ones_not_available(
        spec,
        DGNS,
        {
            **{(name, "input_output"): "output" for name in ac_points},
            **{(name, "leg"): "leg_2" for name in ac_points},
        },
    )


def test_broadcast_gaps(spec: RvcSpec) -> None:
    # Table 6.32.2a: at most 5000 ms apart, 500 ms while active.
    attributes = spec.message("ATS_AC_STATUS_4").message.dbc.attributes  # type: ignore[union-attr]
    assert attributes["RVC_MaxBroadcastGap"].value == 5000
    assert attributes["RVC_NormalBroadcastGap"].value == 500


VECTORS = [
    # Byte 0 0b0_001_0_001: switch 1, input, secondary source, leg 1. Peak
    # 0x0D48 = 3400 * 0.05 = 170 V; 0x7E90 = 32400 * 0.05 - 1600 = 20 A;
    # ground current not available; 0x32 = 50 A breaker.
    ("ATS_AC_STATUS_2", 0x19FFAC4F, "11480D907EFFFF32", {
        "instance": 1, "input_output": "input", "source": "secondary",
        "leg": "leg_1", "peak_voltage": 170.0, "peak_current": 20.0,
        "ground_current": None, "capacity": 50,
    }),
    # Byte 0 0b1_000_1_001: switch 1, output, primary, leg 2. Byte 1
    # 0b11_0010_00: sine, 180 degrees out of phase (240 V available); 0x0960
    # = 2400 W; reactive not available; 4 * 0.5 = 2 %; complementary leg 1.
    ("ATS_AC_STATUS_3", 0x19FFAB4F, "89C86009FFFF0401", {
        "instance": 1, "input_output": "output", "source": "primary",
        "leg": "leg_2", "waveform": "sine_wave", "phase_status": "out_of_phase_180",
        "real_power": 2400, "reactive_power": None, "harmonic_distortion": 2.0,
        "complementary_leg": 1,
    }),
    # Secondary input 1; voltage OK, no faults; qualification 2 waiting.
    ("ATS_AC_STATUS_4", 0x19FF854F, "110000F2FFFFFFFF", {
        "instance": 1, "input_output": "input", "source": "secondary",
        "leg": "leg_1", "voltage_fault": "voltage_ok",
        "fault_surge_protection": "no_fault", "fault_high_frequency": "no_fault",
        "fault_low_frequency": "no_fault", "bypass_mode_active": "normal",
        "qualification_status": "waiting_to_qualify",
    }),
    # Primary input 1 (0x01): 90, 105, 130, 140 V; 0x0A = 10 s; normal.
    ("ATS_ACFAULT_CONFIGURATION_STATUS_1", 0x19FF844F, "015A69828C0AFCFF", {
        **PRIMARY_INPUT_1, "extreme_low_voltage_level": 90,
        "low_voltage_level": 105, "high_voltage_level": 130,
        "extreme_high_voltage_level": 140, "qualification_time": 10,
        "bypass_mode": "normal",
    }),
    # 0x3F = 63 Hz, 0x37 = 55 Hz.
    ("ATS_ACFAULT_CONFIGURATION_STATUS_2", 0x19FF834F, "013F37FFFFFFFFFF", {
        **PRIMARY_INPUT_1, "high_frequency_limit": 63, "low_frequency_limit": 55,
    }),
    # Table 6.32.4b. Switch 1 on source 1; byte 2 0b111111_01: manual.
    ("ATS_STATUS", 0x19FFAA4F, "0101FDFFFFFFFFFF", {
        "instance": 1, "source_in_use": 1, "mode": "manual",
    }),
    # Source 253 is the field's own "no source active"; automatic mode.
    ("ATS_STATUS", 0x19FFAA4F, "01FDFCFFFFFFFFFF", {
        "instance": 1, "source_in_use": "no_source_active", "mode": "automatic",
    }),
    # Table 6.32.5b. Back to automatic; source 0 (ignored in automatic).
    ("ATS_COMMAND", 0x19FFA99F, "0100FCFFFFFFFFFF", {
        "instance": 1, "source_to_use": 0, "mode": "automatic",
    }),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "arbitration_id", "data", "expected"),
    VECTORS,
    ids=[f"{vector[0]}-{vector[2]}" for vector in VECTORS],
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
    # Manual on the primary source: byte 2 0b111111_01.
    ("ATS_COMMAND", {"instance": 1, "source_to_use": 0, "mode": "manual"},
     "0100FDFFFFFFFFFF"),
    # Primary input 1 (0x01); qualification 20 s = 0x14 in byte 5.
    ("ATS_ACFAULT_CONFIGURATION_COMMAND_1",
     {**PRIMARY_INPUT_1, "qualification_time": 20}, "01FFFFFFFF14FFFF"),
    # Leg 2 (0x80) | secondary (0x10) | output (0x08) | switch 1 = 0x99;
    # low frequency limit 56 Hz = 0x38 in byte 2.
    ("ATS_ACFAULT_CONFIGURATION_COMMAND_2",
     {"instance": 1, "input_output": "output", "source": "secondary",
      "leg": "leg_2", "low_frequency_limit": 56},
     "99FF38FFFFFFFFFF"),
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
