/*
 * Test fixture helpers: a user address space made current for the test, and "memory pressure"
 * that leaves exactly N free frames (Zircon-style: out-of-memory paths become deterministic).
 */
#ifndef KTEST_MM_FIXTURE_H
#define KTEST_MM_FIXTURE_H

#include <mm/pmm.h>
#include <mm/vm.h>

#define TEST_OWNER 4242

/* Takes every free frame but `leave`; returns how many it took. Undo with release_pressure. */
size_t hold_all_but(size_t leave);
void release_pressure(void);

#endif
