#!/usr/bin/env python3
"""Writes a cpio "newc" archive: mkinitrd.py [--strip=OBJCOPY] OUT /path/in/archive=FILE ... /empty/dir/ ...

An argument ending in `/` (and without `=`) is a directory, made even when nothing goes in it.
With --strip, ELF files go in without their debug sections (`OBJCOPY --strip-debug`): the kernel
keeps the initrd in memory for the root file system, and a program's DWARF is most of its file
(/bin/sh: 384 KB, of which 64 KB are loaded) but is never read in the guest. The files bazel-bin
holds keep it, for gdb.

Deterministic: entries sorted by path, parent directories first, inode numbers in order,
every date 0, owner 0. Files that are executable on the host get mode 0755, others 0644;
directories 0755 but /tmp, 01777: everyone makes files there, and the sticky bit lets only a file's
owner (or root) remove or rename it (as on every Unix).
"""
import os
import stat
import subprocess
import sys
import tempfile


def header(ino, mode, nlink, size, namesize):
    fields = [ino, mode, 0, 0, nlink, 0, size, 0, 0, 0, 0, namesize, 0]
    return ("070701" + "".join("%08X" % f for f in fields)).encode()


def pad4(data):
    return data + b"\0" * (-len(data) % 4)


def entry(ino, name, mode, data=b""):
    name_bytes = name.encode() + b"\0"
    return pad4(header(ino, mode, 2 if stat.S_ISDIR(mode) else 1, len(data), len(name_bytes)) + name_bytes) + pad4(data)


def read_file(path, objcopy):
    with open(path, "rb") as f:
        data = f.read()
    if objcopy and data.startswith(b"\x7fELF"):
        with tempfile.TemporaryDirectory() as tmp:
            stripped = os.path.join(tmp, "stripped")
            subprocess.run([objcopy, "--strip-debug", path, stripped], check=True)
            with open(stripped, "rb") as f:
                data = f.read()
    return data


def main():
    argv = sys.argv[1:]
    objcopy = None
    if argv and argv[0].startswith("--strip="):
        objcopy = argv.pop(0).partition("=")[2]
    out = argv[0]
    files = {}
    dirs = set()
    for arg in argv[1:]:
        if arg.startswith("/") and arg.endswith("/") and "=" not in arg and arg.strip("/"):
            dirs.add(arg.strip("/"))
            continue
        path, _, src = arg.partition("=")
        if not path.startswith("/") or not src:
            sys.exit("mkinitrd: expected /path=file or /dir/, got %r" % arg)
        files[path.strip("/")] = src
    for path in set(dirs):
        parts = path.split("/")
        for i in range(1, len(parts)):
            dirs.add("/".join(parts[:i]))
    for path in files:
        parts = path.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            dirs.add("/".join(parts[:i]))
    names = sorted(dirs | set(files))
    blob = b""
    for ino, name in enumerate(names, start=1):
        if name in files:
            data = read_file(files[name], objcopy)
            perm = 0o755 if os.access(files[name], os.X_OK) else 0o644
            blob += entry(ino, name, stat.S_IFREG | perm, data)
        elif name == "tmp":
            blob += entry(ino, name, stat.S_IFDIR | stat.S_ISVTX | 0o777)
        else:
            blob += entry(ino, name, stat.S_IFDIR | 0o755)
    blob += entry(0, "TRAILER!!!", 0)
    with open(out, "wb") as f:
        f.write(blob)


if __name__ == "__main__":
    main()
