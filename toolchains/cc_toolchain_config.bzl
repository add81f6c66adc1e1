"""cc_toolchain configuration for i386 bare metal with clang (kernel and user code).

One configuration, two flavours selected by the `ring` constraint of //platforms:
  kernel: freestanding, no x87/MMX/SSE code at all, so the kernel never touches FPU state.
  user:   hosted against our own libc; x87 floating point allowed (the kernel saves it per process).
Both: no PIC, no stack protector, frame pointers kept (the kernel's backtraces walk them),
-Wall -Wextra -Werror, and no host header or library reachable (-nostdinc, only clang's resource
headers and the include paths of the targets' own deps).

The debug kernel (//tools:kernel_debug, `--config=debug`) is the kernel toolchain's `kernel_debug`
feature: UBSan, reporting through our own handlers (lib/ubsan.c), the stack protector with our own
guard (lib/stack_chk.c), and KERNEL_DEBUG=1 for the checks in C (DEBUG_ASSERT, mm's poison checks,
kernel-stack canaries). kernel_image's transition (tools/image.bzl) requests the feature from the
build setting: a toolchain's own attributes are built for the host, so it cannot read the setting
of the code it compiles.
"""

load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "ACTION_NAMES")
load(
    "@bazel_tools//tools/cpp:cc_toolchain_config_lib.bzl",
    "feature",
    "flag_group",
    "flag_set",
    "tool_path",
)

_COMPILE_ACTIONS = [
    ACTION_NAMES.assemble,
    ACTION_NAMES.preprocess_assemble,
    ACTION_NAMES.c_compile,
    ACTION_NAMES.cpp_compile,
]

_RING_FLAGS = {
    "kernel": [
        "-ffreestanding",
        "-mno-80387",
        "-mno-mmx",
        "-mno-sse",
        "-mno-sse2",
        "-mno-3dnow",
    ],
    "user": [
        "-mno-mmx",
        "-mno-sse",
        "-mno-sse2",
        # Each function and object in its own section, so the link drops what a program never uses.
        "-ffunction-sections",
        "-fdata-sections",
    ],
}

_KERNEL_DEBUG_FLAGS = [
    "-DKERNEL_DEBUG=1",
    # Every check of the undefined group clang has for C; a failed check calls our handler, which
    # panics with the kind, file and line (lib/ubsan.c). No recovery: the handlers never return, so
    # only the *_abort entry points are called and the code after a check stays small.
    "-fsanitize=undefined",
    "-fno-sanitize-recover=undefined",
    # A canary between locals with arrays (or whose address is taken) and the return address,
    # checked before returning; on i686-elf clang reads the global __stack_chk_guard.
    "-fstack-protector-strong",
]

def _impl(ctx):
    common = [
        "--target=i686-elf",
        "-march=i686",
        # The P6's multi-byte NOP (0F 1F), which every P6-class CPU and QEMU decode: LLVM's i686
        # lacks it (a few i686 clones do), so the padding that aligns each loop head was a run of
        # up to 15 one-byte NOPs, executed whenever code falls into the loop (76 instructions of
        # a pipe round trip, and under QEMU's icount every one counts).
        "-Xclang",
        "-target-feature",
        "-Xclang",
        "+nopl",
        "-nostdinc",
        "-isystem",
        ctx.attr.resource_include,
        "-std=gnu11",
        "-O2",
        "-g",
        "-fdebug-compilation-dir=.",
        "-fno-pic",
        "-fno-pie",
        "-fno-stack-protector",
        "-fno-omit-frame-pointer",
        # A tail call leaves no frame behind; backtraces would skip the caller.
        "-fno-optimize-sibling-calls",
        "-fno-asynchronous-unwind-tables",
        "-fno-unwind-tables",
        "-fno-common",
        "-Wall",
        "-Wextra",
        "-Werror",
        # Reproducible objects: no build date or time may reach an object file.
        "-Wno-builtin-macro-redefined",
        "-D__DATE__=\"redacted\"",
        "-D__TIMESTAMP__=\"redacted\"",
        "-D__TIME__=\"redacted\"",
    ]
    features = [
        feature(
            name = "i386_compile_flags",
            enabled = True,
            flag_sets = [flag_set(
                actions = _COMPILE_ACTIONS,
                flag_groups = [flag_group(flags = common + _RING_FLAGS[ctx.attr.ring])],
            )],
        ),
        feature(
            name = "kernel_debug",
            flag_sets = [flag_set(
                actions = [ACTION_NAMES.c_compile],
                flag_groups = [flag_group(flags = _KERNEL_DEBUG_FLAGS)],
            )] if ctx.attr.ring == "kernel" else [],
        ),
        feature(name = "supports_pic", enabled = False),
    ]
    return cc_common.create_cc_toolchain_config_info(
        ctx = ctx,
        toolchain_identifier = "i386-%s-clang-%s" % (ctx.attr.ring, ctx.attr.llvm_version),
        host_system_name = "x86_64-linux",
        target_system_name = "i686-elf",
        target_cpu = "x86_32",
        target_libc = "none",
        compiler = "clang",
        abi_version = "none",
        abi_libc_version = "none",
        features = features,
        cxx_builtin_include_directories = [ctx.attr.resource_include],
        tool_paths = [
            tool_path(name = "gcc", path = "bin/clang"),
            tool_path(name = "cpp", path = "bin/clang"),
            tool_path(name = "ld", path = "bin/ld_lld"),
            tool_path(name = "ar", path = "bin/llvm_ar"),
            tool_path(name = "nm", path = "bin/llvm_nm"),
            tool_path(name = "objcopy", path = "bin/llvm_objcopy"),
            tool_path(name = "objdump", path = "/bin/false"),
            tool_path(name = "strip", path = "/bin/false"),
            tool_path(name = "gcov", path = "/bin/false"),
        ],
    )

i386_cc_toolchain_config = rule(
    implementation = _impl,
    attrs = {
        "llvm_version": attr.string(mandatory = True),
        "resource_include": attr.string(mandatory = True),
        "ring": attr.string(mandatory = True, values = ["kernel", "user"]),
    },
    provides = [CcToolchainConfigInfo],
)

def i386_toolchain(name, llvm_version, resource_include, ring):
    """Defines `<name>_config`, `<name>_cc_toolchain` and the toolchain `<name>_toolchain`."""
    i386_cc_toolchain_config(
        name = name + "_config",
        llvm_version = llvm_version,
        resource_include = resource_include,
        ring = ring,
    )
    native.cc_toolchain(
        name = name + "_cc_toolchain",
        all_files = ":all_files",
        ar_files = ":all_files",
        as_files = ":all_files",
        compiler_files = ":all_files",
        dwp_files = ":empty",
        linker_files = ":all_files",
        objcopy_files = ":all_files",
        strip_files = ":empty",
        supports_param_files = True,
        toolchain_config = ":" + name + "_config",
    )
    native.toolchain(
        name = name + "_toolchain",
        exec_compatible_with = [
            "@platforms//cpu:x86_64",
            "@platforms//os:linux",
        ],
        target_compatible_with = [
            "@platforms//cpu:x86_32",
            "@platforms//os:none",
            "@//platforms:" + ring,
        ],
        toolchain = ":" + name + "_cc_toolchain",
        toolchain_type = "@bazel_tools//tools/cpp:toolchain_type",
    )
