#!/bin/bash
# Checks that each kernel image given is a multiboot (v1) ELF that GRUB will load; reports in TAP.
set -uo pipefail
echo "1..$#"
n=0
status=0
for elf in "$@"; do
    n=$((n + 1))
    if grub-file --is-x86-multiboot "$elf"; then
        echo "ok $n - $(basename "$elf") is x86 multiboot"
    else
        echo "not ok $n - $(basename "$elf") is not x86 multiboot (grub-file)"
        status=1
    fi
done
exit $status
