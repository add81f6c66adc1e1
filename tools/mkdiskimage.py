#!/usr/bin/env python3
"""Makes an ext2 disk image, bit-identical from one clean build to the next (//tools:disk_image.bzl).

    mkdiskimage.py OUT SIZE_KIB BLOCK_SIZE /path=host_file ... /dir/ ...

The files are staged in a fresh directory in sorted order, every staged file and directory gets
the same fixed times, and mke2fs builds the file system from it (`mke2fs -t ext2 -d`) with
everything that would vary fixed: the UUID (-U), the directory hash seed (-E hash_seed), the
clock (E2FSPROGS_FAKE_TIME: the superblock's and the new inodes' times) and the configuration
(tools/mke2fs.conf, not the host's /etc/mke2fs.conf). mke2fs copies each file's change time
(ctime) from the staged file, which nothing can set; debugfs then sets every inode's ctime to the
fixed time too. Owners are root (0:0), modes are 0644, or 0755 for executables and directories.
"""
import os
import shutil
import subprocess
import sys
import tempfile

UUID = "4c756e65-6469-736b-8000-000000000017"  # "Lune" "disk"
FIXED_TIME = 1767225600  # 2026-01-01 00:00:00 UTC
DEBUGFS_TIME = "20260101000000"


def tool(name):
    """e2fsprogs lives in /usr/sbin, which a Bazel action's PATH may lack."""
    return shutil.which(name) or os.path.join("/usr/sbin", name)


def main(argv):
    out, size_kib, block_size, entries = argv[1], int(argv[2]), int(argv[3]), argv[4:]
    config = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mke2fs.conf")
    env = dict(os.environ, E2FSPROGS_FAKE_TIME=str(FIXED_TIME), MKE2FS_CONFIG=config, TZ="UTC", LC_ALL="C")
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "root")
        os.mkdir(root)
        paths = set()
        for entry in sorted(entries):
            if entry.endswith("/"):
                path, src = entry.rstrip("/"), None
            else:
                path, src = entry.split("=", 1)
            if not path.startswith("/") or ".." in path.split("/"):
                sys.exit("mkdiskimage: %s: paths are absolute, without .." % path)
            target = os.path.join(root, path.lstrip("/"))
            os.makedirs(target if src is None else os.path.dirname(target), exist_ok=True)
            if src is not None:
                shutil.copyfile(src, target)
                os.chmod(target, 0o755 if os.access(src, os.X_OK) else 0o644)
            parts = path.strip("/").split("/")
            for i in range(1, len(parts) + 1):
                paths.add("/" + "/".join(parts[:i]))
        for path in paths:
            full = os.path.join(root, path.lstrip("/"))
            if os.path.isdir(full):
                os.chmod(full, 0o755)
        for path in sorted(paths, reverse=True) + ["/"]:
            os.utime(os.path.join(root, path.lstrip("/")), (FIXED_TIME, FIXED_TIME))
        if os.path.exists(out):
            os.remove(out)
        subprocess.run([tool("mke2fs"), "-q", "-F", "-t", "ext2", "-b", str(block_size), "-U", UUID,
                        "-E", "hash_seed=%s,root_owner=0:0" % UUID, "-L", "lune", "-d", root, out, str(size_kib)],
                       env=env, check=True)
        script = "".join("sif %s ctime %s\n" % (p, DEBUGFS_TIME) for p in sorted(paths | {"/"}))
        subprocess.run([tool("debugfs"), "-w", "-f", "-", out], input=script.encode(), env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.chmod(out, 0o644)


if __name__ == "__main__":
    main(sys.argv)
