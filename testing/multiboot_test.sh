#!/bin/bash
# Checks that each kernel image given is a multiboot (v1) ELF that GRUB will load.
set -euo pipefail
for elf in "$@"; do
    if grub-file --is-x86-multiboot "$elf"; then
        echo "ok: $elf is x86 multiboot"
    else
        echo "FAIL: $elf is not x86 multiboot (grub-file)"
        exit 1
    fi
done
