#!/usr/bin/env python3
"""Boots the kernel in QEMU and turns what it reports on the serial port into test results.

The kernel reports in TAP on COM1, and a user program it runs may report in TAP too, indented
(testing/tap.py has the protocol and the rules). The kernel then ends QEMU through
isa-debug-exit: status 33 means success, 35 failure.

The harness fails when the kernel's report fails tap.py's rules (no plan, an empty plan, fewer
or more cases than planned, a `not ok`), when the program's report does (judged whenever the
program prints TAP; --program-tap=required makes a missing report fail too), when the kernel
panics, hangs (timeout) or exits with any other status. Each case becomes a <testcase> in the
JUnit XML file Bazel asks for ($XML_OUTPUT_FILE), so `bazel test` shows every case by name; a
`boot` case stands for the run as a whole and carries every problem.

--script JSON: a conversation over the serial line, as a person has at a terminal: a list of
steps [regex, text] (or [regex, text, timeout_s], or [regex, text, timeout_s or null, pause_s]).
Each step waits until what the machine printed since the previous step's match matches regex
(multiline; carriage returns removed), then, after its pause if it has one (a person taking a
moment before a key, for a program to have started), types text (escapes allowed, as in
--input: "\\x03" is Ctrl-C). A step that waits longer than its
timeout (--step-timeout by default) fails the run at once, naming the step, what it waited for,
what was typed before, and the screen's last lines; so does QEMU ending before every step has
matched. After the last step the run goes on to its report.

--power-cut REGEX: a power cut. When a line of output matches REGEX the harness kills QEMU at once,
in the middle of whatever the kernel is doing (the program prints the line, then keeps writing).
There is then no report to judge but the program's cases so far (none may fail); instead every
ext2 disk must be repaired by `e2fsck -fy` (exit status 0 or 1: nothing, or errors corrected)
and then be clean for `e2fsck -fn`, and every file the program said was on the disk before the
cut, with a line `# synced PATH SIZE FNV1A32` (PATH inside hda's file system), must read back
with `debugfs` with that size and FNV-1a hash (a case `synced.PATH` each).

--figures FILE: the kernel reports measurements as `# figure NAME N` lines (under --icount, N is
an exact instruction count); each must be within --figure-tolerance of FILE's "figures", either
way, and each of FILE's must be reported (a case `figure.NAME` each). `bazel run` of the test
with --write-figures records what was measured into FILE in the workspace instead.
"""
import argparse
import json
import os
import re
import selectors
import shutil
import subprocess
import sys
import time

from testing import tap

EXIT_SUCCESS = 33
EXIT_FAILURE = 35

FIGURE_LINE = re.compile(r"^# figure (\S+) (\d+)$")
SYNCED_LINE = re.compile(r"^\s*# synced (\S+) (\d+) ([0-9a-f]{8})$")


def program_name(args):
    """The user program the kernel runs (`run=/bin/x` gives "x"), for naming its cases."""
    m = re.search(r"(?:^|\s)run=(\S+)", args.cmdline or "")
    return os.path.basename(m.group(1)) if m else "program"


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
        cmd += ["-icount", "shift=%d,align=off,sleep=off" % args.icount_shift]
    for index, disk in enumerate(getattr(args, "disk_copies", [])):
        cmd += ["-drive", "file=%s,format=raw,if=ide,index=%d" % (disk, index)]
    if args.iso:
        cmd += ["-cdrom", args.iso, "-boot", "d"]
    else:
        cmd += ["-kernel", args.kernel, "-append", args.cmdline]
        if args.module:
            # QEMU's multiboot loader takes "file args" pairs separated by commas (",," escapes one).
            cmd += ["-initrd", ",".join("%s %s" % (m, os.path.basename(m)) for m in args.module)]
    return cmd


EXT2_MAGIC_OFFSET = 1024 + 56  # the superblock's s_magic
EXT2_MAGIC = b"\x53\xef"


