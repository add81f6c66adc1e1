#!/usr/bin/env python3
"""Holds docs/syscalls.md and the sources to the one list of system calls (abi/syscall.h).

    syscall_list_test.py LIST DOC LIST_HEADER -- SOURCE...

LIST is the list as the compiler sees it (testing/syscall_list_dump.c), DOC docs/syscalls.md,
LIST_HEADER abi/include/abi/syscall.h, SOURCEs every file of the kernel, the libc and the root
file system's programs (no tests). Reports in TAP, one case per rule:
  1. the table of docs/syscalls.md has a row for each call, with its number and name, in order;
  2. each row's arguments are the list's, by name, a user pointer (PTR) marked `*`;
  3. the note on interrupted calls names, as restarted after SA_RESTART, exactly the list's
     RESTART calls;
  4. each call's name is spelled in at most four source files: the list, the handler, the
     public header, and at most one more (issue 12). Spelled means its kernel and ABI names
     SYS_<name>, sys_<name>, __sys_<name> anywhere (comments too), or, in the libc, a declaration
     or definition of the function <name> (a line that starts in column 0 with a type and names
     <name>( ). Programs that merely call the libc function do not count; nor do tests. A kernel
     function that happens to bear the name of a call (proc's sched_yield(), the scheduler's own
     primitive) is named in a comment line of the report, not counted.
"""
import collections
import re
import sys

Call = collections.namedtuple("Call", "nr name restart args")  # args: [(kind, name)]

# The libc function of a call, where it is not the call's name.
LIBC_NAME = {"exit": "_exit"}


def read_list(path):
    calls = []
    with open(path) as f:
        for line in f:
            nr, name, restart, nargs, args = line.rstrip("\n").split("\t")
            words = [w.strip() for w in args.strip("()").split(",") if w.strip()]
            pairs = list(zip(words[0::2], words[1::2]))
            assert len(pairs) == int(nargs), line
            calls.append(Call(int(nr), name, restart, pairs))
    return calls


def read_table(doc):
    """The rows of the table whose header starts with `| nr | call | arguments |`."""
    rows, inside = [], False
    for number, line in enumerate(doc.split("\n"), 1):
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else None
        if cells and cells[:3] == ["nr", "call", "arguments"]:
            inside = True
            continue
        if inside and cells is None:
            break
        if inside and not set(line) <= set("|-: "):
            rows.append((number, cells))
    return rows


def doc_arguments(cell):
    """`fd, buf\\*, n (0: all)` -> ['fd', 'buf*', 'n']: each argument's first word, with its star."""
    names = []
    depth, current = 0, ""
    for ch in cell.replace("\\*", "*"):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            names.append(current)
            current = ""
        elif depth == 0 and ch != ")":
            current += ch
    names.append(current)
    result = []
    for n in names:
        m = re.match(r"\s*([A-Za-z_][A-Za-z_0-9]*(?:\[\d+\])?)(\*?)", n)
        if m:
            result.append(re.sub(r"\[\d+\]", "", m.group(1)) + m.group(2))
    return result


def check_table(calls, doc):
    rows = read_table(doc)
    numbers, arguments = [], []
    if len(rows) != len(calls):
        numbers.append("the table has %d rows, the list %d calls" % (len(rows), len(calls)))
    for call, (line, cells) in zip(calls, rows):
        nr, name = cells[0], cells[1].strip("`")
        if nr != str(call.nr) or name != call.name:
            numbers.append("line %d: `%s %s`, the list says `%d %s`" % (line, nr, name, call.nr, call.name))
            continue
        want = [arg + ("*" if kind == "PTR" else "") for kind, arg in call.args]
        got = doc_arguments(cells[2])
        if got != want:
            arguments.append("line %d: %s takes %s, the table says %s" % (line, call.name, ", ".join(want) or "nothing",
                                                                        ", ".join(got) or "nothing"))
    return numbers, arguments


def check_restart_note(calls, doc):
    m = re.search(r"with SA_RESTART,(.*?)are made again", doc, re.S)
    if not m:
        return ["docs/syscalls.md has no sentence `... with SA_RESTART, `x`, ... are made again`"]
    named = set(re.findall(r"`(\w+)`", m.group(1)))
    want = set(c.name for c in calls if c.restart == "RESTART")
    problems = []
    if named != want:
        problems.append("the note names %s as restarted; the list's RESTART calls are %s" %
                        (", ".join(sorted(named)), ", ".join(sorted(want))))
    return problems


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def spelled_in(calls, list_header, sources):
    texts = {}
    for path in sources:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        texts[path] = (text, strip_comments(text))
    where = {}
    for call in calls:
        libc = LIBC_NAME.get(call.name, call.name)
        ident = re.compile(r"\b(?:SYS_|sys_|__sys_)%s\b" % re.escape(call.name))
        declared = re.compile(r"^[A-Za-z_][^\n;=]*[\s*]%s\s*\(" % re.escape(libc), re.M)
        files, namesakes = set([list_header]), set()
        for path, (text, code) in texts.items():
            if ident.search(text) or (path.startswith("user/libc/") and declared.search(code)):
                files.add(path)
            elif declared.search(code):
                namesakes.add(path)
        where[call.name] = (sorted(files), sorted(namesakes))
    return where


def main():
    split = sys.argv.index("--")
    list_path, doc_path, list_header = sys.argv[1:split]
    sources = [s for s in sys.argv[split + 1:] if s.endswith((".c", ".h", ".S"))]
    sources = [s for s in sources if not s.endswith(list_header)]
    calls = read_list(list_path)
    with open(doc_path, encoding="utf-8") as f:
        doc = f.read()

    numbers, arguments = check_table(calls, doc)
    restart = check_restart_note(calls, doc)
    where = spelled_in(calls, list_header, sources)
    too_many = ["%s: %d files" % (name, len(files)) for name, (files, _) in where.items() if len(files) > 4]
    most = max(len(files) for files, _ in where.values())

    cases = [
        ("docs/syscalls.md has every call, with its number and name", numbers, "%d calls" % len(calls)),
        ("docs/syscalls.md gives each call the list's arguments", arguments, ""),
        ("docs/syscalls.md's SA_RESTART note names the list's RESTART calls", restart, ""),
        ("each call's name is spelled in at most 4 source files", too_many,
         "at most %d, in %d files searched" % (most, len(sources) + 1)),
    ]
    print("1..%d" % len(cases))
    for number, (what, problems, note) in enumerate(cases, 1):
        print("%sok %d - %s%s" % ("not " if problems else "", number, what, " # " + note if note else ""))
        for p in problems:
            print("# %s" % p)
    for name, (files, namesakes) in where.items():
        print("# %s: %d: %s%s" % (name, len(files), ", ".join(files),
                                  "; a kernel function of that name in " + ", ".join(namesakes) if namesakes else ""))
    return 1 if any(problems for _, problems, _ in cases) else 0


if __name__ == "__main__":
    sys.exit(main())
