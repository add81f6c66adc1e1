#!/usr/bin/env python3
"""Runs the kernel benchmarks and prints the table (bazel run //bench).

Boots the benchmark kernel twice with init running /bin/bench:
  1. under QEMU icount (-icount shift=0,align=off,sleep=off): the guest's TSC counts instructions,
     so every figure is an instruction count, the same on every run and machine;
  2. under plain TCG: wall-clock nanoseconds, shown beside and marked noisy.
Prints our figures next to xv6's and LunaixOS's (measured on this QEMU, instructions) with the
ratios. Either run counts only if the benchmark finished, exited 0 and the kernel's report passed
(no process left, nothing leaked): a figure from a broken run is no figure.

    run_bench.py --kernel K --initrd I [--json OUT] [--check BASELINE [--tolerance 0.10]]
                 [--write-baseline]
--json writes the figures to OUT. --check fails when a figure is more than `tolerance` away from
the baseline in either direction: worse is a regression, and much better usually means the
benchmark stopped measuring what it did (a COW fault that no longer copies is "faster"); a real
improvement is recorded on purpose with `bazel run //bench -- --write-baseline`, which rewrites
bench/baseline.json in the workspace and the figures table of docs/performance.md made from it
(markdown_block; //testing:docs_figures_test checks the two agree). Instruction counts are
deterministic: this is a regression test, not a timing test. Under `bazel test` the verdict goes
to $XML_OUTPUT_FILE, one case per figure.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from testing import tap

# Anchors: guest instructions under QEMU icount (shift=0) on this QEMU.
ANCHORS = {
    "getpid": (1398, 144),
    "sched_yield": (4122, 277),
    "yield_pingpong": (7207, 516),
    "pipe_pingpong": (27260, None),
    "fork_exit_wait": (1988324, 2498735),
    "fork_exit_wait_1mib": (5800547, 2514189),
    "fork_exit_wait_4mib": (17259127, 2601082),
}

GROWTH_TARGET = 1000  # fork's cost growth per MiB touched (issue 16: shared page tables)

# Each figure's goal (issue 16's; the new figures' from their limits); docs/performance.md says
# how each follows from the path's limit, and for a goal not met, why and how far.
TARGETS = {
    "getpid": 45,
    "sched_yield": 100,
    "yield_pingpong": 300,
    "pipe_pingpong": 1200,
    "fork_exit_wait": 25000,
    "cow_fault": 2000,
    "execve": 80000,
    "boot_kernel": 1000000,
    "pipe_64k": 50000,
    "demand_zero_fault": 1500,
    "fork_exec_wait": 105000,
    "sh_c_true": 300000,
    "signal_roundtrip": 4000,
    "mmap_touch_1mib": 400000,
    "open_close": 2000,
}

PIPE_CHUNK = 65536  # bytes per pipe_64k write

LABELS = [
    ("getpid", "getpid round trip"),
    ("sched_yield", "sched_yield alone"),
    ("yield_pingpong", "yield ping-pong, per round trip"),
    ("pipe_pingpong", "pipe ping-pong (1 byte), per round trip"),
    ("fork_exit_wait", "fork + exit + wait, small process"),
    ("fork_exit_wait_1mib", "the same after touching 1 MiB"),
    ("fork_exit_wait_4mib", "the same after touching 4 MiB"),
    ("fork_exit_wait_16mib", "the same after touching 16 MiB"),
    ("cow_fault", "copy-on-write fault, per page"),
    ("execve", "execve of a small static program"),
    ("disk_write_1mib", "/dev/hda: 1 MiB written in 4 KiB calls, per KiB"),
    ("disk_read_1mib", "/dev/hda: 1 MiB read back (cache misses), per KiB"),
    ("disk_read_cached", "/dev/hda: 256 KiB read from the cache, per KiB"),
    ("ext2_create_unlink", "ext2 on /dev/hdb: create + unlink an empty file"),
    ("thread_create_join", "pthread_create + pthread_join"),
    ("mutex_uncontended", "mutex lock + unlock, uncontended"),
    ("mutex_handoff", "contended mutex hand-off between two threads"),
    ("thread_switch", "thread-to-thread yield ping-pong, per round trip"),
    ("boot", "boot to the first user instruction"),
    ("boot_kernel", "the kernel's share of boot (entry to init)"),
    ("pipe_64k", "pipe bandwidth, per 64 KiB write"),
    ("demand_zero_fault", "demand-zero page fault"),
    ("fork_exec_wait", "fork + execve + wait (/bin/true)"),
    ("sh_c_true", "sh -c true"),
    ("signal_roundtrip", "sigaction + kill + handler + sigreturn"),
    ("mmap_touch_1mib", "mmap + touch + munmap, 1 MiB anonymous"),
    ("open_close", "open + close of a file"),
]

EXIT_SUCCESS = 33  # isa-debug-exit status of a kernel that reports success (see testing/qemu_test.py)

BENCH_LINE = re.compile(r"^BENCH (\S+) (\d+) (\d+)")
BOOT_LINE = re.compile(r"^# boot to the first user instruction: (\d+) TSC ticks, (\d+) us")
KERNEL_BOOT_LINE = re.compile(r"^# the kernel's share of boot, from its entry to init's first instruction: (\d+) TSC")


DISK_BYTES = 2 << 20  # the scratch disk the disk figures write and read (bench_disk in bench.c)


def boot(kernel, initrd, program, icount, timeout, ext2_disk):
    disk = tempfile.NamedTemporaryFile(prefix="bench-disk-", suffix=".img", dir=os.environ.get("TEST_TMPDIR"))
    disk.truncate(DISK_BYTES)
    # hdb: a fresh writable copy of the ext2 image each boot (Bazel's inputs are read-only).
    ext2 = tempfile.NamedTemporaryFile(prefix="bench-ext2-", suffix=".img", dir=os.environ.get("TEST_TMPDIR"))
    if ext2_disk:
        with open(ext2_disk, "rb") as f:
            shutil.copyfileobj(f, ext2)
        ext2.flush()
    cmd = ["qemu-system-i386", "-accel", "tcg", "-m", "128", "-display", "none", "-vga", "none",
           "-serial", "stdio", "-monitor", "none", "-no-reboot",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
           "-drive", "file=%s,format=raw,if=ide,index=0" % disk.name,
           "-kernel", kernel, "-append", "run=" + program,
           "-initrd", "%s initrd" % initrd]
    if icount:
        cmd += ["-icount", "shift=0,align=off,sleep=off"]
    if ext2_disk:
        cmd += ["-drive", "file=%s,format=raw,if=ide,index=1" % ext2.name]
    with disk, ext2:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=timeout)
    out = proc.stdout.decode("utf-8", "replace")
    figures = {}
    report = tap.Report(program="bench")
    for line in out.splitlines():
        line = line.rstrip("\r")
        report.line(line)
        m = BENCH_LINE.match(line)
        if m:
            figures[m.group(1)] = (int(m.group(2)), int(m.group(3)))
        m = BOOT_LINE.match(line)
        if m:
            figures["boot"] = (int(m.group(1)), int(m.group(2)) * 1000)
        m = KERNEL_BOOT_LINE.match(line)
        if m:
            figures["boot_kernel"] = (int(m.group(1)), None)  # the kernel prints no time for it
    problems = report.kernel.problems(required=True)
    if report.bail:
        problems.append("the kernel bailed out: " + report.bail)
    if proc.returncode != EXIT_SUCCESS:
        problems.append("QEMU exit status %d (want %d: the kernel reports success)" % (proc.returncode, EXIT_SUCCESS))
    if "done" not in figures or "boot" not in figures or "boot_kernel" not in figures:
        problems.append("the benchmark did not finish")
    if problems:
        sys.stderr.write(out)
        sys.exit("run_bench: the %s run failed (see the log above): %s" % ("icount" if icount else "TCG",
                                                                            "; ".join(problems)))
    del figures["done"]
    return figures, out


# Where docs/performance.md holds the table made from bench/baseline.json (markdown_block).
DOC = "docs/performance.md"
DOC_BEGIN = "<!-- figures: written from bench/baseline.json by `bazel run //bench -- --write-baseline` -->"
DOC_END = "<!-- end of figures -->"

# What a row of the docs table says where an anchor has no figure.
ANCHOR_NOTES = {("pipe_pingpong", "lunaixos"): "(no pipes)"}


def fmt(n):
    return "-" if n is None else "{:,}".format(n)


def ratio(ours, theirs):
    """ours / theirs to two significant digits (0.042, 0.41), "-" without an anchor."""
    return "-" if not theirs else "%.2g" % (ours / theirs)


def growth_per_mib(figures):
    """Fork's cost growth per MiB touched (1, 4 and 16 MiB), from {name: instructions}."""
    return [(figures["fork_exit_wait_%dmib" % m] - figures["fork_exit_wait"]) / m for m in (1, 4, 16)]


