"""user_program: a static user program built with the kernel's LLVM and the libc.

    load("//user:defs.bzl", "user_program")
    user_program(name = "hello", srcs = ["hello.c"])

The result, :hello, is an ELF32 executable for the kernel's initrd (//tools:image.bzl initrd).
Works from any package: the libc and the link rule are visible everywhere.
"""

load("//platforms:defs.bzl", "USER_ONLY")
load("//tools:image.bzl", "user_executable")

def user_program(name, srcs, deps = [], copts = [], **kwargs):
    native.cc_library(
        name = name + "_objs",
        srcs = srcs,
        copts = copts,
        deps = deps + ["//user/libc"],
        target_compatible_with = USER_ONLY,
        testonly = kwargs.get("testonly", False),
    )
    user_executable(
        name = name,
        deps = [
            ":" + name + "_objs",
            "//lib:int64",
        ],
        **kwargs
    )
