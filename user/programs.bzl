"""The programs of the root file system: //user:rootfs (what //:iso boots) and every user test's.

BIN_PROGRAMS: the programs of /bin, each built from user/bin/NAME.c.
ROOTFS_PROGRAMS: label -> path of every program in the root file system, and of the files of /etc
(the user and group databases, user/etc/, which ls -l, id and whoami read names from).
ROOTFS_DIRS: the directories it holds even when empty.
"""

BIN_PROGRAMS = [
    "basename",
    "cat",
    "chmod",
    "chown",
    "cp",
    "date",
    "dirname",
    "echo",
    "env",
    "false",
    "find",
    "gencat",
    "grep",
    "head",
    "id",
    "kill",
    "ls",
    "mkdir",
    "mount",
    "mv",
    "printf",
    "ps",
    "rm",
    "rmdir",
    "seq",
    "sleep",
    "sort",
    "stat",
    "sync",
    "tail",
    "tee",
    "time",
    "touch",
    "true",
    "umount",
    "uname",
    "uniq",
    "wc",
    "whoami",
    "yes",
]

def _rootfs_programs():
    programs = {
        "//user:hello": "/bin/hello",
        "//user:init": "/bin/init",
        "//user:sh": "/bin/sh",
    }
    for name in BIN_PROGRAMS:
        programs["//user:" + name] = "/bin/" + name
    for name in ["group", "passwd"]:
        programs["//user:etc/" + name] = "/etc/" + name
    return programs

ROOTFS_PROGRAMS = _rootfs_programs()

ROOTFS_DIRS = ["/tmp"]
