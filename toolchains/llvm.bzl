"""Repository rule that finds the host's LLVM and defines the i386 bare-metal toolchains.

The LLVM major version is pinned by the `version` attribute in WORKSPACE; a user can override it with
`--repo_env=LLVM_VERSION=N`. The rule checks every tool exists and reports that exact version, and
fails with one line naming the Debian packages to install otherwise.
"""

_TOOLS = {
    "clang": "clang-{v}",
    "ld_lld": "ld.lld-{v}",
    "llvm_ar": "llvm-ar-{v}",
    "llvm_objcopy": "llvm-objcopy-{v}",
    "llvm_nm": "llvm-nm-{v}",
}

_VERSION_TEXT = {
    "clang": "clang version %s.",
    "ld_lld": "LLD %s.",
}

def _fail_missing(version, what):
    fail("LLVM {v}: {what}; install it with: apt-get install clang-{v} lld-{v} llvm-{v}".format(
        v = version,
        what = what,
    ))

def _llvm_toolchain_impl(rctx):
    version = rctx.os.environ.get("LLVM_VERSION", rctx.attr.version)
    paths = {}
    for key, pattern in _TOOLS.items():
        tool = pattern.format(v = version)
        path = rctx.which(tool)
        if path == None:
            _fail_missing(version, tool + " not found on PATH")
        paths[key] = str(path)

    # What each tool's --version says: clang and ld.lld their own names, the LLVM binutils
    # "LLVM version N.x.y" (Debian's "Debian LLVM version N.x.y").
    for key in _TOOLS:
        want = _VERSION_TEXT.get(key, "LLVM version %s.") % version
        result = rctx.execute([paths[key], "--version"])
        if result.return_code != 0 or want not in result.stdout:
            lines = [line.strip() for line in (result.stdout + result.stderr).strip().split("\n")]
            said = [line for line in lines if "version" in line] or lines
            _fail_missing(version, "%s does not report '%s' but '%s'" % (paths[key], want, said[0]))

    resource_dir = rctx.execute([paths["clang"], "-print-resource-dir"]).stdout.strip()
    if not rctx.path(resource_dir + "/include/stddef.h").exists:
        _fail_missing(version, "clang's resource headers are missing under " + resource_dir)

    # Each tool is exposed as a small wrapper inside this repository so that rules can use it as an
    # executable label (`@llvm//:ld_lld`) and the cc_toolchain can name it by a relative path.
    for key, path in paths.items():
        rctx.file("bin/" + key, "#!/bin/sh\nexec %s \"$@\"\n" % path, executable = True)

    rctx.template("BUILD.bazel", rctx.attr._build_tpl, {
        "%{version}": version,
        "%{resource_include}": resource_dir + "/include",
    }, executable = False)

llvm_toolchain = repository_rule(
    implementation = _llvm_toolchain_impl,
    attrs = {
        "version": attr.string(mandatory = True, doc = "LLVM major version, e.g. \"16\"."),
        "_build_tpl": attr.label(default = "//toolchains:llvm.BUILD.tpl"),
    },
    environ = ["LLVM_VERSION", "PATH"],
    local = True,
)
