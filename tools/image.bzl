"""Rules that turn cc_library code into bootable things.

kernel_image: links cc_library deps, compiled for //platforms:i386_kernel, into a multiboot ELF
    with ld.lld and a linker script of ours, in two passes so that the image carries its own symbol
    table (.ksyms) for backtraces. Outputs <name>.elf and <name>.map.
user_executable: links cc_library deps, compiled for //platforms:i386_user, into a static ELF32
    user program (//user:user.ld). Use the user_program macro (//user:defs.bzl).
initrd: packs files into a cpio "newc" archive for the kernel's root file system.
iso_image: a GRUB (BIOS) ISO that boots a kernel_image with a command line and modules.
"""

KernelImageInfo = provider(
    doc = "A linked kernel image.",
    fields = {
        "elf": "File: the multiboot ELF",
        "map": "File: `llvm-nm -n` listing of its symbols",
    },
)

def _to_kernel_impl(settings, attr):
    kernel_debug = settings["//tools:kernel_debug"]
    forced = getattr(attr, "kernel_debug", "")
    if forced:
        kernel_debug = forced == "on"
    features = [f for f in settings["//command_line_option:features"] if f != "kernel_debug"]
    if kernel_debug:
        features.append("kernel_debug")
    return {
        # The toolchain feature that compiles the debug kernel (toolchains/cc_toolchain_config.bzl).
        "//command_line_option:features": features,
        "//command_line_option:platforms": "@//platforms:i386_kernel",
        # The debug kernel checks mm's poison, so it needs mm's junk-filling too.
        "//mm:debug": kernel_debug or (settings["//mm:debug"] and getattr(attr, "mm_debug", True)),
        "//tools:kernel_debug": kernel_debug,
    }

# Kernel code is built for the kernel platform. An image may also turn off mm's debug checks
# (junk-filling freed memory), which benchmarks do so that they measure the real paths, and may
# force the debug kernel (//tools:kernel_debug) on or off whatever the command line says: the
# tests that prove the sanitizers fire build their own debug kernels, so `bazel test //...`
# alone runs them.
to_kernel_platform = transition(
    implementation = _to_kernel_impl,
    inputs = [
        "//command_line_option:features",
        "//mm:debug",
        "//tools:kernel_debug",
    ],
    outputs = [
        "//command_line_option:features",
        "//command_line_option:platforms",
        "//mm:debug",
        "//tools:kernel_debug",
    ],
)

def _to_user_impl(settings, attr):
    return {"//command_line_option:platforms": "@//platforms:i386_user"}

to_user_platform = transition(
    implementation = _to_user_impl,
    inputs = [],
    outputs = ["//command_line_option:platforms"],
)

def link_inputs(deps):
    """Object files and whole archives of cc deps, each once, in a stable order, for ld.lld."""
    merged = cc_common.merge_cc_infos(cc_infos = [dep[CcInfo] for dep in deps])
    objects = []
    archives = []
    seen = {}
    for linker_input in merged.linking_context.linker_inputs.to_list():
        for lib in linker_input.libraries:
            files = lib.objects if lib.objects else ([lib.static_library] if lib.static_library else [])
            for f in files:
                if f.path in seen:
                    continue
                seen[f.path] = True
                if f.extension == "a":
                    archives.append(f)
                else:
                    objects.append(f)
    return objects, archives

def _link_args(ctx, script, objects, archives, out, extra = []):
    args = ctx.actions.args()
    args.add_all(["-m", "elf_i386", "-nostdlib", "-static", "--build-id=none", "--no-undefined"])
    args.add_all(extra)
    args.add("-T", script)
    args.add("-o", out)
    args.add_all(objects)
    if archives:
        args.add("--whole-archive")
        args.add_all(archives)
        args.add("--no-whole-archive")
    return args

