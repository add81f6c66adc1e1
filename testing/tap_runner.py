#!/usr/bin/env python3
"""Runs a host test program that reports in TAP and judges it as every test here is judged.

    tap_runner.py [--env NAME=VALUE]... -- PROGRAM [ARGS...]

The program passes only when it exits 0 and its TAP report passes testing/tap.py's rules (one
plan, not empty, every planned case reported, none `not ok`). Its cases become <testcase>s in
$XML_OUTPUT_FILE, so Bazel never has to make up a test.xml of its own (it would do that in a
separate, uncached action).
"""
import argparse
import os
import subprocess
import sys
import time

from testing import tap


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        ap.error("no program to run")
    env = dict(os.environ)
    env.update(kv.split("=", 1) for kv in args.env)

    start = time.monotonic()
    try:
        proc = subprocess.run(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
        returncode, output = proc.returncode, proc.stdout.decode("utf-8", "replace")
    except OSError as e:  # not there, not executable: a failed run, reported like any other
        returncode, output = 127, "tap_runner: cannot run %s: %s" % (command[0], e)
    elapsed = time.monotonic() - start
    log = output.splitlines()
    stream = tap.Stream(os.path.basename(command[0]))
    for line in log:
        print(line)
        stream.line(line.rstrip("\r"))

    problems = stream.problems(required=True)
    if returncode != 0:
        problems.append("%s exited with status %d" % (command[0], returncode))
    cases = [list(c) for c in stream.cases] + [["run", not problems, problems]]
    return tap.finish(command[0], cases, problems, elapsed, log)

if __name__ == "__main__":
    sys.exit(main())
