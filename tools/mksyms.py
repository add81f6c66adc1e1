#!/usr/bin/env python3
"""Builds the kernel's .ksyms symbol table from a linked image (format: lib/include/lib/ksyms.h).

    mksyms.py --nm NM --elf pass1.elf --table ksyms.bin
        Writes the table of the image's function symbols.
    mksyms.py --nm NM --elf kernel.elf --map kernel.map --same-as pass1.elf
        Writes the symbol map of the final image and checks that every function kept the address
        it had in the first link pass (the table is only right if nothing moved).
"""
import argparse
import struct
import subprocess
import sys

MAGIC = 0x4D59534B  # "KSYM"


def functions(nm, elf):
    """Returns [(address, name)] of the text symbols of `elf`, sorted by address, then name."""
    out = subprocess.run([nm, "--defined-only", "-n", elf], check=True, capture_output=True, text=True).stdout
    result = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tT":
            result.append((int(parts[0], 16), parts[2]))
    return sorted(result)


def table(symbols):
    strings = bytearray()
    entries = bytearray()
    for address, name in symbols:
        entries += struct.pack("<II", address, len(strings))
        strings += name.encode() + b"\0"
    header = struct.pack("<III", MAGIC, len(symbols), 12 + len(entries))
    return bytes(header + entries + strings)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nm", required=True)
    ap.add_argument("--elf", required=True)
    ap.add_argument("--table")
    ap.add_argument("--map")
    ap.add_argument("--same-as")
    args = ap.parse_args()

    if args.table:
        with open(args.table, "wb") as f:
            f.write(table(functions(args.nm, args.elf)))
    if args.map:
        out = subprocess.run([args.nm, "--defined-only", "-n", args.elf], check=True, capture_output=True, text=True)
        with open(args.map, "w") as f:
            f.write(out.stdout)
    if args.same_as:
        before, after = functions(args.nm, args.same_as), functions(args.nm, args.elf)
        if before != after:
            moved = sorted(set(before) ^ set(after))[:10]
            sys.exit("mksyms: function addresses changed between link passes: %s" % moved)


if __name__ == "__main__":
    main()
