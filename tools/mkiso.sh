#!/bin/bash
# mkiso.sh OUT.iso KERNEL.elf CMDLINE [MODULE...]
# Makes a BIOS GRUB ISO that boots KERNEL with CMDLINE and loads each MODULE as a multiboot module
# named after its file. Bit-for-bit reproducible: fixed file dates, volume dates and UUID.
set -euo pipefail

out=$1
kernel=$2
cmdline=$3
shift 3

work=$(mktemp -d "${TMPDIR:-/tmp}/mkiso.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/boot/grub"
cp "$kernel" "$work/boot/kernel.elf"

modules=""
for m in "$@"; do
    name=$(basename "$m")
    cp "$m" "$work/boot/$name"
    modules+="    module /boot/$name $name"$'\n'
done

cat >"$work/boot/grub/grub.cfg" <<CFG
set timeout=0
set default=0
menuentry "lune" {
    multiboot /boot/kernel.elf $cmdline
$modules    boot
}
CFG

# Volume dates, the GRUB search UUID and every file date (including the files grub-mkrescue adds
# from /usr/lib/grub) are fixed, so the same inputs give the same ISO, byte for byte.
export SOURCE_DATE_EPOCH=315532800 # 1980-01-01
grub-mkrescue -d /usr/lib/grub/i386-pc --compress=no --locales= --fonts= --themes= \
    -o "$out" "$work" -- \
    -volume_date uuid 1980010100000000 \
    -volume_date all_file_dates 1980010100000000 \
    >"$work.log" 2>&1 || { cat "$work.log" >&2; rm -f "$work.log"; exit 1; }
rm -f "$work.log"
