"""Golden vectors for dbc/generator.dbc: RV-C section 6.18 Generator.

Worked by hand from the tables of section 6.18 (AC outputs use the AC point
layouts of section 6.1) and the scales of table 5.3: uint16 V is 0.05 V/bit;
uint16 A is 0.05 A/bit - 1600 (0 A = 0x7D00); uint16 Hz is 1/128 Hz/bit;
uint8 V, A, Hz, s are 1 per bit; uint8 °C is 1 °C/bit - 40; % is 0.5 %/bit.
Source 0x40 (64) is the generator's default address (table 6.18.1). An AC
output's byte 0 holds the output instance in bits 0-3 and the line in bits
4-7 (table 6.18.2): output 1 on line 1 is 0x11.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from custom_components.rvc.protocol import encode

from .dbc_group import assert_group_loads, assert_round_trip, decode

if TYPE_CHECKING:
    from custom_components.rvc.protocol import RvcSpec
    from custom_components.rvc.protocol.encode import FieldInput

GENERATOR_DGNS = {
    "GENERATOR_AC_STATUS_1",
    "GENERATOR_AC_STATUS_2",
    "GENERATOR_AC_STATUS_3",
    "GENERATOR_AC_STATUS_4",
    "GENERATOR_ACFAULT_CONFIGURATION_STATUS_1",
    "GENERATOR_ACFAULT_CONFIGURATION_STATUS_2",
    "GENERATOR_ACFAULT_CONFIGURATION_COMMAND_1",
    "GENERATOR_ACFAULT_CONFIGURATION_COMMAND_2",
    "GENERATOR_DC_STATUS_1",
    "GENERATOR_DC_STATUS_2",
    "GENERATOR_DC_CONFIGURATION_STATUS",
    "GENERATOR_DC_COMMAND",
    "GENERATOR_DC_CONFIGURATION_COMMAND",
    "GENERATOR_DC_CONFIGURATION_STATUS_2",
    "GENERATOR_DC_CONFIGURATION_COMMAND_2",
    "GENERATOR_DC_CONFIGURATION_STATUS_3",
    "GENERATOR_DC_CONFIGURATION_COMMAND_3",
    "GENERATOR_DC_CONFIGURATION_STATUS_4",
    "GENERATOR_DC_CONFIGURATION_COMMAND_4",
    "GENERATOR_DC_EQUALIZATION_STATUS",
    "GENERATOR_DC_EQUALIZATION_CONFIGURATION_STATUS",
    "GENERATOR_DC_EQUALIZATION_CONFIGURATION_COMMAND",
    "GENERATOR_STATUS_2",
    "GENERATOR_START_CONFIG_STATUS",
    "GENERATOR_START_CONFIG_COMMAND",
}


def test_every_generator_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_group_loads(spec, "generator.dbc", GENERATOR_DGNS)
    assert spec.message("GENERATOR_AC_STATUS_1").dgn == 0x1FFDF
    assert spec.message("GENERATOR_AC_STATUS_4").dgn == 0x1FF94
    assert spec.message("GENERATOR_DC_STATUS_2").dgn == 0x1FDDC
    assert spec.message("GENERATOR_START_CONFIG_COMMAND").dgn == 0x1FFD8


def test_generator_ac_status_1(spec: RvcSpec) -> None:
    # Tables 6.18.3 and 6.1.2b. 120.5 V = 2410 = 0x096A; 12.5 A: 1612.5 / 0.05
    # = 32250 = 0x7DFA; 60 Hz = 7680 = 0x1E00; byte 7 0b00_00_01_00: open
    # neutral only.
    record = decode(spec, 0x19FFDF40, "116A09FA7D001E04")
    assert record == {
        "instance": 1,
        "line": "line_1",
        "rms_voltage": 120.5,
        "rms_current": 12.5,
        "frequency": 60.0,
        "fault_open_ground": "no_fault",
        "fault_open_neutral": "fault",
        "fault_reverse_polarity": "no_fault",
        "fault_ground_current": "no_fault",
    }
    values = decode(spec, 0x19FFDF40, "21FFFFFFFFFFFFFF")
    assert values["line"] == "line_2"
    assert values["rms_voltage"] is None
    assert values["frequency"] is None
    assert values["fault_ground_current"] is None


def test_generator_ac_status_2(spec: RvcSpec) -> None:
    # Tables 6.18.4 and 6.1.3b. Peak 170 V = 3400 = 0x0D48; 18 A: 1618 / 0.05
    # = 32360 = 0x7E68; ground current 0 A = 0x7D00; 30 A breaker (0x1E).
    assert decode(spec, 0x19FFDE40, "11480D687E007D1E") == {
        "instance": 1,
        "line": "line_1",
        "peak_voltage": 170.0,
        "peak_current": 18.0,
        "ground_current": 0.0,
        "capacity": 30,
    }


def test_generator_ac_status_3(spec: RvcSpec) -> None:
    # Tables 6.18.5 and 6.1.4b. Byte 1 0b11_0010_00: sine wave, legs 180°
    # out of phase; 1440 W = 0x05A0; -100 var: 31900 = 0x7C9C; distortion
    # 0x06 = 3 %; complementary leg 2.
    assert decode(spec, 0x19FFDD40, "11C8A0059C7C0602") == {
        "instance": 1,
        "line": "line_1",
        "waveform": "sine_wave",
        "phase_status": "out_of_phase_180",
        "real_power": 1440,
        "reactive_power": -100,
        "harmonic_distortion": 3.0,
        "complementary_leg": 2,
    }
    values = decode(spec, 0x19FFDD40, "11FFFFFFFFFFFFFF")
    assert values["phase_status"] is None  # 1111b "no data"
    assert values["reactive_power"] is None


def test_generator_ac_status_4(spec: RvcSpec) -> None:
    # Tables 6.18.6 and 6.1.5b. Voltage OK; byte 2 0b00_00_01_00: frequency
    # over the high limit; byte 3 0xF4: qualified (4), reserved bits ones.
    assert decode(spec, 0x19FF9440, "110004F4FFFFFFFF") == {
        "instance": 1,
        "line": "line_1",
        "voltage_fault": "voltage_ok",
        "fault_surge_protection": "no_fault",
        "fault_high_frequency": "fault",
        "fault_low_frequency": "no_fault",
        "bypass_mode_active": "normal",
        "qualification_status": "qualified",
    }
    values = decode(spec, 0x19FF9440, "1106FFFFFFFFFFFF")
    assert values["voltage_fault"] == "open_line_2"
    assert values["qualification_status"] is None


def test_generator_acfault_configuration_statuses(spec: RvcSpec) -> None:
    # Tables 6.18.7 and 6.1.6b: 90, 105, 130, 140 V (0x5A 0x69 0x82 0x8C);
    # qualify for 10 s; byte 6 0b111111_00 normal mode.
    assert decode(spec, 0x19FF9340, "115A69828C0AFCFF") == {
        "instance": 1,
        "line": "line_1",
        "extreme_low_voltage_level": 90,
        "low_voltage_level": 105,
        "high_voltage_level": 130,
        "extreme_high_voltage_level": 140,
        "qualification_time": 10,
        "bypass_mode": "normal",
    }
    # Table 6.1.7b: 65 Hz (0x41) and 55 Hz (0x37).
    assert decode(spec, 0x19FF9240, "114137FFFFFFFFFF") == {
        "instance": 1,
        "line": "line_1",
        "high_frequency_limit": 65,
        "low_frequency_limit": 55,
    }


def test_generator_dc_status_1(spec: RvcSpec) -> None:
    # Table 6.18.9b. 14.2 V = 284 = 0x011C; 40 A: 1640 / 0.05 = 32800 =
    # 0x8020; 0x64 = 50 %; absorption (3); byte 7 0b0000_11_01: enabled at
    # power-up, not forced.
    assert decode(spec, 0x19FEC640, "011C01208064030D") == {
        "instance": 1,
        "charge_voltage": 14.2,
        "charge_current": 40.0,
        "charge_current_percent_of_maximum": 50.0,
        "operating_state": "absorption",
        "default_state_on_power_up": "enabled",
        "force_charge": "not_forced",
    }


def test_generator_dc_status_2(spec: RvcSpec) -> None:
    # Table 6.18.10b. DC source 1, priority 50 (0x32), 14.2 V (0x011C), 40 A
    # (0x8020), 0x5A = 90 - 40 = 50 °C.
    assert decode(spec, 0x19FDDC40, "0101321C0120805A") == {
        "instance": 1,
        "dc_source_instance": 1,
        "dc_charging_priority": 50,
        "charging_voltage": 14.2,
        "charging_current": 40.0,
        "device_temperature": 50,
    }
    assert decode(spec, 0x19FDDC40, "010100FFFFFFFFFF")["dc_charging_priority"] == (
        "unassigned"
    )


def test_generator_dc_configuration_status(spec: RvcSpec) -> None:
    # Table 6.18.11b. 3-stage (2), stand-alone (0); byte 3 0b0010_11_00: no
    # sensor, AGM (2); 200 Ah = 0x00C8; 60 A: 1660 / 0.05 = 33200 = 0x81B0.
    assert decode(spec, 0x19FEC540, "0102002CC800B081") == {
        "instance": 1,
        "charging_algorithm": "three_stage",
        "charger_mode": "stand_alone",
        "battery_sensor_present": "no_sensor",
        "battery_type": "agm",
        "battery_bank_size": 200,
        "maximum_charging_current": 60.0,
    }


def test_generator_dc_configuration_statuses_2_to_4(spec: RvcSpec) -> None:
    # Table 6.18.14b: 0xC8 = 100 %, 0x28 = 20 %, 0x41 = 25 °C, 12.4 V = 248 =
    # 0x00F8.
    assert decode(spec, 0x19FDDB40, "01C828FF41F800FF") == {
        "instance": 1,
        "maximum_charge_current_percent": 100.0,
        "charge_rate_limit_percent_of_bank_size": 20.0,
        "default_battery_temperature": 25,
        "recharge_voltage": 12.4,
    }
    # Table 6.18.16b: 14.4 V = 288 = 0x0120 twice, 13.6 V = 272 = 0x0110,
    # 30 mV/K.
    assert decode(spec, 0x19FDD940, "012001200110011E") == {
        "instance": 1,
        "bulk_voltage": 14.4,
        "absorption_voltage": 14.4,
        "float_voltage": 13.6,
        "temperature_compensation_constant": 30,
    }
    # Table 6.18.18b: 120 min = 0x0078, 240 min = 0x00F0, float time n/a.
    assert decode(spec, 0x19FDD740, "017800F000FFFFFF") == {
        "instance": 1,
        "bulk_time": 120,
        "absorption_time": 240,
        "float_time": None,
    }


def test_generator_dc_equalization(spec: RvcSpec) -> None:
    # Table 6.18.20b: 45 min = 0x002D; byte 3 0b111111_00 not pre-charging.
    assert decode(spec, 0x19FEC240, "012D00FCFFFFFFFF") == {
        "instance": 1,
        "time_remaining": 45,
        "pre_charging_status": "not_pre_charging",
    }
    # Table 6.18.21b: 15.5 V = 310 = 0x0136; 120 min = 0x0078.
    assert decode(spec, 0x19FEC140, "0136017800FFFFFF") == {
        "instance": 1,
        "equalization_voltage": 15.5,
        "equalization_time": 120,
    }


def test_generator_status_2(spec: RvcSpec) -> None:
    # Table 6.18.24b. Byte 0 0b01_01_00_00: low oil level, caution light on;
    # coolant 0x73 = 115 - 40 = 75 °C; oil 0x4B = 75 * 4 = 300 kPa; 3600 rpm
    # / 0.125 = 28800 = 0x7080; 2.5 L/h / 0.05 = 50 = 0x0032.
    assert decode(spec, 0x19FFDB40, "50734B80703200FF") == {
        "temperature_shutdown_switch": "inactive",
        "oil_pressure_shutdown_switch": "inactive",
        "oil_level_switch": "low_oil_level",
        "caution_light": "on",
        "engine_coolant_temperature": 75,
        "engine_oil_pressure": 300,
        "engine_rpm": 3600.0,
        "fuel_rate": 2.5,
    }
    assert set(decode(spec, 0x19FFDB40, "FFFFFFFFFFFFFFFF").values()) == {None}


def test_generator_start_config_status(spec: RvcSpec) -> None:
    # Table 6.18.26b. Run/crank inputs (1); preheat 5 s, crank at most 10 s,
    # stop signal 3 s.
    assert decode(spec, 0x19FFD940, "01050A03FFFFFFFF") == {
        "generator_type": "run_crank",
        "generator_pre_crank_time": 5,
        "generator_max_crank_time": 10,
        "generator_stop_time": 3,
    }


@pytest.mark.parametrize(
    ("name", "values", "expected"),
    [
        # Table 6.1.6b: output 1 line 1 (0x11), low voltage level 100 V (0x64).
        ("GENERATOR_ACFAULT_CONFIGURATION_COMMAND_1",
         {"instance": 1, "line": "line_1", "low_voltage_level": 100},
         "11FF64FFFFFFFFFF"),
        # Table 6.1.7b: output 1 line 2 (0x21), high frequency limit 63 Hz.
        ("GENERATOR_ACFAULT_CONFIGURATION_COMMAND_2",
         {"instance": 1, "line": "line_2", "high_frequency_limit": 63},
         "213FFFFFFFFFFFFF"),
        # Table 6.18.12b: enable the DC output (1); byte 2 all "no change".
        ("GENERATOR_DC_COMMAND", {"instance": 1, "dc_output_status": "enable"},
         "0101FFFFFFFFFFFF"),
        # Table 6.18.13b: byte 3 0b1111_01_11 linked; 60 A = 0x81B0.
        ("GENERATOR_DC_CONFIGURATION_COMMAND",
         {"instance": 1, "linkage_mode": "linked_to_dc_source",
          "maximum_charging_current": 60},
         "01FFFFF7FFFFB081"),
        # Table 6.18.14b: recharge at 12.4 V = 0x00F8.
        ("GENERATOR_DC_CONFIGURATION_COMMAND_2",
         {"instance": 1, "recharge_voltage": 12.4}, "01FFFFFFFFF800FF"),
        # Table 6.18.16b: float 13.6 V = 0x0110.
        ("GENERATOR_DC_CONFIGURATION_COMMAND_3",
         {"instance": 1, "float_voltage": 13.6}, "01FFFFFFFF1001FF"),
        # Table 6.18.18b: absorption 240 min = 0x00F0.
        ("GENERATOR_DC_CONFIGURATION_COMMAND_4",
         {"instance": 1, "absorption_time": 240}, "01FFFFF000FFFFFF"),
        # Table 6.18.21b: equalize for 120 min = 0x0078.
        ("GENERATOR_DC_EQUALIZATION_CONFIGURATION_COMMAND",
         {"instance": 1, "equalization_time": 120}, "01FFFF7800FFFFFF"),
        # Table 6.18.26b: crank at most 8 s; 255 elsewhere is "no change".
        ("GENERATOR_START_CONFIG_COMMAND", {"generator_max_crank_time": 8},
         "FFFF08FFFFFFFFFF"),
    ],
)  # fmt: skip
def test_generator_commands(
    spec: RvcSpec, name: str, values: dict[str, FieldInput], expected: str
) -> None:
    assert encode(spec, name, values, source=0x80).data.hex().upper() == expected
    assert_round_trip(spec, name, values)


def test_generator_engine_rpm_above_the_old_cap_is_a_number(spec: RvcSpec) -> None:
    # Table 6.18.24b: engine RPM 0.125 rpm/bit, 0 to 8191.25 rpm. 8100 rpm:
    # 8100 / 0.125 = 64800 = 0xFD20 -> 20 FD (the old cap was 8031.25 rpm).
    values = decode(spec, 0x19FFDB80, "FFFFFF20FDFFFFFF")
    assert values["engine_rpm"] == 8100
    assert values["fuel_rate"] is None