def _kernel_image_impl(ctx):
    script = ctx.file.linker_script
    objects, archives = link_inputs(ctx.attr.deps)
    ld = ctx.executable._ld
    nm = ctx.executable._nm
    name = ctx.label.name

    pass1 = ctx.actions.declare_file(name + ".pass1.elf")
    ctx.actions.run(
        executable = ld,
        arguments = [_link_args(ctx, script, objects, archives, pass1)],
        inputs = objects + archives + [script],
        outputs = [pass1],
        mnemonic = "KernelLink",
        progress_message = "Linking kernel %s (pass 1)" % ctx.label,
    )

    table = ctx.actions.declare_file(name + ".ksyms.bin")
    ctx.actions.run(
        executable = ctx.executable._mksyms,
        arguments = ["--nm", nm.path, "--elf", pass1.path, "--table", table.path],
        inputs = [pass1],
        tools = [nm],
        outputs = [table],
        mnemonic = "KernelSymbols",
    )

    table_obj = ctx.actions.declare_file(name + ".ksyms.o")
    ctx.actions.run(
        executable = ctx.executable._objcopy,
        arguments = [
            "-I",
            "binary",
            "-O",
            "elf32-i386",
            "--rename-section",
            ".data=.ksyms,alloc,load,readonly,data,contents",
            table.path,
            table_obj.path,
        ],
        inputs = [table],
        outputs = [table_obj],
        mnemonic = "KernelSymbols",
    )

    elf = ctx.actions.declare_file(name + ".elf")
    ctx.actions.run(
        executable = ld,
        arguments = [_link_args(ctx, script, objects + [table_obj], archives, elf)],
        inputs = objects + archives + [script, table_obj],
        outputs = [elf],
        mnemonic = "KernelLink",
        progress_message = "Linking kernel %s" % ctx.label,
    )

    symbol_map = ctx.actions.declare_file(name + ".map")
    ctx.actions.run(
        executable = ctx.executable._mksyms,
        arguments = ["--nm", nm.path, "--elf", elf.path, "--map", symbol_map.path, "--same-as", pass1.path],
        inputs = [elf, pass1],
        tools = [nm],
        outputs = [symbol_map],
        mnemonic = "KernelSymbols",
    )

    return [
        DefaultInfo(files = depset([elf, symbol_map]), runfiles = ctx.runfiles(files = [elf, symbol_map])),
        KernelImageInfo(elf = elf, map = symbol_map),
        OutputGroupInfo(elf = depset([elf]), map = depset([symbol_map])),
    ]

_TOOLS = {
    "_ld": attr.label(default = "@llvm//:ld_lld", executable = True, cfg = "exec"),
    "_nm": attr.label(default = "@llvm//:llvm_nm", executable = True, cfg = "exec"),
    "_objcopy": attr.label(default = "@llvm//:llvm_objcopy", executable = True, cfg = "exec"),
    "_allowlist_function_transition": attr.label(
        default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
    ),
}

kernel_image = rule(
    implementation = _kernel_image_impl,
    doc = "Links cc_library deps, built for //platforms:i386_kernel, into a multiboot kernel ELF.",
    attrs = dict(_TOOLS, **{
        "deps": attr.label_list(providers = [CcInfo], cfg = to_kernel_platform),
        "mm_debug": attr.bool(default = True, doc = "False: build mm without its debug checks."),
        "kernel_debug": attr.string(
            default = "",
            values = ["", "on", "off"],
            doc = "\"on\"/\"off\": the debug kernel (//tools:kernel_debug) whatever the command line says.",
        ),
        "linker_script": attr.label(allow_single_file = True, default = "//arch/x86:kernel.ld"),
        "_mksyms": attr.label(default = "//tools:mksyms", executable = True, cfg = "exec"),
    }),
)

def _user_executable_impl(ctx):
    objects, archives = link_inputs(ctx.attr.deps)
    out = ctx.actions.declare_file(ctx.label.name)
    ctx.actions.run(
        executable = ctx.executable._ld,
        arguments = [_link_args(ctx, ctx.file._linker_script, objects, archives, out, ["--gc-sections"])],
        inputs = objects + archives + [ctx.file._linker_script],
        outputs = [out],
        mnemonic = "UserLink",
        progress_message = "Linking user program %s" % ctx.label,
    )
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(files = [out]))]

