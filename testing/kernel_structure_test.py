#!/usr/bin/env python3
"""Checks three rules of the kernel's structure (issue 12, items 2, 4 and 5) in its sources.

The arguments are every C file, header and assembly file that goes into the kernel (tests are
not among them).
  1. Private state stays private: no .c file declares with `extern`, or as a function prototype,
     anything another file defines. What files share is declared once, in a header (a layer's
     public include/ or its internal.h). Only names starting with `__` are exempt: the linker
     script's symbols (__text_start...) and the compiler's runtime (__divdi3, __stack_chk_fail...).
  2. proc has no cycle: each file of proc/ calls only functions of the files on its line or above
     in the list at the top of proc/include/proc/proc.h, and every file of proc/ is in that list.
  3. The wiring is in one place: a function that sets a hook (a name like *_set_*hook, *_set_ops,
     *_set_sink, *_set_clock, *_set_receiver, *_set_handler, *_add_*handler, *_set_resource_ops)
     is called only from kernel/wiring.c; no subsystem registers anything in its own start-up.
     The kmalloc backend (kheap_init, mm's own) is not a hook between layers.
Reports in TAP, one case per rule (run through testing/tap_runner.py).
"""
import os
import re
import sys

DECLARATION = re.compile(
    r"^(?!static\b|return\b|typedef\b|#)[A-Za-z_][\w\s\*]*?\b(?P<name>\w+)\s*\([^;{)]*\)\s*"
    r"(?:__attribute__\(\(.*\)\))?\s*;\s*$")
EXTERN = re.compile(r"^\s*extern\b[^;(]*?\b(?P<name>\w+)\s*(?:\[[^\]]*\])?\s*[,;=]")
DEFINITION = re.compile(r"^(?!static\b)[A-Za-z_][\w\s\*]*?\b(?P<name>\w+)\s*\([^;]*\)\s*\{", re.M)
GLOBL = re.compile(r"^\s*\.globl\s+(?P<names>[\w\s,]+)$", re.M)
CALL = re.compile(r"\b(\w+)\s*\(")
HOOK_SETTER = re.compile(r"\b(\w+_(?:set_\w*(?:hook|ops|sink|clock|receiver|handler)|add_\w*handler))\s*\(")
ORDER_LINE = re.compile(r"^ \*   (?P<files>(?:\w+\.[cS] ?)+?)\s{2,}\S")


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def private_state(files):
    found = []
    for path in files:
        if not path.endswith(".c"):
            continue
        for number, line in enumerate(strip_comments(read(path)).split("\n"), 1):
            m = EXTERN.match(line) or DECLARATION.match(line)
            if m and not m.group("name").startswith("__"):
                found.append("%s:%d: %s" % (path, number, line.strip()))
    return found


def proc_order(files):
    problems = []
    proc_files = {os.path.basename(p): p for p in files if re.search(r"(^|/)proc/[^/]+\.[cS]$", p)}
    header = next((p for p in files if p.endswith("proc/include/proc/proc.h")), None)
    if not header or not proc_files:
        return ["proc/include/proc/proc.h or proc's files are not among the files: is the test wired right?"]
    level = {}
    lines = [m.group("files").split() for m in map(ORDER_LINE.match, read(header).split("\n")) if m]
    for number, names in enumerate(lines):
        for name in names:
            level[name] = number
    for name in sorted(set(proc_files) - set(level)):
        problems.append("proc/%s is not in the list of proc's files in proc/include/proc/proc.h" % name)
    defined_in = {}
    for name, path in proc_files.items():
        text = strip_comments(read(path))
        if name.endswith(".S"):
            for m in GLOBL.finditer(text):
                for symbol in re.split(r"[\s,]+", m.group("names").strip()):
                    defined_in[symbol] = name
        else:
            for m in DEFINITION.finditer(text):
                defined_in[m.group("name")] = name
    for name, path in sorted(proc_files.items()):
        if name.endswith(".S") or name not in level:
            continue
        for number, line in enumerate(strip_comments(read(path)).split("\n"), 1):
            for callee in CALL.findall(line):
                owner = defined_in.get(callee)
                if owner and owner in level and level[owner] > level[name]:
                    problems.append("proc/%s:%d calls %s() of proc/%s, which is below it in the list" %
                                    (name, number, callee, owner))
    return problems


def wiring(files):
    found = []
    wiring_c = [p for p in files if p.endswith("kernel/wiring.c")]
    if not wiring_c:
        return ["kernel/wiring.c is not among the files: is the test wired right?"]
    for path in files:
        if not path.endswith(".c") or path in wiring_c:
            continue
        for number, line in enumerate(strip_comments(read(path)).split("\n"), 1):
            m = HOOK_SETTER.search(line)
            if m and not DEFINITION.match(line):
                found.append("%s:%d: %s" % (path, number, line.strip()))
    return found


def main():
    files = [f for f in sys.argv[1:] if f.endswith((".c", ".h", ".S"))]
    cases = [
        ("no .c file declares what another file defines (extern, prototypes)", private_state(files)),
        ("each file of proc/ calls only the files above it in proc/proc.h's list", proc_order(files)),
        ("every hook is set in kernel/wiring.c and nowhere else", wiring(files)),
    ]
    print("1..%d" % len(cases))
    for number, (what, found) in enumerate(cases, 1):
        print("%sok %d - %s # %d kernel files" % ("not " if found else "", number, what, len(files)))
        for hit in found:
            print("# %s" % hit)
    return 1 if any(found for _, found in cases) else 0


if __name__ == "__main__":
    sys.exit(main())
