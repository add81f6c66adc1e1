"""Test macros. Every one of them ends up as an ordinary Bazel test with one XML case per
kernel-reported case (see qemu_test.py and docs/testing.md).

host_test(name, srcs, deps):  a cmocka unit test of freestanding code, built and run on the host.
kernel_test(name, srcs, deps): KTEST cases linked into a kernel, booted directly in QEMU.
user_test(name, srcs, deps):  an ordinary POSIX program run by init on the real kernel.
qemu_test(name, kernel | iso, ...): boots an image and judges what the kernel reports.
"""

load("//platforms:defs.bzl", "KERNEL_ONLY")
load("//tools:image.bzl", "initrd", "kernel_image")
load("//user:defs.bzl", "user_program")
load("//user:programs.bzl", "ROOTFS_DIRS", "ROOTFS_PROGRAMS")

HOST_COPTS = [
    "-Wall",
    "-Wextra",
    "-Werror",
]

def tap_test(name, program, args = [], data = [], env = {}, size = "small", **kwargs):
    """Runs `program` (an executable target) on the host; it must report in TAP and exit 0.

    testing/tap_runner.py judges the report by testing/tap.py's rules and writes test.xml.
    `env` is set for the program; `args` are its arguments ($(rootpath) allowed).
    """
    native.py_test(
        name = name,
        srcs = ["//testing:tap_runner.py"],
        main = "//testing:tap_runner.py",
        python_version = "PY3",
        args = ["--env=%s=%s" % (k, v) for k, v in env.items()] + ["--", "$(rootpath %s)" % program] + args,
        data = [program] + data,
        deps = ["//testing:tap"],
        size = size,
        **kwargs
    )

def host_test(name, srcs, deps = [], copts = [], local_defines = [], size = "small", **kwargs):
    """A cmocka test of freestanding code, built for and run on the host, reporting in TAP."""
    native.cc_binary(
        name = name + "_bin",
        testonly = True,
        srcs = srcs,
        copts = HOST_COPTS + copts,
        local_defines = local_defines,
        deps = deps + ["//third_party/cmocka"],
    )
    tap_test(
        name = name,
        program = ":" + name + "_bin",
        env = {"CMOCKA_MESSAGE_OUTPUT": "TAP"},
        size = size,
        **kwargs
    )

def _arg(text):
    """`text` as one test argument: Bazel splits args like a shell and expands $(...) and $$."""
    return "'%s'" % text.replace("$", "$$").replace("'", "'\\''")

# How much longer a QEMU test may take under --config=debug (//tools:kernel_debug).
DEBUG_SLOWDOWN = 2

