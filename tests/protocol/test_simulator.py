"""The simulated coach's devices obey RV-C commands as real ones do."""

from __future__ import annotations

import asyncio
from typing import Any

import can
import pytest

from custom_components.rvc.protocol import (
    BusConfig,
    BusSession,
    Decoder,
    RvcRecord,
    RvcSpec,
    encode,
)
from custom_components.rvc.protocol.simulator import (
    AcRelayModule,
    Awnings,
    Battery,
    BatteryMonitor,
    CoachSimulator,
    DimmerModule,
    DoorLocks,
    Heater,
    HydronicHeat,
    PowerCenter,
    Product,
    RelayModule,
    RoofFan,
    Slides,
    Tank,
    TankSensor,
    Thermostat,
    WaterHeater,
    WindowShades,
    Zone,
)

PRODUCT = Product("Test", "Model", "SN1")


def dimmer_command(command: str, **values: Any) -> dict[str, Any]:
    return {"instance": 1, "command": command} | values


def level(module: DimmerModule | RelayModule, instance: int = 1) -> float:
    return module.loads[instance].level


def test_set_level_on_off_and_toggle_remember_the_level() -> None:
    dimmer = DimmerModule(0x43, PRODUCT, {1: 0})
    (status,) = dimmer.command(
        "DC_DIMMER_COMMAND_2", dimmer_command("set_level", desired_level=40), 0
    )
    assert status[1]["brightness"] == 40
    assert status[1]["load_status"] == "on"
    dimmer.command(
        "DC_DIMMER_COMMAND_2", dimmer_command("off_delay", delay_duration=0), 1
    )
    assert level(dimmer) == 0
    dimmer.command("DC_DIMMER_COMMAND_2", dimmer_command("on_duration"), 2)
    assert level(dimmer) == 40
    dimmer.command("DC_DIMMER_COMMAND_2", dimmer_command("toggle"), 3)
    assert level(dimmer) == 0
    dimmer.command("DC_DIMMER_COMMAND_2", dimmer_command("toggle"), 4)
    assert level(dimmer) == 40


def test_ramp_reports_as_it_goes_and_stop_holds() -> None:
    dimmer = DimmerModule(0x43, PRODUCT, {1: 0})
    dimmer.command(
        "DC_DIMMER_COMMAND_2",
        dimmer_command("ramp_brightness", desired_level=100, delay_duration=10),
        0,
    )
    (status,) = dimmer.tick(2.5)
    assert status[1]["brightness"] == 25
    assert dimmer.tick(2.5) == []  # nothing new at the same moment
    dimmer.command("DC_DIMMER_COMMAND_2", dimmer_command("stop"), 5)
    assert level(dimmer) == 50
    assert dimmer.tick(20) == []
    assert level(dimmer) == 50


def test_delays_and_durations() -> None:
    dimmer = DimmerModule(0x43, PRODUCT, {1: 0})
    dimmer.command(
        "DC_DIMMER_COMMAND_2",
        dimmer_command("on_duration", desired_level=80, delay_duration=30),
        0,
    )
    assert level(dimmer) == 80
    assert dimmer.statuses()[0][1]["delay_duration"] == 30
    assert dimmer.tick(29) == []
    (status,) = dimmer.tick(30)
    assert status[1]["brightness"] == 0
    dimmer.command(
        "DC_DIMMER_COMMAND_2", dimmer_command("on_delay", delay_duration=5), 40
    )
    assert level(dimmer) == 0
    dimmer.tick(45)
    assert level(dimmer) == 80
    dimmer.command(
        "DC_DIMMER_COMMAND_2", dimmer_command("off_delay", delay_duration=5), 50
    )
    dimmer.tick(55)
    assert level(dimmer) == 0


@pytest.mark.parametrize(
    ("command", "start", "expected"),
    [("ramp_up", 0, 100), ("ramp_down", 60, 0), ("ramp_up_down", 60, 0),
     ("ramp_up_down", 20, 100), ("ramp_toggle", 60, 0), ("memory_off", 60, 0)],
)  # fmt: skip
def test_ramps_and_memory(command: str, start: float, expected: float) -> None:
    dimmer = DimmerModule(0x43, PRODUCT, {1: start})
    dimmer.command("DC_DIMMER_COMMAND_2", dimmer_command(command, delay_duration=2), 0)
    dimmer.tick(2)
    assert level(dimmer) == expected


