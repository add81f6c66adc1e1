#!/bin/bash
# bazel run //user/fuzz:fuzz -- [seeds=S1,S2,...] [calls=N] [batch=K] [trace=all|K] [hog=1]
# Boots the kernel with the fuzzer as init's program, its settings in /etc/fuzz.conf (a second
# initrd made here), and judges the run as the test does. With no settings, the fuzzer picks a
# seed from the clock and prints it. FUZZ_TIMEOUT (seconds, default 3600) bounds the run;
# FUZZ_MEMORY (MiB, default 128) is the machine's memory; FUZZ_ICOUNT=0 lets the guest clock
# follow the host's (faster, but then timing decides some results and a replay may differ).
set -euo pipefail
kernel=$1 initrd=$2 mkinitrd=$3 harness=$4
shift 4
modules=(--module "$initrd")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if (($#)); then
    printf '%s\n' "$@" >"$tmp/fuzz.conf"
    "$mkinitrd" "$tmp/settings.cpio" /etc/fuzz.conf="$tmp/fuzz.conf"
    modules+=(--module "$tmp/settings.cpio")
fi
# The harness imports testing/tap.py from the runfiles root, where bazel run starts us.
PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" python3 "$harness" --kernel "$kernel" --cmdline run=/bin/fuzz_test "${modules[@]}" --timeout "${FUZZ_TIMEOUT:-3600}" \
    --memory "${FUZZ_MEMORY:-128}" $( ((${FUZZ_ICOUNT:-1})) && echo --icount)
