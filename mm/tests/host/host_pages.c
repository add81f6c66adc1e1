/* See host_pages.h. Whole-page allocations are remembered in a small table. */
#include <stdlib.h>
#include <string.h>

#include "host_pages.h"

#define MAX_WHOLE 256

static int live, max_live;
static const void *whole[MAX_WHOLE];

static void *page_alloc(bool is_whole) {
    if (live >= max_live)
        return NULL;
    void *p = aligned_alloc(4096, 4096);
    if (!p)
        return NULL;
    live++;
    if (is_whole) {
        for (int i = 0; i < MAX_WHOLE; i++) {
            if (!whole[i]) {
                whole[i] = p;
                break;
            }
        }
    }
    return p;
}

static void page_free(void *p) {
    for (int i = 0; i < MAX_WHOLE; i++) {
        if (whole[i] == p)
            whole[i] = NULL;
    }
    live--;
    free(p);
}

static bool page_is_whole(const void *p) {
    for (int i = 0; i < MAX_WHOLE; i++) {
        if (whole[i] && whole[i] == p)
            return true;
    }
    return false;
}

static const struct kheap_backend backend = {page_alloc, page_free, page_is_whole, NULL};

void host_pages_install(int limit) {
    memset(whole, 0, sizeof(whole));
    live = 0;
    max_live = limit;
    kheap_init(&backend);
}

int host_pages_live(void) {
    return live;
}