def test_locked_load_ignores_commands_until_unlocked() -> None:
    dimmer = DimmerModule(0x43, PRODUCT, {1: 0})
    dimmer.command("DC_DIMMER_COMMAND_2", dimmer_command("lock"), 0)
    (status,) = dimmer.command(
        "DC_DIMMER_COMMAND_2", dimmer_command("set_level", desired_level=50), 1
    )
    assert status[1]["lock_status"] == "locked"
    assert level(dimmer) == 0
    dimmer.command("DC_DIMMER_COMMAND_2", dimmer_command("unlock"), 2)
    dimmer.command(
        "DC_DIMMER_COMMAND_2", dimmer_command("set_level", desired_level=50), 3
    )
    assert level(dimmer) == 50
    # Flash is not simulated; other instances are not ours.
    dimmer.command("DC_DIMMER_COMMAND_2", dimmer_command("flash"), 4)
    assert level(dimmer) == 50
    assert (
        dimmer.command("DC_DIMMER_COMMAND_2", {"instance": 9, "command": "toggle"}, 5)
        == []
    )


def test_relay_is_on_or_off() -> None:
    relay = RelayModule(0x44, PRODUCT, {20: 0})
    (status,) = relay.command(
        "DC_LOAD_COMMAND",
        {"instance": 20, "command": "set_level", "desired_level": 30},
        0,
    )
    assert status == (
        "DC_LOAD_STATUS",
        {
            "instance": 20, "group": 0, "operating_status": 100.0,
            "operating_mode": "automatic", "variable_level": "not_variable",
            "priority": 0, "delay": None, "demanded_current": None, "present_current": None,
        },
    )  # fmt: skip
    relay.command("DC_LOAD_COMMAND", {"instance": 20, "command": "ramp_down"}, 1)
    assert level(relay, 20) == 0


def test_ac_relay_answers_with_ac_load_status() -> None:
    relay = AcRelayModule(0x50, PRODUCT, {1: 0, 2: 100})
    assert relay.command_dgns == {"AC_LOAD_COMMAND"}
    (status,) = relay.command(
        "AC_LOAD_COMMAND", {"instance": 1, "command": "on_duration"}, 0
    )
    assert status[0] == "AC_LOAD_STATUS"
    assert (status[1]["instance"], status[1]["operating_status"]) == (1, 100.0)
    relay.command("AC_LOAD_COMMAND", {"instance": 2, "command": "off_delay"}, 1)
    assert level(relay, 2) == 0


def test_door_locks_lock_one_door_or_all() -> None:
    doors = DoorLocks(0x51, PRODUCT, {1: True, 2: False})
    (status,) = doors.command(
        "DOOR_COMMAND", {"instance": 1, "lock_command": "unlock"}, 0
    )
    assert status == (
        "DOOR_STATUS",
        {
            "instance": 1, "lock_status": "unlocked", "motion": "no_motion",
            "position": None, "voltage": None,
        },
    )  # fmt: skip
    # Instance 0 is every lock (6.40.1); each reports its status.
    statuses = doors.command("DOOR_COMMAND", {"instance": 0, "lock_command": "lock"}, 1)
    assert [values["lock_status"] for _name, values in statuses] == ["locked"] * 2
    # No lock field (a status request, 6.40.1): nothing changes, the door reports.
    (status,) = doors.command("DOOR_COMMAND", {"instance": 2, "lock_command": None}, 2)
    assert status[1]["lock_status"] == "locked"
    assert (
        doors.command("DOOR_COMMAND", {"instance": 3, "lock_command": "lock"}, 3) == []
    )


def test_tanks_fill_and_turn_around() -> None:
    sensor = TankSensor(0x45, PRODUCT, [Tank(1, 150, 0.9, 0.01)])
    sensor.tick(0)
    sensor.tick(20)
    assert sensor.tanks[0].level == 1.0
    assert sensor.tanks[0].rate < 0
    (status,) = sensor.statuses()
    assert status[1] == {
        "instance": 1, "relative_level": 16, "resolution": 16,
        "absolute_level": 150, "tank_size": 150,
    }  # fmt: skip