def markdown_block(result):
    """The figures section of docs/performance.md (between DOC_BEGIN and DOC_END) for a result as
    --json writes it: the table, fork's growth per MiB, and how the figures meet the targets."""
    rows = result["figures"]
    lines = ["| operation | lune | xv6 (x86) | ratio | LunaixOS (seed) | ratio | target |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        cells = [r["operation"], fmt(r["instructions"])]
        for anchor in ("xv6", "lunaixos"):
            theirs = r[anchor]
            note = ANCHOR_NOTES.get((r["name"], anchor), "")
            cells += [fmt(theirs), ratio(r["instructions"], theirs)] if theirs else [note, ""]
        cells.append(fmt(r["target"]) if r["target"] else "")
        lines.append("| " + " | ".join(cells) + " |")
    figures = {r["name"]: r["instructions"] for r in rows}
    growth = growth_per_mib(figures)
    lines.append("")
    lines.append("Fork cost growth per MiB touched: %s; target %s." % (
        ", ".join("{:,.0f} ({} MiB)".format(g, m) for g, m in zip(growth, (1, 4, 16))), fmt(GROWTH_TARGET)))
    lines.append("Fork after touching 16 MiB: %.2f times the small fork; target 1.2." % (
        figures["fork_exit_wait_16mib"] / figures["fork_exit_wait"]))
    lines.append("Pipe bandwidth: %.3f instructions per byte in 64 KiB transfers (two word copies: 0.5)." % (
        figures["pipe_64k"] / PIPE_CHUNK))
    missed = [r["operation"] for r in rows if r["target"] and r["instructions"] > r["target"]]
    missed += ["fork cost growth"] if max(growth) > GROWTH_TARGET else []
    slower = [r["operation"] for r in rows if r["lunaixos"] and r["instructions"] >= r["lunaixos"]]
    fork = [r for r in rows if r["name"] == "fork_exit_wait"][0]
    cheaper = sorted(fork[a] / fork["instructions"] for a in ("xv6", "lunaixos"))
    lines.append("%s %s, and %d to %d times cheaper than both anchors on fork." % (
        "Every target is met:" if not missed else "Targets missed: %s;" % ", ".join(missed),
        "shorter than LunaixOS on every path" if not slower else "not shorter than LunaixOS on: " + ", ".join(slower),
        round(cheaper[0]), round(cheaper[1])))
    return "\n".join(lines) + "\n"


def replace_block(text, block):
    """`text` (docs/performance.md) with what lies between DOC_BEGIN and DOC_END replaced."""
    begin, end = text.index(DOC_BEGIN) + len(DOC_BEGIN), text.index(DOC_END)
    return text[:begin] + "\n" + block + text[end:]


def doc_block(text):
    """What lies between DOC_BEGIN and DOC_END in `text`."""
    return text[text.index(DOC_BEGIN) + len(DOC_BEGIN):text.index(DOC_END)].lstrip("\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--initrd", required=True)
    ap.add_argument("--program", default="/bin/bench", help="the benchmark program in the initrd")
    ap.add_argument("--ext2-disk", help="an empty ext2 image: a copy is hdb, for ext2's figure")
    ap.add_argument("--json", help="write the figures to this JSON file")
    ap.add_argument("--check", help="baseline JSON: fail when a figure is more than --tolerance away from it")
    ap.add_argument("--tolerance", type=float, default=0.10)
    ap.add_argument("--no-tcg", action="store_true", help="skip the wall-clock run")
    ap.add_argument("--write-baseline", action="store_true",
                    help="record these figures as bench/baseline.json in the workspace (bazel run only)")
    args = ap.parse_args(argv)

    start = time.monotonic()
    instr, log = boot(args.kernel, args.initrd, args.program, icount=True, timeout=300, ext2_disk=args.ext2_disk)
    wall = {} if args.no_tcg else boot(args.kernel, args.initrd, args.program, icount=False, timeout=300,
                                       ext2_disk=args.ext2_disk)[0]

    rows = []
    print("%-42s %12s %12s %8s %12s %8s %9s %12s" % ("operation", "lune", "xv6", "ratio", "LunaixOS", "ratio",
                                                     "target", "TCG us*"))
    for key, label in LABELS:
        ours = instr[key][0]
        xv6, lunaix = ANCHORS.get(key, (None, None))
        target = TARGETS.get(key)
        us = None if key not in wall or wall[key][1] is None else wall[key][1] / 1000.0
        print("%-42s %12s %12s %8s %12s %8s %9s %12s" % (label, fmt(ours), fmt(xv6), ratio(ours, xv6), fmt(lunaix),
                                                         ratio(ours, lunaix), fmt(target),
                                                         "-" if us is None else "%.1f" % us))
        rows.append({"name": key, "operation": label, "instructions": ours, "xv6": xv6, "lunaixos": lunaix,
                     "target": target, "tcg_us": us})
    growth = growth_per_mib({key: value[0] for key, value in instr.items()})
    print("fork cost growth per MiB touched: %s instructions (target <= %s)" %
          (", ".join("{:,.0f}".format(g) for g in growth), fmt(GROWTH_TARGET)))
    print("fork after touching 16 MiB: %.2f x the small fork (target <= 1.2); pipe bandwidth: %.3f instructions "
          "per byte" % (instr["fork_exit_wait_16mib"][0] / instr["fork_exit_wait"][0], instr["pipe_64k"][0] / PIPE_CHUNK))
    print("* wall clock under plain TCG: noisy, for orientation only; instruction counts are exact.")

    result = {"unit": "guest instructions (QEMU -icount shift=0)", "figures": rows,
              "fork_growth_per_mib": growth}
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=2)
        print("figures written to %s" % args.json)
    if args.write_baseline:
        workspace = os.environ.get("BUILD_WORKSPACE_DIRECTORY")
        if not workspace:
            sys.exit("run_bench: --write-baseline works under `bazel run //bench` only")
        path = os.path.join(workspace, "bench", "baseline.json")
        # Only the exact figures: wall-clock times would change the file on every run.
        baseline = dict(result, figures=[dict(r, tcg_us=None) for r in rows])
        with open(path, "w") as f:
            json.dump(baseline, f, indent=2)
            f.write("\n")
        print("baseline written to %s" % path)
        path = os.path.join(workspace, DOC)
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(replace_block(text, markdown_block(result)))
        print("figures table written to %s: check the figures its prose quotes (//testing:docs_figures_test)" % path)

    if not args.check:
        return 0
    with open(args.check) as f:
        baseline = {r["name"]: r["instructions"] for r in json.load(f)["figures"]}
    cases = [check_figure(row, baseline.get(row["name"]), args.tolerance) for row in rows]
    cases.append(["run", True, []])
    xml_path = os.environ.get("XML_OUTPUT_FILE")
    if xml_path:
        tap.write_xml(xml_path, os.environ.get("TEST_TARGET", "bench"), cases, time.monotonic() - start, log.splitlines())
    off = [c for c in cases if not c[1]]
    if off:
        print("OFF THE BASELINE (more than %d%% away from bench/baseline.json; if an improvement is real, record it "
              "with `bazel run //bench -- --write-baseline`):" % round(args.tolerance * 100))
        for _, _, diags in off:
            print("  " + diags[0])
        return 1
    print("every figure is within %d%% of the baseline" % round(args.tolerance * 100))
    return 0


def check_figure(row, base, tolerance):
    """[name, ok, diagnostics]: is the figure within `tolerance` of the baseline, either way?"""
    name, ours = row["name"], row["instructions"]
    if not base:
        return [name, False, ["%s: %d, but the baseline has no figure for it" % (name, ours)]]
    change = ours / base - 1
    if abs(change) <= tolerance:
        return [name, True, []]
    what = "worse: a regression" if change > 0 else "better: record it on purpose, or find what broke"
    return [name, False, ["%s: %d, baseline %d (%+.1f%%, %s)" % (name, ours, base, 100.0 * change, what)]]


if __name__ == "__main__":
    sys.exit(main())
