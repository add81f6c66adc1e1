/* A kheap backend over host memory for the host tests of kmalloc.c and region.c. */
#ifndef MM_TESTS_HOST_PAGES_H
#define MM_TESTS_HOST_PAGES_H

#include <mm/kmalloc.h>

/* Installs the backend; at most `limit` pages may be live (then page_alloc fails). */
void host_pages_install(int limit);
int host_pages_live(void);

#endif