def test_battery_follows_load_and_charger() -> None:
    battery = Battery(1, 100, 50.5, 10.0)
    monitor = BatteryMonitor(0x46, PRODUCT, [battery])
    power = PowerCenter(0x4D, PRODUCT, battery, shore_power=False)
    for node in (monitor, power):
        node.tick(0)
    monitor.tick(360)  # 10 A for 0.1 h: 1 Ah of 100
    assert battery.state_of_charge == pytest.approx(49.5)
    statuses = dict(monitor.statuses())
    # RV-C (6.5.2): positive current flows from the battery.
    assert statuses["DC_SOURCE_STATUS_1"]["dc_current"] == 10.0
    assert statuses["DC_SOURCE_STATUS_2"]["time_remaining"] == 297
    # Shore power: the charger bulk-charges, and the battery gains 30 A net.
    power.shore_power = True
    power.tick(360)
    assert battery.charger_amps == 40.0
    monitor.tick(720)
    assert battery.state_of_charge == pytest.approx(52.5)
    statuses = dict(monitor.statuses())
    assert statuses["DC_SOURCE_STATUS_1"]["dc_current"] == -30.0
    assert statuses["DC_SOURCE_STATUS_2"]["time_remaining"] is None
    charger = dict(power.statuses())["CHARGER_STATUS"]
    assert (charger["operating_state"], charger["charge_current"]) == ("bulk", 40.0)
    battery.state_of_charge = 90.0
    power.tick(721)
    assert dict(power.statuses())["CHARGER_STATUS"]["operating_state"] == "absorption"
    battery.state_of_charge = 99.0
    power.tick(722)
    assert battery.charger_amps == 2.0


def ats_inputs(power: PowerCenter) -> dict[str, dict[str, Any]]:
    return {
        values["source"]: values
        for name, values in power.statuses()
        if name == "ATS_AC_STATUS_1" and values["input_output"] == "input"
    }


def test_generator_starts_feeds_the_transfer_switch_and_stops() -> None:
    battery = Battery(1, 100, 70.0, 5.0)
    power = PowerCenter(0x4D, PRODUCT, battery, shore_power=False)
    power.tick(0)
    statuses = dict(power.statuses())
    assert statuses["INVERTER_STATUS"]["status"] == "invert"
    assert statuses["CHARGER_STATUS"]["operating_state"] == "not_charging"
    assert ats_inputs(power)["primary"]["rms_voltage"] == 0.0
    started = dict(power.command("GENERATOR_COMMAND", {"command": "start"}, 1))
    assert started["GENERATOR_STATUS_1"]["status"] == "preheat"
    assert power.tick(2) == []
    assert dict(power.tick(3))["GENERATOR_STATUS_1"]["status"] == "cranking"
    assert dict(power.tick(5))["GENERATOR_STATUS_1"]["status"] == "running"
    power.tick(65)
    statuses = dict(power.statuses())
    assert statuses["GENERATOR_STATUS_1"]["engine_run_time"] == 1235
    assert statuses["INVERTER_STATUS"]["status"] == "ac_passthru"
    assert ats_inputs(power)["secondary"]["rms_current"] == 6.0
    assert battery.charger_amps == 40.0
    assert power.command("GENERATOR_COMMAND", {"command": "manual_prime"}, 66) == []
    stopped = dict(power.command("GENERATOR_COMMAND", {"command": "stop"}, 66))
    assert stopped["GENERATOR_STATUS_1"]["status"] == "stopped"


def test_awnings_and_slides_move_to_where_they_are_told() -> None:
    awnings = Awnings(0x4E, PRODUCT, [1])
    (status,) = awnings.command(
        "AWNING_COMMAND", {"instance": 1, "direction": "extend"}, 0
    )
    assert status[1]["motion"] == "extending"
    (status,) = awnings.tick(5)
    assert (status[1]["position"], status[1]["motion"]) == (50.0, "extending")
    awnings.command("AWNING_COMMAND", {"instance": 1, "direction": "stop"}, 5)
    assert awnings.tick(10) == []
    awnings.command("AWNING_COMMAND", {"instance": 1, "position": 30.0}, 10)
    (status,) = awnings.tick(12)
    assert (status[1]["position"], status[1]["motion"]) == (30.0, "no_motion")
    assert awnings.command("AWNING_COMMAND", {"instance": 2}, 12) == []
    slides = Slides(0x4F, PRODUCT, [1])
    slides.command("SLIDE_COMMAND", {"instance": 1, "direction": "extend"}, 0)
    slides.tick(20)
    slides.command("SLIDE_COMMAND", {"instance": 1, "direction": "retract"}, 20)
    (status,) = slides.tick(25)
    assert (status[1]["position"], status[1]["motion"]) == (50.0, "retracting")
    assert status[1]["blocked_by_park_brake"] == "no"


def test_roof_fan_lid_opens_with_the_fan_and_on_command() -> None:
    fan = RoofFan(0x4B, PRODUCT, 1)
    lid = "dome_position"
    (status,) = fan.command("ROOF_FAN_COMMAND_1", {"instance": 1, lid: "half_open"}, 0)
    assert status[1][lid] == "half_open"
    (status,) = fan.command("ROOF_FAN_COMMAND_1", {"instance": 1, lid: "stop"}, 0)
    assert status[1][lid] == "half_open"
    fan.command("ROOF_FAN_COMMAND_1", {"instance": 1, lid: "closed"}, 0)
    (status,) = fan.command(
        "ROOF_FAN_COMMAND_1", {"instance": 1, "system_status": "on"}, 0
    )
    assert status[1][lid] == "open"


