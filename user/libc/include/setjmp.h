/* Non-local jumps. */
#ifndef _SETJMP_H
#define _SETJMP_H

typedef unsigned long jmp_buf[6]; /* ebx, esi, edi, ebp, esp, eip */

int setjmp(jmp_buf env) __attribute__((returns_twice));
__attribute__((noreturn)) void longjmp(jmp_buf env, int value);

#endif
