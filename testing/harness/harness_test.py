#!/usr/bin/env python3
"""Tests of the test harness itself: every way a failing test could pass must fail.

    harness_test.py --kernel ELF --ktest-kernel ELF --initrd NAME=CPIO...

Part 1 feeds testing/tap.py made-up reports. Part 2 boots the real kernel with programs that
misbehave on purpose (testing/harness/programs.c) through testing/qemu_test.py and
bench/run_bench.py, exactly as Bazel runs them, and checks each run fails and says why. A
well-behaved program is run too, so a failure cannot come from a broken setup.
Reports in TAP (run through testing/tap_runner.py).
"""
import argparse
import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
import time

from bench import run_bench
from testing import qemu_test, tap

results = []


def case(name, ok, detail=""):
    results.append(ok)
    print("%sok %d - %s" % ("" if ok else "not ", len(results), name))
    if not ok:
        for line in detail.splitlines()[-40:]:
            print("# " + line)


def stream_problems(lines, program_required=True):
    """What the harness holds against a serial log: the kernel's report is always required."""
    report = tap.Report(program="prog")
    for line in lines:
        report.line(line)
    return report.kernel.problems(True) + report.program.problems(program_required)


def tap_rules():
    """Made-up reports: what passes and what must not."""
    good = ["TAP version 13", "1..2", "ok 1 - a.b", "ok 2 - a.c"]
    good_program = good + ["    ok 1 - x", "    1..1"]
    case("tap: a complete report passes", stream_problems(good_program) == [], str(stream_problems(good_program)))
    must_fail = {
        "an empty plan (1..0)": ["1..0"],
        "no plan": ["ok 1 - a.b"],
        "no report at all": [],
        "fewer cases than planned": ["1..3", "ok 1 - a", "ok 2 - b"],
        "more cases than planned": ["1..1", "ok 1 - a", "ok 2 - b"],
        "two plans": ["1..1", "ok 1 - a", "1..1"],
        "a not ok": ["1..2", "ok 1 - a", "not ok 2 - b"],
        "cases out of order": ["1..2", "ok 2 - a", "ok 1 - b"],
        "a program's short plan": good + ["    1..3", "    ok 1 - x", "    ok 2 - y"],
        "a program's not ok": good + ["    ok 1 - x", "    not ok 2 - y", "    1..2"],
        "a program's empty plan": good + ["    1..0"],
        "a program's results without a plan": good + ["    ok 1 - x"],
    }
    for what, lines in must_fail.items():
        problems = stream_problems(lines)
        case("tap: %s fails" % what, bool(problems), "passed: %s" % lines)
    # The verdict on a whole run: a complete report is not enough.
    report = tap.Report(program="prog")
    for line in good:
        report.line(line)
    options = argparse.Namespace(expect_panic=[], expect_output=[], program_tap="optional", timeout=1)
    case("qemu_test: a complete report passes with QEMU status 33",
         qemu_test.verdict(options, report, qemu_test.EXIT_SUCCESS, False, good) == [])
    case("qemu_test: a complete report with QEMU status 35 fails",
         bool(qemu_test.verdict(options, report, qemu_test.EXIT_FAILURE, False, good)))
    case("qemu_test: a complete report fails when QEMU had to be killed (timeout)",
         bool(qemu_test.verdict(options, report, -9, True, good)))
    report.line("Bail out! kernel panic")
    case("qemu_test: a complete report followed by a panic fails",
         bool(qemu_test.verdict(options, report, qemu_test.EXIT_SUCCESS, False, good)))
    # A test of the panic path reports the case that panicked by name, passing when the panic was
    # the one expected and failing otherwise.
    log = ["TAP version 13", "1..1", "# run suite.must_panic (x.c:1)", "Bail out! kernel panic at x.c:2: boom"]
    for want_text, ok in (("boom", True), ("something else", False)):
        report = tap.Report(program="prog")
        for line in log:
            report.line(line)
        options = argparse.Namespace(expect_panic=[want_text], expect_output=[], program_tap="optional", timeout=1)
        problems = qemu_test.verdict(options, report, qemu_test.EXIT_FAILURE, False, log)
        named = [c for c in qemu_test.test_cases(report, problems, "prog") if c[0] == "suite.must_panic"]
        case("qemu_test: a panic test reports the case that panicked by name, %s" % (
            "passing when it printed what was expected" if ok else "failing when it did not"),
            len(named) == 1 and named[0][1] == ok, str(named))
    # A program that prints no TAP is judged only when its TAP is required.
    case("tap: a program without TAP passes when its TAP is optional",
         stream_problems(good, program_required=False) == [])