def test_node_reports_its_fault_in_dm_rv() -> None:
    node = Slides(0x4F, PRODUCT, [1])
    name, values = node.diagnostic()
    assert (name, values["spn"], values["yellow_lamp"]) == ("DM_RV", 0, "off")
    node.fault = (520, 4)
    _name, values = node.diagnostic()
    assert (values["spn"], values["fmi"], values["yellow_lamp"]) == (520, 4, "on")


def test_thermostat_obeys_and_heats() -> None:
    thermostat = Thermostat(0x47, PRODUCT, [Zone(0, "off", 20, 25, 15)])
    statuses = thermostat.command(
        "THERMOSTAT_COMMAND_1",
        {
            "instance": 0,
            "operating_mode": "heat",
            "setpoint_heat": 18.0,
            "fan_mode": None,
        },
        0,
    )
    assert statuses[0][1]["operating_mode"] == "heat"
    assert statuses[0][1]["setpoint_heat"] == 18.0
    thermostat.tick(0)
    thermostat.tick(100)
    assert thermostat.zones[0].ambient == pytest.approx(17.0)
    thermostat.tick(1000)
    assert thermostat.zones[0].ambient == 18.0
    assert thermostat.command("THERMOSTAT_COMMAND_1", {"instance": 5}, 0) == []


def test_thermostat_runs_its_furnace_and_air_conditioner() -> None:
    thermostat = Thermostat(0x47, PRODUCT, [Zone(0, "heat", 20, 25, 15)])
    changed = dict(thermostat.tick(0))
    assert changed["FURNACE_STATUS"]["heat_output_level"] == 100.0
    assert changed["AIR_CONDITIONER_STATUS"]["output_level"] == 0.0
    assert thermostat.tick(1) == []
    thermostat.command(
        "THERMOSTAT_COMMAND_1", {"instance": 0, "operating_mode": "cool"}, 1
    )
    thermostat.zones[0].ambient = 27.0
    changed = dict(thermostat.tick(2))
    assert changed["FURNACE_STATUS"]["heat_output_level"] == 0.0
    assert changed["AIR_CONDITIONER_STATUS"]["output_level"] == 100.0


def test_heat_pump_carries_the_heat_in_automatic() -> None:
    zone = Zone(1, "heat", 20, 25, 15, heat_pump="automatic")
    thermostat = Thermostat(0x47, PRODUCT, [zone])
    changed = dict(thermostat.tick(0))
    assert changed["HEAT_PUMP_STATUS"]["heat_output_level"] == 100.0
    assert changed["FURNACE_STATUS"]["heat_output_level"] == 0.0
    # Manual: the heat pump stands aside (6.17.5b) and the furnace heats.
    changed = dict(
        thermostat.command(
            "HEAT_PUMP_COMMAND", {"instance": 1, "operating_mode": "manual"}, 1
        )
    )
    assert changed["HEAT_PUMP_STATUS"]["operating_mode"] == "manual"
    assert changed["HEAT_PUMP_STATUS"]["heat_output_level"] == 0.0
    assert changed["FURNACE_STATUS"]["heat_output_level"] == 100.0
    # Zones without a heat pump ignore its command and never report one.
    plain = Thermostat(0x47, PRODUCT, [Zone(1, "heat", 20, 25, 15)])
    assert plain.command("HEAT_PUMP_COMMAND", {"instance": 1}, 0) == []
    assert "HEAT_PUMP_STATUS" not in dict(plain.statuses())


def test_hydronic_heat_warms_the_floor_and_runs_its_pump() -> None:
    node = HydronicHeat(0x5C, PRODUCT, 1)
    status = dict(node.statuses())
    assert status["FLOOR_HEAT_STATUS"]["operating_status"] == "off"
    assert status["CIRCULATION_PUMP_STATUS"]["output_status"] == "off"
    status = dict(
        node.command(
            "FLOOR_HEAT_COMMAND",
            {"instance": 1, "desired_operating_status": "on", "set_point": 18.0},
            0,
        )
    )
    assert status["FLOOR_HEAT_STATUS"]["heat_element_status"] == "on"
    assert status["CIRCULATION_PUMP_STATUS"]["output_status"] == "on"
    node.tick(0)
    changed = dict(node.tick(1000))  # the floor reached its set point
    assert changed["FLOOR_HEAT_STATUS"]["measured_temperature"] == 18.0
    assert changed["CIRCULATION_PUMP_STATUS"]["output_status"] == "off"
    status = dict(
        node.command(
            "CIRCULATION_PUMP_COMMAND", {"instance": 1, "output_mode": "test"}, 2
        )
    )
    assert status["CIRCULATION_PUMP_STATUS"]["output_status"] == "test"
    assert node.command("FLOOR_HEAT_COMMAND", {"instance": 2}, 3) == []


