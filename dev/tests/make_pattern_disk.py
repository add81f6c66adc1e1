#!/usr/bin/env python3
"""Writes a raw disk image of SECTORS sectors in which sector n holds "SECTOR" and n (4 bytes,
little-endian), then bytes (n + i) & 0xFF: the kernel tests of the ATA driver know every byte."""
import struct
import sys

SECTORS = 2048

with open(sys.argv[1], "wb") as f:
    for n in range(SECTORS):
        head = b"SECTOR" + struct.pack("<I", n)
        f.write(head + bytes((n + i) & 0xFF for i in range(len(head), 512)))
