/*
 * malloc on sbrk: a first-fit, address-ordered free list whose neighbours merge on free.
 * Every block starts with a 16-byte header (size, next free) so user memory is 16-byte aligned.
 * sbrk failing makes malloc return NULL with errno ENOMEM. One lock (heap_lock) covers the free
 * list and the break for every thread; fork takes it so the child's heap is never half-changed.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define ALIGN 16
#define HEADER 16
#define MIN_GROW (64 * 1024)

struct block {
    size_t size;        /* whole block, header included, multiple of ALIGN */
    struct block *next; /* next free block (address order); unused while allocated */
    uint32_t magic;
    uint32_t pad;
};

#define MAGIC_USED 0xA11C0CEDu
#define MAGIC_FREE 0xF4EEB10Cu

static struct block *free_list;
static char *heap_end;
static volatile int heap_lock;

void __malloc_lock(void) {
    __lock(&heap_lock);
}

void __malloc_unlock(void) {
    __unlock(&heap_lock);
}

void *sbrk(intptr_t increment) {
    if (!heap_end)
        heap_end = (char *)__sys_brk(0);
    char *old = heap_end;
    if (increment == 0)
        return old;
    char *want = old + increment;
    char *got = (char *)__sys_brk((uintptr_t)want);
    if (got != want) {
        errno = ENOMEM;
        return (void *)-1;
    }
    heap_end = got;
    return old;
}

int brk(void *addr) {
    char *got = (char *)__sys_brk((uintptr_t)addr);
    if (got != addr) {
        errno = ENOMEM;
        return -1;
    }
    heap_end = got;
    return 0;
}

static size_t block_size(size_t n) {
    return (n + HEADER + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

/* Inserts b into the free list in address order and merges it with touching neighbours. */
static void insert_free(struct block *b) {
    struct block *prev = NULL, *cur = free_list;

    b->magic = MAGIC_FREE;
    while (cur && cur < b) {
        prev = cur;
        cur = cur->next;
    }
    b->next = cur;
    if (cur && (char *)b + b->size == (char *)cur) {
        b->size += cur->size;
        b->next = cur->next;
    }
    if (prev) {
        prev->next = b;
        if ((char *)prev + prev->size == (char *)b) {
            prev->size += b->size;
            prev->next = b->next;
        }
    } else {
        free_list = b;
    }
}

static struct block *grow(size_t size) {
    size_t want = size < MIN_GROW ? MIN_GROW : size;
    char *p = sbrk((intptr_t)want);

    if (p == (char *)-1) {
        want = size; /* maybe the small amount still fits */
        p = sbrk((intptr_t)want);
        if (p == (char *)-1)
            return NULL;
    }
    /* The first break may be unaligned. */
    uintptr_t start = ((uintptr_t)p + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1);
    struct block *b = (struct block *)start;
    b->size = (want - (start - (uintptr_t)p)) & ~(size_t)(ALIGN - 1);
    insert_free(b);
    return b;
}

static void *malloc_locked(size_t n) {
    if (n == 0)
        n = 1;
    if (n > 0x7FFFFFF0u) {
        errno = ENOMEM;
        return NULL;
    }
    size_t size = block_size(n);
    for (int attempt = 0; attempt < 2; attempt++) {
        struct block **link = &free_list;
        for (struct block *b = free_list; b; link = &b->next, b = b->next) {
            if (b->size < size)
                continue;
            if (b->size - size >= HEADER + ALIGN) {
                struct block *rest = (struct block *)((char *)b + size);
                rest->size = b->size - size;
                rest->next = b->next;
                rest->magic = MAGIC_FREE;
                b->size = size;
                *link = rest;
            } else {
                *link = b->next;
            }
            b->magic = MAGIC_USED;
            return (char *)b + HEADER;
        }
        if (!grow(size))
            break;
    }
    errno = ENOMEM;
    return NULL;
}

void *malloc(size_t n) {
    __lock(&heap_lock);
    void *p = malloc_locked(n);
    __unlock(&heap_lock);
    return p;
}

void free(void *p) {
    if (!p)
        return;
    struct block *b = (struct block *)((char *)p - HEADER);
    if (b->magic != MAGIC_USED)
        abort(); /* double free or not a malloc block */
    __lock(&heap_lock);
    insert_free(b);
    __unlock(&heap_lock);
}

void *calloc(size_t n, size_t size) {
    if (size && n > (size_t)-1 / size) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void *realloc(void *p, size_t n) {
    if (!p)
        return malloc(n);
    if (n == 0) {
        free(p);
        return NULL;
    }
    struct block *b = (struct block *)((char *)p - HEADER);
    size_t size = block_size(n);
    if (b->size >= size)
        return p; /* shrinking (or enough room already): keep it */
    void *q = malloc(n);
    if (!q)
        return NULL;
    memcpy(q, p, b->size - HEADER);
    free(p);
    return q;
}
