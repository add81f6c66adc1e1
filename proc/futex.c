/*
 * futex: sleeping on a user word until another thread (or process) wakes that word. This is all
 * that mutexes, condition variables, semaphores and joins need (user/libc builds them).
 *
 * A word is named by a key that is the same for every thread that can see it:
 *  - private memory: (the address space, the user address);
 *  - a MAP_SHARED mapping (a named semaphore, a process-shared mutex): (the mapped object, the
 *    offset in it), whatever the address each process maps it at.
 * Never the physical frame: copy-on-write moves a private page to a new frame under a sleeper,
 * and the wake would look for it at the new one.
 *
 * No wake is lost between the check of the word and the sleep: the kernel is not preempted and
 * runs on one CPU, so nothing else runs between them (interrupt handlers never write user
 * memory nor wake futexes), and interrupts stay off from the check to the sleep as sleep_on
 * requires.
 */
#include "internal.h"
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/timer.h>
#include <mm/region.h>
#include <mm/usercopy.h>
#include <proc/proc.h>

/* Every futex sleeper, whatever its key; each thread records the key it waits on. */
static struct wait_queue futex_queue;

struct futex_key {
    uintptr_t object; /* the space, or the mapped object */
    uint32_t offset;  /* the user address, or the offset in the object */
};

/* The key of user address `addr` in the current space; false when no region holds it. */
static bool futex_key(uintptr_t addr, struct futex_key *key) {
    struct vm_space *space = current->space;
    const struct vm_region *r = space ? region_find(&space->regions, addr) : NULL;

    if (!r)
        return false;
    if (r->share == VM_SHARE_SHARED && r->object) {
        key->object = (uintptr_t)r->object;
        key->offset = r->pgoff * PAGE_SIZE + (uint32_t)(addr - r->start);
    } else {
        key->object = (uintptr_t)space;
        key->offset = (uint32_t)addr;
    }
    return true;
}

int futex_wait(struct uaddr uaddr, uint32_t val, bool timed, uint64_t timeout_ns, uint64_t *left_ns) {
    struct futex_key key;
    uint32_t word;

    if (uaddr_number(uaddr) % sizeof(uint32_t))
        return -EINVAL;
    if (copy_from_user(&word, uaddr, sizeof(word)) || !futex_key(uaddr_number(uaddr), &key))
        return -EFAULT;
    if (word != val)
        return -EAGAIN;
    /* Rounded up, plus the tick already begun: never less than asked. */
    uint64_t deadline = timed ? timer_ticks() + (timeout_ns + NS_PER_TICK - 1) / NS_PER_TICK + 1 : 0;
    bool irq = irq_save();
    current_thread->futex_key_object = key.object;
    current_thread->futex_key_offset = key.offset;
    int r = timed ? sleep_on_until(&futex_queue, deadline) : sleep_on(&futex_queue, true);
    /* futex_wake clears the key of each thread it wakes: that is how a wake tells itself apart
     * from the timer, a signal or a stop and continue. */
    bool woken = current_thread->futex_key_object == 0;
    current_thread->futex_key_object = 0;
    irq_restore(irq);
    if (woken)
        return 0;
    if (r == -EINTR) {
        if (timed && left_ns) {
            uint64_t now = timer_ticks();
            *left_ns = now < deadline ? (deadline - now) * NS_PER_TICK : 0;
        }
        return -EINTR;
    }
    if (timed && timer_ticks() >= deadline)
        return -ETIMEDOUT;
    return 0; /* a stop and continue: a spurious wake, which callers allow for (they re-check) */
}

int futex_wake(struct uaddr uaddr, uint32_t count) {
    struct futex_key key;
    int woken = 0;

    if (uaddr_number(uaddr) % sizeof(uint32_t))
        return -EINVAL;
    if (!futex_key(uaddr_number(uaddr), &key))
        return -EFAULT;
    bool irq = irq_save();
    for (struct thread *t = futex_queue.head, *next; t && (uint32_t)woken < count; t = next) {
        next = t->wait_next; /* thread_wake takes t off the queue */
        if (t->futex_key_object == key.object && t->futex_key_offset == key.offset) {
            t->futex_key_object = 0;
            thread_wake(t);
            woken++;
        }
    }
    irq_restore(irq);
    return woken;
}
