"""Writes the ext2 image ext2_test mounts: 4 MiB, 1 KiB blocks, made by mke2fs -d from a staging
directory, reproducibly (fixed UUID, hash seed and time)."""
import os
import shutil
import subprocess
import sys
import tempfile


def big_pattern(n):
    # The bytes of /big; ext2_test computes the same: (i * 7 + i / 1024) mod 256.
    return bytes((i * 7 + (i >> 10)) & 0xFF for i in range(n))


def main(out):
    with tempfile.TemporaryDirectory() as stage:
        os.mkdir(os.path.join(stage, "sub"))
        with open(os.path.join(stage, "hello.txt"), "w") as f:
            f.write("hello from mke2fs\n")
        with open(os.path.join(stage, "sub", "inner.txt"), "w") as f:
            f.write("inner\n")
        with open(os.path.join(stage, "big"), "wb") as f:
            f.write(big_pattern(300 * 1024))
        for root, dirs, files in os.walk(stage):
            for name in dirs + files:
                os.utime(os.path.join(root, name), (1700000000, 1700000000))
        os.utime(stage, (1700000000, 1700000000))
        if os.path.exists(out):
            os.unlink(out)
        env = dict(os.environ, E2FSPROGS_FAKE_TIME="1700000000", MKE2FS_CONFIG="/dev/null")
        subprocess.run([shutil.which("mke2fs") or "/usr/sbin/mke2fs", "-q", "-F", "-t", "ext2", "-b", "1024", "-g", "1024", "-I", "256", "-N", "256",
                        "-O", "sparse_super,large_file,filetype,resize_inode,dir_index,ext_attr",
                        "-U", "6c756e65-6578-7432-0000-000000000001", "-E", "hash_seed=6c756e65-6578-7432-0000-000000000002",
                        "-d", stage, out, "4M"], check=True, env=env)


if __name__ == "__main__":
    main(sys.argv[1])