def figure_rules():
    """qemu_test --figures: a figure far off its file, either way, missing or unknown fails."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({"figures": {"a": 1000, "b": 2000}}, f)
    options = argparse.Namespace(figures=f.name, figure_tolerance=0.10)
    logs = {
        "within 10%, either way, passes": (["# figure a 1099", "# figure b 1801"], True),
        "11% worse fails": (["# figure a 1110", "# figure b 2000"], False),
        "11% better fails": (["# figure a 1000", "# figure b 1780"], False),
        "a figure not reported fails": (["# figure a 1000"], False),
        "a figure the file lacks fails": (["# figure a 1000", "# figure b 2000", "# figure c 5"], False),
    }
    for what, (log, want_ok) in logs.items():
        cases = qemu_test.figure_cases(options, log)
        ok = all(c[1] for c in cases)
        case("qemu_test --figures: " + what, ok == want_ok, str(cases))
    os.unlink(f.name)


def run_quietly(fn, argv):
    """Runs a harness's main(argv) as Bazel would; returns (exit status, everything it printed)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            status = fn(argv)
        except SystemExit as e:
            status = e.code if isinstance(e.code, int) else 1
    return status, out.getvalue()


def boot(args, program, extra=()):
    argv = ["--kernel", args.kernel, "--module", args.initrd[program], "--cmdline", "run=/bin/" + program,
            "--timeout", "30"] + list(extra)
    return run_quietly(qemu_test.main, argv)


def expect(name, status, output, want_status, want_text):
    ok = status == want_status and want_text in output
    case(name, ok, "exit status %s (want %s), looked for %r in:\n%s" % (status, want_status, want_text, output))


def user_programs(args):
    status, out = boot(args, "good", ["--program-tap", "required"])
    expect("qemu_test: a well-behaved program passes (the control)", status, out, 0, "PASS")
    status, out = boot(args, "short_plan")
    expect("qemu_test: a program's plan of 3 with 2 results fails", status, out, 1, "planned 3 cases but reported 2")
    status, out = boot(args, "not_ok")
    expect("qemu_test: a program's not ok fails although it exits 0", status, out, 1, "failed cases: two")
    status, out = boot(args, "empty_plan")
    expect("qemu_test: a program's empty plan fails", status, out, 1, "planned no case (1..0)")
    status, out = boot(args, "silent", ["--program-tap", "required"])
    expect("qemu_test: a program that exits 0 before printing anything fails", status, out, 1,
           "silent printed no TAP")
    status, out = boot(args, "leaves_child")
    expect("qemu_test: a process left running by the program fails", status, out, 1,
           "not ok 2 - run.no_processes_left # 1 left running by the program")
    status, out = boot(args, "leaves_files", ["--program-tap", "required"])
    expect("qemu_test: files a program leaves in the root file system are no leak (the tree goes at power-off)",
           status, out, 0, "ok 3 - run.no_leaked_memory")
    status, out = boot(args, "leaves_busy_child")
    expect("qemu_test: a busy process left running by the program fails (and does not hang the power-off)",
           status, out, 1, "not ok 2 - run.no_processes_left # 1 left running by the program")
    status, out = boot(args, "killed_child")
    expect("check.h: CHECK_EXITED takes a child killed by SIGKILL for a failure", status, out, 1,
           "want exit 0, got wait status 0x9")


def script_mode(args):
    """qemu_test --script: types each step's text once its regex appeared; a step that never
    matches fails at its own timeout (not the run's), naming itself and showing the screen."""
    def run(steps, *extra):
        return boot(args, "conversation", ["--script", json.dumps(steps)] + list(extra))

    status, out = run([["ready> ", "hello\n"], ["^you typed: hello$", ""], ["ready> ", "bye\n"]],
                      "--program-tap", "required")
    expect("qemu_test --script: a conversation whose every step matches passes (the control)", status, out, 0,
           "you typed: hello")
    start = time.monotonic()
    status, out = run([["ready> ", "hello\n"], ["^you typed: goodbye$", "", 3]])
    took = time.monotonic() - start
    expect("qemu_test --script: a step whose regex never appears fails, naming the step", status, out, 1,
           "script step 2 of 2 (waiting for /^you typed: goodbye$/, after typing 'hello\\n'): not seen within 3s")
    expect("qemu_test --script: ... and shows the screen's last lines", status, out, 1, "    | you typed: hello")
    case("qemu_test --script: ... at the step's timeout, not the run's (%.1fs, the run may take 30s)" % took,
         took < 20)
    start = time.monotonic()
    status, out = run([["ready> ", "hello\n", None, 3], ["^you typed: hello$", ""], ["ready> ", "bye\n"]],
                      "--program-tap", "required")
    took = time.monotonic() - start
    expect("qemu_test --script: a step with a pause (timeout null: the default) passes", status, out, 0,
           "you typed: hello")
    case("qemu_test --script: ... and types its text only once the pause has passed (%.1fs)" % took, took >= 3)
    status, out = run([["ready> ", "bye\n"], ["never printed", ""]])
    expect("qemu_test --script: a step still waiting when QEMU ends fails", status, out, 1,
           "script step 2 of 2 (waiting for /never printed/, after typing 'bye\\n'): never seen: QEMU ended first")


