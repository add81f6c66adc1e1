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
