#!/usr/bin/env python3
"""Writes compile_commands.json at the workspace root, for clangd and other editors' C tools.

    bazel run //tools:compile_commands [-- --query 'deps(//kernel:image)']

Every C and assembly file that Bazel compiles, with the flags of its real compile: the kernel's
(i386, freestanding, -mno-sse...), the libc's and user programs' (i386 user), and the host tests'
(the host gcc with cmocka). They come from `bazel aquery` on the CppCompile actions of everything
under //... (each image transitions its sources to its own platform, so the kernel's files come with
the kernel's flags). Paths are made to work from the workspace root, where editors open files:

  - the compile runs in the workspace (`directory`), so `-iquote .` and source paths are the files
    you edit;
  - the include directories Bazel makes for `strip_include_prefix` (bazel-out/.../_virtual_includes,
    symlinks) become the source directories they point into, so "go to definition" lands in the
    header you edit, not in a symlink under bazel-out;
  - other bazel-out/ and external/ paths (the @llvm clang wrapper, generated files) become absolute
    paths into Bazel's output base.

A file compiled in several ways (lib/string.c: kernel, debug kernel, libc, host tests) is listed
once, with the first of: the kernel's flags, the user programs', the host's; the debug kernel's
only when nothing else compiles it. No ready-made generator fits an offline Bazel 4.2 workspace
(hedronvision's extractor is fetched from GitHub, Bear cannot see cached or sandboxed actions), and
aquery already holds every command: this script only rewrites paths.
"""
import argparse
import json
import os
import subprocess
import sys

DEFAULT_QUERY = "deps(//...)"