def ktest_filter(args):
    argv = ["--kernel", args.ktest_kernel, "--cmdline", "ktest=no_such_suite", "--timeout", "30"]
    status, out = run_quietly(qemu_test.main, argv)
    expect("qemu_test: a ktest filter that selects nothing fails", status, out, 1, "planned no case (1..0)")


def bench(args):
    tmp = tempfile.mkdtemp()
    figures = os.path.join(tmp, "figures.json")

    def run(program, *extra):
        return run_quietly(run_bench.main, ["--kernel", args.kernel, "--initrd", args.initrd[program],
                                            "--program", "/bin/" + program, "--no-tcg"] + list(extra))

    status, out = run("bench_ok", "--json", figures)
    expect("run_bench: a run that finishes and passes gives figures (the control)", status, out, 0, "getpid")
    if status != 0:
        return
    status, out = run("bench_ok", "--check", figures)
    expect("run_bench: figures equal to the baseline pass", status, out, 0, "within 10% of the baseline")

    def baseline_with(factor):
        with open(figures) as f:
            data = json.load(f)
        for row in data["figures"]:
            if row["name"] == "getpid":
                row["instructions"] = int(row["instructions"] * factor)
        path = os.path.join(tmp, "baseline_%s.json" % factor)
        with open(path, "w") as f:
            json.dump(data, f)
        return path

    status, out = run("bench_ok", "--check", baseline_with(0.5))
    expect("run_bench: a figure 100% worse than the baseline fails", status, out, 1, "worse: a regression")
    status, out = run("bench_ok", "--check", baseline_with(2.0))
    expect("run_bench: a figure 50% better than the baseline fails until recorded", status, out, 1,
           "better: record it on purpose")
    status, out = run("bench_exit1", "--check", figures)
    expect("run_bench: a benchmark that exits 1 after printing every figure fails", status, out, 1,
           "run.exit_status")
    status, out = run("bench_leak", "--check", figures)
    expect("run_bench: a benchmark that leaves a process running fails", status, out, 1, "run.no_processes_left")


def disk_rules(args):
    """qemu_test --disk: the program sees the disk, and e2fsck -fn judges what is left on it."""
    status, out = boot(args, "good", ["--program-tap", "required", "--disk", args.ext2_disk])
    expect("qemu_test --disk: a clean ext2 disk passes, checked by e2fsck", status, out, 0, "e2fsck -fn")
    with tempfile.TemporaryDirectory() as tmp:
        bad = os.path.join(tmp, "bad.img")
        shutil.copyfile(args.ext2_disk, bad)
        with open(bad, "r+b") as f:
            f.seek(2048 + 12)  # the first group descriptor's free block count (1 KiB blocks)
            f.write(b"\x07\x00")
        status, out = boot(args, "good", ["--program-tap", "required", "--disk", bad])
        expect("qemu_test --disk: a disk e2fsck finds damaged fails the test", status, out, 1,
               "e2fsck -fn on the disk the kernel left (hda) exited 4")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--ktest-kernel", required=True)
    ap.add_argument("--initrd", action="append", default=[], metavar="NAME=CPIO")
    ap.add_argument("--ext2-disk", required=True)
    args = ap.parse_args()
    args.initrd = dict(i.split("=", 1) for i in args.initrd)
    os.environ.pop("XML_OUTPUT_FILE", None)  # the runs below are not this test's verdict
    tap_rules()
    figure_rules()
    user_programs(args)
    script_mode(args)
    ktest_filter(args)
    disk_rules(args)
    bench(args)
    print("1..%d" % len(results))  # at the end: a crash before it leaves no plan, which fails
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
