#!/usr/bin/env python3
"""Checks that docs/tour.md names only what exists, so the tour cannot drift from the code.

    tour_test.py --root ROOT DOC

ROOT is a directory holding the sources (the runfiles root under Bazel), DOC the tour. Every
`path/with/a/slash` the tour quotes must be a file or folder under ROOT, every `//package:target`
a target of that package's BUILD.bazel, and every `name()` a function (or assembly label) that is
defined in one of the files the same paragraph or list item quotes (anywhere in the sources when
it quotes none; a folder stands for every file under it). Reports in TAP, one case per reference.
"""
import os
import re
import sys

QUOTED = re.compile(r"`([^`]+)`")
FUNCTION = re.compile(r"^([A-Za-z_]\w*)\(\)$")
LABEL = re.compile(r"^//([\w/]*):([\w.-]+)$")
PATH = re.compile(r"^[\w.-]+(/[\w.-]*)+$")
SOURCE_EXT = (".c", ".h", ".S", ".bzl")


def units(text):
    """Paragraphs and list items, with their line numbers; code blocks skipped."""
    out, lines, start, in_code = [], [], 0, False

    def flush():
        if lines:
            out.append((start, " ".join(lines)))
        lines.clear()

    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("```"):
            flush()
            in_code = not in_code
            continue
        if in_code:
            continue
        item = re.match(r"^\s*(?:[-*]|\d+\.)\s", line)
        if not line.strip() or item or line.startswith("#"):
            flush()
        if line.strip() and not line.startswith("#"):
            if not lines:
                start = n
            lines.append(line.strip())
    flush()
    return out


def sources_under(root, rel):
    path = os.path.join(root, rel)
    if os.path.isfile(path):
        return [path]
    found = []
    for d, _, files in os.walk(path):
        found += [os.path.join(d, f) for f in files if f.endswith(SOURCE_EXT)]
    return found


def defines(path, name):
    """Does the file define `name`: a C function, an assembly label or a Starlark macro?"""
    try:
        text = open(path, errors="replace").read()
    except OSError:
        return False
    c_def = re.compile(r"^[A-Za-z_][\w \t\*]*\b%s\([^;]*?\)\s*\{" % re.escape(name), re.M | re.S)
    asm_label = re.compile(r"^%s:" % re.escape(name), re.M)
    starlark_def = re.compile(r"^def %s\(" % re.escape(name), re.M)
    return bool(c_def.search(text) or asm_label.search(text) or starlark_def.search(text))


def main():
    if len(sys.argv) != 4 or sys.argv[1] != "--root":
        sys.exit("usage: tour_test.py --root ROOT DOC")
    root, doc = sys.argv[2], sys.argv[3]
    text = open(doc).read()
    all_sources = sources_under(root, ".")
    cases = []
    for line, unit in units(text):
        quoted = QUOTED.findall(unit)
        paths = [q for q in quoted if PATH.match(q) and not q.startswith("//")]
        for p in paths:
            ok = os.path.exists(os.path.join(root, p.rstrip("/")))
            cases.append((ok, "line %d: `%s` exists" % (line, p)))
        for q in quoted:
            m = LABEL.match(q)
            if m:
                build = os.path.join(root, m.group(1), "BUILD.bazel")
                ok = os.path.exists(build) and re.search(r'name = "%s"' % re.escape(m.group(2)),
                                                         open(build).read()) is not None
                cases.append((ok, "line %d: `%s` is a target" % (line, q)))
        scope = [f for p in paths for f in sources_under(root, p.rstrip("/"))] or all_sources
        for q in quoted:
            m = FUNCTION.match(q)
            if m:
                ok = any(defines(f, m.group(1)) for f in scope)
                where = ", ".join(paths) if paths else "the sources"
                cases.append((ok, "line %d: `%s` is defined in %s" % (line, q, where)))
    print("1..%d" % len(cases))
    for n, (ok, what) in enumerate(cases, 1):
        print("%sok %d - %s" % ("" if ok else "not ", n, what))
    return 0 if cases and all(ok for ok, _ in cases) else 1


if __name__ == "__main__":
    sys.exit(main())