def bazel(workspace, *args):
    """Output of `tools/bazel ARGS` in the workspace (the wrapper `bazel run` came through)."""
    return subprocess.run([os.path.join(workspace, "tools", "bazel")] + list(args), cwd=workspace, check=True,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.decode()


class Aquery:
    """The actions of `bazel aquery --output=jsonproto`, with their paths spelled out."""

    def __init__(self, data):
        fragments = {p["id"]: p for p in data.get("pathFragments", [])}
        self.paths = {a["id"]: self._path(fragments, a["pathFragmentId"]) for a in data.get("artifacts", [])}
        self.depsets = {d["id"]: d for d in data.get("depSetOfFiles", [])}
        self.actions = data.get("actions", [])

    @staticmethod
    def _path(fragments, fid):
        parts = []
        while fid:
            parts.append(fragments[fid]["label"])
            fid = fragments[fid].get("parentId", 0)
        return "/".join(reversed(parts))

    def inputs(self, action):
        """The direct inputs of an action (what a Symlink action links to)."""
        out, todo = [], list(action.get("inputDepSetIds", []))
        while todo:
            d = self.depsets[todo.pop()]
            out += [self.paths[i] for i in d.get("directArtifactIds", [])]
            todo += d.get("transitiveDepSetIds", [])
        return out


def virtual_include_dirs(aq):
    """{bazel-out/.../_virtual_includes/NAME: the source directory its headers link to}."""
    dirs = {}
    for action in aq.actions:
        if action["mnemonic"] != "Symlink":
            continue
        outputs = [aq.paths[i] for i in action["outputIds"]]
        sources = aq.inputs(action)
        if len(outputs) != 1 or len(sources) != 1 or "/_virtual_includes/" not in outputs[0]:
            continue
        link, source = outputs[0], sources[0]
        head, _, rest = link.partition("/_virtual_includes/")
        name, _, relative = rest.partition("/")
        if source.endswith("/" + relative):
            dirs[head + "/_virtual_includes/" + name] = source[:-len(relative) - 1]
    return dirs


def rewrite(path, workspace, execroot, output_base, includes):
    """A path of a compile command as it works from the workspace root."""
    for virtual, real in includes.items():
        if path == virtual or path.startswith(virtual + "/"):
            return os.path.join(workspace, real + path[len(virtual):])
    if path.startswith("bazel-out/"):
        return os.path.join(execroot, path)
    if path.startswith("external/"):
        return os.path.join(output_base, path)
    return path


# Flags whose path is glued on (-Ipath) or the next argument (-I path).
PATH_FLAGS = ("-I", "-iquote", "-isystem", "-idirafter", "-include")

# Flags of the host's gcc (Bazel's auto-configured toolchain) that clang does not know: clangd
# would report each as an error on line 1.
GCC_ONLY = {"-fno-canonical-system-headers"}


def command(arguments, workspace, execroot, output_base, includes):
    """The compile's arguments with every path rewritten, and the source file."""
    args, source = [], None
    fix = lambda p: rewrite(p, workspace, execroot, output_base, includes)  # noqa: E731
    i = 0
    while i < len(arguments):
        arg = arguments[i]
        glued = next((f for f in PATH_FLAGS if arg.startswith(f) and arg != f), None)
        if arg in PATH_FLAGS and i + 1 < len(arguments):
            args += [arg, fix(arguments[i + 1])]
            i += 2
            continue
        if glued:
            args.append(glued + fix(arg[len(glued):]))
        elif arg == "-MF" and i + 1 < len(arguments):
            i += 2  # Bazel's dependency file: nothing for an editor to write
            continue
        elif arg == "-MD" or arg.startswith("-frandom-seed=") or arg in GCC_ONLY:
            pass
        elif arg == "-o" and i + 1 < len(arguments):
            args += [arg, fix(arguments[i + 1])]
            i += 2
            continue
        else:
            args.append(fix(arg))
        if arg == "-c" and i + 1 < len(arguments):
            source = arguments[i + 1]
        i += 1
    return without_repeats(args), source


def without_repeats(args):
    """The arguments with include directories named twice kept once (two libraries of a package,
    //lib:lib and //lib:base, strip their prefix to one source directory)."""
    out, seen, i = [], set(), 0
    while i < len(args):
        pair = tuple(args[i:i + 2]) if args[i] in PATH_FLAGS else (args[i],)
        if pair[0].startswith(PATH_FLAGS) and pair in seen:
            i += len(pair)
            continue
        if pair[0].startswith(PATH_FLAGS):
            seen.add(pair)
        out += pair
        i += len(pair)
    return out


def preference(args):
    """Which compile of a file to keep: lower first (kernel, user, host; the debug kernel last)."""
    joined = " ".join(args)
    debug = "-fsanitize=" in joined
    if "-ffreestanding" in joined:
        return (debug, 0)
    if "--target=i686" in joined:
        return (debug, 1)
    return (debug, 2)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--query", default=DEFAULT_QUERY, help="the targets whose compiles to list (aquery)")
    ap.add_argument("--output", help="where to write (default: compile_commands.json in the workspace)")
    args = ap.parse_args(argv)
    workspace = os.environ.get("BUILD_WORKSPACE_DIRECTORY")
    if not workspace:
        sys.exit("compile_commands: run me with `bazel run //tools:compile_commands`")

    execroot = bazel(workspace, "info", "execution_root").strip()
    output_base = bazel(workspace, "info", "output_base").strip()
    aq = Aquery(json.loads(bazel(workspace, "aquery", "--output=jsonproto",
                                 'mnemonic("CppCompile|Symlink", %s)' % args.query)))
    includes = virtual_include_dirs(aq)
    best = {}
    for action in aq.actions:
        if action["mnemonic"] != "CppCompile":
            continue
        arguments, source = command(action["arguments"], workspace, execroot, output_base, includes)
        if not source:
            continue
        file = rewrite(source, workspace, execroot, output_base, includes)
        entry = {"directory": workspace, "file": os.path.join(workspace, file), "arguments": arguments}
        if source not in best or preference(arguments) < preference(best[source]["arguments"]):
            best[source] = entry
    entries = [best[s] for s in sorted(best)]
    path = args.output or os.path.join(workspace, "compile_commands.json")
    with open(path, "w") as f:
        json.dump(entries, f, indent=1)
        f.write("\n")
    print("compile_commands: %d files (of %d compiles) written to %s" % (
        len(entries), sum(1 for a in aq.actions if a["mnemonic"] == "CppCompile"), path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
