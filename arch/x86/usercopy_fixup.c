/* Lookup in the fault fixup table that usercopy.S fills; see arch/interrupt.h. */
#include <arch/interrupt.h>
#include <arch/usercopy.h>

extern const struct extable_entry __extable_start[], __extable_end[];

bool exception_fixup(struct int_frame *frame) {
    for (const struct extable_entry *e = __extable_start; e < __extable_end; e++) {
        if (e->fault_eip == frame->eip) {
            frame->eip = e->fixup_eip;
            return true;
        }
    }
    return false;
}
