"""Golden vectors for dbc/leveling.dbc and dbc/step.dbc: leveling and entry step.

Worked out by hand from RV-C (RVIA 2023-11) sections 6.13 and 6.48.
Identifiers: priority << 26 | DGN << 8 | source; leveling status DGNs and
STEP_STATUS have default priority 3 (0x0C000000), e.g. 0x0DFFED51 is
LEVELING_CONTROL_STATUS (1FFEDh) from 0x51 (81, the leveling controller).
Pitch and roll: uint16, 1/128 deg per bit, offset -200 deg.
"""

from __future__ import annotations

from custom_components.rvc.protocol import RvcSpec, encode

from .dbc_file_checks import assert_commands_round_trip, assert_file_loads, decode


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_loads(
        spec,
        "leveling.dbc",
        {
            "LEVELING_CONTROL_STATUS": 0x1FFED,
            "LEVELING_CONTROL_COMMAND": 0x1FFEE,
            "LEVELING_JACK_STATUS": 0x1FFEC,
            "LEVELING_SENSOR_STATUS": 0x1FFEB,
            "LEVELING_SENSOR_PITCH_CONFIG_STATUS": 0x1FDE9,
            "LEVELING_SENSOR_ROLL_CONFIG_STATUS": 0x1FDEB,
            "LEVELING_SENSOR_PITCH_CONFIG_COMMAND": 0x1FDE8,
            "LEVELING_SENSOR_ROLL_CONFIG_COMMAND": 0x1FDEA,
            "HYDRAULIC_PUMP_STATUS": 0x1FFEA,
            "HYDRAULIC_PUMP_COMMAND": 0x1FEBC,
            "LEVELING_AIR_STATUS": 0x1FFE9,
        },
    )
    assert_file_loads(
        spec, "step.dbc", {"STEP_STATUS": 0x1FE89, "STEP_COMMAND": 0x1FE88}
    )


def test_every_command_round_trips(spec: RvcSpec) -> None:
    assert_commands_round_trip(spec, "leveling.dbc")
    assert_commands_round_trip(spec, "step.dbc")


def test_leveling_control_status(spec: RvcSpec) -> None:
    # Table 6.13.2b. Mode 8 automatic hydraulic leveling. Byte 1 0b11_00_00_01:
    # stabilisation in process. Byte 2 0b11_01_00_00: master warning. Bytes 3
    # and 4 0b01_00_01_00: every corner extending, none retracting. Byte 5
    # 0xFF: middle jacks n/a. Byte 6 0xF0: tongue idle. Byte 7 0b00_01_00_00:
    # locked out by low voltage only.
    assert decode(spec, 0x0DFFED51, "08C1D04444FFF010") == {
        "operating_mode": "automatic_hydraulic_leveling",
        "automatic_jack_stabilization": "in_process",
        "air_leveling_sleep_mode": "active",
        "air_releveling": "inactive",
        "excessive_slope_initial_warning": "no_warning",
        "excessive_slope_final_warning": "no_warning",
        "master_warning": "warning",
        "left_rear_retract": "off",
        "left_rear_extend": "on",
        "right_front_retract": "off",
        "right_front_extend": "on",
        "right_rear_retract": "off",
        "right_rear_extend": "on",
        "left_front_retract": "off",
        "left_front_extend": "on",
        "left_middle_retract": None,
        "left_middle_extend": None,
        "right_middle_retract": None,
        "right_middle_extend": None,
        "tongue_retract": "off",
        "tongue_extend": "off",
        "park_brake_lockout": "may_operate",
        "ignition_lockout": "may_operate",
        "low_voltage_lockout": "locked_out",
        "other_lockout": "may_operate",
    }


def test_leveling_control_command(spec: RvcSpec) -> None:
    # Table 6.13.3b: mode 71 (0x47) manual hydraulic four point; extend the
    # left front jack: byte 2 bits 6-7 01b, the rest ones = 0x7F.
    frame = encode(
        spec,
        "LEVELING_CONTROL_COMMAND",
        {"operating_mode": "manual_hydraulic_four_point", "left_front_extend": "on"},
        source=1,
        priority=3,
    )
    assert frame.arbitration_id == 0x0DFFEE01
    assert frame.data.hex().upper() == "47FF7FFFFFFFFFFF"


def test_leveling_jack_status(spec: RvcSpec) -> None:
    # Table 6.13.4b. Byte 0 0x40: straight acting (0), 4 jacks. Byte 1 0x55:
    # all four extended. Byte 3 0b00_00_01_01: left rear and right front bear
    # weight. Auxiliary jacks n/a.
    assert decode(spec, 0x0DFFEC52, "4055FF05FFFFFFFF") == {
        "jack_type": "straight_acting",
        "number_of_jacks": 4,
        "left_rear_extension": "extended",
        "right_front_extension": "extended",
        "right_rear_extension": "extended",
        "left_front_extension": "extended",
        "auxiliary_jack_1_extension": None,
        "auxiliary_jack_2_extension": None,
        "auxiliary_jack_3_extension": None,
        "auxiliary_jack_4_extension": None,
        "left_rear_stability": "bearing_weight",
        "right_front_stability": "bearing_weight",
        "right_rear_stability": "no_load",
        "left_front_stability": "no_load",
        "auxiliary_jack_1_stability": None,
        "auxiliary_jack_2_stability": None,
        "auxiliary_jack_3_stability": None,
        "auxiliary_jack_4_stability": None,
    }