user_executable = rule(
    implementation = _user_executable_impl,
    doc = "Links cc_library deps, built for //platforms:i386_user, into a static user program.",
    attrs = dict(_TOOLS, **{
        "deps": attr.label_list(providers = [CcInfo], cfg = to_user_platform),
        "_linker_script": attr.label(allow_single_file = True, default = "//user:user.ld"),
    }),
)

def stage_tree(ctx, args):
    """The tree a file-system image holds, for tools/mkinitrd.py and tools/mkdiskimage.py: adds
    PATH=FILE for each of ctx.attr.files (a target giving one file -> its absolute path) and DIR/
    for each of ctx.attr.dirs to `args`; returns the files the action reads."""
    inputs = []
    for target, path in ctx.attr.files.items():
        files = target[DefaultInfo].files.to_list()
        if len(files) != 1:
            fail("%s: %s must give exactly one file" % (ctx.label, target.label))
        if not path.startswith("/"):
            fail("%s: path %s must be absolute" % (ctx.label, path))
        args.add("%s=%s" % (path, files[0].path))
        inputs.append(files[0])
    for path in ctx.attr.dirs:
        if not path.startswith("/"):
            fail("%s: directory %s must be absolute" % (ctx.label, path))
        args.add(path.rstrip("/") + "/")
    return inputs

def _initrd_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name + ".cpio")
    args = ctx.actions.args()
    args.add(ctx.executable._objcopy, format = "--strip=%s")
    args.add(out)
    inputs = stage_tree(ctx, args)
    ctx.actions.run(
        executable = ctx.executable._mkinitrd,
        arguments = [args],
        inputs = inputs,
        tools = [ctx.executable._objcopy],
        outputs = [out],
        mnemonic = "Initrd",
    )
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(files = [out]))]

initrd = rule(
    implementation = _initrd_impl,
    doc = "A cpio archive: `files` maps each target (one file) to its absolute path in the archive; " +
          "`dirs` are directories it holds even when empty (/tmp). Programs go in without their debug " +
          "sections (tools/mkinitrd.py).",
    attrs = {
        "dirs": attr.string_list(),
        "files": attr.label_keyed_string_dict(allow_files = True),
        "_mkinitrd": attr.label(default = "//tools:mkinitrd", executable = True, cfg = "exec"),
        "_objcopy": attr.label(default = "@llvm//:llvm_objcopy", executable = True, cfg = "exec"),
    },
)

def _iso_image_impl(ctx):
    kernel = ctx.attr.kernel[KernelImageInfo].elf
    iso = ctx.actions.declare_file(ctx.label.name + ".iso")
    args = ctx.actions.args()
    args.add(iso)
    args.add(kernel)
    args.add(ctx.attr.cmdline)
    args.add_all(ctx.files.modules)
    ctx.actions.run(
        executable = ctx.executable._mkiso,
        arguments = [args],
        inputs = [kernel] + ctx.files.modules,
        outputs = [iso],
        mnemonic = "GrubIso",
        progress_message = "Making GRUB ISO %s" % ctx.label,
        env = {"SOURCE_DATE_EPOCH": "0"},
    )
    return [DefaultInfo(files = depset([iso]), runfiles = ctx.runfiles(files = [iso]))]

iso_image = rule(
    implementation = _iso_image_impl,
    doc = "A GRUB ISO (BIOS) that boots `kernel` with `cmdline`, loading `modules` as multiboot modules.",
    attrs = {
        "kernel": attr.label(mandatory = True, providers = [KernelImageInfo]),
        "cmdline": attr.string(default = ""),
        "modules": attr.label_list(allow_files = True),
        "_mkiso": attr.label(default = "//tools:mkiso", executable = True, cfg = "exec"),
    },
)