def copy_disks(args):
    """Writable copies of the --disk images (Bazel's inputs are read-only), in $TEST_TMPDIR."""
    where = os.environ.get("TEST_TMPDIR") or os.path.dirname(os.path.abspath(args.disk[0]))
    copies = []
    for index, disk in enumerate(args.disk):
        copy = os.path.join(where, "hd%s.img" % "ab"[index])
        shutil.copyfile(disk, copy)
        os.chmod(copy, 0o644)
        copies.append(copy)
    return copies


def is_ext2(path):
    with open(path, "rb") as f:
        f.seek(EXT2_MAGIC_OFFSET)
        return f.read(2) == EXT2_MAGIC


def fsck_cases(copies):
    """[name, ok, diagnostics] per ext2 disk: `e2fsck -fn` must find it clean (exit status 0)."""
    cases = []
    for index, copy in enumerate(copies):
        name = "fsck.hd%s" % "ab"[index]
        if not is_ext2(copy):
            continue
        e2fsck = shutil.which("e2fsck") or "/usr/sbin/e2fsck"
        result = subprocess.run([e2fsck, "-fn", copy], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                env=dict(os.environ, E2FSCK_CONFIG="/dev/null"))
        out = result.stdout.decode("utf-8", "replace")
        print("$ e2fsck -fn %s (exit %d)\n%s" % (copy, result.returncode, out), flush=True)
        diags = [] if result.returncode == 0 else [
            "e2fsck -fn on the disk the kernel left (hd%s) exited %d:\n%s" % ("ab"[index], result.returncode, out)]
        cases.append([name, not diags, diags])
    return cases


