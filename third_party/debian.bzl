"""Repositories taken from Debian's Bazel packages under /usr/share/bazel.

Nothing is downloaded: each rule copies a tree that a Debian package installed and,
where Bazel 4.2.3 cannot load it as shipped, patches the few lines at fault.
"""

def _debian_repository_impl(rctx):
    src = rctx.path(rctx.attr.path)
    if not src.exists:
        fail("%s is missing: install the Debian package %s (tools/bazel does this)" %
             (rctx.attr.path, rctx.attr.package))
    result = rctx.execute(["cp", "-R", str(src) + "/.", "."])
    if result.return_code != 0:
        fail("copying %s failed: %s" % (rctx.attr.path, result.stderr))
    for file, edits in rctx.attr.patches.items():
        text = rctx.read(file)
        for edit in edits:
            old, new = edit.split("=>", 1)
            if old not in text:
                fail("%s: patch no longer applies to %s (%r)" % (rctx.attr.name, file, old))
            text = text.replace(old, new)
        rctx.file(file, text, executable = False)

debian_repository = repository_rule(
    implementation = _debian_repository_impl,
    doc = "Copies a Bazel repository installed by a Debian package, with small textual patches.",
    attrs = {
        "path": attr.string(mandatory = True),
        "package": attr.string(mandatory = True, doc = "Debian package that installs `path`."),
        "patches": attr.string_list_dict(doc = "file -> list of 'old=>new' replacements."),
    },
    local = True,
)
