/* Shared between the files of proc/; not part of its interface. */
#ifndef PROC_INTERNAL_H
#define PROC_INTERNAL_H

#include <proc/proc.h>

#define FPU_AREA_SIZE 512

extern struct proc *const idle_proc;

/* proc.c */
int proc_resources_create(struct proc *p);
int proc_resources_fork(struct proc *parent, struct proc *child);
void proc_resources_release(struct proc *p);
void proc_debug_set_next_pid(int pid);

/* sched.c */
void sched_enqueue(struct proc *p);
/* Removes `p` from the run queue, the sleep timers and any wait queue. */
void sched_detach(struct proc *p);
/* Prepares `p`'s kernel stack so that switching to it resumes at `entry` (then its frame). */
void sched_prepare_stack(struct proc *p, void (*entry)(void));

/* fpu.c (the rules the FPU areas keep are at its top) */
/* Enables the FPU and SSE, records the CPU's MXCSR_MASK, gives `initial_area` the initial state. */
void fpu_init(void *initial_area);
/* A zeroed FPU area (FPU_AREA_SIZE bytes, 16-aligned), or NULL when memory is exhausted. */
void *fpu_area_alloc(void);
/* Gives `area` the state a new program starts with. */
void fpu_copy_initial(void *area);
/*
 * Fills `area` from `image`, an fxsave image a user supplied (sigreturn): only the fields the CPU
 * defines are kept (the rest is zero), MXCSR only the bits the CPU's MXCSR_MASK allows, so that
 * fxrstor of the result cannot fault.
 */
void fpu_set_from_user(void *area, const void *image);
/* The MXCSR bits this CPU allows (its fxsave's MXCSR_MASK, or MXCSR_MASK_DEFAULT), for tests. */
uint32_t fpu_mxcsr_mask(void);

/* switch.S */
/* What context_switch leaves on the stack it switches away from, lowest address first. */
struct switch_frame {
    uint32_t edi, esi, ebx, ebp; /* callee-saved, pushed by context_switch */
    uint32_t eip;                /* its return address */
};
_Static_assert(sizeof(struct switch_frame) == 5 * sizeof(uint32_t), "switch.S pushes four registers");
void context_switch(uint32_t *save_esp, uint32_t load_esp);
/* Where a new process starts: pops its user frame (arch/x86 interrupt_exit). */
void proc_start_user(void);
/* The same for init, noting the time (boot_user_tsc, boot_user_ns in proc/proc.h). */
void proc_start_first_user(void);

#endif
