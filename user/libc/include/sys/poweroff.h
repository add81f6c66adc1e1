/* Ending the machine: init's last call (not POSIX; see docs/syscalls.md, poweroff). */
#ifndef _SYS_POWEROFF_H
#define _SYS_POWEROFF_H

/*
 * Powers the machine off, reporting `wait_status` (the status waitpid gave for the program init
 * ran). Only pid 1 may; others get -1 with errno EPERM.
 */
int poweroff(int wait_status);

#endif
