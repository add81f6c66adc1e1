"""TAP as every test here reports it, and the one set of rules that judges it.

Two streams can share one serial log:
    TAP version 13
    1..N                        the kernel's plan
    # run suite.name            names the kernel case in progress (for panics)
    ok 1 - suite.name           a kernel case
    # file:line: diagnostics    attached to the failed case before them
        ok 1 - what             a user program's own case (indented four spaces)
        not ok 2 - FAIL ...
        1..2                    the program's plan (before or after its results)
    Bail out! reason            the kernel gave up (panic)

A stream passes only when it has exactly one plan, the plan is not empty, it reports exactly
the cases it planned, numbered 1..N in order, and none of them is `not ok`. There is no other
way to pass: a stream that is required and absent fails, a `1..0` fails, a short or long report
fails. Every harness here (qemu_test.py, tap_runner.py, bench/run_bench.py) judges through
Stream.problems(), and writes JUnit XML through write_xml(), so they cannot drift apart.
"""
import os
import re
import xml.etree.ElementTree as ET

PLAN = re.compile(r"^1\.\.(\d+)(?:\s+#.*)?$")
RESULT = re.compile(r"^(not )?ok(?=\s|$)\s*(\d+)?\s*(?:-\s+)?(.*)$")
RUN = re.compile(r"^# run (\S+)")
BAIL_OUT = re.compile(r"^Bail out!(.*)$")
PROGRAM_INDENT = "    "


class Stream:
    """One TAP producer: its plan and its cases [name, ok, diagnostics]."""

    def __init__(self, label):
        self.label = label
        self.plans = []
        self.cases = []
        self.numbers = []

    def seen(self):
        return bool(self.plans or self.cases)

    def line(self, text):
        """Takes one line of this stream (indent removed); False if it is not TAP."""
        m = PLAN.match(text)
        if m:
            self.plans.append(int(m.group(1)))
            return True
        m = RESULT.match(text)
        if m:
            number = int(m.group(2)) if m.group(2) else None
            name = m.group(3).split(" # ")[0].strip() or "case_%d" % (len(self.cases) + 1)
            self.cases.append([name, m.group(1) is None, []])
            self.numbers.append(number)
            return True
        if text.startswith("#") and self.cases and not self.cases[-1][1]:
            self.cases[-1][2].append(text.lstrip("# "))
            return True
        return False

    def failed(self):
        return [c[0] for c in self.cases if not c[1]]

    def problems(self, required=True):
        """Reasons this stream does not pass (empty when it passes)."""
        if not self.seen():
            return ["%s printed no TAP (no plan, no results)" % self.label] if required else []
        problems = []
        if not self.plans:
            problems.append("%s printed no TAP plan (1..N)" % self.label)
        elif len(self.plans) > 1:
            problems.append("%s printed %d plans (%s)" % (self.label, len(self.plans),
                                                          ", ".join("1..%d" % p for p in self.plans)))
        elif self.plans[0] == 0:
            problems.append("%s planned no case (1..0): a test that runs nothing is a failure" % self.label)
        elif self.plans[0] != len(self.cases):
            problems.append("%s planned %d cases but reported %d" % (self.label, self.plans[0], len(self.cases)))
        expected = list(range(1, len(self.cases) + 1))
        if [n if n is not None else i for n, i in zip(self.numbers, expected)] != expected:
            problems.append("%s numbered its cases %s, not 1..%d in order" %
                            (self.label, ",".join(str(n) for n in self.numbers), len(self.cases)))
        failed = self.failed()
        if failed:
            problems.append("%s: failed cases: %s" % (self.label, ", ".join(failed)))
        return problems


class Report:
    """What a kernel (and the user program it ran) said on the serial port, parsed line by line."""

    def __init__(self, program="program"):
        self.kernel = Stream("the kernel")
        self.program = Stream(program)
        self.running = None
        self.bail = None

    def line(self, text):
        if text.startswith(PROGRAM_INDENT) and self.program.line(text[len(PROGRAM_INDENT):].strip()):
            return
        m = BAIL_OUT.match(text)
        if m:
            self.bail = m.group(1).strip() or "bailed out"
            return
        m = RUN.match(text)
        if m:
            self.running = m.group(1)
            return
        if self.kernel.line(text) and RESULT.match(text):
            self.running = None


def write_xml(path, suite_name, cases, elapsed, log=(), log_lines=60):
    """JUnit XML for Bazel: `cases` is [name, ok, diagnostics]; "suite.name" names become
    classname "suite" and case "name". A failure carries its diagnostics and the log's tail."""
    suite = ET.Element("testsuite", name=suite_name)
    failures = 0
    for name, ok, diags in cases:
        classname, _, case = name.rpartition(".")
        tc = ET.SubElement(suite, "testcase", name=case or name, classname=classname or suite_name, time="0")
        if not ok:
            failures += 1
            f = ET.SubElement(tc, "failure", message=(diags[0] if diags else "failed"))
            tail = list(log)[-log_lines:]
            f.text = "\n".join(list(diags) + (["", "--- log (last %d lines) ---" % len(tail)] + tail if tail else []))
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("time", "%.3f" % elapsed)
    root = ET.Element("testsuites")
    root.append(suite)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def finish(default_suite, cases, problems, elapsed, log, summary=""):
    """The end of every harness: test.xml when Bazel asks for it ($XML_OUTPUT_FILE), a summary line,
    PASS or FAIL with the problems; returns the exit status (0 only with no problem)."""
    xml_path = os.environ.get("XML_OUTPUT_FILE")
    if xml_path:
        write_xml(xml_path, os.environ.get("TEST_TARGET", default_suite), cases, elapsed, log)
    passed = sum(1 for c in cases if c[1])
    print("\n== %d passed, %d failed%s, %.1fs" % (passed, len(cases) - passed, summary, elapsed))
    if problems:
        print("FAIL: " + "; ".join(problems))
        return 1
    print("PASS")
    return 0
