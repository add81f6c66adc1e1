#!/usr/bin/env python3
"""Checks that every figure the docs quote is the one recorded where the measurements live.

    docs_figures_test.py --baseline bench/baseline.json --pt-scheme mm/bench/pt_scheme.json
                         --performance docs/performance.md --memory docs/memory.md

The figures table of docs/performance.md must be exactly what `bazel run //bench --
--write-baseline` writes from bench/baseline.json (bench/run_bench.py: markdown_block). Each
figure quoted in the text is found by the words around it (quotes() below) and compared with the
value computed from the recorded figures, as the text rounds it. The recorded figures in turn
are kept within 10% of the kernel's by //bench:bench_regression_test and //mm:pt_scheme_bench.
A quote that moves or is reworded fails here too ("not found"): fix the pattern with the text.
A last case proves the checks bite: one digit changed in the table or in any quote must fail it.
Reports in TAP, one case per check (run through testing/tap_runner.py).
"""
import argparse
import json
import re
import sys

from bench import run_bench


def thousands(n):
    return "{:,}".format(int(round(n)))


def quotes(bench, pt):
    """(document, what, regex with one group per figure, the figures as the text must show them)."""
    f = {r["name"]: r["instructions"] for r in bench["figures"]}
    growth = run_bench.growth_per_mib(f)
    linear, recursive = pt["pt_scheme.linear_map"], pt["pt_scheme.recursive_window"]
    extra = recursive - linear
    return [
        ("performance", "getpid in the text", r"\*\*System call \(getpid, ([\d,]+)\)\.\*\*", [thousands(f["getpid"])]),
        ("performance", "yield ping-pong in the text", r"\*\*Context switch \(yield ping-pong, ([\d,]+) per round trip",
         [thousands(f["yield_pingpong"])]),
        ("performance", "fork in the text", r"\*\*Fork \(([\d,]+) for a small process\)\.\*\*",
         [thousands(f["fork_exit_wait"])]),
        ("performance", "the disk in the text",
         r"\*\*The disk \(([\d,]+) instructions per KiB written, ([\d,]+) per KiB read\)\.\*\*",
         [thousands(f["disk_write_1mib"]), thousands(f["disk_read_1mib"])]),
        ("performance", "growth per MiB in the text", r"Per MiB touched \(([\d,]+) at 16 MiB, ([\d,]+) at 4 MiB\)",
         [thousands(round(growth[2])), thousands(round(growth[1]))]),
        ("performance", "execve in the text", r"\*\*Execve of a small static program \(([\d,]+)\)",
         [thousands(f["execve"])]),
        ("performance", "the kernel's share of boot in the text", r"to init's \(boot.S records the\s+TSC at `_start`\), is ([\d,]+)",
         [thousands(f["boot_kernel"])]),
        ("performance", "pipe bandwidth in the text", r"\*\*Pipe bandwidth \(([\d,]+) per 64 KiB write, ([\d.]+) instructions",
         [thousands(f["pipe_64k"]), "%.3f" % (f["pipe_64k"] / run_bench.PIPE_CHUNK)]),
        ("performance", "copy-on-write fault in the text", r"\*\*Copy-on-write fault \(([\d,]+) per page\)\.\*\*",
         [thousands(f["cow_fault"])]),
        ("performance", "boot in the text", r"\*\*Boot \(([\d.]+) M\)\.\*\*", ["%.1f" % (f["boot"] / 1e6)]),
        ("performance", "page-table schemes in the text",
         r"([\d,]+)\s+instructions with the linear map, ([\d,]+) with a recursive map and a mounted window "
         r"\(([\d.]+)% more\)",
         [thousands(linear), thousands(recursive), "%.1f" % (100.0 * extra / linear)]),
        ("memory", "the linear map in the table", r"^\| linear map \(ours\) \| ([\d,]+) \|$", [thousands(linear)]),
        ("memory", "the recursive map in the table",
         r"^\| recursive self-map \+ mounted window \(seed\) \| ([\d,]+) \|$", [thousands(recursive)]),
        ("memory", "the difference in the text", r"takes ([\d,]+) more \(([\d.]+)%\)",
         [thousands(extra), "%.1f" % (100.0 * extra / linear)]),
    ]


def check(bench, pt, docs):
    """[(name, problems)]: the table, then each quote of quotes()."""
    results = []
    want = run_bench.markdown_block(bench)
    try:
        have = run_bench.doc_block(docs["performance"])
    except ValueError:
        have = None
    if have is None:
        results.append(("the figures table of docs/performance.md", ["its markers are missing: %r ... %r" % (
            run_bench.DOC_BEGIN, run_bench.DOC_END)]))
    elif have != want:
        results.append(("the figures table of docs/performance.md", [
            "it is not what bench/baseline.json gives; `bazel run //bench -- --write-baseline` writes it, or put in:"
        ] + want.splitlines()))
    else:
        results.append(("the figures table of docs/performance.md", []))
    for doc, what, pattern, expected in quotes(bench, pt):
        matches = list(re.finditer(pattern, docs[doc], re.MULTILINE))
        name = "docs/%s.md: %s" % (doc, what)
        if len(matches) != 1:
            results.append((name, ["/%s/ found %d times, want once: was the text reworded? Fix the pattern in "
                                   "testing/docs_figures_test.py with it" % (pattern, len(matches))]))
            continue
        got = list(matches[0].groups())
        results.append((name, [] if got == expected else ["says %s, the recorded figures give %s" % (
            ", ".join(got), ", ".join(expected))]))
    return results


def controls(bench, pt, docs):
    """Problems with the checks themselves: the docs with one digit changed, in the table or in any
    one quote, must fail exactly that check."""
    problems = []
    table = docs["performance"].index(run_bench.DOC_BEGIN)
    spots = [("performance", "the figures table of docs/performance.md",
              docs["performance"].index("\n|---", table) + 5)]  # the first figure in the table
    for doc, what, pattern, _ in quotes(bench, pt):
        m = re.search(pattern, docs[doc], re.MULTILINE)
        if m:
            spots.append((doc, "docs/%s.md: %s" % (doc, what), m.start(1)))
    for doc, name, start in spots:
        text = docs[doc]
        at = next(i for i in range(start, len(text)) if text[i].isdigit())
        changed = dict(docs)
        changed[doc] = text[:at] + str((int(text[at]) + 1) % 10) + text[at + 1:]
        failed = [n for n, p in check(bench, pt, changed) if p]
        if failed != [name]:
            problems.append("a digit changed at %s:%d fails %s, want exactly %r" % (doc, at, failed or "nothing", name))
    return problems


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--pt-scheme", required=True)
    ap.add_argument("--performance", required=True)
    ap.add_argument("--memory", required=True)
    args = ap.parse_args(argv)
    with open(args.baseline) as f:
        bench = json.load(f)
    with open(args.pt_scheme) as f:
        pt = json.load(f)["figures"]
    docs = {}
    for name in ("performance", "memory"):
        with open(getattr(args, name)) as f:
            docs[name] = f.read()

    results = check(bench, pt, docs)
    results.append(("the checks catch a changed digit in the table and in every quote", controls(bench, pt, docs)))
    print("1..%d" % len(results))
    for number, (name, problems) in enumerate(results, 1):
        print("%sok %d - %s" % ("not " if problems else "", number, name))
        for line in problems:
            print("# " + line)
    return 1 if any(problems for _, problems in results) else 0


if __name__ == "__main__":
    sys.exit(main())