async def test_coach_on_a_bus_answers_requests_and_commands(spec: RvcSpec) -> None:
    loop = asyncio.get_running_loop()
    config = BusConfig("virtual", "simulator_test")
    coach_session = await loop.run_in_executor(None, BusSession.open, config)
    coach = CoachSimulator(spec, status_interval=0.2, tick_interval=0.02)
    coach.start(coach_session)
    tool = can.Bus(interface="virtual", channel="simulator_test")
    decoder = Decoder(spec)
    records: list[RvcRecord] = []

    async def receive_until(done: Any) -> None:
        async with asyncio.timeout(5):
            while not done():
                message = await loop.run_in_executor(None, tool.recv, 0.1)
                if message is not None and (record := decoder.decode_message(message)):
                    records.append(record)

    def send(name: str, values: dict[str, Any], **kwargs: Any) -> None:
        frame = encode(spec, name, values, source=0xF9, **kwargs)
        tool.send(can.Message(arbitration_id=frame.arbitration_id, data=frame.data))

    try:
        await receive_until(
            lambda: (
                {"TANK_STATUS", "DC_SOURCE_STATUS_3", "THERMOSTAT_AMBIENT_STATUS"}
                <= {r.name for r in records}
            )
        )
        send("ISO_REQUEST", {"requested_dgn": 0x0FEEB}, destination=0x44)
        await receive_until(
            lambda: any(r.name == "PRODUCT_IDENTIFICATION" for r in records)
        )
        (product,) = [r for r in records if r.name == "PRODUCT_IDENTIFICATION"]
        assert product.source == 0x44
        assert product.values["model"] == "Relay 4"
        records.clear()
        send(
            "DC_DIMMER_COMMAND_2",
            {"instance": 2, "command": "set_level", "desired_level": 30},
        )
        await receive_until(
            lambda: any(
                r.name == "DC_DIMMER_STATUS_3"
                and r.instance == 2
                and r.values["brightness"] == 30
                for r in records
            )
        )
        send(
            "ISO_REQUEST", {"requested_dgn": 0x1FFB7}
        )  # not product identification: ignored
        send(
            "ISO_REQUEST", {"requested_dgn": 0x0FEEB}, destination=0x10
        )  # nobody there
    finally:
        await coach.async_stop()
        await coach_session.async_close()
        tool.shutdown()
    assert coach.frames_sent > 0


def test_water_heater_obeys_and_heats() -> None:
    node = WaterHeater(0x48, PRODUCT, [Heater(1, "off", 50.0, 30.0)])
    (status,) = node.command(
        "WATERHEATER_COMMAND",
        {"instance": 1, "operating_mode": "electric", "setpoint_temperature": None},
        0,
    )
    assert status[1]["operating_mode"] == "electric"
    assert status[1]["setpoint_temperature"] == 50.0
    assert status[1]["ac_element_status"] == "active"
    node.tick(0)
    node.tick(100)
    assert node.heaters[1].water == pytest.approx(35.0)
    node.tick(1000)
    assert node.statuses()[0][1]["thermostat_status"] == "setpoint_met"
    assert node.command("WATERHEATER_COMMAND", {"instance": 9}, 0) == []


def test_window_shade_runs_to_its_limit() -> None:
    shades = WindowShades(0x86, PRODUCT, [1])
    (status,) = shades.command(
        "WINDOW_SHADE_CONTROL_COMMAND", {"instance": 1, "command": "forward"}, 0
    )
    assert status[1]["forward_status"] == "on"
    assert status[1]["reverse_status"] == "off"
    assert shades.tick(5) == []  # still going: nothing new to say
    # 100 % at 10 %/s: the limit switch stops it after 10 s.
    ((_name, values),) = shades.tick(10)
    assert (values["motor_status"], values["forward_status"]) == ("off", "off")
    (status,) = shades.command(
        "WINDOW_SHADE_CONTROL_COMMAND", {"instance": 1, "command": "reverse"}, 11
    )
    assert status[1]["reverse_status"] == "on"
    (status,) = shades.command(
        "WINDOW_SHADE_CONTROL_COMMAND", {"instance": 1, "command": "stop"}, 12
    )
    assert status[1]["motor_status"] == "off"
