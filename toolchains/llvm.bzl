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

    result = rctx.execute([paths["clang"], "--version"])
    first = result.stdout.split("\n")[0]
    if result.return_code != 0 or ("clang version %s." % version) not in first:
        _fail_missing(version, "%s reports '%s'" % (paths["clang"], first))
    result = rctx.execute([paths["ld_lld"], "--version"])
    if result.return_code != 0 or ("LLD %s." % version) not in result.stdout:
        _fail_missing(version, "%s reports '%s'" % (paths["ld_lld"], result.stdout.strip()))

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
