#!/usr/bin/env python3
"""Tests of tools/compile_commands.py's path rewriting, on a made-up aquery. Reports in TAP."""
import sys

from tools import compile_commands as cc

WS, EXECROOT, BASE = "/ws", "/base/execroot/lune", "/base"
VIRTUAL = "bazel-out/k8-ST-1/bin/lib/_virtual_includes/lib"

# One Symlink action of a virtual include (lib/include/lib/string.h -> _virtual_includes/lib/lib/string.h).
AQUERY = {
    "pathFragments": [
        {"id": 1, "label": "lib"}, {"id": 2, "label": "include", "parentId": 1},
        {"id": 3, "label": "lib", "parentId": 2}, {"id": 4, "label": "string.h", "parentId": 3},
        {"id": 5, "label": "bazel-out"}, {"id": 6, "label": "k8-ST-1", "parentId": 5},
        {"id": 7, "label": "bin", "parentId": 6}, {"id": 8, "label": "lib", "parentId": 7},
        {"id": 9, "label": "_virtual_includes", "parentId": 8}, {"id": 10, "label": "lib", "parentId": 9},
        {"id": 11, "label": "lib", "parentId": 10}, {"id": 12, "label": "string.h", "parentId": 11},
    ],
    "artifacts": [{"id": 1, "pathFragmentId": 4}, {"id": 2, "pathFragmentId": 12}],
    "depSetOfFiles": [{"id": 1, "directArtifactIds": [1]}],
    "actions": [{"mnemonic": "Symlink", "inputDepSetIds": [1], "outputIds": [2], "arguments": []}],
}

results = []


def case(name, ok, detail=""):
    results.append(ok)
    print("%sok %d - %s" % ("" if ok else "not ", len(results), name))
    if not ok:
        print("# " + str(detail))


def main():
    aq = cc.Aquery(AQUERY)
    includes = cc.virtual_include_dirs(aq)
    case("a virtual include directory maps to the source directory it links into",
         includes == {VIRTUAL: "lib/include"}, includes)
    args, source = cc.command([
        "external/llvm/bin/clang", "-MD", "-MF", "bazel-out/x.d", "-frandom-seed=x", "-iquote", ".",
        "-I" + VIRTUAL, "-isystem", VIRTUAL, "-I" + VIRTUAL, "-Ibazel-out/k8-ST-1/bin/gen",
        "-fno-canonical-system-headers", "-c", "lib/string.c", "-o", "bazel-out/x.o"], WS, EXECROOT, BASE, includes)
    case("the source file is found", source == "lib/string.c", source)
    want = [BASE + "/external/llvm/bin/clang", "-iquote", ".", "-I/ws/lib/include", "-isystem", "/ws/lib/include",
            "-I" + EXECROOT + "/bazel-out/k8-ST-1/bin/gen", "-c", "lib/string.c", "-o", EXECROOT + "/bazel-out/x.o"]
    case("paths are rewritten, the dependency file, random seed, gcc-only flags and repeats dropped",
         args == want, args)
    kernel = ["--target=i686-elf", "-ffreestanding"]
    user = ["--target=i686-elf"]
    debug = kernel + ["-fsanitize=undefined"]
    host = ["-fPIC"]
    order = sorted([host, debug, user, kernel], key=cc.preference)
    case("a file's kernel compile is kept before the user's, the host's, then the debug kernel's",
         order == [kernel, user, host, debug], order)
    print("1..%d" % len(results))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