def fnv1a32(data):
    h = 0x811C9DC5
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def power_cut_cases(args, report, log):
    """After a --power-cut: repair each ext2 disk (e2fsck -fy), which must then be clean, and read
    back every file the program said was synced. [name, ok, diagnostics] each."""
    cases = []
    if not args.cut:
        cases.append(["power_cut", False, ["the power cut never came: no line matched /%s/" % args.power_cut]])
    bad = [name for name, ok, _ in report.program.cases if not ok]
    cases.append(["program_before_cut", not bad, ["failed cases before the cut: " + ", ".join(bad)] if bad else []])
    e2fsck = shutil.which("e2fsck") or "/usr/sbin/e2fsck"
    debugfs = shutil.which("debugfs") or "/usr/sbin/debugfs"
    env = dict(os.environ, E2FSCK_CONFIG="/dev/null")
    for index, copy in enumerate(args.disk_copies):
        if not is_ext2(copy):
            continue
        result = subprocess.run([e2fsck, "-fy", copy], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
        out = result.stdout.decode("utf-8", "replace")
        print("$ e2fsck -fy %s (exit %d)\n%s" % (copy, result.returncode, out), flush=True)
        ok = result.returncode in (0, 1)
        cases.append(["repair.hd%s" % "ab"[index], ok,
                      [] if ok else ["e2fsck -fy could not repair hd%s (exit %d):\n%s" % ("ab"[index], result.returncode, out)]])
    for line in log:
        m = SYNCED_LINE.match(line)
        if not m or not args.disk_copies:
            continue
        path, size, want = m.group(1), int(m.group(2)), m.group(3)
        result = subprocess.run([debugfs, "-R", "cat %s" % path, args.disk_copies[0]], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        data = result.stdout
        got = "%08x" % fnv1a32(data)
        ok = len(data) == size and got == want
        cases.append(["synced.%s" % path.strip("/").replace("/", "_").replace(".", "_"), ok,
                      [] if ok else ["%s after the cut: %d bytes, FNV-1a %s (want %d bytes, %s)" % (path, len(data), got, size, want)]])
    return cases


def unescape(text):
    """What to type, with the escapes --input allows (\\n, \\x03) made bytes."""
    return text.encode().decode("unicode_escape").encode("latin-1")


class Script:
    """--script: the steps of an expect/send conversation, and where it stands."""

    def __init__(self, steps, default_timeout):
        self.steps = []
        for i, step in enumerate(steps):
            if not isinstance(step, list) or len(step) not in (2, 3, 4):
                raise ValueError("script step %d: want [regex, text], [regex, text, timeout] or "
                                 "[regex, text, timeout, pause], got %r" % (i + 1, step))
            timeout = float(step[2]) if len(step) >= 3 and step[2] is not None else default_timeout
            pause = float(step[3]) if len(step) == 4 else 0
            self.steps.append((re.compile(step[0], re.MULTILINE), unescape(step[1]), timeout, pause))
        self.next = 0  # the step waited for
        self.screen = ""  # what was printed since the previous step matched
        self.tail = ""  # the last few thousand characters printed, for a failure's report
        self.since = None  # when the step started waiting
        self.due = None  # when the matched step's text goes out, after its pause
        self.problems = []

    def done(self):
        return self.next == len(self.steps)

    def describe(self, index):
        regex = self.steps[index][0]
        typed = self.steps[index - 1][1] if index > 0 else b""
        return "step %d of %d (waiting for /%s/%s)" % (
            index + 1, len(self.steps), regex.pattern,
            ", after typing %r" % typed.decode("latin-1") if index > 0 else "")

    def feed(self, text, now, send):
        """Takes what was printed; types each step's text once its regex matched."""
        text = text.replace("\r", "")
        self.screen += text
        self.tail = (self.tail + text)[-4000:]
        self.advance(now, send)

    def advance(self, now, send):
        """Types each step's text once its regex matched and its pause (a person taking a moment
        before a key, for a program to have started) has passed."""
        while not self.done():
            regex, typed, _, pause = self.steps[self.next]
            if self.due is None:
                m = regex.search(self.screen)
                if not m:
                    return
                self.screen = self.screen[m.end():]
                self.due = now + pause
            if now < self.due:
                return
            if typed:
                send(typed)
            self.due = None
            self.next += 1
            self.since = now

    def expired(self, now):
        """The step waiting longer than its timeout fails the run."""
        if self.done() or self.due is not None:
            return False
        if now - self.since <= self.steps[self.next][2]:
            return False
        self.fail("%s: not seen within %gs" % (self.describe(self.next), self.steps[self.next][2]))
        return True

    def fail(self, why):
        self.problems.append("script %s; the screen's last lines:\n%s" % (
            why, "\n".join("    | " + line for line in self.tail.splitlines()[-15:]) or "    (nothing)"))


def run(args):
    cmd = qemu_command(args)
    print("$ " + " ".join(cmd), flush=True)
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    data = unescape(args.input) if args.input else b""
    input_after = re.compile(args.input_after) if args.input_after else None
    # Without --input-after everything is typed at once; with it, one line per match of the
    # regex in what the kernel printed since the previous line went out, as a person types at a
    # prompt (typed-ahead input would be echoed in the middle of the output before it).
    pending = [data] if not input_after else [line for line in data.splitlines(keepends=True)]
    since_sent = ""

    def send_input():
        nonlocal since_sent
        proc.stdin.write(pending.pop(0))
        proc.stdin.flush()
        since_sent = ""

    def type_text(data):
        proc.stdin.write(data)
        proc.stdin.flush()

    script = Script(json.loads(args.script), args.step_timeout) if args.script else None
    if script:
        script.since = start
    if pending and not input_after:
        send_input()
    report = tap.Report(program=program_name(args))
    log = []
    partial = b""
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    timed_out = False
    args.cut = False
    power_cut = re.compile(args.power_cut) if getattr(args, "power_cut", None) else None
    while True:
        remaining = args.timeout - (time.monotonic() - start)
        if remaining <= 0:
            timed_out = True
            proc.kill()
            break
        if script:
            script.advance(time.monotonic(), type_text)
        if script and script.expired(time.monotonic()):
            proc.kill()
            break
        if not sel.select(timeout=min(remaining, 0.1 if script and script.due is not None else 1.0)):
            if proc.poll() is not None:
                break
            continue
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            break
        partial += chunk
        if script:
            script.feed(chunk.decode("utf-8", "replace"), time.monotonic(), type_text)
        # Typed input goes out once the kernel is ready for it (e.g. a prompt appeared), since the
        # UART drops what arrives before the kernel has set it up, as a real serial line would.
        since_sent += chunk.decode("utf-8", "replace")
        if pending and input_after and input_after.search(since_sent):
            send_input()
        *lines, partial = partial.split(b"\n")
        for raw in lines:
            text = raw.decode("utf-8", "replace").rstrip("\r")
            log.append(text)
            print(text, flush=True)
            report.line(text)
            if power_cut and not args.cut and power_cut.search(text):
                proc.kill()  # the power goes: QEMU ends without writing anything more
                args.cut = True
                print("== power cut (QEMU killed)", flush=True)
        if args.cut:
            break
    if partial:
        text = partial.decode("utf-8", "replace").rstrip("\r")
        log.append(text)
        print(text, flush=True)
        report.line(text)
    status = proc.wait()
    elapsed = time.monotonic() - start
    if script and not script.problems and not script.done():
        script.fail("%s: never seen: %s first" % (script.describe(script.next),
                                                   "the time ran out" if timed_out else "QEMU ended"))
    script_problems = script.problems if script else []
    return report, log, status, timed_out, elapsed, script_problems


def verdict(args, report, status, timed_out, log):
    """Returns a list of reasons the run failed (empty when it passed)."""
    if args.expect_panic:
        return expected_panic_verdict(args, report, status, timed_out, log)
    problems = []
    if timed_out:
        problems.append("timed out after %ss (the kernel hung or never ended QEMU)" % args.timeout)
    if report.bail:
        problems.append("kernel bailed out: " + report.bail)
    problems += report.kernel.problems(required=True)
    problems += report.program.problems(required=args.program_tap == "required")
    if not timed_out and status != EXIT_SUCCESS:
        problems.append("QEMU exit status %d (want %d: the kernel reports success)" % (status, EXIT_SUCCESS))
    text = "\n".join(log)
    for pattern in args.expect_output:
        if not re.search(pattern, text, re.MULTILINE):
            problems.append("the output lacks /%s/" % pattern)
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
    # The failing case is expected here; what matters is the report. The case that panicked is
    # reported by name, passing exactly when the panic was the one expected.
    report.kernel.cases = [[name, True, diags] for name, _, diags in report.kernel.cases]
    if report.running:
        report.kernel.cases.append([report.running, not problems, list(problems)])
    report.running = None
    return problems


def test_cases(report, problems, program_name):
    """Every case for the XML: the kernel's, the program's (as program.name) and `boot`, the run
    as a whole, which carries every problem (so a panic, a hang or a bad plan is never lost)."""
    cases = [list(c) for c in report.kernel.cases]
    if report.running and report.running not in [c[0] for c in cases]:
        cases.append([report.running, False, ["interrupted: " + (report.bail or "no result")]])
    for name, ok, diags in report.program.cases:
        cases.append(["%s.%s" % (program_name, name.replace(".", "_")), ok, diags])
    cases.append(["boot", not problems, problems])
    return cases


def reported_figures(log):
    """{name: value} of the `# figure NAME N` lines in the log."""
    return {m.group(1): int(m.group(2)) for m in map(FIGURE_LINE.match, log) if m}


def figure_cases(args, log):
    """[name, ok, diagnostics] per figure: reported, and within the tolerance of the file's."""
    with open(args.figures) as f:
        want = json.load(f)["figures"]
    got = reported_figures(log)
    cases = []
    for name in sorted(set(want) | set(got)):
        case, base, value = "figure." + name, want.get(name), got.get(name)
        if value is None:
            cases.append([case, False, ["%s: %s has it (%d), the kernel did not report it" % (name, args.figures,
                                                                                               base)]])
        elif base is None:
            cases.append([case, False, ["%s: reported (%d), but %s has no figure for it" % (name, value,
                                                                                             args.figures)]])
        elif abs(value / base - 1) > args.figure_tolerance:
            cases.append([case, False, ["%s: %d, %s has %d (%+.1f%%, more than %d%% either way)" % (
                name, value, args.figures, base, 100.0 * (value / base - 1), round(100 * args.figure_tolerance))]])
        else:
            cases.append([case, True, []])
    return cases


def write_figures(args, log):
    """--write-figures: records the reported figures in --figures, in the workspace (bazel run)."""
    workspace = os.environ.get("BUILD_WORKSPACE_DIRECTORY")
    if not workspace:
        sys.exit("qemu_test: --write-figures works under `bazel run` only")
    path = os.path.join(workspace, args.figures)
    with open(path) as f:
        data = json.load(f)
    data["figures"] = reported_figures(log)
    with open(path, "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")
    print("figures written to %s: update the docs that quote them (//testing:docs_figures_test says where)" % path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--iso", help="boot this ISO through GRUB")
    src.add_argument("--kernel", help="boot this multiboot ELF directly (qemu -kernel)")
    ap.add_argument("--cmdline", default="", help="kernel command line (direct boot only)")
    ap.add_argument("--module", action="append", default=[], help="multiboot module (direct boot only)")
    ap.add_argument("--memory", type=int, default=128, help="guest RAM in MiB")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--icount", action="store_true", help="deterministic: one guest instruction = 1 ns")
    ap.add_argument("--icount-shift", type=int, default=0, metavar="N",
                    help="under --icount, one guest instruction = 2^N ns (more timer ticks per instruction)")
    ap.add_argument("--input", default="", help="bytes to send to the serial port (escapes allowed)")
    ap.add_argument("--input-after", default="", metavar="REGEX",
                    help="type --input one line at a time, each once the output since the last matches REGEX")
    ap.add_argument("--script", default="", metavar="JSON",
                    help="expect/send steps: a JSON list of [regex, text] or [regex, text, timeout_s]")
    ap.add_argument("--step-timeout", type=float, default=20,
                    help="how long a --script step waits for its regex unless it says (seconds)")
    ap.add_argument("--program-tap", choices=["optional", "required"], default="optional",
                    help="the user program's own TAP (indented): judged when printed; required: must be printed")
    ap.add_argument("--expect-output", action="append", default=[], metavar="REGEX",
                    help="the output must match REGEX (repeatable)")
    ap.add_argument("--expect-panic", action="append", default=[], metavar="REGEX",
                    help="the kernel must panic and its output match REGEX (repeatable)")
    ap.add_argument("--disk", action="append", default=[], metavar="IMAGE",
                    help="attach a copy of IMAGE as the next IDE drive (hda, then hdb); e2fsck -fn after")
    ap.add_argument("--power-cut", metavar="REGEX",
                    help="kill QEMU when a line matches REGEX; then repair, check, and read back synced files")
    ap.add_argument("--figures", metavar="JSON", help="compare the `# figure NAME N` lines with this file")
    ap.add_argument("--figure-tolerance", type=float, default=0.10)
    ap.add_argument("--write-figures", action="store_true",
                    help="record the figures in --figures (a workspace path) instead (bazel run only)")
    args = ap.parse_args(argv)
    args.disk_copies = copy_disks(args) if args.disk else []

    report, log, status, timed_out, elapsed, script_problems = run(args)
    if args.power_cut:
        cases = power_cut_cases(args, report, log)
        cases += fsck_cases(args.disk_copies)
        problems = script_problems + [diags[0] for _, ok, diags in cases if not ok]
        if timed_out:
            problems.append("timed out after %ss before the power cut" % args.timeout)
        cases.append(["boot", not problems, problems])
        return tap.finish("qemu", cases, problems, elapsed, log, ", QEMU killed by the power cut")
    problems = script_problems + verdict(args, report, status, timed_out, log)
    fscks = fsck_cases(args.disk_copies) if not args.expect_panic else []
    problems += [diags[0] for _, ok, diags in fscks if not ok]
    if args.figures and not problems and args.write_figures:
        write_figures(args, log)
    elif args.figures:
        figures = figure_cases(args, log)
        off = [diags[0] for _, ok, diags in figures if not ok]
        if off:
            problems.append("figures off %s (if the change is real, record it with `bazel run %s -- "
                            "--write-figures`): %s" % (args.figures, os.environ.get("TEST_TARGET", "<this test>"),
                                                        "; ".join(off)))
    cases = test_cases(report, problems, program_name(args))
    cases[-1:-1] = fscks
    if args.figures and not args.write_figures:
        cases[-1:-1] = figures
    return tap.finish("qemu", cases, problems, elapsed, log, ", QEMU status %d" % status)

if __name__ == "__main__":
    sys.exit(main())
