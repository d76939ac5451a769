"""Fast field unpacking, generated from each DGN's layout in the DBC.

cantools decodes a frame through a generic bit-struct: correct, but it builds
a dictionary of raw integers that we then convert a second time. Here every
DGN gets one small Python function, written from the DBC's own start bits,
lengths and byte orders: one int.from_bytes per frame, a shift and a mask per
field, then a lookup table (fields up to 8 bits) or an inline range check and
scaling (wider fields). The DBC stays the only place a layout is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from .spec import FieldSpec, FieldValue, MessageSpec

type Unpacker = Callable[[bytes | bytearray], dict[str, FieldValue]]
"""Turns a frame's data (at least the DGN's length) into its field values."""


def _raw_source(field: FieldSpec, spec: MessageSpec) -> str:
    """Source of the expression that extracts one field's raw value from data.

    Small integers are cheap in CPython and 64-bit ones are not: a field
    inside one byte reads that byte, a byte-aligned one its bytes; only
    fields that straddle bytes at odd bits shift the whole frame (``v``, or
    ``b`` big-endian for Motorola fields).
    """
    signal = spec.message.get_signal_by_name(field.name)
    mask = f"{(1 << field.length) - 1:#x}"
    if signal.byte_order == "big_endian":
        # DBC sawtooth numbering: the start bit is the most significant bit.
        msb = (signal.start // 8) * 8 + (7 - signal.start % 8)
        return f"((b >> {spec.length * 8 - (msb + field.length)}) & {mask})"
    byte, bit = divmod(signal.start, 8)
    if bit + field.length <= 8:
        shifted = f"(data[{byte}] >> {bit})" if bit else f"data[{byte}]"
        return shifted if field.length == 8 else f"({shifted} & {mask})"
    if bit == 0 and field.length == 16:
        return f"(data[{byte}] | data[{byte + 1}] << 8)"
    if bit == 0 and field.length % 8 == 0:
        return f"int.from_bytes(data[{byte}:{byte + field.length // 8}], 'little')"
    return f"((v >> {signal.start}) & {mask})"


def _number(field: FieldSpec, raw: str) -> str:
    """Source that scales a raw value (a name or a parenthesised expression)."""
    if field.scale == 1 and field.offset == 0:
        return raw
    scaled = f"{raw} * {field.scale!r} + {field.offset!r}"
    if field.digits:
        return f"round({scaled}, {field.digits})"
    return f"int({scaled})"


def _expression(index: int, field: FieldSpec, raw: str, names: dict[str, Any]) -> str:
    """Source of the expression that gives one field's value from its raw."""
    table = field.lookup_table()
    if table is not None:
        names[f"T{index}"] = table
        return f"T{index}[{raw}]"
    if not field.has_special_values and not field.choices:
        return _number(field, raw)
    names[f"F{index}"] = field.value_of
    variable = f"r{index}"
    condition = f"{field.raw_minimum} <= ({variable} := {raw}) <= {field.raw_maximum}"
    if field.choices:
        names[f"C{index}"] = frozenset(field.choices)
        condition += f" and {variable} not in C{index}"
    # Numbers in range inline; every special case through the field's rules.
    return f"({_number(field, variable)} if {condition} else F{index}({variable}))"


def build_unpacker(spec: MessageSpec) -> Unpacker:
    """Write, compile and return the unpacking function of one DGN."""
    names: dict[str, Any] = {}
    items = []
    for index, field in enumerate(spec.fields):
        raw = _raw_source(field, spec)
        items.append(f"{field.name!r}: {_expression(index, field, raw, names)}")
    body = "{" + ", ".join(items) + "}"
    lines = ["def unpack(data):"]
    if "(v >>" in body:
        lines.append("    v = int.from_bytes(data, 'little')")
    if "(b >>" in body:
        lines.append(f"    b = int.from_bytes(data[:{spec.length}], 'big')")
    lines.append(f"    return {body}")
    code = compile("\n".join(lines), f"<unpack {spec.name}>", "exec")
    exec(code, names)  # noqa: S102 - source built above from the DBC's numbers
    unpacker: Unpacker = names["unpack"]
    return unpacker
