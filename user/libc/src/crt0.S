/*
 * Program entry. The kernel starts us with %esp at argc, then argv[0..argc-1], NULL,
 * envp[...], NULL (the SysV i386 layout) and every other register zero.
 */
    .text
    .globl _start
_start:
    xor %ebp, %ebp                  /* the outermost frame, for debuggers */
    mov (%esp), %eax                /* argc */
    lea 4(%esp), %ecx               /* argv */
    lea 8(%esp, %eax, 4), %edx      /* envp: past argv's NULL */
    and $-16, %esp
    sub $4, %esp                    /* 16-byte aligned at the call, as the ABI wants */
    push %edx
    push %ecx
    push %eax
    call __libc_start
    hlt                             /* not reached: __libc_start exits */