def qemu_test(
        name,
        kernel = None,
        iso = None,
        cmdline = "",
        modules = [],
        timeout_s = 45,
        icount = False,
        icount_shift = 0,
        serial_input = "",
        serial_input_after = "",
        serial_script = [],
        step_timeout_s = 20,
        expect_panic = [],
        expect_output = [],
        program_tap = "optional",
        memory = 128,
        figures = None,
        disks = [],
        power_cut = None,
        size = "small",
        tags = [],
        **kwargs):
    """Boots `kernel` (a kernel_image, directly) or `iso` (through GRUB) and checks its report.

    `figures`: a JSON file of measurements ({"figures": {name: value}}) the kernel must report as
    `# figure NAME N` lines within 10% either way (with `icount`, exact instruction counts); not
    checked on the debug kernel, whose figures differ by design. `bazel run` of the test with
    `-- --write-figures` records new ones.

    `icount_shift`: under `icount`, one guest instruction lasts 2^N ns (QEMU's -icount shift=N):
    the timer's ticks, and so preemption, come 2^N times as often per instruction. Under icount an
    interrupt lands at an exact instruction, not only between translated blocks as under plain TCG.

    `disks`: disk images (labels of one file each, e.g. a disk_image) attached as the primary IDE
    channel's master (hda) and slave (hdb), in that order. The test gets a writable copy of each;
    after the run the harness runs `e2fsck -fn` on every copy that holds an ext2 file system and
    fails unless it is clean (testing/qemu_test.py --disk).
    `power_cut`: a regex; when a line of output matches it QEMU is killed (a power cut), and the
    disks must then be repaired by `e2fsck -fy` with every file the program reported synced
    intact (testing/qemu_test.py --power-cut).

    `expect_panic`: regexes the output must match, for tests of the panic path; the test then
    passes only when the kernel panics and QEMU ends with the failure status.
    `expect_output`: regexes the output must match besides a passing report.
    `serial_input`: bytes to type on the serial line (escapes: "\\n", "\\x03"), all at once, or
    with `serial_input_after` (a regex) one line each time the output since the previous line
    matches it.
    `program_tap`: "optional" judges the user program's own TAP report when it prints one;
    "required" also fails a program that prints none.
    `serial_script`: a conversation over the serial line, as a person types at a terminal: a
    list of (regex, text), (regex, text, timeout_s) or (regex, text, timeout_s or None, pause_s)
    steps; each waits until the output since the previous step matches regex (multiline, carriage
    returns removed), then, after its pause, types text (escapes allowed, as in `serial_input`:
    "\\x03" is Ctrl-C). A
    step that waits longer than its timeout (`step_timeout_s` unless it says) fails the test,
    naming the step and showing the screen's last lines (testing/qemu_test.py --script).
    """
    args = ["--memory", str(memory), "--program-tap", program_tap]
    data = []
    if iso:
        args += ["--iso", "$(rootpath %s)" % iso]
        data.append(iso)
    else:
        elf = name + "_elf"
        native.filegroup(
            name = elf,
            srcs = [kernel],
            output_group = "elf",
            testonly = True,
        )
        args += ["--kernel", "$(rootpath :%s)" % elf, "--cmdline", cmdline]
        data.append(":" + elf)
        for m in modules:
            args += ["--module", "$(rootpath %s)" % m]
        data += modules
    if len(disks) > 2:
        fail("disks: the primary IDE channel has two drives (hda, hdb), not %d" % len(disks))
    for disk in disks:
        args += ["--disk", "$(rootpath %s)" % disk]
    if power_cut:
        args += ["--power-cut", _arg(power_cut)]
    data += disks
    if icount:
        args.append("--icount")
        if icount_shift:
            args += ["--icount-shift", str(icount_shift)]
    if serial_input:
        args += ["--input", _arg(serial_input)]
    if serial_input_after:
        args += ["--input-after", _arg(serial_input_after)]
    script_args = []
    if serial_script:
        steps = [list(step) for step in serial_script]
        slow_steps = [step[:2] + [DEBUG_SLOWDOWN * step[2]] + step[3:] if len(step) >= 3 and step[2] else step for step in steps]
        script_args = select({
            "//tools:kernel_debug_on": ["--script", _arg(json.encode(slow_steps))],
            "//conditions:default": ["--script", _arg(json.encode(steps))],
        })
    for regex in expect_panic:
        args += ["--expect-panic", _arg(regex)]
    for regex in expect_output:
        args += ["--expect-output", _arg(regex)]
    figure_args = []
    if figures:
        figure_args = select({
            "//tools:kernel_debug_on": [],
            "//conditions:default": ["--figures", "$(rootpath %s)" % figures],
        })
        data.append(figures)
    native.py_test(
        name = name,
        srcs = ["//testing:qemu_test.py"],
        main = "//testing:qemu_test.py",
        python_version = "PY3",
        # The debug kernel does much more work per allocation and access (--config=debug, which
        # also raises Bazel's own test timeouts to match).
        args = select({
            "//tools:kernel_debug_on": [
                "--timeout",
                str(DEBUG_SLOWDOWN * timeout_s),
                "--step-timeout",
                str(DEBUG_SLOWDOWN * step_timeout_s),
            ],
            "//conditions:default": ["--timeout", str(timeout_s), "--step-timeout", str(step_timeout_s)],
        }) + args + script_args + figure_args,
        data = data,
        deps = ["//testing:tap"],
        size = size,
        tags = tags + ["qemu"],
        **kwargs
    )

def shell_steps(prompt, session):
    """A qemu_test serial_script from a shell session: [(typed, want)] becomes, for each command,
    a step that types it at the prompt and one that waits for `want` on the screen. An entry
    (typed, want, keys) types `keys` a second after `want` is on the screen (a Ctrl-C for a
    command that has started, "\\x03"; (typed, want, keys, pause_s) says how long), and the next
    command waits for the prompt after that."""
    steps = []
    for entry in session:
        steps.append((prompt, entry[0] + "\n"))
        if len(entry) == 2:
            steps.append((entry[1], ""))
        else:
            steps.append((entry[1], entry[2], None, entry[3] if len(entry) == 4 else 1))
    return steps

