"""Golden vectors for dbc/battery.dbc: RV-C section 6.49 Battery, worked by hand.

Scaling (RV-C table 5.3): uint16 V is 0.05 V/bit; uint32 A is 0.001 A/bit
- 2,000,000 (0 A = 0x77359400); uint16 A is 0.05 A/bit - 1600 (0 A = 0x7D00);
uint16 °C is 0.03125 °C/bit - 273; uint8 °C is 1 °C/bit - 40; % is 0.5 %/bit;
Ah, W, mV and min as uint16 are 1 per bit. Source 0x46 is the battery's
default address (table 6.49).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .dbc_group import assert_group_loads, assert_round_trip, decode

if TYPE_CHECKING:
    from custom_components.rvc.protocol import RvcSpec

BATTERY_DGNS = {
    "BATTERY_STATUS_1",
    "BATTERY_STATUS_2",
    "BATTERY_STATUS_3",
    "BATTERY_STATUS_4",
    "BATTERY_STATUS_6",
    "BATTERY_STATUS_7",
    "BATTERY_STATUS_8",
    "BATTERY_STATUS_9",
    "BATTERY_STATUS_10",
    "BATTERY_STATUS_11",
    "BATTERY_STATUS_12",
    "BATTERY_STATUS_13",
    "BATTERY_COMMAND",
    "BATTERY_SUMMARY",
    "CELL_DETAIL",
}


def test_every_battery_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_group_loads(spec, "battery.dbc", BATTERY_DGNS)
    assert spec.message("BATTERY_STATUS_1").dgn == 0x1FE95
    assert spec.message("BATTERY_SUMMARY").dgn == 0x1FDF1
    assert spec.message("CELL_DETAIL").dgn == 0x1FDDD


def test_battery_status_1(spec: RvcSpec) -> None:
    # Table 6.49.1b. Battery 1 of DC source 1 at 53.2 V: 53.2 / 0.05 = 1064 =
    # 0x0428. Discharging 12.5 A is POSITIVE here: 0x77359400 + 12500 (0x30D4)
    # = 0x7735C4D4 -> D4 C4 35 77.
    assert decode(spec, 0x19FE9546, "01012804D4C43577") == {
        "instance": 1,
        "dc_instance": 1,
        "dc_voltage": 53.2,
        "dc_current": 12.5,
    }
    values = decode(spec, 0x19FE9546, "0101FFFFFFFFFFFF")
    assert values["dc_voltage"] is None
    assert values["dc_current"] is None


def test_battery_status_2(spec: RvcSpec) -> None:
    # Table 6.49.2b. 25 °C: 298 / 0.03125 = 9536 = 0x2540; SOC 0xB4 = 90 %;
    # 600 min = 0x0258; byte 7 0b111111_01: the time is time to full.
    assert decode(spec, 0x19FE9446, "01014025B45802FD") == {
        "instance": 1,
        "dc_instance": 1,
        "source_temperature": 25.0,
        "state_of_charge": 90.0,
        "time_remaining": 600,
        "time_remaining_interpretation": "time_to_full",
    }
    values = decode(spec, 0x19FE9446, "0101FFFFFFFFFFFF")
    assert values["source_temperature"] is None
    assert values["state_of_charge"] is None
    assert values["time_remaining"] is None
    assert values["time_remaining_interpretation"] is None


def test_battery_status_3(spec: RvcSpec) -> None:
    # Table 6.49.3b. Health 0xC8 = 100 %; 280 Ah left = 0x0118; relative
    # capacity 0x96 = 75 %; ripple 35 mV = 0x0023.
    assert decode(spec, 0x19FE9346, "0201C81801962300") == {
        "instance": 2,
        "dc_instance": 1,
        "state_of_health": 100.0,
        "capacity_remaining": 280,
        "relative_capacity": 75.0,
        "ac_rms_ripple": 35,
    }
    assert decode(spec, 0x19FE9346, "0201FFFFFFFFFFFF")["ac_rms_ripple"] is None


def test_battery_status_4(spec: RvcSpec) -> None:
    # Table 6.49.4b (codes of table 6.5.5b). Absorption (3) at 56.8 V: 1136 =
    # 0x0470; 100 A: (100 + 1600) / 0.05 = 34000 = 0x84D0; byte 7 0xF3: type 3
    # lithium iron phosphate in bits 0-3, reserved bits all ones.
    assert decode(spec, 0x19FE9246, "0101037004D084F3") == {
        "instance": 1,
        "dc_instance": 1,
        "desired_charge_state": "absorption",
        "desired_dc_voltage": 56.8,
        "desired_dc_current": 100.0,
        "battery_type": "lithium_iron_phosphate",
    }
    values = decode(spec, 0x19FE9246, "010106FFFFFFFFFF")
    assert values["desired_charge_state"] == "float"
    assert values["desired_dc_voltage"] is None
    assert values["desired_dc_current"] is None
    assert values["battery_type"] is None  # nibble 1111b


def test_battery_status_4_with_a_real_coachs_charging_goals(spec: RvcSpec) -> None:
    # A 48 V LiFePO4 bank's goals as its BMS sent them in DC_SOURCE_STATUS_4
    # (frame 19FEC980#01780746040884F3, github.com/dbergl/rvc2mqtt,
    # Apache-2.0). Table 6.49.4b refers to that DGN: bytes 2-7 are the same,
    # so its payload after battery 1 / DC source 1 must read the same: 7
    # constant voltage/current; 0x0446 = 1094 * 0.05 = 54.7 V; 0x8408 = 33800
    # * 0.05 - 1600 = 90 A; 0xF3 LiFePO4.
    assert decode(spec, 0x19FE9246, "0101" + "0746040884F3") == {
        "instance": 1,
        "dc_instance": 1,
        "desired_charge_state": "constant_voltage_current",
        "desired_dc_voltage": 54.7,
        "desired_dc_current": 90.0,
        "battery_type": "lithium_iron_phosphate",
    }


def test_battery_status_6(spec: RvcSpec) -> None:
    # Table 6.49.6b. Byte 2 0b11_00_00_01: high voltage limit reached, still
    # connected, low voltage limit not reached, low voltage disconnect n/a.
    # Byte 3 0b01_00_00_00: only the low temperature disconnect. Byte 4
    # 0b01_01_00_00: high current limit reached and load bus disconnected.
    assert decode(spec, 0x19FE9046, "0101C14050FFFFFF") == {
        "instance": 1,
        "dc_instance": 1,
        "high_voltage_limit_status": "limit_reached",
        "high_voltage_disconnect_status": "connected",
        "low_voltage_limit_status": "not_reached",
        "low_voltage_disconnect_status": None,
        "low_state_of_charge_limit_status": "not_reached",
        "low_state_of_charge_disconnect_status": "connected",
        "low_dc_source_temperature_limit_status": "not_reached",
        "low_dc_source_temperature_disconnect_status": "disconnected",
        "high_dc_source_temperature_limit_status": "not_reached",
        "high_dc_source_temperature_disconnect_status": "connected",
        "high_current_dc_source_limit": "limit_reached",
        "high_current_dc_source_disconnect": "disconnected",
    }


def test_battery_status_7_to_10_amp_hours(spec: RvcSpec) -> None:
    # Tables 6.49.7b-6.49.10b: in 300 Ah (0x012C), out 200 Ah (0x00C8).
    for dgn, period in (
        (0x1FE8F, "todays"),
        (0x1FE8E, "yesterdays"),
        (0x1FE8D, "day_before_yesterdays"),
        (0x1FE8C, "last_7_days"),
    ):
        assert decode(spec, 0x18000046 | dgn << 8, "01012C01C800FFFF") == {
            "instance": 1,
            "dc_instance": 1,
            f"{period}_input_amp_hours": 300,
            f"{period}_output_amp_hours": 200,
        }
        values = decode(spec, 0x18000046 | dgn << 8, "0101FFFFFFFFFFFF")
        assert values[f"{period}_input_amp_hours"] is None


def test_battery_status_11(spec: RvcSpec) -> None:
    # Table 6.49.11b. Byte 2 0b00_00_01_01: discharge and charge buses
    # connected, no charge detected, above reserve. Full capacity 560 Ah =
    # 0x0230; 640 W = 0x0280.
    assert decode(spec, 0x19FE8B46, "01010530028002FF") == {
        "instance": 1,
        "dc_instance": 1,
        "discharge_on_off_status": "connected",
        "charge_on_off_status": "connected",
        "charge_detected": "no_charge",
        "reserve_status": "above_reserve",
        "full_capacity": 560,
        "dc_power": 640,
    }
    # Byte 2 0b01_01_00_00: both buses open, charge detected, at reserve.
    values = decode(spec, 0x19FE8B46, "010150FFFFFFFFFF")
    assert values["discharge_on_off_status"] == "disconnected"
    assert values["charge_on_off_status"] == "disconnected"
    assert values["charge_detected"] == "charge_detected"
    assert values["reserve_status"] == "at_or_below_reserve"
    assert values["full_capacity"] is None
    assert values["dc_power"] is None


def test_battery_status_12(spec: RvcSpec) -> None:
    # Table 6.49.12b. 123 cycles = 0x007B; deepest discharge 196 Ah = 0x00C4;
    # average not reported.
    assert decode(spec, 0x19FDF346, "01017B00C400FFFF") == {
        "instance": 1,
        "dc_instance": 1,
        "cycles": 123,
        "deepest_discharge_depth": 196,
        "average_discharge_depth": None,
    }


def test_battery_status_13(spec: RvcSpec) -> None:
    # Table 6.49.13b. Lowest 44 V: 880 = 0x0370; highest 57.6 V: 1152 = 0x0480.
    assert decode(spec, 0x19FDF246, "010170038004FFFF") == {
        "instance": 1,
        "dc_instance": 1,
        "lowest_battery_voltage": 44.0,
        "highest_battery_voltage": 57.6,
    }


def test_battery_command(spec: RvcSpec) -> None:
    # Table 6.49.14b. Battery 1: open the charge bus (bits 2-3 00), load and
    # history "no change" (11): byte 1 0b11_11_00_11 = 0xF3; cells of all
    # modules (0); DC instance 0xFF "do not modify".
    assert decode(spec, 0x19FE8A80, "01F300FFFFFFFFFF") == {
        "instance": 1,
        "desired_load_on_off_status": None,
        "desired_charge_on_off_status": "disconnect",
        "clear_history": None,
        "return_modules_cell_details": "all_modules",
        "dc_instance": None,
    }
    # Byte 1 0b11_01_01_01: connect both, clear history; module 2; unclaimed.
    values = decode(spec, 0x19FE8A80, "01D50200FFFFFFFF")
    assert values["desired_load_on_off_status"] == "connect"
    assert values["clear_history"] == "clear_history"
    assert values["return_modules_cell_details"] == 2
    assert values["dc_instance"] == "unclaimed"
    assert_round_trip(
        spec,
        "BATTERY_COMMAND",
        {
            "instance": 1,
            "desired_charge_on_off_status": "disconnect",
            "return_modules_cell_details": "all_modules",
        },
    )


def test_battery_summary(spec: RvcSpec) -> None:
    # Table 6.49.15b. Battery 1 on DC source 1, series string 1, one module of
    # 16 cells (a 48 V LiFePO4 battery); byte 7 0b11_010_000: voltage normal
    # (bits 0-2), under temperature (2, bits 3-5).
    assert decode(spec, 0x19FDF146, "0101010110FFFFD0") == {
        "instance": 1,
        "dc_source_instance": 1,
        "series_string": 1,
        "module_count": 1,
        "cells_per_module": 16,
        "voltage_status": "normal",
        "temperature_status": "under_temperature",
    }
    values = decode(spec, 0x19FDF146, "0100FFFFFFFFFFFF")
    assert values["dc_source_instance"] == "not_assigned"
    assert values["series_string"] is None
    assert values["voltage_status"] is None
    assert values["temperature_status"] is None


def test_cell_detail(spec: RvcSpec) -> None:
    # Table 6.49.16b, default priority 7: 0x1C000000 | 0x1FDDD << 8 | 0x46.
    # Cell 3 of module 1; byte 3 0b11_01_11_01: voltage normal, temperature
    # 11b which this table names "under temperature", balancing. 3325 mV =
    # 0x0CFD; 0x41 = 65 - 40 = 25 °C.
    assert decode(spec, 0x1DFDDD46, "010103DDFD0C41FF") == {
        "instance": 1,
        "module_instance": 1,
        "cell_instance": 3,
        "voltage_status": "normal",
        "temperature_status": "under_temperature",
        "balancing": "balancing",
        "voltage": 3325,
        "temperature": 25,
    }
    values = decode(spec, 0x1DFDDD46, "010103F0FFFFFFFF")
    assert values["voltage_status"] == "invalid"
    assert values["balancing"] is None
    assert values["voltage"] is None
    assert values["temperature"] is None


def test_battery_cycles_above_the_old_cap_are_a_number(spec: RvcSpec) -> None:
    # Table 6.49.12b: cycles is a plain uint16 count, valid 0-65532 (table
    # 3.2.3b), so 65000 (0xFDE8 -> E8 FD), above the old 64250 cap, is a count.
    values = decode(spec, 0x19FDF346, "0101E8FDFFFFFFFF")
    assert values["cycles"] == 65000
    assert values["deepest_discharge_depth"] is None
