"""The layering of the kernel, bottom first. Each layer may use the layers below it, never one
above; //lib sits under all of them. This one list gives each layer's visibility (layer_users)
and is what //testing:layering_test checks the dependency graph against.
"""

KERNEL_LAYERS = [
    "arch/x86",
    "mm",
    "proc",
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
