"""Golden vectors for dbc/water_heater.dbc: hydronic water heater and pump.

Worked out by hand from RV-C (RVIA 2023-11) section 6.9 (tables 6.9.4b,
6.9.5b, 6.9.6b and 6.9.7b). Identifiers: priority 6 << 26 | DGN << 8 | source.
"""

from __future__ import annotations

from custom_components.rvc.protocol import RvcSpec, encode

from .dbc_file_checks import assert_commands_round_trip, assert_file_loads, decode

FILE = "water_heater.dbc"


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_loads(
        spec,
        FILE,
        {
            "WATERHEATER_STATUS_2": 0x1FE99,
            "WATERHEATER_COMMAND_2": 0x1FE98,
            "CIRCULATION_PUMP_STATUS": 0x1FE97,
            "CIRCULATION_PUMP_COMMAND": 0x1FE96,
        },
    )


def test_every_command_round_trips(spec: RvcSpec) -> None:
    assert_commands_round_trip(spec, FILE)


def test_waterheater_status_2(spec: RvcSpec) -> None:
    # Byte 1 0x21: element level 1 of max 2. Byte 2 0b01_00_0000: preheat
    # off, coolant sufficient, heating priority. Byte 3 0b00_00_01_01: burner
    # and its indicator on, both elements off. Byte 4 0b01_01_00_00: burner
    # temperature warning, input active. Byte 5 0b11_00_00_00: indicator
    # normal. Byte 6 0xFF: low element n/a. Byte 7 0b11_11_11_01: high
    # element overcurrent, the rest n/a.
    assert decode(spec, 0x19FE9958, "0121400550C0FFFD") == {
        "instance": 1,
        "electric_element_level": 1,
        "max_electric_element_level": 2,
        "engine_preheat": "off",
        "coolant_level_warning": "sufficient",
        "hot_water_priority": "heating",
        "burner_output_status": "on",
        "burner_indicator_output_status": "on",
        "electric_low_output_status": "off",
        "electric_high_output_status": "off",
        "burner_overcurrent_status": "normal",
        "burner_undercurrent_status": "normal",
        "burner_temperature_status": "warning",
        "burner_input_status": "active",
        "burner_indicator_overcurrent_status": "normal",
        "burner_indicator_undercurrent_status": "normal",
        "burner_indicator_temperature_status": "normal",
        "electric_low_element_overcurrent_status": None,
        "electric_low_element_undercurrent_status": None,
        "electric_low_element_temperature_status": None,
        "electric_low_element_input_status": None,
        "electric_high_element_overcurrent_status": "overcurrent",
        "electric_high_element_undercurrent_status": None,
        "electric_high_element_temperature_status": None,
        "electric_high_element_input_status": None,
    }


def test_waterheater_command_2(spec: RvcSpec) -> None:
    # Command 8 burner toggle; preheat (byte 1) left alone.
    frame = encode(
        spec,
        "WATERHEATER_COMMAND_2",
        {"instance": 1, "command": "burner_toggle"},
        source=1,
    )
    assert frame.arbitration_id == 0x19FE9801
    assert frame.data.hex().upper() == "01FF08FFFFFFFFFF"
    # Instance 0 (all); byte 1 0xF5: preheat 0101b test; command 12.
    assert decode(spec, 0x19FE9801, "00F50CFFFFFFFFFF") == {
        "instance": 0,
        "engine_preheat": "test",
        "command": "electric_high_test_toggle",
    }


def test_circulation_pump_status(spec: RvcSpec) -> None:
    # Byte 1 0xF1: output on. Byte 2 0b11_01_00_00: no over- or undercurrent,
    # temperature warning.
    assert decode(spec, 0x19FE9758, "01F1D0FFFFFFFFFF") == {
        "instance": 1,
        "output_status": "on",
        "pump_overcurrent_status": "normal",
        "pump_undercurrent_status": "normal",
        "pump_temperature_status": "warning",
    }
    assert decode(spec, 0x19FE9758, "01FFFFFFFFFFFFFF")["output_status"] is None


def test_circulation_pump_command(spec: RvcSpec) -> None:
    # Output mode 0101b: test (forced on), upper bits of byte 1 ones.
    frame = encode(
        spec,
        "CIRCULATION_PUMP_COMMAND",
        {"instance": 1, "output_mode": "test"},
        source=1,
    )
    assert frame.arbitration_id == 0x19FE9601
    assert frame.data.hex().upper() == "01F5FFFFFFFFFFFF"
