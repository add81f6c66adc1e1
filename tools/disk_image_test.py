#!/usr/bin/env python3
"""Tests tools/mkdiskimage.py (disk_image): two builds at different times, from files with
different times and in different orders, give the same bytes; the image is clean by e2fsck -fn;
debugfs reads back every file, its mode and the fixed times. Reports in TAP."""
import os
import subprocess
import sys
import tempfile
import time

SBIN = ["/usr/sbin", "/sbin"]


def tool(name):
    for d in os.environ.get("PATH", "").split(os.pathsep) + SBIN:
        if os.path.exists(os.path.join(d, name)):
            return os.path.join(d, name)
    return name


cases = []


def case(name, ok, diag=""):
    cases.append((name, ok, diag))


def build(mkdiskimage, work, order, mtime):
    src = os.path.join(work, "src")
    os.makedirs(src)
    files = {"a.txt": b"alpha\n", "run.sh": b"#!/bin/sh\necho hi\n", "big": bytes(range(256)) * 300}
    for name in order:
        path = os.path.join(src, name)
        with open(path, "wb") as f:
            f.write(files[name])
        os.chmod(path, 0o755 if name.endswith(".sh") else 0o600)
        os.utime(path, (mtime, mtime))
    out = os.path.join(work, "disk.img")
    args = [mkdiskimage, out, "1024", "1024", "/etc/a.txt=%s" % os.path.join(src, "a.txt"),
            "/bin/run.sh=%s" % os.path.join(src, "run.sh"), "/data/deep/big=%s" % os.path.join(src, "big"), "/empty/"]
    if order[0] != "a.txt":
        args[4:] = reversed(args[4:])
    subprocess.run(args, check=True)
    with open(out, "rb") as f:
        return out, f.read()


def debugfs(image, request):
    return subprocess.run([tool("debugfs"), "-R", request, image], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, check=True).stdout


def main():
    mkdiskimage = sys.argv[1]
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
        img1, bytes1 = build(mkdiskimage, one, ["a.txt", "run.sh", "big"], 1000000000)
        time.sleep(1.1)  # a different second for everything mke2fs could take from the clock
        img2, bytes2 = build(mkdiskimage, two, ["big", "run.sh", "a.txt"], 1600000000)
        case("two builds (other times, other orders) are bit-identical", bytes1 == bytes2,
             "" if bytes1 == bytes2 else "first difference at byte %d" % next(
                 i for i, (x, y) in enumerate(zip(bytes1, bytes2)) if x != y))
        case("the image is 1 MiB", len(bytes1) == 1024 * 1024, "size %d" % len(bytes1))
        fsck = subprocess.run([tool("e2fsck"), "-fn", img1], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        case("e2fsck -fn finds it clean", fsck.returncode == 0, fsck.stdout.decode(errors="replace"))
        got = debugfs(img1, "cat /data/deep/big")
        case("debugfs reads back a file of 75 blocks", got == bytes(range(256)) * 300, "%d bytes" % len(got))
        got = debugfs(img1, "cat /etc/a.txt")
        case("and a small one", got == b"alpha\n", repr(got))
        stat = debugfs(img1, "stat /bin/run.sh").decode()
        case("an executable is 0755, others 0644, root owns them",
             "Mode:  0755" in stat and "User:     0" in stat and "Mode:  0644" in debugfs(img1, "stat /etc/a.txt").decode(),
             stat)
        times = [line for line in stat.splitlines() if "time:" in line]
        fixed = all("Jan  1 00:00:00 2026" in line for line in times)
        case("every time is 2026-01-01 00:00:00 UTC", fixed and len(times) >= 3, "\n".join(times))
        listing = debugfs(img1, "ls -l /").decode()
        case("empty directories come along", " empty" in listing, listing)
        sb = debugfs(img1, "stats").decode()
        case("revision 1 with the fixed UUID", "Filesystem revision #:    1" in sb and
             "4c756e65-6469-736b-8000-000000000017" in sb, sb[:600])
    print("TAP version 13")
    print("1..%d" % len(cases))
    for i, (name, ok, diag) in enumerate(cases, 1):
        print("%sok %d - %s" % ("" if ok else "not ", i, name))
        if not ok:
            for line in str(diag).splitlines()[:30]:
                print("# " + line)
    return 0 if all(ok for _, ok, _ in cases) else 1


if __name__ == "__main__":
    sys.exit(main())
