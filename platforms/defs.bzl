"""Compatibility lists for target_compatible_with.

Kernel code only builds for //platforms:i386_kernel; under the host platform such targets are
skipped by `bazel build //...` and `bazel test //...` instead of failing.
"""

KERNEL_ONLY = [
    "@platforms//os:none",
    "@//platforms:kernel",
]

USER_ONLY = [
    "@platforms//os:none",
    "@//platforms:user",
]

BARE_METAL = ["@platforms//os:none"]

# For tests that measure the product kernel: skipped under --config=debug (//tools:kernel_debug).
NOT_IN_KERNEL_DEBUG = select({
    "@//tools:kernel_debug_on": ["@//platforms:incompatible"],
    "//conditions:default": [],
})
