/*
 * The stack protector's runtime for the debug kernel (-fstack-protector-strong): clang has every
 * function with a local array, or a local whose address escapes, copy __stack_chk_guard between
 * its locals and its saved frame pointer on entry and compare the copy before it returns; a
 * mismatch means a write ran past the end of a local, towards the return address, and calls
 * __stack_chk_fail instead of returning.
 *
 * The guard is a fixed "terminator" value: a NUL, CR, LF and 0xFF byte, which string copies and
 * line reads stop at, so an overrun by one of those cannot rewrite it with itself. It is not
 * random: the debug kernel looks for our own mistakes, not for attackers, and a guard set at boot
 * would fail every protected function already running when it changed.
 *
 * This file is built without the stack protector and the sanitizers (//lib:sanitizers).
 */
#include <lib/compiler.h>
#include <lib/panic.h>
#include <stdint.h>

uintptr_t __stack_chk_guard = 0xFF0A0D00;

__noreturn void __stack_chk_fail(void);

void __stack_chk_fail(void) {
    /* The call is the last thing the smashed function did: our return address lies inside it. */
    panic("stack smashed: a local of the function at %p overran its stack canary", __builtin_return_address(0));
}
