"""disk_image: an ext2 file system image built from files, for QEMU's IDE disks (hda, hdb)."""

load("//tools:image.bzl", "stage_tree")

_UNITS = {"K": 1, "M": 1024, "G": 1024 * 1024}

def _size_kib(label, size):
    if size and size[-1] in _UNITS and size[:-1].isdigit():
        return int(size[:-1]) * _UNITS[size[-1]]
    fail("%s: size %r: want a number and K, M or G (\"8M\")" % (label, size))

def _disk_image_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name + ".img")
    args = ctx.actions.args()
    args.add(out)
    args.add(str(_size_kib(ctx.label, ctx.attr.image_size)))
    args.add(str(ctx.attr.block_size))
    inputs = stage_tree(ctx, args)
    ctx.actions.run(
        executable = ctx.executable._mkdiskimage,
        arguments = [args],
        inputs = inputs,
        outputs = [out],
        mnemonic = "DiskImage",
        progress_message = "Making ext2 image %s" % ctx.label,
    )
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(files = [out]))]

_disk_image = rule(
    implementation = _disk_image_impl,
    doc = """See disk_image. (`size` is a name Bazel keeps for tests' sizes, so the rule's attribute is
`image_size`.) An ext2 file system (revision 1, as `mke2fs -t ext2 -d` makes it) of `size` ("8M",
"512K") holding `files` (each target, one file, -> its absolute path in the image) and `dirs`
(directories it holds even when empty), with 1024-byte blocks unless `block_size` says. The
image is bit-identical from one clean build to the next: tools/mkdiskimage.py fixes the UUID,
the hash seed, every time and mke2fs's configuration. Attach it with qemu_test/user_test's
`disks`, which give the test a writable copy and run `e2fsck -fn` on it afterwards.""",
    attrs = {
        "block_size": attr.int(default = 1024, values = [1024, 2048, 4096]),
        "dirs": attr.string_list(),
        "files": attr.label_keyed_string_dict(allow_files = True),
        "image_size": attr.string(mandatory = True),
        "_mkdiskimage": attr.label(default = "//tools:mkdiskimage", executable = True, cfg = "exec"),
    },
)

def disk_image(name, size, files = {}, dirs = [], block_size = 1024, **kwargs):
    """An ext2 file system (revision 1, as `mke2fs -t ext2 -d` makes it) of `size` ("8M", "512K")
    holding `files` (each target, one file, -> its absolute path in the image) and `dirs`
    (directories it holds even when empty), with `block_size`-byte blocks. Bit-identical from one
    clean build to the next (tools/mkdiskimage.py). `<name>` is the file `<name>.img`; attach it
    with qemu_test/user_test's `disks`."""
    _disk_image(
        name = name,
        image_size = size,
        files = files,
        dirs = dirs,
        block_size = block_size,
        **kwargs
    )
