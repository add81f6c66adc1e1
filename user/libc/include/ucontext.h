/* ucontext_t and mcontext_t (POSIX puts them in <signal.h> too). */
#ifndef _UCONTEXT_H
#define _UCONTEXT_H

#include <signal.h>

#endif
