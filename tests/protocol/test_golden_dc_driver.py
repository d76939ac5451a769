"""Golden vectors for dbc/dc_driver.dbc: RV-C section 6.50 DC Drivers.

These DGNs (16000h-16FFFh) are PDU1: the DGN's high byte is below F0h, so its
low byte is the destination address field, which carries the DSA of the
device that holds the driver (table 6.50). A generator (DSA 40h) reports its
drivers' first status as DGN 16F40h: priority 6, source 0x40 gives
0x18000000 | 0x16F40 << 8 | 0x40 = 0x196F4040. Scales of table 5.3: uint16 V
is 0.05 V/bit; uint16 A is 0.05 A/bit - 1600 (0 A = 0x7D00); uint16 °C is
0.03125 °C/bit - 273; % is 0.5 %/bit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from custom_components.rvc.protocol import Decoder, encode

from .dbc_group import assert_group_loads, assert_round_trip, decode

if TYPE_CHECKING:
    from custom_components.rvc.protocol import RvcSpec
    from custom_components.rvc.protocol.encode import FieldInput

DC_DRIVER_DGNS = {
    "DC_COMPONENT_DRIVER_STATUS_1",
    "DC_COMPONENT_DRIVER_STATUS_2",
    "DC_COMPONENT_DRIVER_STATUS_3",
    "DC_COMPONENT_DRIVER_STATUS_4",
    "DC_COMPONENT_DRIVER_STATUS_5",
    "DC_COMPONENT_DRIVER_STATUS_6",
    "DC_COMPONENT_DRIVER_SETTINGS_1",
    "DC_COMPONENT_DRIVER_SETTINGS_2",
    "DC_COMPONENT_DRIVER_SETTINGS_COMMAND_1",
    "DC_COMPONENT_DRIVER_SETTINGS_COMMAND_2",
    "DC_COMPONENT_DRIVER_COMMAND",
}


def test_every_dc_driver_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_group_loads(spec, "dc_driver.dbc", DC_DRIVER_DGNS)
    assert spec.message("DC_COMPONENT_DRIVER_STATUS_1").dgn == 0x16F00
    assert spec.message("DC_COMPONENT_DRIVER_COMMAND").dgn == 0x16000
    assert spec.message("DC_COMPONENT_DRIVER_STATUS_6").dgn == 0x16300


def test_dc_component_driver_status_1(spec: RvcSpec) -> None:
    # Table 6.50.1b. A generator has no instance (FFh); driver 2 at 12.6 V =
    # 252 = 0x00FC, 3.5 A: 1603.5 / 0.05 = 32070 = 0x7D46; byte 6
    # 0b01_00_01_01: on, wanted on, ok, automatic reset; not disabled.
    record = Decoder(spec).decode(0x196F4040, bytes.fromhex("FF02FC00467D4500"))
    assert record is not None
    assert (record.name, record.dgn, record.destination, record.source) == (
        "DC_COMPONENT_DRIVER_STATUS_1",
        0x16F00,
        0x40,
        0x40,
    )
    assert record.instance is None
    assert record.values == {
        "instance": None,
        "driver_index": 2,
        "voltage": 12.6,
        "current": 3.5,
        "output_status": "on",
        "desired_status": "on",
        "shutdown_status": "ok",
        "reset_type": "automatic",
        "reason_for_shutdown": "not_disabled",
    }
    # Byte 6 0b01_01_01_00: off though wanted on, disabled by a short circuit.
    values = decode(spec, 0x196F4040, "FF02FFFFFFFF5402")
    assert values["voltage"] is None
    assert values["output_status"] == "off"
    assert values["shutdown_status"] == "output_disabled"
    assert values["reason_for_shutdown"] == "short_circuit"


def test_dc_component_driver_status_2(spec: RvcSpec) -> None:
    # Table 6.50.2b. Every driver (index 0) at 85 °C: 358 / 0.03125 = 11456 =
    # 0x2CC0; byte 4 0x21: warning (1), H-bridge (2); byte 5 0xFC normal.
    assert decode(spec, 0x196E4040, "FF00C02C21FCFFFF") == {
        "instance": None,
        "driver_index": 0,
        "temperature": 85.0,
        "temperature_warning": "warning",
        "driver_type": "h_bridge",
        "undercurrent": "normal",
        "peak_temperature_at_last_shutdown": None,
    }


def test_dc_component_driver_status_3_and_4(spec: RvcSpec) -> None:
    # Table 6.50.3b: 3 shutdowns; 25 A: 1625 / 0.05 = 32500 = 0x7EF4; 11.2 V =
    # 224 = 0x00E0.
    assert decode(spec, 0x196D4040, "FF010300F47EE000") == {
        "instance": None,
        "driver_index": 1,
        "shutdown_count": 3,
        "peak_current_at_last_shutdown": 25.0,
        "voltage_at_last_shutdown": 11.2,
    }
    # Table 6.50.4b: 1500 cycles = 0x05DC; 100000 min = 0x000186A0.
    assert decode(spec, 0x196C4040, "FF01DC05A0860100") == {
        "instance": None,
        "driver_index": 1,
        "on_cycle_count": 1500,
        "channel_on_time": 100000,
    }
    assert decode(spec, 0x196C4040, "FF01FFFFFFFFFFFF")["channel_on_time"] is None


def test_dc_component_driver_status_5(spec: RvcSpec) -> None:
    # Table 6.50.5b. 2024 (0x18 + 2000)-06-15 13:45:30.
    assert decode(spec, 0x196B4040, "FF0118060F0D2D1E") == {
        "instance": None,
        "driver_index": 1,
        "last_shutdown_year": 2024,
        "last_shutdown_month": 6,
        "last_shutdown_day": 15,
        "last_shutdown_hour": 13,
        "last_shutdown_minute": 45,
        "last_shutdown_second": 30,
    }


def test_dc_component_driver_settings(spec: RvcSpec) -> None:
    # Table 6.50.6b: 15 A: 1615 / 0.05 = 32300 = 0x7E2C; 50 us = 5000 * 10 ns
    # = 0x1388; 100 ms = 1000 * 0.1 ms = 0x03E8.
    assert decode(spec, 0x196A4040, "FF012C7E8813E803") == {
        "instance": None,
        "driver_index": 1,
        "overcurrent_shutdown_threshold": 15.0,
        "overcurrent_time_threshold_instantaneous": 50.0,
        "overcurrent_time_threshold_filtered": 100.0,
    }
    # Table 6.50.7b: 105 °C: 378 / 0.03125 = 12096 = 0x2F40; 16 V = 320 =
    # 0x0140; 10.5 V = 210 = 0x00D2.
    assert decode(spec, 0x19694040, "FF01402F4001D200") == {
        "instance": None,
        "driver_index": 1,
        "temperature_shutdown_threshold": 105.0,
        "over_voltage_shutdown_threshold": 16.0,
        "low_voltage_shutdown_threshold": 10.5,
    }


def test_dc_component_driver_status_6(spec: RvcSpec) -> None:
    # Table 6.50.11b. Byte 2 0b11_11_00_01: forward, not pulsing, no locking,
    # no command timeout (11b has a meaning in each); 0x96 = 75 % PWM; 10 s
    # of delay; duration 243 = 5 + 2 = 7 minutes; override inactive.
    assert decode(spec, 0x19634040, "FF01F1960AF3FCFF") == {
        "instance": None,
        "driver_index": 1,
        "driver_direction": "forward",
        "driver_pulsing": "not_pulsing",
        "lock_status": "locking_not_supported",
        "command_timeout": "no_command_timeout",
        "pwm_duty": 75.0,
        "delay_remaining": 10,
        "duration_remaining": "7_minutes",
        "override_input": "inactive",
    }
    values = decode(spec, 0x19634040, "FF01FFFF00FFFFFF")
    assert values["driver_direction"] == "not_active"
    assert values["driver_pulsing"] == "pulsing_not_supported"
    assert values["pwm_duty"] is None  # no PWM
    assert values["delay_remaining"] == "expired"
    assert values["duration_remaining"] is None  # no duration command
    assert values["override_input"] is None


def test_dc_component_driver_command_goes_to_the_device_dsa(spec: RvcSpec) -> None:
    # Table 6.50.10b: reset (1) every driver (index 0) of instance 1 of the
    # generator: DGN 16040h, destination field 0x40.
    frame = encode(
        spec,
        "DC_COMPONENT_DRIVER_COMMAND",
        {"instance": 1, "driver_index": 0, "command": "reset_driver"},
        source=0x80,
        destination=0x40,
    )
    assert frame.arbitration_id == 0x19604080
    assert frame.data.hex().upper() == "010001FFFFFFFFFF"
    record = Decoder(spec).decode(frame.arbitration_id, frame.data)
    assert record is not None
    assert (record.dgn, record.destination) == (0x16000, 0x40)
    assert record.values["command"] == "reset_driver"


@pytest.mark.parametrize(
    ("name", "values", "expected"),
    [
        ("DC_COMPONENT_DRIVER_COMMAND",
         {"instance": 1, "driver_index": 2, "command": "enter_diagnostic_mode"},
         "010204FFFFFFFFFF"),
        # Table 6.50.6b, all instances and drivers: 15 A = 0x7E2C.
        ("DC_COMPONENT_DRIVER_SETTINGS_COMMAND_1",
         {"instance": 0, "driver_index": 0, "overcurrent_shutdown_threshold": 15},
         "00002C7EFFFFFFFF"),
        # Table 6.50.7b: low voltage shutdown 10.5 V = 0x00D2.
        ("DC_COMPONENT_DRIVER_SETTINGS_COMMAND_2",
         {"instance": 1, "driver_index": 2, "low_voltage_shutdown_threshold": 10.5},
         "0102FFFFFFFFD200"),
    ],
)  # fmt: skip
def test_dc_driver_commands(
    spec: RvcSpec, name: str, values: dict[str, FieldInput], expected: str
) -> None:
    assert encode(spec, name, values, source=0x80).data.hex().upper() == expected
    assert_round_trip(spec, name, values)


def test_dc_driver_counts_above_the_old_caps_are_numbers(spec: RvcSpec) -> None:
    # Table 6.50.4b: on cycle count uint16 and channel on time uint32 (min);
    # the text allows up to the type's top codes (table 3.2.3b: 65532 and
    # 4294967292). 65000 = 0xFDE8 -> E8 FD; 0xFC000000 = 252 * 2^24 =
    # 4227858432 min -> 00 00 00 FC (the old caps were 64250 and 4211081215).
    values = decode(spec, 0x196C4040, "0101E8FD000000FC")
    assert values["on_cycle_count"] == 65000
    assert values["channel_on_time"] == 4227858432