def test_leveling_sensor_status(spec: RvcSpec) -> None:
    # Table 6.13.5b. Byte 0 0b01_00_00_01: driver side and rear low. Pitch
    # -1.5 deg: 198.5 * 128 = 25408 = 0x6340 -> 40 63; roll 0.25 deg: 200.25
    # * 128 = 25632 = 0x6420 -> 20 64; secondary pitch n/a; instance 0xFF
    # (single sensor system) is n/a.
    assert decode(spec, 0x0DFFEB51, "4140632064FFFFFF") == {
        "driver_side_attitude": "below_level",
        "front_attitude": "at_or_above_level",
        "passenger_side_attitude": "at_or_above_level",
        "rear_attitude": "below_level",
        "pitch": -1.5,
        "roll": 0.25,
        "secondary_pitch": None,
        "instance": None,
    }


def test_leveling_sensor_configuration(spec: RvcSpec) -> None:
    # Tables 6.13.6b/7b: sensor 1; out of level at 2 deg: 202 * 128 = 25856 =
    # 0x6500 -> 00 65; level again within 0.5 deg: 200.5 * 128 = 25664 =
    # 0x6440 -> 40 64; byte 5 0xFC: zero point, no action.
    assert decode(spec, 0x19FDE951, "0100654064FCFFFF") == {
        "instance": 1,
        "out_of_level_pitch": 2.0,
        "within_level_pitch": 0.5,
        "set_relative_zero_point": "no_action",
    }
    assert decode(spec, 0x19FDEB51, "0100654064FCFFFF") == {
        "instance": 1,
        "out_of_level_roll": 2.0,
        "within_level_roll": 0.5,
        "set_relative_zero_point": "no_action",
    }
    # Table 6.13.8a: zero every sensor's pitch here (instance 0, 01b).
    frame = encode(
        spec,
        "LEVELING_SENSOR_PITCH_CONFIG_COMMAND",
        {"instance": 0, "set_relative_zero_point": "set"},
        source=1,
    )
    assert frame.arbitration_id == 0x19FDE801
    assert frame.data.hex().upper() == "00FFFFFFFFFDFFFF"


def test_hydraulic_pump(spec: RvcSpec) -> None:
    # Table 6.13.9b. Byte 0 0b01_00_01_00: minimum pressure attained, running.
    # Byte 1 0xFC: forward. 12.8 V / 0.05 = 256 = 0x0100 -> 00 01; 0x2D =
    # 45 A; 0x64 = 100 - 40 = 60 degC.
    assert decode(spec, 0x19FFEA52, "44FC00012D64FFFF") == {
        "high_pressure_switch": "inactive",
        "minimum_pressure_switch": "minimum_pressure_attained",
        "low_fluid_switch": "inactive",
        "pump_run_status": "running",
        "pump_direction": "forward",
        "voltage": 12.8,
        "current": 45,
        "motor_temperature": 60,
    }
    # Table 6.13.10b: run (01b) forward (00b): 0b11_11_00_01 = 0xF1.
    frame = encode(
        spec,
        "HYDRAULIC_PUMP_COMMAND",
        {"pump_run": "on", "pump_direction": "forward"},
        source=1,
    )
    assert frame.arbitration_id == 0x19FEBC01
    assert frame.data.hex().upper() == "F1FFFFFFFFFFFFFF"


def test_leveling_air_status(spec: RvcSpec) -> None:
    # Table 6.13.11b. Byte 0 0b00_01_00_00: right rear bag low. Byte 1 0xF0:
    # tag axle both ok. Byte 2 0xFD: system pressure low.
    assert decode(spec, 0x0DFFE953, "10F0FDFFFFFFFFFF") == {
        "left_rear_air_bag_pressure": "ok",
        "right_front_air_bag_pressure": "ok",
        "right_rear_air_bag_pressure": "low",
        "left_front_air_bag_pressure": "ok",
        "tag_axle_left_air_pressure": "ok",
        "tag_axle_right_air_pressure": "ok",
        "system_air_pressure": "low",
    }


def test_step_status(spec: RvcSpec) -> None:
    # Table 6.48.1b, from 0x93 (147): step 1 follows the door (1), extending
    # (2), at 0x64 = 50 %; byte 4 0b1111_01_00: front face obstructed.
    assert decode(spec, 0x0DFE8993, "01010264F4FFFFFF") == {
        "instance": 1,
        "step_operation_mode": "with_door",
        "motion": "extending",
        "position": 50.0,
        "obstruction_sensor_bottom": "clear",
        "obstruction_sensor_front_face": "obstructed",
    }
    assert decode(spec, 0x0DFE8993, "01FFFFFFFFFFFFFF")["position"] is None


def test_step_command(spec: RvcSpec) -> None:
    # Table 6.48.2b: retract (3) step 1, mode unchanged.
    frame = encode(
        spec,
        "STEP_COMMAND",
        {"instance": 1, "direction_of_movement": "retract"},
        source=1,
    )
    assert frame.arbitration_id == 0x19FE8801
    assert frame.data.hex().upper() == "01FF03FFFFFFFFFF"
