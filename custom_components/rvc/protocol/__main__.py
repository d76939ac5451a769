"""Command line: decode a capture to JSON lines; run the simulated coach.

Run with custom_components/rvc on sys.path (scripts/decode does this) so that
importing the library does not import the Home Assistant integration around it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from dataclasses import asdict
import json
import os
from pathlib import Path
import sys

from .bus import RVC_BITRATE, BusConfig, BusSession
from .decode import Decoder
from .errors import BusOpenError
from .inventory import build_inventory, format_inventory
from .replay import decode_log, frame_as_json, read_log, record_as_json
from .simulator import COACHES, CoachSimulator
from .spec import RvcSpec, load_spec


def _decode(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"decode: no such file: {path}", file=sys.stderr)
        return 2
    spec = load_spec()
    if args.inventory:
        try:
            print(format_inventory(build_inventory(spec, read_log(path))))
        except ValueError as err:  # LogReader: unknown file type
            print(f"decode: cannot read {path}: {err}", file=sys.stderr)
            return 2
        return 0
    decoder = Decoder(spec)
    try:
        for message, record in decode_log(path, decoder):
            if record is not None:
                print(json.dumps(record_as_json(record, spec, message.timestamp)))
            elif args.all:
                print(json.dumps(frame_as_json(message)))
    except ValueError as err:  # LogReader: unknown file type
        print(f"decode: cannot read {path}: {err}", file=sys.stderr)
        return 2
    summary = asdict(decoder.stats) | {
        "multi_packet": asdict(decoder.reassembler.stats)
    }
    summary["per_dgn"] = decoder.per_dgn
    summary["unknown_dgns"] = {
        f"{dgn:05X}": count for dgn, count in summary["unknown_dgns"].items()
    }
    print(json.dumps({"summary": summary}), file=sys.stderr)
    return 0


async def _run_simulator(
    session: BusSession, spec: RvcSpec, status_interval: float, coach: str
) -> None:
    simulator = CoachSimulator(spec, COACHES[coach](), status_interval=status_interval)
    simulator.start(session)
    try:
        await asyncio.Event().wait()
    finally:
        await simulator.async_stop()
        await session.async_close()
        print(f"simulate: sent {simulator.frames_sent} frames", file=sys.stderr)


def _simulate(args: argparse.Namespace) -> int:
    config = BusConfig(args.interface, args.channel, args.bitrate)
    # Read the spec before the banner: a Ctrl+C after it must find the loop
    # running, not the (blocking) DBC parse, or the bus is never closed.
    spec = load_spec()
    try:
        session = BusSession.open(config)
    except BusOpenError as err:
        print(f"simulate: {err}", file=sys.stderr)
        return 2
    print(
        f"simulate: a {args.coach} coach on {args.interface} {args.channel}"
        " (Ctrl+C stops it)",
        file=sys.stderr,
    )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_run_simulator(session, spec, args.status_interval, args.coach))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run the command."""
    parser = argparse.ArgumentParser(prog="rvc", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    decode = commands.add_parser(
        "decode", help="print a capture's RV-C messages as JSON lines"
    )
    decode.add_argument("file", help="capture: candump -l .log, .asc, .blf, .trc")
    decode.add_argument(
        "--all", action="store_true", help="also print frames that decode to nothing"
    )
    decode.add_argument(
        "--inventory",
        action="store_true",
        help="print what the capture holds: nodes, their DGNs, instances and rates",
    )
    simulate = commands.add_parser(
        "simulate", help="run a simulated coach on a CAN interface"
    )
    simulate.add_argument("--interface", default="virtual", help="python-can interface")
    simulate.add_argument("--channel", default="rvc", help="channel, e.g. vcan0")
    simulate.add_argument("--bitrate", type=int, default=RVC_BITRATE)
    simulate.add_argument(
        "--coach",
        choices=list(COACHES),
        default="typical",
        help="whose controllers: typical, Firefly-style or Spyder-style",
    )
    simulate.add_argument(
        "--status-interval",
        type=float,
        default=2.0,
        help="seconds between periodic status broadcasts",
    )
    args = parser.parse_args(argv)
    if args.command == "simulate":
        return _simulate(args)
    try:
        return _decode(args)
    except BrokenPipeError:
        # The reader (`| head`) has what it wanted: stop quietly, and keep the
        # interpreter's final flush from raising the same error again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
