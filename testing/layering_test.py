#!/usr/bin/env python3
"""Checks that no kernel layer depends on one above it: lib <- arch/x86 <- mm <- proc <- dev <- fs <- syscall
<- kernel, the order of KERNEL_LAYERS in tools/layers.bzl (which //testing:layering_test passes in).

Each argument is LAYER_INDEX:PACKAGE:FILE, where FILE is the output of a genquery listing every
cc_library the layer's library depends on. A dependency on a package of a higher layer is a
violation. Visibility already forbids most of these; this test catches a widened visibility too.
Reports in TAP, one case per layer (run through testing/tap_runner.py).
"""
import sys


def main():
    layers = []  # (index, package, deps)
    for arg in sys.argv[1:]:
        index, package, path = arg.split(":", 2)
        with open(path) as f:
            deps = [line.strip() for line in f if line.strip()]
        layers.append((int(index), package, deps))

    level_of = {package: index for index, package, _ in layers}
    print("1..%d" % len(layers))
    failed = 0
    for number, (index, package, deps) in enumerate(sorted(layers), 1):
        violations = []
        if not any(d.startswith("//%s:" % package) for d in deps):
            violations.append("the query does not even list the layer itself; is it wired right?")
        for dep in deps:
            dep_package = dep[2:].split(":", 1)[0]
            for other, level in level_of.items():
                if (dep_package == other or dep_package.startswith(other + "/")) and level > index:
                    violations.append("layer %d depends on %s (layer %d)" % (index, dep, level))
        print("%sok %d - %s # layer %d, %d cc_library deps" % ("not " if violations else "", number, package, index,
                                                               len(deps)))
        for v in violations:
            print("# LAYERING VIOLATION: %s: %s" % (package, v))
        failed += bool(violations)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
