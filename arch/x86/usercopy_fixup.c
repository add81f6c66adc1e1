/* Lookup in the fault fixup table that usercopy.S fills; see arch/interrupt.h. */
#include <arch/interrupt.h>
#include <arch/usercopy.h>

extern const struct extable_entry __extable_start[], __extable_end[];

static const struct extable_entry *lookup(uint32_t eip) {
    for (const struct extable_entry *e = __extable_start; e < __extable_end; e++) {
        if (e->fault_eip == eip)
            return e;
    }
    return NULL;
}

bool exception_has_fixup(uint32_t eip) {
    return lookup(eip) != NULL;
}

bool exception_fixup(struct int_frame *frame) {
    const struct extable_entry *e = lookup(frame->eip);

    if (!e)
        return false;
    frame->eip = e->fixup_eip;
    return true;
}
