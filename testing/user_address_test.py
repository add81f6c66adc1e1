#!/usr/bin/env python3
"""Checks that user addresses reach memory only through mm/usercopy (issue 12, item 7).

A user address is a `struct uaddr` (mm/usercopy.h): the compiler already refuses to dereference
one, to do arithmetic on it or to cast it to a pointer. What it cannot refuse is a way around the
type, so this test looks for both, in every C file and header that goes into the kernel (the
arguments; tests are not among them):
  - its member `unsafe_addr` used outside mm/usercopy.h and mm/usercopy.c, the one place where a
    user address becomes a pointer (for the arch copy routines, after the range check);
  - a cast to a pointer type of a value that holds a user address before it is made a struct
    uaddr: a saved user register of the frame (f->ebx, r->user_esp, ...), the handler and
    restorer of a sigaction, the FPU address of a signal frame.
Reports in TAP, one case per rule (run through testing/tap_runner.py).
"""
import re
import sys

ALLOWED = ("mm/include/mm/usercopy.h", "mm/usercopy.c")
MEMBER = re.compile(r"\bunsafe_addr\b")
# A cast to a pointer type, e.g. `(void *)`, `(const char *)`, `(struct abi_sigframe *)`, followed
# by a user-held value, possibly in parentheses and with arithmetic: `(void *)(f->user_esp - 4)`.
USER_VALUE = (r"(?:\w+\s*(?:->|\.)\s*(?:eax|ebx|ecx|edx|esi|edi|ebp|eip|user_esp|sa_handler|sa_restorer)\b"
              r"|\w+\s*\.\s*fpu\b)")  # a struct abi_sigframe's fpu (a process's own `p->fpu` is the kernel's)
CAST = re.compile(r"\(\s*(?:const\s+|volatile\s+|struct\s+|unsigned\s+)*\w+\s*\*+\s*(?:const\s*)?\)\s*\(*\s*" + USER_VALUE)


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def main():
    files = [f for f in sys.argv[1:] if f.endswith((".c", ".h"))]
    member, casts = [], []
    for path in files:
        with open(path, encoding="utf-8") as f:
            lines = strip_comments(f.read()).split("\n")
        allowed = path.endswith(ALLOWED)
        for number, line in enumerate(lines, 1):
            if not allowed and MEMBER.search(line):
                member.append("%s:%d: %s" % (path, number, line.strip()))
            if CAST.search(line):
                casts.append("%s:%d: %s" % (path, number, line.strip()))
    if not any(path.endswith(ALLOWED[1]) for path in files):
        member.append("mm/usercopy.c is not among the files: is the test wired right?")
    print("1..2")
    cases = [
        ("struct uaddr's member is used only in mm/usercopy", member),
        ("no user-held value is cast to a pointer", casts),
    ]
    for number, (what, found) in enumerate(cases, 1):
        print("%sok %d - %s # %d kernel files" % ("not " if found else "", number, what, len(files)))
        for hit in found:
            print("# %s" % hit)
    return 1 if member or casts else 0


if __name__ == "__main__":
    sys.exit(main())
