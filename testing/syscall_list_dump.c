/*
 * Prints the list of system calls (abi/syscall.h) as the compiler sees it, one call a line:
 * nr, name, restart, nargs and the arguments, separated by tabs. //testing:syscall_list_test
 * reads it, so the test never parses C.
 */
#include <abi/syscall.h>
#include <stdio.h>

#define PRINT(nr, name, restart, nargs, args) printf("%d\t%s\t%s\t%d\t%s\n", nr, #name, #restart, nargs, #args);

int main(void) {
    ABI_SYSCALLS(PRINT)
    return 0;
}
