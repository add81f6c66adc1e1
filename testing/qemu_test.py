#!/usr/bin/env python3
"""Boots the kernel in QEMU and turns what it reports on the serial port into test results.

The test protocol is TAP on COM1 (see docs/testing.md):
    TAP version 13
    1..N
    # run suite.name            <- optional, names the case in progress (for panics)
    ok 1 - suite.name
    not ok 2 - suite.name
    # file:line: diagnostics    <- attached to the case before them
    Bail out! reason            <- the kernel gave up (panic)
The kernel then ends QEMU through isa-debug-exit: status 33 means success, 35 failure.

The harness fails when the kernel reports a failure, panics, hangs (timeout), reports fewer cases
than it planned, or exits with any other status. Each case becomes a <testcase> in the JUnit XML
file Bazel asks for ($XML_OUTPUT_FILE), so `bazel test` shows every case by name.
"""
import argparse
import os
import re
import selectors
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

EXIT_SUCCESS = 33
EXIT_FAILURE = 35

TAP_PLAN = re.compile(r"^1\.\.(\d+)\s*$")
TAP_RESULT = re.compile(r"^(not )?ok (\d+)(?: - (.*))?$")
TAP_RUN = re.compile(r"^# run (\S+)")
BAIL_OUT = re.compile(r"^Bail out!(.*)$")


def qemu_command(args):
    cmd = [
        "qemu-system-i386",
        "-accel", "tcg",
        "-m", str(args.memory),
        "-display", "none",
        "-vga", "none" if args.kernel else "std",
        "-serial", "stdio",
        "-monitor", "none",
        "-no-reboot",
        "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
    ]
    if args.icount:
        cmd += ["-icount", "shift=0,align=off,sleep=off"]
    if args.iso:
        cmd += ["-cdrom", args.iso, "-boot", "d"]
    else:
        cmd += ["-kernel", args.kernel, "-append", args.cmdline]
        if args.module:
            # QEMU's multiboot loader takes "file args" pairs separated by commas (",," escapes one).
            cmd += ["-initrd", ",".join("%s %s" % (m, os.path.basename(m)) for m in args.module)]
    return cmd


class Report:
    """What the kernel said, parsed as it arrives."""

    def __init__(self):
        self.plan = None
        self.cases = []  # [name, ok, [diagnostic lines]]
        self.running = None
        self.bail = None

    def line(self, text):
        m = TAP_RESULT.match(text)
        if m:
            name = m.group(3) or "case_%s" % m.group(2)
            self.cases.append([name, m.group(1) is None, []])
            self.running = None
            return
        m = TAP_PLAN.match(text)
        if m:
            self.plan = int(m.group(1))
            return
        m = TAP_RUN.match(text)
        if m:
            self.running = m.group(1)
            return
        m = BAIL_OUT.match(text)
        if m:
            self.bail = m.group(1).strip() or "bailed out"
            return
        if text.startswith("# ") and self.cases and not self.cases[-1][1]:
            self.cases[-1][2].append(text[2:])


def run(args):
    cmd = qemu_command(args)
    print("$ " + " ".join(cmd), flush=True)
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    pending_input = args.input.encode().decode("unicode_escape").encode("latin-1") if args.input else b""
    input_after = re.compile(args.input_after) if args.input_after else None

    def send_input():
        nonlocal pending_input
        if pending_input:
            proc.stdin.write(pending_input)
            proc.stdin.flush()
            pending_input = b""

    if not input_after:
        send_input()
    report = Report()
    log = []
    partial = b""
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    timed_out = False
    while True:
        remaining = args.timeout - (time.monotonic() - start)
        if remaining <= 0:
            timed_out = True
            proc.kill()
            break
        if not sel.select(timeout=min(remaining, 1.0)):
            if proc.poll() is not None:
                break
            continue
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            break
        partial += chunk
        # Typed input goes out once the kernel is ready for it (e.g. a prompt appeared), since the
        # UART drops what arrives before the kernel has set it up, as a real serial line would.
        if pending_input and input_after and input_after.search(b"\n".join([b""] + [l.encode() for l in log[-5:]] + [partial]).decode("utf-8", "replace")):
            send_input()
        *lines, partial = partial.split(b"\n")
        for raw in lines:
            text = raw.decode("utf-8", "replace").rstrip("\r")
            log.append(text)
            print(text, flush=True)
            report.line(text)
    if partial:
        text = partial.decode("utf-8", "replace").rstrip("\r")
        log.append(text)
        print(text, flush=True)
        report.line(text)
    status = proc.wait()
    elapsed = time.monotonic() - start
    return report, log, status, timed_out, elapsed