def _test_kernel(name, srcs, deps, visibility = None, kernel_debug = ""):
    """`<name>_cases` (the KTEST cases) and `<name>_image`, a kernel that includes them.

    `kernel_debug`: "on" or "off" forces the debug kernel (//tools:kernel_debug) for this image.
    """
    native.cc_library(
        name = name + "_cases",
        testonly = True,
        srcs = srcs,
        deps = deps + ["//testing/ktest"],
        target_compatible_with = KERNEL_ONLY,
        visibility = visibility,
    )
    kernel_image(
        name = name + "_image",
        testonly = True,
        kernel_debug = kernel_debug,
        deps = [
            "//testing:test_kernel",
            ":" + name + "_cases",
        ],
    )
    return ":" + name + "_image"

def kernel_test(name, srcs, deps, cmdline = "", **kwargs):
    """Links the KTEST cases in `srcs` into a kernel and runs them (`ktest=all`) in QEMU."""

    # //testing:all_ktests_kernel links every suite into one kernel for the GRUB boot test.
    image = _test_kernel(name, srcs, deps, visibility = ["//testing:__pkg__"])
    qemu_test(
        name = name,
        kernel = image,
        cmdline = ("ktest=all " + cmdline).strip(),
        **kwargs
    )

def layering_test(name, layers, scope):
    """`layers`: [(package, library label)] from the bottom layer up. See layering_test.py.

    `scope` is an image that links every layer: query scopes must be buildable for the host, and
    kernel libraries are only compatible with the kernel platform, which an image transitions to.
    """
    args = []
    data = []
    for index, (package, library) in enumerate(layers):
        query = "%s_%d_deps" % (name, index)
        native.genquery(
            name = query,
            expression = "kind('cc_library', deps(%s))" % library,
            scope = [scope],
        )
        args.append("%d:%s:$(rootpath :%s)" % (index, package, query))
        data.append(":" + query)
    tap_test(
        name = name,
        program = "//testing:layering_test.py",
        args = args,
        data = data,
    )

def kernel_panic_tests(name, srcs, deps, cases, kernel_debug = ""):
    """Tests that kernel bugs are caught: each case is a KTEST that must make the kernel panic.

    `cases` maps "suite.name" to the regexes its panic report must match. All cases share one
    kernel; each boots it alone (`ktest=suite.name`), since a panic ends the machine.
    `kernel_debug = "on"`: the kernel is the debug kernel whatever the command line says, for
    checks only the debug kernel makes (UBSan, poison, canaries); they then run in every build.
    """
    image = _test_kernel(name, srcs, deps, kernel_debug = kernel_debug)
    tests = []
    for case, regexes in cases.items():
        test = name + "_" + case.replace(".", "_")
        qemu_test(
            name = test,
            kernel = image,
            cmdline = "ktest=" + case,
            expect_panic = regexes + [r"Bail out! kernel panic"],
            timeout_s = 30,
        )
        tests.append(":" + test)
    native.test_suite(
        name = name,
        tests = tests,
    )

# Programs every user test's root file system has, so tests can exec them: those of //:iso (and its
# directories, ROOTFS_DIRS: /tmp).
STANDARD_PROGRAMS = ROOTFS_PROGRAMS

def user_test(name, srcs, deps = [], copts = [], files = {}, timeout_s = 45, memory = None, **kwargs):
    """Builds `srcs` into /bin/<name>, boots the kernel with init running it, and passes only if it
    exits 0, its own TAP report (if it prints one) passes, and the kernel then reports no process
    left running and no frame or kmalloc object leaked. `program_tap = "required"` (what
    //user/tests uses) also fails a program that prints no TAP report.

    Any ordinary POSIX program written against the libc headers works, with its own local headers
    in `srcs`. `files` adds more files to its root file system (label -> absolute path).
    `disks` (through qemu_test) attaches disk images as /dev/hda and /dev/hdb: the program gets
    writable copies, and each ext2 one must pass `e2fsck -fn` after the run.
    Works from any package.
    """
    user_program(
        name = name + "_program",
        srcs = srcs,
        deps = deps,
        copts = copts,
        testonly = True,
    )
    contents = dict(STANDARD_PROGRAMS)
    contents[":" + name + "_program"] = "/bin/" + name
    contents.update(files)
    initrd(
        name = name + "_initrd",
        testonly = True,
        files = contents,
        dirs = ROOTFS_DIRS,  # as the system's own root: programs expect /tmp (mkstemp's templates)
    )
    extra = {}
    if memory:
        extra["memory"] = memory
    qemu_test(
        name = name,
        kernel = "//kernel:image",
        modules = [":" + name + "_initrd"],
        cmdline = "run=/bin/" + name,
        timeout_s = timeout_s,
        **dict(extra, **kwargs)
    )
