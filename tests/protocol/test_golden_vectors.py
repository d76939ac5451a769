"""Golden vectors: rvc.dbc against the DG definition tables of RV-C 2023-11.

The frames of its 43 DGNs are worked out by hand, by family, in
test_golden_rvc_lighting.py, _climate, _plumbing, _power, _coach and
_network. Here: every DGN at its number, with the default priority and the
broadcast gaps its DG definition table gives.
"""

from __future__ import annotations

import pytest

from custom_components.rvc.protocol import Decoder, RvcSpec

from .dbc_group import assert_group_loads

# Name: (DGN, default priority, maximum gap s, normal gap s); None is N/A,
# "on change" or "as needed". Section and table of each DG definition.
RVC_DBC = {
    "DC_DIMMER_STATUS_3": (0x1FEDA, 6, None, None),  # 6.24.4a
    "DC_DIMMER_COMMAND_2": (0x1FEDB, 6, None, None),  # 6.24.6a
    "DC_LOAD_STATUS": (0x1FFBD, 6, None, None),  # 6.23.2
    "DC_LOAD_COMMAND": (0x1FFBC, 6, None, None),  # 6.23.4
    "TANK_STATUS": (0x1FFB7, 6, 5.0, None),  # 6.28.2a
    "THERMOSTAT_STATUS_1": (0x1FFE2, 6, 5.0, 2.0),  # 6.16.2a
    "THERMOSTAT_COMMAND_1": (0x1FEF9, 6, None, None),  # 6.16.4a
    "THERMOSTAT_AMBIENT_STATUS": (0x1FF9C, 6, 5.0, None),  # 6.16.11a
    "FURNACE_STATUS": (0x1FFE4, 6, 5.0, None),  # 6.15.2a
    "FURNACE_COMMAND": (0x1FFE3, 6, None, None),  # 6.15.3
    "AIR_CONDITIONER_STATUS": (0x1FFE1, 6, 5.0, 2.0),  # 6.17.2a (5 s manual)
    "AIR_CONDITIONER_COMMAND": (0x1FFE0, 6, None, None),  # 6.17.4
    "ROOF_FAN_STATUS_1": (0x1FEA7, 6, 5.0, 5.0),  # 6.46.2a
    "ROOF_FAN_COMMAND_1": (0x1FEA6, 6, None, None),  # 6.46.4a
    "WATERHEATER_STATUS": (0x1FFF7, 6, 5.0, 2.0),  # 6.9.2a
    "WATERHEATER_COMMAND": (0x1FFF6, 6, None, None),  # 6.9.3a
    "WATER_PUMP_STATUS": (0x1FFB3, 6, 5.0, None),  # 6.29.2a
    "WATER_PUMP_COMMAND": (0x1FFB2, 6, None, None),  # 6.29.3a
    "DC_SOURCE_STATUS_1": (0x1FFFD, 6, None, 0.5),  # 6.5.2a
    "DC_SOURCE_STATUS_2": (0x1FFFC, 6, None, 0.5),  # 6.5.3a
    "DC_SOURCE_STATUS_3": (0x1FFFB, 6, None, 0.5),  # 6.5.4a
    "INVERTER_STATUS": (0x1FFD4, 6, None, 0.5),  # 6.19.8a
    "INVERTER_AC_STATUS_1": (0x1FFD7, 6, 0.5, 0.1),  # 6.19.3
    "CHARGER_STATUS": (0x1FFC7, 6, 5.0, 5.0),  # 6.20.8a
    "CHARGER_AC_STATUS_1": (0x1FFCA, 6, None, 0.5),  # 6.20.3 (5 s idle)
    "GENERATOR_STATUS_1": (0x1FFDC, 6, 5.0, 1.0),  # 6.18.23a (5 s stopped)
    "GENERATOR_COMMAND": (0x1FFDA, 6, None, None),  # 6.18.25a
    "ATS_AC_STATUS_1": (0x1FFAD, 3, 5.0, 0.5),  # 6.32.2a
    "CHASSIS_MOBILITY_STATUS": (0x1FFF4, 4, 5.0, None),  # 6.11.2a
    "GAS_SENSOR_STATUS": (0x1FFF5, 2, 5.0, None),  # 6.10.2a
    "DATE_TIME_STATUS": (0x1FFFF, 6, 1.0, 1.0),  # 6.4.2a
    "AWNING_STATUS": (0x1FEF3, 6, None, None),  # 6.38.2a
    "AWNING_COMMAND": (0x1FEF2, 3, None, None),  # 6.38.3a
    "SLIDE_STATUS": (0x1FFE8, 6, None, None),  # 6.14.1a
    "SLIDE_COMMAND": (0x1FFE7, 3, None, None),  # 6.14.2a
    # 3.2.5.1a: every 5 s when no other status is sent, faster with faults.
    "DM_RV": (0x1FECA, 6, 5.0, None),
    "PRODUCT_IDENTIFICATION": (0x0FEEB, 6, None, None),  # 3.2.8
    "ADDRESS_CLAIMED": (0x0EE00, 6, None, None),  # 3.3.2b
    "ISO_REQUEST": (0x0EA00, 6, None, None),  # 3.2.4.3a
    "TP_CM": (0x0EC00, 6, None, None),  # 3.2.7.1a (the carried DGN's)
    "TP_DT": (0x0EB00, 6, 0.5, None),  # 3.2.7.2a
    "ACKNOWLEDGMENT": (0x0E800, 6, None, None),  # 3.2.4.4a
    "MFG_SPECIFIC_CLAIM_REQUEST": (0x1FED6, 6, None, None),  # 3.3.4a
}


def test_rvc_dbc_holds_its_dgns_at_their_numbers(spec: RvcSpec) -> None:
    assert_group_loads(spec, "rvc.dbc", set(RVC_DBC))
    for name, (dgn, _, _, _) in RVC_DBC.items():
        assert spec.message(name).dgn == dgn, name


@pytest.mark.parametrize("name", sorted(RVC_DBC))
def test_priority_and_broadcast_gaps(spec: RvcSpec, name: str) -> None:
    message = spec.message(name)
    _, priority, max_gap, normal_gap = RVC_DBC[name]
    assert (
        message.priority,
        message.max_broadcast_gap,
        message.normal_broadcast_gap,
    ) == (
        priority,
        max_gap,
        normal_gap,
    )


def test_priority_and_source_come_from_the_identifier(spec: RvcSpec) -> None:
    record = Decoder(spec).decode(0x0DFFB7FE, bytes.fromhex("0002040000FFFFFF"))
    assert record is not None
    assert (record.priority, record.source, record.name) == (3, 0xFE, "TANK_STATUS")
