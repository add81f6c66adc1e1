"""The layering of the kernel, bottom first. Each layer may use the layers below it, never one
above; //lib sits under all of them. This one list gives each layer's visibility (layer_users)
and is what //testing:layering_test checks the dependency graph against. kernel_layer() is the
cc_library of a layer: every kernel package declares its layer with it.
"""

load("//platforms:defs.bzl", "KERNEL_ONLY")

KERNEL_LAYERS = [
    "arch/x86",
    "mm",
    "proc",
    "dev",
    "fs",
    "syscall",
    "kernel",
]

def layer_users(layer):
    """Declares package_group `users`: `layer` itself, every layer above it, and the tests."""
    above = KERNEL_LAYERS[KERNEL_LAYERS.index(layer):]
    native.package_group(
        name = "users",
        packages = ["//%s/..." % name for name in above] + ["//testing/..."],
    )

def kernel_layer(name, srcs, deps, hdrs = [], copts = [], visibility = []):
    """The library of the kernel layer in this package, built for the kernel platform only.

    `srcs`: the layer's code and private headers; `hdrs`: its public headers, under include/ and
    included without that prefix (`#include <mm/vm.h>`). Both are explicit lists: a file joins a
    layer by being named here. The library is visible to the layer itself, the layers above it
    (layer_users) and the tests; `visibility` adds more (the top layer's image users).
    """
    layer = native.package_name()
    layer_users(layer)
    native.cc_library(
        name = name,
        srcs = srcs,
        hdrs = hdrs,
        copts = copts,
        strip_include_prefix = "include" if hdrs else None,
        target_compatible_with = KERNEL_ONLY,
        visibility = [":users"] + visibility,
        deps = deps,
    )
