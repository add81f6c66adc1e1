#!/usr/bin/env python3
"""The mutation check: plants each bug of the catalogue in turn and reports which the suite catches.

    testing/mutations/mutate.py [--only ID[,ID...]] [--list] [--check] [--keep] [--no-baseline]

Run it from a checkout, on demand (it is not part of `bazel test //...`: each mutant rebuilds the
kernel and reruns the suite). It works in a git worktree of HEAD of its own (uncommitted changes
are not part of it) with a Bazel output base of its own, so the checkout is never touched:

  1. every mutation of catalogue.py must apply: its `old` text occurs exactly once in its file
     (a stale line is reported and counts as not caught: keep the catalogue in step with the code);
  2. the unmutated suite must pass, or nothing else means anything;
  3. for each mutation: plant it, run its `tests` first (a hint: quick when right); if none of
     them fails, run the whole suite (`bazel test //...`, with --config=debug for a mutation whose
     `config` says so: undefined behaviour only the sanitizers see). Caught means some test failed; a mutant
     that does not build is reported as such and counts as not caught (a planted bug must be one
     the compiler cannot see). Then the file is restored.

Prints one line per mutation and ends with `mutations: C/T caught (N stale, B do not build) in Ms`.
Exit status 0 only when every mutation is caught.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import catalogue  # noqa: E402

FAILED_TARGET = re.compile(r"^(//\S+)\s+(?:\(cached\) )?(FAILED|TIMEOUT|FAILED TO BUILD|NO STATUS)\b", re.M)


def sh(cmd, cwd, log=None, check=False):
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    text = proc.stdout.decode("utf-8", "replace")
    if log:
        with open(log, "a") as f:
            f.write("$ %s\n%s\n" % (" ".join(cmd), text))
    if check and proc.returncode != 0:
        sys.exit("mutate: %s failed:\n%s" % (" ".join(cmd), text[-3000:]))
    return proc.returncode, text


class Tree:
    """A worktree of HEAD with its own Bazel output base."""

    def __init__(self, repo, keep):
        self.repo = repo
        self.dir = tempfile.mkdtemp(prefix="lune-mutants.")
        self.keep = keep
        self.log = os.path.join(self.dir, "bazel.log")
        self.src = os.path.join(self.dir, "src")
        sh(["git", "worktree", "add", "--detach", self.src, "HEAD"], repo, check=True)
        self.bazel = [os.path.join(self.src, "tools", "bazel"), "--output_base=" + os.path.join(self.dir, "out")]
        # The user's disk cache, if any, speeds up the unmutated files; results are never cached.
        self.flags = ["--color=no", "--curses=no", "--nocache_test_results", "--keep_going",
                      "--test_output=summary", "--symlink_prefix=/"]
        user_rc = os.path.join(repo, "user.bazelrc")
        if os.path.exists(user_rc):
            shutil.copy(user_rc, os.path.join(self.src, "user.bazelrc"))

    def test(self, targets, config=""):
        """Runs `targets` (under --config=`config` if given); returns (built, [failed targets])."""
        configs = ["--config=" + config] if config else []
        status, text = sh(self.bazel + ["test"] + self.flags + configs + targets, self.src, self.log)
        failed = sorted(set(m.group(1) for m in FAILED_TARGET.finditer(text)))
        built = "FAILED TO BUILD" not in text and not re.search(r"^ERROR: .*(Compiling|Linking|error:)", text, re.M)
        if status != 0 and not failed and built:
            built = False  # Bazel failed before any test ran: the analysis or the build broke
        return built, failed

    def close(self):
        sh(self.bazel + ["shutdown"], self.src)
        sh(["git", "worktree", "remove", "--force", self.src], self.repo)
        if not self.keep:
            subprocess.run(["chmod", "-R", "u+w", self.dir])
            shutil.rmtree(self.dir, ignore_errors=True)
        else:
            print("mutate: kept %s (bazel log: %s)" % (self.dir, self.log))


def apply(tree, m):
    """Plants `m`; returns the original text of its file, or None when `old` is not there once."""
    path = os.path.join(tree.src, m.file)
    with open(path) as f:
        text = f.read()
    if text.count(m.old) != 1:
        return None
    with open(path, "w") as f:
        f.write(text.replace(m.old, m.new))
    return text


def restore(tree, m, text):
    with open(os.path.join(tree.src, m.file), "w") as f:
        f.write(text)


def check_applies(mutations):
    """A catalogue line whose text moved plants nothing: each `old` must be in the checkout's file
    exactly once, and differ from `new`. Quick (no build), so CI runs it on every change."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    bad = 0
    for m in mutations:
        path = os.path.join(root, m.file)
        count = open(path).read().count(m.old) if os.path.exists(path) else -1
        if count != 1 or m.old == m.new:
            bad += 1
            why = "no such file" if count < 0 else "its text is in the file %d times" % count
            print("STALE      %-32s %s: %s" % (m.id, m.file, why if m.old != m.new else "old and new are equal"))
    print("mutations: %d of %d apply to the checkout" % (len(mutations) - bad, len(mutations)))
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="comma-separated mutation ids")
    ap.add_argument("--list", action="store_true", help="list the catalogue and exit")
    ap.add_argument("--check", action="store_true",
                    help="only check that every mutation applies to the checkout (CI runs this), and exit")
    ap.add_argument("--keep", action="store_true", help="keep the worktree and the Bazel log")
    ap.add_argument("--no-baseline", action="store_true",
                    help="skip running the unmutated suite first (quicker; only when you know it passes)")
    args = ap.parse_args()

    mutations = catalogue.MUTATIONS
    ids = [m.id for m in mutations]
    if len(set(ids)) != len(ids):
        sys.exit("mutate: duplicate ids in the catalogue")
    if args.only:
        wanted = args.only.split(",")
        unknown = set(wanted) - set(ids)
        if unknown:
            sys.exit("mutate: no such mutation: " + ", ".join(sorted(unknown)))
        mutations = [m for m in mutations if m.id in wanted]
    if args.list:
        for m in mutations:
            print("%-32s %-28s %s" % (m.id, m.file, m.what))
        return 0
    if args.check:
        return check_applies(mutations)

    repo = subprocess.run(["git", "rev-parse", "--show-toplevel"], stdout=subprocess.PIPE,
                          cwd=os.path.dirname(os.path.abspath(__file__))).stdout.decode().strip()
    start = time.monotonic()
    tree = Tree(repo, args.keep)
    caught = stale = broken = 0
    try:
        if not args.no_baseline:
            print("mutate: the unmutated suite first (bazel test //...)", flush=True)
            built, failed = tree.test(["//..."])
        if not args.no_baseline and (not built or failed):
            print("mutate: the unmutated suite does not pass (%s); nothing to measure" % (", ".join(failed) or "build"))
            return 2
        for m in mutations:
            t0 = time.monotonic()
            text = apply(tree, m)
            if text is None:
                stale += 1
                print("STALE      %-32s its text is not in %s exactly once: update the catalogue" % (m.id, m.file),
                      flush=True)
                continue
            try:
                built, failed = tree.test(list(m.tests), m.config) if m.tests else (True, [])
                where = "its tests"
                if built and not failed:
                    built, failed = tree.test(["//..."], m.config)
                    where = "the suite"
                if m.config:
                    where += ", --config=" + m.config
            finally:
                restore(tree, m, text)
            took = time.monotonic() - t0
            if not built:
                broken += 1
                print("NO-BUILD   %-32s the mutant does not build (%.0fs)" % (m.id, took), flush=True)
            elif failed:
                caught += 1
                print("CAUGHT     %-32s by %s (%s, %.0fs)" % (m.id, " ".join(failed), where, took), flush=True)
            else:
                print("MISSED     %-32s %s (%.0fs)" % (m.id, m.what, took), flush=True)
    finally:
        tree.close()
    total = len(mutations)
    print("mutations: %d/%d caught (%d stale, %d do not build) in %.0fs" %
          (caught, total, stale, broken, time.monotonic() - start))
    return 0 if caught == total else 1


if __name__ == "__main__":
    sys.exit(main())
