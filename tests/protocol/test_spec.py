"""The DBC file: every DGN loads, sits at its DGN and fits its transport."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from custom_components.rvc.protocol import RvcSpec, load_spec, parse_frame_id
from custom_components.rvc.protocol.spec import DBC_DIR, DGN_FRAME_ID_MASK

if TYPE_CHECKING:
    from pathlib import Path

# The DGNs a typical coach uses (RV-C); each must be in the DBC at this number.
TYPICAL_COACH = {
    "DC_DIMMER_STATUS_3": 0x1FEDA,
    "DC_DIMMER_COMMAND_2": 0x1FEDB,
    "TANK_STATUS": 0x1FFB7,
    "THERMOSTAT_STATUS_1": 0x1FFE2,
    "THERMOSTAT_COMMAND_1": 0x1FEF9,
    "THERMOSTAT_AMBIENT_STATUS": 0x1FF9C,
    "FURNACE_STATUS": 0x1FFE4,
    "FURNACE_COMMAND": 0x1FFE3,
    "AIR_CONDITIONER_STATUS": 0x1FFE1,
    "AIR_CONDITIONER_COMMAND": 0x1FFE0,
    "ROOF_FAN_STATUS_1": 0x1FEA7,
    "ROOF_FAN_COMMAND_1": 0x1FEA6,
    "WATERHEATER_STATUS": 0x1FFF7,
    "WATERHEATER_COMMAND": 0x1FFF6,
    "WATER_PUMP_STATUS": 0x1FFB3,
    "WATER_PUMP_COMMAND": 0x1FFB2,
    "DC_SOURCE_STATUS_1": 0x1FFFD,
    "DC_SOURCE_STATUS_2": 0x1FFFC,
    "DC_SOURCE_STATUS_3": 0x1FFFB,
    "INVERTER_STATUS": 0x1FFD4,
    "INVERTER_AC_STATUS_1": 0x1FFD7,
    "CHARGER_STATUS": 0x1FFC7,
    "CHARGER_AC_STATUS_1": 0x1FFCA,
    "GENERATOR_STATUS_1": 0x1FFDC,
    "GENERATOR_COMMAND": 0x1FFDA,
    "ATS_AC_STATUS_1": 0x1FFAD,
    "CHASSIS_MOBILITY_STATUS": 0x1FFF4,
    "GAS_SENSOR_STATUS": 0x1FFF5,
    "DATE_TIME_STATUS": 0x1FFFF,
    "DM_RV": 0x1FECA,
    "PRODUCT_IDENTIFICATION": 0x0FEEB,
    "ADDRESS_CLAIMED": 0x0EE00,
    "ISO_REQUEST": 0x0EA00,
    "TP_CM": 0x0EC00,
    "TP_DT": 0x0EB00,
}


# DGNs whose DG definition gives a default priority other than 6.
def test_every_typical_coach_dgn_is_in_the_dbc(spec: RvcSpec) -> None:
    assert {name: spec.message(name).dgn for name in TYPICAL_COACH} == TYPICAL_COACH


# The DG definition tables' default priority where it is not 6.
DEFAULT_PRIORITIES = {
    "AWNING_COMMAND": 3,  # table 6.38.3a
    "SLIDE_COMMAND": 3,  # table 6.14.2a
    "CHASSIS_MOBILITY_STATUS": 4,  # table 6.11.2a
    "GAS_SENSOR_STATUS": 2,  # table 6.10.2a
    "CELL_DETAIL": 7,  # table 6.49.16a (section 6.49.16)
    "CHASSIS_MOBILITY_STATUS_2": 4,  # section 6.11
    "CHASSIS_MOBILITY_COMMAND": 4,  # section 6.11
    "SUSPENSION_AIR_PRESSURE_STATUS": 3,  # section 6.12
    "LEVELING_CONTROL_STATUS": 3,  # section 6.13
    "LEVELING_CONTROL_COMMAND": 3,  # section 6.13
    "LEVELING_JACK_STATUS": 3,  # section 6.13
    "LEVELING_SENSOR_STATUS": 3,  # section 6.13
    "LEVELING_AIR_STATUS": 3,  # section 6.13
    "SET_DATE_TIME_COMMAND": 5,  # section 6.4
    "GPS_DATE_TIME_STATUS": 5,  # section 6.4
    "STEP_STATUS": 3,  # section 6.48
    "DEVICE_STATE_SYNCHRONIZATION": 1,  # section 6.2
    "COMMUNICATION_STATUS_1": 7,  # section 6.6
    "COMMUNICATION_STATUS_2": 7,  # section 6.6
    "COMMUNICATION_STATUS_3": 7,  # section 6.6
    "VALVE_COMMAND": 3,  # section 6.51
    "TV_LIFT_COMMAND": 3,  # section 6.53
    "ATS_AC_STATUS_1": 3,  # table 6.32.2a
}


@pytest.mark.parametrize(
    ("name", "max_gap", "normal_gap"),
    [
        ("DATE_TIME_STATUS", 1.0, 1.0),  # 1000 ms both
        ("INVERTER_AC_STATUS_1", 0.5, 0.1),  # 500 ms / 100 ms
        ("TANK_STATUS", 5.0, None),  # 5000 ms / on change
        ("DC_SOURCE_STATUS_1", None, 0.5),  # N/A / 500 ms
        ("DC_DIMMER_STATUS_3", None, None),  # N/A / on change
        ("DC_DIMMER_COMMAND_2", None, None),  # commands: as needed
    ],
)
def test_broadcast_gaps_of_the_dg_definition_tables(
    spec: RvcSpec, name: str, max_gap: float | None, normal_gap: float | None
) -> None:
    message = spec.message(name)
    assert (message.max_broadcast_gap, message.normal_broadcast_gap) == (
        max_gap,
        normal_gap,
    )


def test_every_message_loads_with_its_dgn_and_fits(spec: RvcSpec) -> None:
    assert len(spec.database.messages) == len(spec.messages)
    for message in spec.database.messages:
        assert message.is_extended_frame, message.name
        parts = parse_frame_id(message.frame_id)
        assert spec.by_dgn(parts.dgn) is spec.messages[message.name]
        assert parts.priority == DEFAULT_PRIORITIES.get(message.name, 6), message.name
        assert parts.source == 0, message.name
        described = spec.messages[message.name]
        assert message.length <= 8 or described.multi_packet, message.name
        for signal in message.signals:
            assert signal.start + signal.length <= message.length * 8 or (
                signal.byte_order == "big_endian"
            ), (message.name, signal.name)


def test_frame_id_mask_ignores_priority_and_source(spec: RvcSpec) -> None:
    assert DGN_FRAME_ID_MASK == 0x01FFFF00
    message = spec.database.get_message_by_frame_id(0x0DFEDA99)
    assert message.name == "DC_DIMMER_STATUS_3"


def test_field_ranges_stay_clear_of_special_values(spec: RvcSpec) -> None:
    """A valid physical value must never encode to an error or n/a code."""
    for message in spec.messages.values():
        for field in message.fields:
            if field.is_enumeration or not field.has_special_values:
                continue
            top = round((field.maximum - field.offset) / field.scale)
            assert top == field.raw_maximum < field.type_codes_from, (
                message.name,
                field.name,
            )


def test_command_names(spec: RvcSpec) -> None:
    assert "DC_DIMMER_COMMAND_2" in spec.command_names
    assert "DC_DIMMER_STATUS_3" not in spec.command_names


def test_a_dgn_defined_in_two_files_is_refused(tmp_path: Path) -> None:
    source = DBC_DIR / "rvc.dbc"
    for name in ("a.dbc", "b.dbc"):
        (tmp_path / name).write_text(source.read_text())
    with pytest.raises(ValueError, match="defined twice"):
        load_spec(tmp_path)


def test_every_dbc_file_of_the_directory_is_read(tmp_path: Path) -> None:
    core = (DBC_DIR / "rvc.dbc").read_text()
    (tmp_path / "a_core.dbc").write_text(core)
    # A second file with one more DGN (1FD00h, unused by RV-C), as a group file is.
    (tmp_path / "b_extra.dbc").write_text(
        'VERSION ""\n\nNS_ :\n\nBS_:\n\nBU_:\n\n'
        "BO_ 2583494656 EXTRA_STATUS: 8 Vector__XXX\n"
        ' SG_ instance : 0|8@1+ (1,0) [0|250] "" Vector__XXX\n'
    )
    spec = load_spec(tmp_path)
    assert spec.message("EXTRA_STATUS").dgn == 0x1FD00
    assert spec.message("TANK_STATUS").dgn == 0x1FFB7
    assert set(spec.messages) - set(load_spec().messages) == {"EXTRA_STATUS"}
