#!/bin/bash
# bazel run //:qemu: boots the ISO with the kernel's serial console in this terminal, and the disk
# /dev/hda, whose state persists from one session to the next (README, "The disk").
#
# The disk lives outside bazel-bin, at $LUNE_DISK or else .cache/qemu/hda.img in the workspace
# (gitignored). The first session copies //:disk (a fresh ext2 image) there; later sessions use
# what the previous ones left. `bazel run //:qemu -- --reset-disk` starts again from //:disk.
set -euo pipefail
iso=$1
disk_image=$2
shift 2
workspace=${BUILD_WORKSPACE_DIRECTORY:-$PWD}
disk=${LUNE_DISK:-$workspace/.cache/qemu/hda.img}
if [ "${1:-}" = "--reset-disk" ]; then
    shift
    rm -f "$disk"
fi
if [ ! -f "$disk" ]; then
    mkdir -p "$(dirname "$disk")"
    cp "$disk_image" "$disk"
    chmod 644 "$disk"
    echo "A new disk: $disk (a copy of //:disk)." >&2
fi
echo "Booting $iso with /dev/hda = $disk. Quit QEMU with Ctrl-A then X." >&2
exec qemu-system-i386 -accel tcg -m 128 -cdrom "$iso" -boot d \
    -drive "file=$disk,format=raw,if=ide,index=0" \
    -display none -serial mon:stdio -no-reboot \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 "$@"
