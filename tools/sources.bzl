"""source_files: the C and assembly sources and headers of cc_library targets and of everything
they depend on (through `deps`, and an initrd's `files`), for tests that read the code itself
(//testing:user_address_test, //testing:syscall_list_test).

Kernel targets are looked at as built for the kernel platform and user targets for the user
platform (as image.bzl builds them), so the files are exactly those that go into the product.
Files of other repositories (the toolchain's) are left out.
"""

load(":image.bzl", "to_kernel_platform", "to_user_platform")

_SourcesInfo = provider(doc = "C sources and headers of a target and its deps.", fields = ["files"])

def _sources_aspect_impl(target, ctx):
    direct = []
    for attr in ("srcs", "hdrs", "textual_hdrs"):
        for f in getattr(ctx.rule.files, attr, []):
            if f.is_source and f.owner.workspace_name == "":
                direct.append(f)
    deps = list(getattr(ctx.rule.attr, "deps", []))
    files = getattr(ctx.rule.attr, "files", {})
    if type(files) == "dict":
        deps += files.keys()
    transitive = [dep[_SourcesInfo].files for dep in deps if _SourcesInfo in dep]
    return [_SourcesInfo(files = depset(direct, transitive = transitive))]

_sources_aspect = aspect(
    implementation = _sources_aspect_impl,
    attr_aspects = ["deps", "files"],
)

def _source_files_impl(ctx):
    deps = ctx.attr.kernel + ctx.attr.user
    files = depset(transitive = [dep[_SourcesInfo].files for dep in deps])
    return [DefaultInfo(files = files, runfiles = ctx.runfiles(transitive_files = files))]

source_files = rule(
    implementation = _source_files_impl,
    doc = "The C sources and headers (this repository's) of `kernel` and `user` and their deps.",
    attrs = {
        "kernel": attr.label_list(cfg = to_kernel_platform, aspects = [_sources_aspect]),
        "user": attr.label_list(cfg = to_user_platform, aspects = [_sources_aspect]),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
    },
)
