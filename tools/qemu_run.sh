#!/bin/bash
# bazel run //:qemu: boots the ISO with the kernel's serial console in this terminal.
set -euo pipefail
iso=$1
shift
echo "Booting $iso. Quit QEMU with Ctrl-A then X." >&2
exec qemu-system-i386 -accel tcg -m 128 -cdrom "$iso" -boot d \
    -display none -serial mon:stdio -no-reboot \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 "$@"
