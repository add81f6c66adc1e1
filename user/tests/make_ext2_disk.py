"""Writes the ext2 images of the tests: the one ext2_test mounts (4 MiB, 1 KiB blocks in groups of
1024, 256-byte inodes, made by mke2fs -d from a staging directory), or an empty one of a given
size and inode count; reproducibly (fixed UUID, hash seed and time).

    make_ext2_disk.py OUT                      the image of ext2_test
    make_ext2_disk.py OUT empty SIZE INODES    an empty one (SIZE as mke2fs takes it: 1M)
    make_ext2_disk.py OUT fuzz                 1 MiB with a few directories and files, for
                                               fs/tests/ext2/ext2_image_test.c (the fuzz test)
"""
import os
import shutil
import subprocess
import sys
import tempfile

TIME = 1700000000


def big_pattern(n):
    # The bytes of /big; ext2_test computes the same: (i * 7 + i / 1024) mod 256.
    return bytes((i * 7 + (i >> 10)) & 0xFF for i in range(n))


def fill(stage):
    os.mkdir(os.path.join(stage, "sub"))
    with open(os.path.join(stage, "hello.txt"), "w") as f:
        f.write("hello from mke2fs\n")
    with open(os.path.join(stage, "sub", "inner.txt"), "w") as f:
        f.write("inner\n")
    with open(os.path.join(stage, "big"), "wb") as f:
        f.write(big_pattern(300 * 1024))


def fill_fuzz(stage):
    for d in ["sub", "sub/deeper", "other"]:
        os.mkdir(os.path.join(stage, d))
    for path, n in [("hello.txt", 18), ("sub/inner.txt", 6), ("sub/deeper/leaf", 3000), ("other/mid", 40000),
                    ("big", 100 * 1024)]:
        with open(os.path.join(stage, path), "wb") as f:
            f.write(big_pattern(n))


def mkfs(stage, out, size, inodes):
    for root, dirs, files in os.walk(stage):
        for name in dirs + files:
            os.utime(os.path.join(root, name), (TIME, TIME))
    os.utime(stage, (TIME, TIME))
    if os.path.exists(out):
        os.unlink(out)
    env = dict(os.environ, E2FSPROGS_FAKE_TIME=str(TIME), MKE2FS_CONFIG="/dev/null")
    mke2fs = shutil.which("mke2fs") or "/usr/sbin/mke2fs"
    subprocess.run([mke2fs, "-q", "-F", "-t", "ext2", "-b", "1024", "-g", "1024", "-I", "256", "-N", inodes,
                    "-O", "sparse_super,large_file,filetype,resize_inode,dir_index,ext_attr",
                    "-U", "6c756e65-6578-7432-0000-000000000001",
                    "-E", "hash_seed=6c756e65-6578-7432-0000-000000000002",
                    "-d", stage, out, size], check=True, env=env, stdout=subprocess.DEVNULL)


def main(argv):
    with tempfile.TemporaryDirectory() as stage:
        if len(argv) > 2 and argv[2] == "fuzz":
            fill_fuzz(stage)
            mkfs(stage, argv[1], "1M", "64")
        elif len(argv) > 2 and argv[2] == "empty":
            mkfs(stage, argv[1], argv[3], argv[4])
        else:
            fill(stage)
            mkfs(stage, argv[1], "4M", "256")


if __name__ == "__main__":
    main(sys.argv)
