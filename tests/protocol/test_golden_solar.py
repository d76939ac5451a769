"""Golden vectors for dbc/solar.dbc: RV-C section 6.45 Solar Charge Controller.

Worked by hand from the tables of section 6.45 and the scales of table 5.3:
uint16 V is 0.05 V/bit; uint16 A is 0.05 A/bit - 1600 (0 A = 0x7D00); uint8 A
is 1 A/bit; uint16 °C is 0.03125 °C/bit - 273; uint8 °C is 1 °C/bit - 40; %
is 0.5 %/bit; Ah, W, min, days and kWh are 1 per bit. Source 0x8D (141) is
the controller's default address (table 6.45.1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from custom_components.rvc.protocol import encode

from .dbc_group import assert_group_loads, assert_round_trip, decode

if TYPE_CHECKING:
    from custom_components.rvc.protocol import RvcSpec
    from custom_components.rvc.protocol.encode import FieldInput

SOLAR_DGNS = {
    "SOLAR_CONTROLLER_STATUS",
    "SOLAR_CONTROLLER_STATUS_2",
    "SOLAR_CONTROLLER_STATUS_3",
    "SOLAR_CONTROLLER_STATUS_4",
    "SOLAR_CONTROLLER_STATUS_5",
    "SOLAR_CONTROLLER_STATUS_6",
    "SOLAR_CONTROLLER_BATTERY_STATUS",
    "SOLAR_CONTROLLER_SOLAR_ARRAY_STATUS",
    "SOLAR_CONTROLLER_CONFIGURATION_STATUS",
    "SOLAR_CONTROLLER_COMMAND",
    "SOLAR_CONTROLLER_CONFIGURATION_COMMAND",
    "SOLAR_CONTROLLER_CONFIGURATION_STATUS_2",
    "SOLAR_CONTROLLER_CONFIGURATION_COMMAND_2",
    "SOLAR_CONTROLLER_CONFIGURATION_STATUS_3",
    "SOLAR_CONTROLLER_CONFIGURATION_COMMAND_3",
    "SOLAR_CONTROLLER_CONFIGURATION_STATUS_4",
    "SOLAR_CONTROLLER_CONFIGURATION_COMMAND_4",
    "SOLAR_CONTROLLER_CONFIGURATION_STATUS_5",
    "SOLAR_CONTROLLER_CONFIGURATION_COMMAND_5",
    "SOLAR_EQUALIZATION_STATUS",
    "SOLAR_EQUALIZATION_CONFIGURATION_STATUS",
    "SOLAR_EQUALIZATION_CONFIGURATION_COMMAND",
}


def test_every_solar_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_group_loads(spec, "solar.dbc", SOLAR_DGNS)
    assert spec.message("SOLAR_CONTROLLER_STATUS").dgn == 0x1FEB3
    assert spec.message("SOLAR_CONTROLLER_SOLAR_ARRAY_STATUS").dgn == 0x1FDFF
    assert spec.message("SOLAR_CONTROLLER_CONFIGURATION_COMMAND_5").dgn == 0x1FDCE


def test_solar_controller_status(spec: RvcSpec) -> None:
    # Table 6.45.2b. 54.4 V = 1088 = 0x0440; 20 A: 1620 / 0.05 = 32400 =
    # 0x7E90; 0x50 = 40 % of maximum; state 2 bulk (table 6.5.5b); byte 7
    # 0b0000_00_01: enabled at power-up, history not cleared, not forced.
    assert decode(spec, 0x19FEB38D, "014004907E500201") == {
        "instance": 1,
        "charge_voltage": 54.4,
        "charge_current": 20.0,
        "charge_current_percent_of_maximum": 40.0,
        "operating_state": "bulk",
        "power_up_state": "enabled",
        "clear_history": "not_cleared",
        "force_charge": "not_forced",
    }
    values = decode(spec, 0x19FEB38D, "01FFFFFFFFFFFFFF")
    assert set(values.values()) == {1, None}


def test_solar_controller_status_2(spec: RvcSpec) -> None:
    # Table 6.45.3b. Rated 64 V = 1280 = 0x0500; 60 A: 1660 / 0.05 = 33200 =
    # 0x81B0; types 0-3 (0x0F) and vendor type 12 (byte 6 bit 5, 0x20); byte 7
    # 0b1111_01_00: type 12 fixed, type 13 takes user charge parameters.
    assert decode(spec, 0x19FE858D, "010005B0810F20F4") == {
        "instance": 1,
        "rated_battery_voltage": 64.0,
        "rated_charging_current": 60.0,
        "supported_battery_types": 0x0F,
        "supported_battery_types_continued": 0x20,
        "vendor_type_1_user_charge_parameters": "not_supported",
        "vendor_type_2_user_charge_parameters": "supported",
    }
    values = decode(spec, 0x19FE858D, "01FFFFFFFFFFFFFF")
    assert values["supported_battery_types"] is None
    assert values["vendor_type_1_user_charge_parameters"] is None


def test_solar_controller_status_3(spec: RvcSpec) -> None:
    # Table 6.45.4b. 150 V = 3000 = 0x0BB8; 50 A: 1650 / 0.05 = 33000 =
    # 0x80E8; 1000 W = 0x03E8.
    assert decode(spec, 0x19FE848D, "01B80BE880E803FF") == {
        "instance": 1,
        "rated_solar_input_voltage": 150.0,
        "rated_solar_input_current": 50.0,
        "rated_solar_over_power": 1000,
    }


def test_solar_controller_status_4(spec: RvcSpec) -> None:
    # Table 6.45.5b. 45 Ah = 0x002D today, 60 Ah = 0x003C yesterday, n/a before.
    assert decode(spec, 0x19FE838D, "012D003C00FFFFFF") == {
        "instance": 1,
        "todays_amp_hours_to_battery": 45,
        "yesterdays_amp_hours_to_battery": 60,
        "day_before_yesterdays_amp_hours_to_battery": None,
    }


def test_solar_controller_status_5(spec: RvcSpec) -> None:
    # Table 6.45.6b. 350 Ah = 0x015E; 1234 kWh = 0x000004D2 in bytes 3-6.
    assert decode(spec, 0x19FE828D, "015E01D2040000FF") == {
        "instance": 1,
        "last_7_days_amp_hours_to_battery": 350,
        "cumulative_power_generation": 1234,
    }
    values = decode(spec, 0x19FE828D, "01FFFFFFFFFFFFFF")
    assert values["cumulative_power_generation"] is None


def test_solar_controller_status_6(spec: RvcSpec) -> None:
    # Table 6.45.7b. 400 days = 0x0190; 40 °C: 313 / 0.03125 = 10016 = 0x2720.
    assert decode(spec, 0x19FE818D, "0190012027FFFFFF") == {
        "instance": 1,
        "total_operating_days": 400,
        "measured_temperature": 40.0,
    }


def test_solar_controller_battery_status(spec: RvcSpec) -> None:
    # Table 6.45.8b. DC source 1, charger priority 100 (0x64); 54 V = 1080 =
    # 0x0438; 15.5 A: 1615.5 / 0.05 = 32310 = 0x7E36; 0x3C = 60 - 40 = 20 °C.
    assert decode(spec, 0x19FE808D, "0101643804367E3C") == {
        "instance": 1,
        "dc_source_instance": 1,
        "charger_priority": 100,
        "measured_voltage": 54.0,
        "measured_current": 15.5,
        "measured_temperature": 20,
    }
    values = decode(spec, 0x19FE808D, "010100FFFFFFFFFF")
    assert values["charger_priority"] == "unassigned"
    assert values["measured_temperature"] is None


def test_solar_controller_solar_array_status(spec: RvcSpec) -> None:
    # Table 6.45.9b. 98.5 V = 1970 = 0x07B2; 8.25 A: 1608.25 / 0.05 = 32165 =
    # 0x7DA5.
    assert decode(spec, 0x19FDFF8D, "01B207A57DFFFFFF") == {
        "instance": 1,
        "solar_array_measured_voltage": 98.5,
        "solar_array_measured_input_current": 8.25,
    }


def test_solar_controller_configuration_status(spec: RvcSpec) -> None:
    # Table 6.45.10b (codes of table 6.20.11b). 3-stage (2), linked to DC
    # source (3); byte 3 0b0011_01_01: sensor present, linked, type 3
    # (LiFePO4); bank 560 Ah = 0x0230; 60 A (0x3C).
    assert decode(spec, 0x19FEB28D, "010203353002FF3C") == {
        "instance": 1,
        "charging_algorithm": "three_stage",
        "controller_mode": "linked_to_dc_source",
        "battery_sensor_present": "present",
        "linkage_mode": "linked_to_dc_source",
        "battery_type": "lithium_iron_phosphate",
        "battery_bank_size": 560,
        "maximum_charging_current": 60,
    }
    values = decode(spec, 0x19FEB28D, "01FAFFFFFFFFFFFF")
    assert values["charging_algorithm"] == "custom_algorithm_1"  # 250
    assert values["controller_mode"] is None
    assert values["battery_type"] is None


def test_solar_controller_command(spec: RvcSpec) -> None:
    # Table 6.45.11b. Enable (1) and force float (2 in bits 4-7); power-up
    # default and history "no change" (11): byte 2 0b0010_11_11 = 0x2F.
    values: dict[str, FieldInput] = {
        "instance": 1,
        "status": "enable",
        "force_charge": "force_float",
    }
    frame = encode(spec, "SOLAR_CONTROLLER_COMMAND", values, source=0x80)
    assert frame.arbitration_id == 0x19FEB180
    assert frame.data.hex().upper() == "01012FFFFFFFFFFF"
    assert_round_trip(spec, "SOLAR_CONTROLLER_COMMAND", values)
    assert decode(spec, 0x19FEB180, "0103F1FFFFFFFFFF") == {
        "instance": 1,
        "status": "top_up_battery",
        "default_state_on_power_up": "enabled",
        "clear_history": "do_nothing",
        "force_charge": None,
    }


def test_solar_controller_configuration_command(spec: RvcSpec) -> None:
    # Table 6.45.12b. Battery type 3 with sensor and linkage "no change":
    # byte 3 0b0011_11_11 = 0x3F; 40 A = 0x28 in byte 7.
    values: dict[str, FieldInput] = {
        "instance": 1,
        "battery_type": "lithium_iron_phosphate",
        "maximum_charging_current": 40,
    }
    frame = encode(spec, "SOLAR_CONTROLLER_CONFIGURATION_COMMAND", values, source=0x80)
    assert frame.data.hex().upper() == "01FFFF3FFFFFFF28"
    assert_round_trip(spec, "SOLAR_CONTROLLER_CONFIGURATION_COMMAND", values)


def test_solar_controller_configuration_status_2(spec: RvcSpec) -> None:
    # Table 6.45.13b. 57.6 V = 1152 = 0x0480; 54.4 V = 0x0440; 52 V = 1040 =
    # 0x0410.
    assert decode(spec, 0x19FDFE8D, "01800440041004FF") == {
        "instance": 1,
        "bulk_absorption_voltage": 57.6,
        "float_voltage": 54.4,
        "charge_return_voltage": 52.0,
    }


def test_solar_controller_configuration_status_3(spec: RvcSpec) -> None:
    # Table 6.45.15b. 48 V = 960 = 0x03C0; 58.4 V = 1168 = 0x0490; 44 V = 880
    # = 0x0370.
    assert decode(spec, 0x19FDFC8D, "01C00390047003FF") == {
        "instance": 1,
        "under_voltage_warning_voltage": 48.0,
        "battery_high_voltage_limit_voltage": 58.4,
        "battery_low_voltage_limit_voltage": 44.0,
    }


def test_solar_controller_configuration_status_4(spec: RvcSpec) -> None:
    # Table 6.45.17b. 55.2 V = 1104 = 0x0450; 50 V = 1000 = 0x03E8; 30 s
    # (0x1E); 120 min (0x78); compensation 0 mV/°C (lithium).
    assert decode(spec, 0x19FDFA8D, "015004E8031E7800") == {
        "instance": 1,
        "battery_high_voltage_limit_return_voltage": 55.2,
        "battery_low_voltage_limit_return_voltage": 50.0,
        "battery_low_voltage_limit_time_delay": 30,
        "absorption_duration": 120,
        "temperature_compensation_factor": 0,
    }
    values = decode(spec, 0x19FDFA8D, "01FFFFFFFFFFFFFF")
    assert values["absorption_duration"] is None


def test_solar_controller_configuration_status_5(spec: RvcSpec) -> None:
    # Table 6.45.19b. Priority 10; 0x5F = 95 - 40 = 55 °C; 0x28 = 0 °C.
    assert decode(spec, 0x19FDCF8D, "010A5F28FFFFFFFF") == {
        "instance": 1,
        "charger_priority": 10,
        "external_temperature_sensor_high_temperature_limit": 55,
        "external_temperature_sensor_low_temperature_limit": 0,
    }


@pytest.mark.parametrize(
    ("name", "values", "expected"),
    [
        # Table 6.45.13b, instance 0 = every controller: float 54.4 V = 0x0440.
        ("SOLAR_CONTROLLER_CONFIGURATION_COMMAND_2",
         {"instance": 0, "float_voltage": 54.4}, "00FFFF4004FFFFFF"),
        # Table 6.45.15b: low limit 44 V = 880 = 0x0370.
        ("SOLAR_CONTROLLER_CONFIGURATION_COMMAND_3",
         {"instance": 1, "battery_low_voltage_limit_voltage": 44}, "01FFFFFFFF7003FF"),
        # Table 6.45.17b: absorption 120 min = 0x78.
        ("SOLAR_CONTROLLER_CONFIGURATION_COMMAND_4",
         {"instance": 1, "absorption_duration": 120}, "01FFFFFFFFFF78FF"),
        # Table 6.45.19b: low limit 5 °C = 45 = 0x2D.
        ("SOLAR_CONTROLLER_CONFIGURATION_COMMAND_5",
         {"instance": 1, "external_temperature_sensor_low_temperature_limit": 5},
         "01FFFF2DFFFFFFFF"),
        # Table 6.45.22b: 15.5 V = 310 = 0x0136; 180 min = 0x00B4; 30 days.
        ("SOLAR_EQUALIZATION_CONFIGURATION_COMMAND",
         {"instance": 1, "equalization_voltage": 15.5, "equalization_time": 180,
          "equalization_interval": 30}, "013601B4001EFFFF"),
    ],
)  # fmt: skip
def test_solar_configuration_commands(
    spec: RvcSpec, name: str, values: dict[str, FieldInput], expected: str
) -> None:
    assert encode(spec, name, values, source=0x80).data.hex().upper() == expected
    assert_round_trip(spec, name, values)


def test_solar_equalization_status(spec: RvcSpec) -> None:
    # Table 6.45.21b. 90 min = 0x005A; byte 3 0b111111_01 pre-charging; last
    # equalization 30 days ago (0x1E).
    assert decode(spec, 0x19FEAF8D, "015A00FD1EFFFFFF") == {
        "instance": 1,
        "time_remaining": 90,
        "pre_charging_status": "pre_charging",
        "time_since_last_equalization": 30,
    }
    values = decode(spec, 0x19FEAF8D, "01FFFFFCFDFFFFFF")
    assert values["time_remaining"] is None
    assert values["pre_charging_status"] == "not_pre_charging"
    assert values["time_since_last_equalization"] == "more_than_252_days_or_never"


def test_solar_equalization_configuration_status(spec: RvcSpec) -> None:
    # Table 6.45.22b. 15.5 V = 310 = 0x0136; 180 min = 0x00B4; every 30 days.
    assert decode(spec, 0x19FEAE8D, "013601B4001EFFFF") == {
        "instance": 1,
        "equalization_voltage": 15.5,
        "equalization_time": 180,
        "equalization_interval": 30,
    }


def test_solar_status_6_above_the_old_caps_is_a_number(spec: RvcSpec) -> None:
    # Table 6.45.7b. Operating days, a uint16 count (table 3.2.3b, 0-65532):
    # 65000 = 0xFDE8 -> E8 FD. Temperature at table 5.3's top, 1735 °C:
    # (1735 + 273) / 0.03125 = 64256 = 0xFB00 -> 00 FB (the old cap was 64255).
    assert decode(spec, 0x19FE8180, "01E8FD00FBFFFFFF") == {
        "instance": 1,
        "total_operating_days": 65000,
        "measured_temperature": 1735.0,
    }