def verdict(args, report, status, timed_out, log):
    """Returns a list of reasons the run failed (empty when it passed)."""
    if args.expect_panic:
        return expected_panic_verdict(args, report, status, timed_out, log)
    problems = []
    if timed_out:
        problems.append("timed out after %ss (the kernel hung or never ended QEMU)" % args.timeout)
    if report.bail:
        problems.append("kernel bailed out: " + report.bail)
    failed = [c[0] for c in report.cases if not c[1]]
    if failed:
        problems.append("failed cases: " + ", ".join(failed))
    if report.plan is None and not args.no_tap:
        problems.append("the kernel never printed a TAP plan (1..N)")
    elif report.plan is not None and len(report.cases) != report.plan:
        problems.append("planned %d cases but %d were reported" % (report.plan, len(report.cases)))
    if not timed_out and status != EXIT_SUCCESS:
        problems.append("QEMU exit status %d (want %d: the kernel reports success)" % (status, EXIT_SUCCESS))
    return problems


def expected_panic_verdict(args, report, status, timed_out, log):
    """For tests of the panic path itself: the kernel must bail out, fast, and say the right things."""
    problems = []
    if timed_out:
        problems.append("timed out: the kernel should have ended QEMU right after panicking")
    if not report.bail:
        problems.append("the kernel did not bail out")
    if status != EXIT_FAILURE:
        problems.append("QEMU exit status %d (want %d from panic)" % (status, EXIT_FAILURE))
    text = "\n".join(log)
    for pattern in args.expect_panic:
        if not re.search(pattern, text, re.MULTILINE):
            problems.append("the panic report lacks /%s/" % pattern)
    # The failing case is expected here; what matters is the report.
    report.cases = [[name, True, diags] for name, _, diags in report.cases]
    report.running = None
    return problems


def write_xml(path, suite_name, report, problems, log, elapsed):
    suite = ET.Element("testsuite", name=suite_name)
    cases = list(report.cases)
    if report.running and report.running not in [c[0] for c in cases]:
        cases.append([report.running, False, ["interrupted: " + (report.bail or "no result")]])
    harness_ok = not problems or all(p.startswith("failed cases") for p in problems)
    # The whole boot is a case too, so a panic or a hang is visible even with no case running.
    cases.append(["boot", harness_ok, [] if harness_ok else problems])
    failures = 0
    for name, ok, diags in cases:
        classname, _, case = name.rpartition(".")
        tc = ET.SubElement(suite, "testcase", name=case or name, classname=classname or suite_name, time="0")
        if not ok:
            failures += 1
            f = ET.SubElement(tc, "failure", message=(diags[0] if diags else "failed"))
            f.text = "\n".join(diags + ["", "--- serial log (last 60 lines) ---"] + log[-60:])
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("time", "%.3f" % elapsed)
    root = ET.Element("testsuites")
    root.append(suite)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--iso", help="boot this ISO through GRUB")
    src.add_argument("--kernel", help="boot this multiboot ELF directly (qemu -kernel)")
    ap.add_argument("--cmdline", default="", help="kernel command line (direct boot only)")
    ap.add_argument("--module", action="append", default=[], help="multiboot module (direct boot only)")
    ap.add_argument("--memory", type=int, default=128, help="guest RAM in MiB")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--icount", action="store_true", help="deterministic: one guest instruction = 1 ns")
    ap.add_argument("--input", default="", help="bytes to send to the serial port (escapes allowed)")
    ap.add_argument("--input-after", default="", metavar="REGEX",
                    help="send --input only once the output matches REGEX")
    ap.add_argument("--no-tap", action="store_true", help="do not require a TAP plan")
    ap.add_argument("--expect-panic", action="append", default=[], metavar="REGEX",
                    help="the kernel must panic and its output match REGEX (repeatable)")
    args = ap.parse_args()

    report, log, status, timed_out, elapsed = run(args)
    problems = verdict(args, report, status, timed_out, log)
    xml_path = os.environ.get("XML_OUTPUT_FILE")
    if xml_path:
        write_xml(xml_path, os.environ.get("TEST_TARGET", "qemu"), report, problems, log, elapsed)
    passed = sum(1 for c in report.cases if c[1])
    print("\n== %d passed, %d failed, QEMU status %d, %.1fs" % (passed, len(report.cases) - passed, status, elapsed))
    if problems:
        print("FAIL: " + "; ".join(problems))
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
