"""The catalogue of planted bugs the suite must catch (run by mutate.py; docs/testing.md).

Each Mutation replaces `old` (which must occur exactly once in `file`) by `new`: a small, plausible
bug of the kind that reaches a real kernel. `tests` are the targets expected to catch it (a hint
that makes the check quick; when none of them fails, the whole suite runs before a mutation is
declared missed). `config = "debug"` runs the tests under --config=debug, for bugs only the
sanitizers can see (undefined behaviour the release kernel happens to survive). Every class of
bug found from now on adds a line here, with the test that catches it.
"""
import collections

Mutation = collections.namedtuple("Mutation", "id what file old new tests config", defaults=[""])

MUTATIONS = [
    # --- the system-call entry (syscall/entry.S, issue 16) -------------------------------------
    Mutation(
        id="syscall_entry_keeps_user_es",
        what="the entry reloads %ds but not %es: the kernel's string copies write through the user's %es",
        file="syscall/entry.S",
        old="    mov %dx, %ds\n    mov %dx, %es\n",
        new="    mov %dx, %ds\n",
        tests=["//user/tests:syscall_entry_test"],
    ),
    Mutation(
        id="syscall_entry_keeps_user_ds",
        what="the entry reloads %es but not %ds: the kernel runs on the user's data segment (a TLS base)",
        file="syscall/entry.S",
        old="    mov %dx, %ds\n    mov %dx, %es\n",
        new="    mov %dx, %es\n",
        tests=["//user/tests:syscall_entry_test"],
    ),
    Mutation(
        id="syscall_entry_no_cld",
        what="the entry trusts the user's direction flag: after `std` the kernel copies backwards",
        file="syscall/entry.S",
        old="    cld\n",
        new="",
        tests=["//user/tests:syscall_entry_test"],
    ),
    Mutation(
        id="syscall_entry_table_bound_inclusive",
        what="the number just past the table's end is called through whatever follows the table",
        file="syscall/entry.S",
        old="    jae .Lno_such_call",
        new="    ja .Lno_such_call",
        tests=["//user/tests:syscall_entry_test"],
    ),
    Mutation(
        id="syscall_entry_clobbers_edx",
        what="the kernel selector goes into %edx before pushal saved it: the user's %edx comes back 0x10",
        file="syscall/entry.S",
        old="    pushal\n    push %ds\n",
        new="    mov $GDT_KERNEL_DATA, %edx\n    pushal\n    push %ds\n",
        tests=["//user/tests:syscall_entry_test"],
    ),
    Mutation(
        id="return_to_user_swaps_fs_gs",
        what="the way out pops %fs and %gs in the wrong order: a thread's TLS segment lands in %fs",
        file="arch/x86/include/arch/interrupt_return.inc",
        old="    pop %gs\n    pop %fs\n    pop %es\n    pop %ds\n    popal\n    add $(INT_FRAME_EIP - INT_FRAME_VECTOR), %esp /* vector and error code */\n    iret\n.Lreturn_work",
        new="    pop %fs\n    pop %gs\n    pop %es\n    pop %ds\n    popal\n    add $(INT_FRAME_EIP - INT_FRAME_VECTOR), %esp /* vector and error code */\n    iret\n.Lreturn_work",
        tests=["//user/tests:syscall_entry_test"],
    ),
    Mutation(
        id="syscall_restart_names_next_call",
        what="an interrupted restartable call is marked with the wrong number: the restart makes another call",
        file="syscall/syscall.c",
        old="        f->error = nr;",
        new="        f->error = nr + 1;",
        tests=["//user/tests:signal_test", "//user/tests:signal_restart_test"],
    ),
    Mutation(
        id="return_to_user_ignores_work",
        what="the way out with work to do (a signal, a reschedule) skips the hook",
        file="arch/x86/include/arch/interrupt_return.inc",
        old="    jne .Lreturn_work\\@",
        new="    jmp .Lreturn_work_none\\@\n.Lreturn_work_none\\@:",
        tests=["//user/tests:signal_test"],
    ),
    # --- the switch path (proc/sched.c, proc/internal.h, issue 16) ------------------------------
    Mutation(
        id="switch_skips_tls",
        what="a switch leaves the TLS entry of the GDT as the last thread had it: threads share one %gs base",
        file="proc/sched.c",
        old="        load_tls(next);\n",
        new="",
        tests=["//user/tests:pthread_test", "//user/tests:thread_test"],
    ),
    Mutation(
        id="tls_base_top_byte_kept",
        what="the TLS entry's base gets its low 24 bits only: a thread's %gs points into another's memory",
        file="arch/x86/include/arch/gdt.h",
        old="    e->base_high = (uint8_t)(base >> 24);\n",
        new="",
        tests=["//user/tests:pthread_test", "//user/tests:thread_test"],
    ),
    Mutation(
        id="context_switch_loses_ebp",
        what="the switch drops the frame pointer it saved instead of restoring it",
        file="proc/internal.h",
        old='"1:\\tpop %%ebp"',
        new='"1:\\tadd $4, %%esp"',
        tests=["//user/tests:pipe_atomic_test", "//proc:proc_ktest"],
    ),
    Mutation(
        id="yield_rotation_loses_yielder",
        what="a yield takes the head off the queue but never links the yielder in at the tail",
        file="proc/sched.c",
        old="            run_head = after;\n            run_tail->run_next = prev;\n",
        new="            run_head = after;\n",
        tests=["//proc:proc_ktest", "//user/tests:sched_test"],
    ),
    Mutation(
        id="yield_shortcut_ignores_queue",
        what="sched_yield returns at once whenever the caller may go on, even with others waiting to run",
        file="proc/sched.c",
        old="    if (!run_head && !rt_queued && current_thread->state == THREAD_RUNNABLE)",
        new="    if (current_thread->state == THREAD_RUNNABLE)",
        tests=["//proc:proc_ktest", "//user/tests:sched_test"],
    ),
    Mutation(
        id="wake_all_inline_test_inverted",
        what="wake_all's inline test of an empty queue is the wrong way round: sleepers are never woken",
        file="proc/include/proc/proc.h",
        old="    if (wq->head)\n        wake_all_slow(wq);",
        new="    if (!wq->head)\n        wake_all_slow(wq);",
        tests=["//user/tests:pipe_test"],
    ),
    # --- string instructions in lib and mm's table walks (issue 16) -----------------------------
    Mutation(
        id="pte_scan_skips_found_entry",
        what="the scan for the next nonzero entry answers the one after it: exit leaks the frames it skips",
        file="arch/x86/include/arch/mmu.h",
        old="    return e[i] ? i : to;",
        new="    return e[i] ? i + 1 : to;",
        tests=["//user/tests:fork_wait_test", "//user/tests:cow_test"],
    ),
    Mutation(
        id="memcpy_drops_tail",
        what="memcpy copies whole words only: the last 1 to 3 bytes of an odd length are not copied",
        file="lib/string.c",
        old="    size_t words = n / 4, rest = n % 4;\n\n    __asm__ volatile(\"rep movsl\"",
        new="    size_t words = n / 4, rest = 0;\n\n    __asm__ volatile(\"rep movsl\"",
        tests=["//lib:string_test"],
    ),
    Mutation(
        id="memset_words_only",
        what="memset sets whole words only: kzalloc leaves the last bytes of an odd size as they were",
        file="lib/string.c",
        old="    size_t words = n / 4, rest = n % 4;\n\n    __asm__ volatile(\"rep stosl\"",
        new="    size_t words = n / 4, rest = 0;\n\n    __asm__ volatile(\"rep stosl\"",
        tests=["//lib:string_test"],
    ),
    # --- ext2 -----------------------------------------------------------------------------------
    Mutation(
        id="ext2_alloc_keeps_free_count",
        what="taking a block leaves its group's free count as it was (e2fsck: group counts wrong)",
        file="fs/ext2_super.c",
        old="""        fs->gd[g].bg_free_blocks_count--;
        fs->sb.s_free_blocks_count--;""",
        new="""        fs->sb.s_free_blocks_count--;""",
        tests=["//user/tests:ext2_test"],
    ),
    Mutation(
        id="ext2_free_inode_keeps_bitmap_bit",
        what="freeing an inode counts it free but leaves its bitmap bit set (e2fsck: inode bitmap differences)",
        file="fs/ext2_super.c",
        old="""    b->data[bit / 8] &= (uint8_t) ~(1u << (bit % 8));
    bdirty(b);
    brelse(b);
    fs->gd[g].bg_free_inodes_count++;""",
        new="""    bdirty(b);
    brelse(b);
    fs->gd[g].bg_free_inodes_count++;""",
        tests=["//user/tests:ext2_test"],
    ),
    Mutation(
        id="ext2_triple_indirect_in_double_slot",
        what="the triple-indirect tree hangs from the double-indirect slot",
        file="fs/ext2_inode.c",
        old="        slot = &n->di.i_block[EXT2_TIND];",
        new="        slot = &n->di.i_block[EXT2_DIND];",
        tests=["//user/tests:ext2_test"],
    ),
    Mutation(
        id="ext2_truncate_keeps_tail",
        what="cutting a file inside a block leaves the old bytes past the new end, which growing shows again",
        file="fs/ext2_file.c",
        old="                memset(b->data + in, 0, fs->block_size - in);\n",
        new="",
        tests=["//user/tests:ext2_test"],
    ),
    Mutation(
        id="ext2_walk_skips_rest_of_block",
        what="a directory walk resumed inside a block (readdir's next call) skips that block's other entries",
        file="fs/ext2_dir.c",
        old="        if (c->lblock * fs->block_size + c->off >= c->from)",
        new="        if (c->lblock * fs->block_size >= c->from)",
        tests=["//user/tests:ext2_test"],
    ),
    Mutation(
        id="ext2_disk_claimed_after_sleep",
        what="a disk is claimed only after its superblock is read: a second mount meanwhile gets it too",
        file="fs/ext2_super.c",
        old="    fs->next = mounted;\n    mounted = fs;\n    err = read_super(fs, read_only);",
        new="    err = read_super(fs, read_only);\n    fs->next = mounted;\n    mounted = fs;",
        tests=["//user/tests:ext2_test"],
    ),
    Mutation(
        id="sh_edit_ctrl_c_not_woken",
        what="the shell's SIGINT handler does not wake the line editor: a Ctrl-C that comes while the editor echoes leaves it waiting for a key",
        file="user/sh/jobs.c",
        old="    interrupted = 1;\n    edit_wake();",
        new="    interrupted = 1;",
        tests=["//testing:shell_session_test"],
    ),
    Mutation(
        id="sh_edit_history_skips",
        what="Up in the line editor skips the last line typed",
        file="user/sh/edit.c",
        old="    int to = ed.browsing + step;",
        new="    int to = ed.browsing + 2 * step;",
        tests=["//testing:shell_session_test"],
    ),
    Mutation(
        id="ext2_rename_keeps_dotdot",
        what="moving a directory to another parent leaves its .. pointing at the old one",
        file="fs/ext2_dir.c",
        old="                dotdot->inode = nd->v.ino;",
        new="                dotdot->inode = od->v.ino;",
        tests=["//user/tests:ext2_test"],
    ),
    Mutation(
        id="ext2_rmdir_keeps_parent_link",
        what="removing a directory leaves its parent's link count (the removed .. still counted)",
        file="fs/ext2_dir.c",
        old="""        d->v.nlink--; /* its ".." is gone */""",
        new="",
        tests=["//user/tests:ext2_test"],
    ),
    Mutation(
        id="ext2_entry_record_unchecked",
        what="a directory record that runs past its block is followed (reads past the buffer)",
        file="fs/ext2_dir.c",
        old="    if (e->rec_len < EXT2_DIRENT_HEADER || e->rec_len % 4 || e->rec_len > fs->block_size - off ||",
        new="    if (e->rec_len < EXT2_DIRENT_HEADER || e->rec_len % 4 ||",
        tests=["//fs:ext2_image_ktest"],
    ),
    Mutation(
        id="ext2_second_directory_name_accepted",
        what="a directory found under a name whose .. names another parent is accepted (a loop)",
        file="fs/ext2_dir.c",
        old="        if (!err && up != d->v.ino)",
        new="        if (!err && up == 0)",
        tests=["//fs:ext2_image_ktest"],
    ),
    Mutation(
        id="ext2_bad_block_number_followed",
        what="a block number past the end of the file system is read as if it were one",
        file="fs/ext2_inode.c",
        old="        return ext2_block_ok(fs, *slot) ? 0 : ext2_corrupt(fs, \"inode %u points to block %u\", n->v.ino, *slot);",
        new="        return 0;",
        tests=["//fs:ext2_image_ktest"],
    ),
    Mutation(
        id="ext2_failed_write_keeps_blocks",
        what="a write that fails half-way (ENOSPC) keeps the blocks it took past the file's end",
        file="fs/ext2_file.c",
        old="""    if (err)
        ext2_free_blocks_from(node, blocks_for(fs, v->size)); /* what the failed part took */""",
        new="",
        tests=["//user/tests:ext2_fill_test"],
    ),
    Mutation(
        id="ext2_unmount_leaves_not_clean",
        what="unmounting forgets to mark the file system clean again",
        file="fs/ext2_super.c",
        old="        fs->sb.s_state |= EXT2_VALID_FS;",
        new="",
        tests=["//user/tests:ext2_test"],
    ),
    # --- mm -------------------------------------------------------------------------------------
    Mutation(
        id="cow_write_shares_frame",
        what="a copy-on-write fault makes a shared frame writable instead of copying it",
        file="mm/fault.c",
        old="    if (pmm_refcount(old) == 1) {",
        new="    if (pmm_refcount(old) >= 1) {",
        tests=["//user/tests:cow_test"],
    ),
    Mutation(
        id="demand_page_not_zeroed",
        what="a demand-zero page is handed out with its old contents",
        file="mm/fault.c",
        old="        paddr_t pa = pmm_alloc_zeroed(space->owner, PG_USER);",
        new="        paddr_t pa = pmm_alloc(space->owner, PG_USER);",
        tests=["//user/tests:mmap_test", "//mm:mm_ktest"],
    ),
    Mutation(
        id="page_tables_leak_at_exit",
        what="destroying an address space forgets its page tables",
        file="mm/vm.c",
        old="""                pmm_unref(PTE_ADDR(table[i]));
        }
        pmm_unref(PTE_ADDR(pde));""",
        new="""                pmm_unref(PTE_ADDR(table[i]));
        }""",
        tests=["//user/tests:fork_wait_test", "//mm:mm_ktest"],
    ),
    Mutation(
        id="remap_keeps_stale_tlb",
        what="replacing a present page-table entry of the current space skips invlpg",
        file="mm/vm.c",
        old="""        if (space == vm_space_current())
            invlpg(va);
        pmm_unref(PTE_ADDR(old));""",
        new="""        pmm_unref(PTE_ADDR(old));""",
        tests=["//user/tests:cow_test", "//mm:mm_ktest"],
    ),
    Mutation(
        id="fork_stack_page_shared_writable",
        what="fork makes the page under %esp writable for the parent while an earlier child still shares it (F2)",
        file="mm/vm.c",
        old="    vm_cow_reuse(fork->parent, va, ppte);",
        new="    *ppte |= PTE_W;",
        tests=["//user/tests:cow_isolation_test", "//mm:mm_ktest"],
    ),
    # Shared page tables at fork (issue 16): one table, read-only in every directory that maps it.
    Mutation(
        id="shared_table_written_in_place",
        what="the first write in a shared page table's range makes the table writable without copying it",
        file="mm/vm.c",
        old="    if (pmm_refcount(shared) > 1) {",
        new="    if (pmm_refcount(shared) > 1 && false) {",
        tests=["//user/tests:fork_big_test", "//mm:mm_ktest"],
    ),
    Mutation(
        id="shared_table_count_kept_at_exit",
        what="a space that goes keeps its reference to a page table it shares (the table leaks)",
        file="mm/vm.c",
        old="""        if (pmm_refcount(PTE_ADDR(pde)) > 1) {
            pmm_unref(PTE_ADDR(pde));
            continue;""",
        new="""        if (pmm_refcount(PTE_ADDR(pde)) > 1) {
            continue;""",
        tests=["//user/tests:fork_big_test", "//mm:mm_ktest"],
    ),
    Mutation(
        id="shared_table_left_writable_in_child",
        what="fork shares a page table but leaves its directory entries writable",
        file="mm/vm.c",
        old="        pde &= ~(pte_t)PTE_W;\n        parent->pgdir[pdx] = pde;",
        new="        parent->pgdir[pdx] = pde;",
        tests=["//user/tests:fork_big_test", "//user/tests:cow_test", "//mm:mm_ktest"],
    ),
    Mutation(
        id="unshared_table_keeps_writable_entries",
        what="a table copied from a shared one keeps PTE_W on copy-on-write entries whose frames it now shares",
        file="mm/vm.c",
        old="""                    e &= ~(pte_t)PTE_W;
                    from[i] = e;""",
        new="""                    from[i] = e;""",
        tests=["//user/tests:fork_big_test", "//mm:mm_ktest"],
    ),
    Mutation(
        id="munmap_writes_a_shared_table",
        what="munmap clears entries of a page table another space still shares (the other loses its pages)",
        file="mm/vm.c",
        old="""    int err = own_tables(space, addr, end);
    return err ? err : region_remove""",
        new="""    int err = own_tables(space, addr, 0);
    return err ? err : region_remove""",
        tests=["//mm:mm_ktest"],
    ),
    Mutation(
        id="kernel_writes_ignore_read_only_pages",
        what="CR0.WP is left clear: the kernel's user copies write through read-only (shared) page tables",
        file="arch/x86/boot.S",
        old="    or $(CR0_PG | CR0_WP), %eax",
        new="    or $CR0_PG, %eax",
        tests=["//mm:mm_ktest"],
    ),
    Mutation(
        id="user_copy_words_without_fixup",
        what="the word loop of the user-copy routine has no fixup entry: a bad user buffer panics the kernel",
        file="arch/x86/usercopy.S",
        old="    extable 1b, 9b\n",
        new="",
        tests=["//user/tests:badptr_test", "//mm:mm_ktest"],
    ),
    # Objects of shared pages (MAP_SHARED): one memory for every process, freed once.
    Mutation(
        id="shared_fault_maps_private_frame",
        what="a first touch of a MAP_SHARED page after fork maps a private zeroed frame instead of the object's page",
        file="mm/fault.c",
        old="    } else if (r->object) {",
        new="    } else if (!r) {",
        tests=["//user/tests:shared_mmap_test", "//mm:mm_ktest"],
    ),
    Mutation(
        id="fork_takes_no_object_reference",
        what="fork copies a shared region without taking a reference to its object (freed while the parent maps it)",
        file="mm/region.c",
        old="            vm_object_ref(c->object); /* the child maps the same pages */",
        new="            (void)c->object;",
        tests=["//mm:region_test", "//user/tests:shared_mmap_test", "//mm:mm_ktest"],
    ),
    Mutation(
        id="split_takes_no_object_reference",
        what="munmap of the middle of a shared region leaves two nodes on one reference",
        file="mm/region.c",
        old="                vm_object_ref(spare->object); /* both halves map it */",
        new="                (void)spare->object;",
        tests=["//mm:region_test", "//user/tests:shared_mmap_test"],
    ),
    Mutation(
        id="split_loses_object_offset",
        what="the right half of a split shared region maps the object from the left half's first page",
        file="mm/region.c",
        old="            spare->pgoff = r->pgoff + (uint32_t)((end - r->start) / PAGE_SIZE);",
        new="            spare->pgoff = r->pgoff;",
        tests=["//mm:region_test", "//user/tests:shared_mmap_test"],
    ),
    Mutation(
        id="left_trim_keeps_object_offset",
        what="munmap of the first pages of a shared region leaves the rest mapping the object from page 0",
        file="mm/region.c",
        old="            r->pgoff += (uint32_t)((end - r->start) / PAGE_SIZE);\n",
        new="",
        tests=["//mm:region_test", "//user/tests:shared_mmap_test"],
    ),
    Mutation(
        id="unmap_keeps_object_reference",
        what="a shared region unmapped whole keeps its reference to the object (never freed)",
        file="mm/region.c",
        old="""            if (r->object)
                vm_object_put(r->object);
            kfree(r);
            continue;""",
        new="""            kfree(r);
            continue;""",
        tests=["//user/tests:shared_mmap_test", "//mm:mm_ktest"],
    ),
    Mutation(
        id="last_object_reference_frees_no_frame",
        what="the last unmap or exit of shared memory frees the object but not its frames",
        file="mm/object.c",
        old="""            if (leaf[j])
                pmm_unref(leaf[j]);""",
        new="""            (void)leaf[j];""",
        tests=["//user/tests:shared_mmap_test", "//mm:mm_ktest"],
    ),
    Mutation(
        id="object_page_not_zeroed",
        what="a page of shared memory is made with the old contents of its frame",
        file="mm/object.c",
        old="    paddr_t pa = pmm_alloc_zeroed(owner, PG_USER);",
        new="    paddr_t pa = pmm_alloc(owner, PG_USER);",
        tests=["//mm:mm_ktest", "//user/tests:shared_mmap_test"],
    ),
    Mutation(
        id="shared_entry_takes_no_frame_reference",
        what="mapping an object's page takes no reference for the page-table entry (its unmap frees the object's frame)",
        file="mm/object.c",
        old="    pmm_ref(*pa); /* the caller's (a page-table entry's); the object keeps its own */",
        new="",
        tests=["//mm:mm_ktest", "//user/tests:shared_mmap_test"],
    ),
    Mutation(
        id="user_range_one_byte_over",
        what="the user range check accepts one byte past 0xC0000000",
        file="mm/include/mm/usercopy.h",
        old="    return u.unsafe_addr <= USER_TOP && len <= USER_TOP - u.unsafe_addr;",
        new="    return u.unsafe_addr <= USER_TOP && len <= USER_TOP - u.unsafe_addr + 1;",
        tests=["//user/tests:boundary_test"],
    ),
    Mutation(
        id="kernel_pages_user_accessible",
        what="the kernel's linear map is mapped with the user bit",
        file="mm/paging.c",
        old="    const uint32_t kflags = PTE_P | PTE_W | PTE_G;",
        new="    const uint32_t kflags = PTE_P | PTE_W | PTE_G | PTE_U;",
        tests=["//user/tests:kernel_memory_test"],
    ),
    Mutation(
        id="oom_fault_is_sigsegv",
        what="a user page fault that finds no memory raises a catchable SIGSEGV instead of killing",
        file="proc/signal.c",
        old="        sig = fault == FAULT_OUT_OF_MEMORY ? SIGKILL : fault == FAULT_BUS ? SIGBUS : SIGSEGV;",
        new="        sig = fault == FAULT_BUS ? SIGBUS : SIGSEGV;",
        tests=["//user/tests:exhaustion_test"],
    ),
    Mutation(
        id="scheduler_calls_up_into_signals",
        what="the scheduler calls into signal.c, above it (the same result, but proc's files call each other in a loop again)",
        file="proc/sched.c",
        old="    if (((next->sig_pending | p->sig_pending) & ~next->sig_blocked) | p->exiting | next->must_exit |\n        (p->state == PROC_STOPPED))\n        user_return_work = 1;",
        new="    if (signal_pending())\n        user_return_work = 1;",
        tests=["//testing:kernel_structure_test"],
    ),
    Mutation(
        id="private_state_declared_extern",
        what="a .c file declares state another file owns (extern) instead of using its interface",
        file="proc/signal.c",
        old="#include <stddef.h>\n\n/* POSIX's table of default actions",
        new="#include <stddef.h>\n\nextern volatile uint32_t user_return_work;\n\n/* POSIX's table of default actions",
        tests=["//testing:kernel_structure_test"],
    ),
    Mutation(
        id="hook_set_in_subsystem_init",
        what="a subsystem sets its own hook at start-up (the same hook, but the wiring is no longer in one place)",
        file="mm/paging.c",
        old="    kmalloc_init();\n",
        new="    kmalloc_init();\n    exception_set_page_fault_hook(vm_handle_fault);\n",
        tests=["//testing:kernel_structure_test"],
    ),
    # --- arch -----------------------------------------------------------------------------------
    Mutation(
        id="io_bitmap_in_tss",
        what="the TSS points at an I/O permission bitmap, so user mode may reach some ports",
        file="arch/x86/gdt.c",
        old="    kernel_tss.iomap_base = sizeof(kernel_tss);",
        new="    kernel_tss.iomap_base = 0x20;",
        tests=["//user/tests:privilege_test"],
    ),
    Mutation(
        id="every_gate_dpl3",
        what="every interrupt gate may be raised from user mode with int n",
        file="arch/x86/idt.c",
        old="        set_gate(v, isr_stub_table[v], GATE_PRESENT | GATE_INTR32);",
        new="        set_gate(v, isr_stub_table[v], GATE_PRESENT | GATE_DPL3 | GATE_INTR32);",
        tests=["//user/tests:privilege_test"],
    ),
    # --- proc -----------------------------------------------------------------------------------
    Mutation(
        id="fork_child_gets_parent_result",
        what="the child of fork does not see 0",
        file="proc/fork.c",
        old="    main->frame->eax = 0;",
        new="    main->frame->eax = (uint32_t)child->pid;",
        tests=["//user/tests:fork_wait_test"],
    ),
    Mutation(
        id="no_preemption",
        what="a used-up time slice no longer preempts",
        file="proc/sched.c",
        old="""        --current_thread->slice <= 0) {""",
        new="""        --current_thread->slice <= 0 && 0) {""",
        tests=["//user/tests:sched_test", "//proc:proc_ktest"],
    ),
    Mutation(
        id="exit_keeps_open_files",
        what="an exiting process keeps its open files (descriptors leak)",
        file="proc/exit.c",
        old="""    if (p->fs)
        proc_resources_release(p);""",
        new="",
        tests=["//user/tests:pipe_test"],
    ),
    Mutation(
        id="exec_gives_iopl3",
        what="a new program starts with IOPL 3 (port I/O and cli in user mode)",
        file="proc/exec.c",
        old="        .eflags = EFLAGS_IF | EFLAGS_ALWAYS1,",
        new="        .eflags = EFLAGS_IF | EFLAGS_ALWAYS1 | EFLAGS_IOPL,",
        tests=["//user/tests:privilege_test"],
    ),
    Mutation(
        id="pid_reused_while_naming_a_group",
        what="a new process gets the pid of a group (or session) that outlived its leader, and is in it by its number",
        file="proc/proc.c",
        old="        if (p->state != PROC_UNUSED && (p->pid == pid || p->pgid == pid || p->sid == pid))",
        new="        if (p->state != PROC_UNUSED && p->pid == pid)",
        tests=["//proc:proc_ktest"],
    ),
    Mutation(
        id="setpgid_other_session",
        what="setpgid lets a process join a group of another session",
        file="proc/proc.c",
        old="    if (pgid != p->pid && !proc_group_in_session(pgid, current->sid))",
        new="    if (pgid != p->pid && !proc_group_in_session(pgid, proc_getsid(pgid)))",
        tests=["//user/tests:session_test", "//proc:proc_ktest"],
    ),
    Mutation(
        id="orphaned_stopped_group_left_stopped",
        what="an exit that orphans a group with a stopped member sends SIGHUP but no SIGCONT: the stopped "
        "members stay stopped for good, the hang-up pending",
        file="proc/exit.c",
        old="""        proc_signal_group(pgid, SIGHUP);
        proc_signal_group(pgid, SIGCONT);""",
        new="""        proc_signal_group(pgid, SIGHUP);""",
        tests=["//user/tests:session_test"],
    ),
    # --- signals --------------------------------------------------------------------------------
    Mutation(
        id="sigaction_changes_then_faults",
        what="sigaction installs the new action before it finds the old-value pointer bad (F6)",
        file="proc/signal.c",
        old="""    if (!uaddr_is_null(uold) && copy_to_user(uold, &current->sig_action[sig], sizeof(current->sig_action[sig])))
        return -EFAULT;
    if (act) {
""",
        new="""    struct abi_sigaction was = current->sig_action[sig];
    if (act)
        current->sig_action[sig] = *act;
    if (!uaddr_is_null(uold) && copy_to_user(uold, &was, sizeof(was)))
        return -EFAULT;
    if (act) {
""",
        tests=["//user/tests:sigaction_partial_test"],
    ),
    Mutation(
        id="sigprocmask_changes_then_faults",
        what="sigprocmask changes the mask before it finds the old-value pointer bad (F6)",
        file="proc/signal.c",
        old="""    if (!uaddr_is_null(uold) && copy_to_user(uold, &current_thread->sig_blocked, sizeof(current_thread->sig_blocked)))
        return -EFAULT;
    if (!set)
        return 0;
    current_thread->sig_blocked = blocked & ~SIG_UNBLOCKABLE;
""",
        new="""    abi_sigset_t was = current_thread->sig_blocked;
    if (set)
        current_thread->sig_blocked = blocked & ~SIG_UNBLOCKABLE;
    if (!uaddr_is_null(uold) && copy_to_user(uold, &was, sizeof(was)))
        return -EFAULT;
    if (!set)
        return 0;
""",
        tests=["//user/tests:sigaction_partial_test"],
    ),
    Mutation(
        id="sig_unblock_blocks",
        what="SIG_UNBLOCK adds the set to the mask",
        file="proc/signal.c",
        old="""        case SIG_UNBLOCK:
            blocked &= ~*set;""",
        new="""        case SIG_UNBLOCK:
            blocked |= *set;""",
        tests=["//user/tests:sigprocmask_test"],
    ),
    Mutation(
        id="nanosleep_no_rem_after_eintr",
        what="nanosleep interrupted by a handler leaves `rem` unwritten",
        file="syscall/sys_proc.c",
        old="    if (err == -EINTR && !uaddr_is_null(urem)) {",
        new="    if (err == -EINTR && !uaddr_is_null(urem) && 0) {",
        tests=["//user/tests:signal_restart_test"],
    ),
    Mutation(
        id="nanosleep_rem_range_only",
        what="nanosleep checks only the range of `rem`, then sleeps and faults on a read-only page",
        file="syscall/sys_proc.c",
        old="    if (!uaddr_is_null(urem) && user_prove_writable(urem, sizeof(rem)))",
        new="    if (!uaddr_is_null(urem) && !user_range_ok(urem, sizeof(rem)))",
        tests=["//user/tests:sigaction_partial_test"],
    ),
    Mutation(
        id="realtime_counts_from_boot",
        what="CLOCK_REALTIME forgets the RTC's date and counts from boot (time() was 0 in the first second)",
        file="syscall/sys_proc.c",
        old="            ns += (uint64_t)rtc_boot_seconds() * 1000000000u;",
        new="            ns += 0;",
        tests=["//user/tests:time_test"],
    ),
    Mutation(
        id="rtc_bcd_not_decoded",
        what="the RTC's BCD registers are taken as binary (a date in the wrong year, or none)",
        file="arch/x86/rtc.c",
        old="    if (!(status_b & STATUS_B_BINARY)) {",
        new="    if (false) {",
        tests=["//arch/x86:arch_ktest", "//user/tests:time_test"],
    ),
    Mutation(
        id="clock_counts_real_time",
        what="clock() reads the monotonic clock: time asleep counts as processor time",
        file="user/libc/src/time.c",
        old="    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts))",
        new="    if (clock_gettime(CLOCK_MONOTONIC, &ts))",
        tests=["//user/tests:time_test"],
    ),
    Mutation(
        id="cpu_time_not_counted",
        what="the tick charges no processor time (clock() stays 0)",
        file="proc/sched.c",
        old="""    if (current_thread != idle_thread) {
        current->cpu_ticks++;""",
        new="""    if (current_thread == idle_thread) {
        current->cpu_ticks++;""",
        tests=["//user/tests:time_test"],
    ),
    Mutation(
        id="sleep_ns_ends_at_any_wakeup",
        what="nanosleep returns 0 at the first wake-up: a stop and continue ends it early, a handler gives no EINTR",
        file="proc/sleep.c",
        old="""        sched_sleep_until(deadline);
    }""",
        new="""        sched_sleep_until(deadline);
        break;
    }""",
        tests=["//user/tests:nanosleep_test"],
    ),
    Mutation(
        id="mktime_month_not_carried",
        what="mktime takes tm_mon modulo 12 without carrying the years",
        file="user/libc/src/time.c",
        old="    int64_t year = (int64_t)tm->tm_year + 1900 + floor_div(tm->tm_mon, 12);",
        new="    int64_t year = (int64_t)tm->tm_year + 1900;",
        tests=["//user/tests:time_test"],
    ),
    Mutation(
        id="mktime_int_overflow",
        what="mktime adds the fields in int, which overflows for extreme values",
        file="user/libc/src/time.c",
        old="    if (t < INT32_MIN || t > INT32_MAX) {",
        new="    if (false) {",
        tests=["//user/tests:time_test"],
    ),
    Mutation(
        id="strftime_overruns",
        what="strftime fills the buffer to the end and leaves no room for the NUL",
        file="user/libc/src/time.c",
        old="        if (o->len + 1 >= o->max) {",
        new="        if (o->len >= o->max) {",
        tests=["//user/tests:time_test"],
    ),
    Mutation(
        id="iso_week_no_year_wrap",
        what="strftime's %V gives week 0 to the first days of a year that belong to the last ISO week of the one before",
        file="user/libc/src/time.c",
        old="""    if (week < 1) {
        year--;""",
        new="""    if (week < 0) {
        year--;""",
        tests=["//user/tests:time_test"],
    ),
    Mutation(
        id="itimer_fires_a_tick_early",
        what="the interval timer's expiry is rounded down to a tick: SIGALRM up to a tick early",
        file="proc/itimer.c",
        old="        current->alarm_ns = after ? now + after : 0;",
        new="        current->alarm_ns = after ? (now + after) / NS_PER_TICK * NS_PER_TICK : 0;",
        tests=["//user/tests:itimer_test"],
    ),
    Mutation(
        id="itimer_inherited_by_fork",
        what="fork gives the child its parent's interval timer (POSIX: the child's is cleared)",
        file="proc/fork.c",
        old="    memcpy(child->sig_action, parent->sig_action, sizeof(child->sig_action));",
        new="    memcpy(child->sig_action, parent->sig_action, sizeof(child->sig_action));\n    child->alarm_ns = parent->alarm_ns;",
        tests=["//user/tests:itimer_test"],
    ),
    Mutation(
        id="itimer_not_reloaded",
        what="a periodic timer fires once and is not reloaded with its interval",
        file="proc/itimer.c",
        old="            if (p->alarm_interval_ns) {",
        new="            if (false) {",
        tests=["//user/tests:itimer_test"],
    ),
    Mutation(
        id="cpu_itimer_inherited_by_fork",
        what="fork gives the child its parent's ITIMER_VIRTUAL and ITIMER_PROF (POSIX: the child's are cleared)",
        file="proc/fork.c",
        old="    memcpy(child->sig_action, parent->sig_action, sizeof(child->sig_action));",
        new="    memcpy(child->sig_action, parent->sig_action, sizeof(child->sig_action));\n"
        "    memcpy(child->cpu_itimer, parent->cpu_itimer, sizeof(child->cpu_itimer));",
        tests=["//user/tests:cpu_itimer_test"],
    ),
    Mutation(
        id="cpu_itimer_cleared_by_exec",
        what="execve clears ITIMER_VIRTUAL and ITIMER_PROF (POSIX: the new program keeps them)",
        file="proc/exec.c",
        old="    p->execed = true;",
        new="    p->execed = true;\n    memset(p->cpu_itimer, 0, sizeof(p->cpu_itimer));",
        tests=["//user/tests:cpu_itimer_test"],
    ),
    Mutation(
        id="itimer_virtual_counts_system_time",
        what="ITIMER_VIRTUAL counts every tick that finds the process running, in the kernel too",
        file="proc/itimer.c",
        old="""        if (timer_tick_from_user())
            cpu_itimer_charge(current, &current->cpu_itimer[ITIMER_VIRTUAL - 1], SIGVTALRM);""",
        new="""        cpu_itimer_charge(current, &current->cpu_itimer[ITIMER_VIRTUAL - 1], SIGVTALRM);""",
        tests=["//user/tests:cpu_itimer_test"],
    ),
    Mutation(
        id="cpu_itimer_not_reloaded",
        what="a periodic ITIMER_PROF or ITIMER_VIRTUAL fires once and is not reloaded with its interval",
        file="proc/itimer.c",
        old="""    uint64_t over = NS_PER_TICK - t->left_ns;
    t->left_ns = !t->interval_ns ? 0 : t->interval_ns > over ? t->interval_ns - over : 1;""",
        new="""    t->left_ns = 0;""",
        tests=["//user/tests:cpu_itimer_test"],
    ),
    Mutation(
        id="cpu_itimer_counts_sleep",
        what="the process-time timers run down at every tick, asleep or not, like ITIMER_REAL",
        file="proc/itimer.c",
        old="    if (current_thread != idle_thread && current->space && !current->exiting) {",
        new="""    for (struct proc *p = proc_first(); p; p = proc_next(p)) {
        if (p->space && p->state != PROC_ZOMBIE)
            cpu_itimer_charge(p, &p->cpu_itimer[ITIMER_PROF - 1], SIGPROF);
    }
    if (current_thread != idle_thread && current->space && !current->exiting) {""",
        tests=["//user/tests:cpu_itimer_test"],
    ),
    Mutation(
        id="ptimer_not_deleted_at_exit",
        what="a process ends with its POSIX timers still on the list (a leak, and a timer of a freed slot)",
        file="proc/exit.c",
        old="    ptimer_release(p); /* no timer fires for a zombie */\n",
        new="",
        tests=["//user/tests:ptimer_test"],
    ),
    Mutation(
        id="ptimer_kept_by_exec",
        what="execve keeps the old program's POSIX timers (POSIX: deleted)",
        file="proc/exec.c",
        old="    ptimer_release(p);\n",
        new="",
        tests=["//user/tests:ptimer_test"],
    ),
    Mutation(
        id="ptimer_fires_a_tick_early",
        what="a POSIX timer's expiry is rounded down to a tick: its signal up to a tick early",
        file="proc/ptimer.c",
        old="        t->expiry_ns = now + when;",
        new="        t->expiry_ns = (now + when) / NS_PER_TICK * NS_PER_TICK;",
        tests=["//user/tests:ptimer_test"],
    ),
    Mutation(
        id="ptimer_overruns_not_counted",
        what="an expiry while the timer's signal is still pending sends it again instead of counting an overrun",
        file="proc/ptimer.c",
        old="""        if (t->sent) {
            add_overruns(&t->overrun, n); /* the signal is still pending: it does not queue */
        } else {""",
        new="""        {""",
        tests=["//user/tests:ptimer_test"],
    ),
    Mutation(
        id="ptimer_value_not_in_siginfo",
        what="a timer's signal carries no si_value",
        file="proc/signal.c",
        old="    if (sig == SIGCHLD || o->code == SI_TIMER || o->code == SI_MESGQ)",
        new="    if (sig == SIGCHLD || o->code == SI_MESGQ)",
        tests=["//user/tests:ptimer_test"],
    ),
    Mutation(
        id="ptimer_limit_unchecked",
        what="timer_create takes a 33rd timer: no EAGAIN, and an id out of the process's set",
        file="proc/ptimer.c",
        old="""    if (current->ptimer_ids == UINT32_MAX)
        return -EAGAIN; /* the process's limit, PTIMER_MAX */""",
        new="",
        tests=["//user/tests:ptimer_test"],
    ),
    Mutation(
        id="ptimer_absolute_realtime_as_monotonic",
        what="TIMER_ABSTIME on CLOCK_REALTIME is taken as a time since boot (a date: decades away)",
        file="proc/ptimer.c",
        old="        uint64_t origin = t->clock == CLOCK_REALTIME ? (uint64_t)rtc_boot_seconds() * NS_PER_S : 0;",
        new="        uint64_t origin = 0;",
        tests=["//user/tests:ptimer_test"],
    ),
    Mutation(
        id="timer_settime_old_not_proven",
        what="timer_settime changes the timer before finding `old` unwritable (a partial effect)",
        file="syscall/sys_time.c",
        old="""    if (!timespec_ok(&value.it_value) || !timespec_ok(&value.it_interval))
        return -EINVAL;
    if (!uaddr_is_null(uold) && user_prove_writable(uold, sizeof(old)))""",
        new="""    if (!timespec_ok(&value.it_value) || !timespec_ok(&value.it_interval))
        return -EINVAL;
    if (!uaddr_is_null(uold) && !user_range_ok(uold, sizeof(old)))""",
        tests=["//user/tests:ptimer_test"],
    ),
    Mutation(
        id="setitimer_old_not_proven",
        what="setitimer changes the timer before finding `old` unwritable (a partial effect)",
        file="syscall/sys_time.c",
        old="""    if (!timeval_ok(&value.it_value) || !timeval_ok(&value.it_interval))
        return -EINVAL;
    if (!uaddr_is_null(uold) && user_prove_writable(uold, sizeof(old)))""",
        new="""    if (!timeval_ok(&value.it_value) || !timeval_ok(&value.it_interval))
        return -EINVAL;
    if (!uaddr_is_null(uold) && !user_range_ok(uold, sizeof(old)))""",
        tests=["//user/tests:itimer_test"],
    ),
    Mutation(
        id="setitimer_usec_unchecked",
        what="setitimer takes a tv_usec of a million or more",
        file="syscall/sys_time.c",
        old="    return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;",
        new="    return tv->tv_sec >= 0 && tv->tv_usec >= 0;",
        tests=["//user/tests:itimer_test"],
    ),
    Mutation(
        id="select_timeout_short",
        what="select's timeout ends early (half the time)",
        file="syscall/sys_time.c",
        old="        deadline = ticks ? timer_ticks() + ticks + 1 : 0; /* +1: the current tick is partly over */",
        new="        deadline = ticks ? timer_ticks() + ticks / 2 + 1 : 0;",
        tests=["//user/tests:select_test"],
    ),
    Mutation(
        id="select_nfds_unbounded",
        what="select takes any nfds: the sets are copied past the kernel's 1024 bits",
        file="syscall/sys_time.c",
        old="    if (nfds < 0 || nfds > ABI_FD_SETSIZE)",
        new="    if (nfds < 0)",
        tests=["//user/tests:select_test"],
    ),
    Mutation(
        id="select_skips_bad_fd",
        what="select passes over a descriptor that is not open instead of failing with EBADF",
        file="syscall/sys_time.c",
        old="""        if (!f)
            return -EBADF;
        unsigned ready = file_poll(f);""",
        new="""        if (!f)
            continue;
        unsigned ready = file_poll(f);""",
        tests=["//user/tests:select_test"],
    ),
    Mutation(
        id="pipe_write_wakes_no_select",
        what="a pipe write wakes its readers but not a select waiting on it",
        file="fs/pipe.c",
        old="""        wake_all(&p->readable);
        file_poll_wake();
    }""",
        new="""        wake_all(&p->readable);
    }""",
        tests=["//user/tests:select_test"],
    ),
    Mutation(
        id="tty_line_wakes_no_select",
        what="a typed line wakes the console's readers but not a select waiting on it",
        file="fs/tty.c",
        old="""    wake_all(&t->readers);
    file_poll_wake();""",
        new="""    wake_all(&t->readers);""",
        tests=["//user/tests:select_test"],
    ),
    Mutation(
        id="fpu_area_not_zeroed",
        what="a new FPU area keeps what kmalloc left in it; signal frames show it (F1)",
        file="proc/fpu.c",
        old="        memset(area, 0, FPU_AREA_SIZE);\n",
        new="        (void)0;\n",
        tests=["//user/tests:signal_frame_test"],
    ),
    Mutation(
        id="fpu_user_image_kept_whole",
        what="sigreturn keeps every byte of the user's FPU image, undefined ones too (F1)",
        file="proc/fpu.c",
        old="    memset(dst, 0, FPU_AREA_SIZE);\n",
        new="    memcpy(dst, src, FPU_AREA_SIZE);\n",
        tests=["//user/tests:signal_frame_test"],
    ),
    Mutation(
        id="mxcsr_mask_from_user",
        what="sigreturn checks MXCSR against a mask the user wrote (F3)",
        file="proc/fpu.c",
        old="    mxcsr &= mxcsr_mask;\n",
        new="    mxcsr &= *(const uint32_t *)(src + FXSAVE_MXCSR_MASK);\n",
        tests=["//user/tests:signal_frame_test", "//proc:proc_ktest"],
    ),
    Mutation(
        id="handler_keeps_user_segments",
        what="a handler runs with whatever data segments the interrupted code had loaded",
        file="proc/user_return.c",
        old="    f->ds = f->es = f->fs = GDT_USER_DATA;\n    f->gs = user_gs(self);\n    self->sig_blocked |= act->sa_mask;",
        new="    self->sig_blocked |= act->sa_mask;",
        tests=["//user/tests:signal_frame_test"],
    ),
    Mutation(
        id="sigreturn_restartable",
        what="sigreturn returning -EINTR counts as an interrupted call and is restarted (F5)",
        file="abi/include/abi/syscall.h",
        old="    X(14, sigreturn,     NORESTART,",
        new="    X(14, sigreturn,     RESTART,",
        tests=["//user/tests:signal_restart_test"],
    ),
    Mutation(
        id="nanosleep_restartable",
        what="nanosleep restarts with the full duration under SA_RESTART",
        file="abi/include/abi/syscall.h",
        old="    X(16, nanosleep,     NORESTART,",
        new="    X(16, nanosleep,     RESTART,",
        tests=["//user/tests:signal_restart_test"],
    ),
    Mutation(
        id="sigpending_reports_deliverable",
        what="sigpending reports the pending signals that are not blocked (those on their way) instead of the "
        "blocked ones",
        file="syscall/sys_proc.c",
        old="    abi_sigset_t set = (current->sig_pending | current_thread->sig_pending) & current_thread->sig_blocked;",
        new="    abi_sigset_t set = (current->sig_pending | current_thread->sig_pending) & ~current_thread->sig_blocked;",
        tests=["//user/tests:sigpending_test"],
    ),
    Mutation(
        id="sleep_eintr_on_any_signal",
        what="a continue (or an ignored signal) makes a blocked call fail with EINTR (F7)",
        file="proc/sleep.c",
        old="    return interruptible && signal_after_sleep() == SLEEP_SIGNAL_INTERRUPT ? -EINTR : 0;\n",
        new="    return interruptible && signal_pending() ? -EINTR : 0;\n",
        tests=["//user/tests:signal_restart_test"],
    ),
    Mutation(
        id="sleep_ns_eintr_on_any_signal",
        what="a stop and continue cuts a nanosleep short (F7)",
        file="proc/sleep.c",
        old="        if (signal_at_sleep() == SLEEP_SIGNAL_INTERRUPT) {\n",
        new="        if (signal_pending()) {\n",
        tests=["//user/tests:signal_restart_test"],
    ),
    Mutation(
        id="stop_signal_always_sigstop",
        what="waitpid(WUNTRACED) reports SIGSTOP whatever signal stopped the child",
        file="proc/signal.c",
        old="    current->stop_sig = sig;\n",
        new="    current->stop_sig = sig ? SIGSTOP : 0;\n",
        tests=["//user/tests:signal_restart_test"],
    ),
    Mutation(
        id="waitpid_eintr_hides_the_child",
        what="waitpid fails with EINTR when the SIGCHLD of the very exit or stop it waits for has a handler",
        file="proc/exit.c",
        old="        interrupted = sleep_on(&current->child_exit, true) == -EINTR;",
        new="""        if (sleep_on(&current->child_exit, true) == -EINTR) {
            result = -EINTR;
            break;
        }""",
        tests=["//user/tests:fork_wait_test", "//user/tests:wait_stop_test"],
    ),
    Mutation(
        id="core_default_without_wcoredump",
        what="a signal whose default action is terminate-with-core leaves no WCOREDUMP in the wait status",
        file="proc/signal.c",
        old="    return ABI_W_TERMSIG(sig) | (signal_default_action(sig) == ACT_CORE ? ABI_W_COREDUMP : 0);",
        new="    return ABI_W_TERMSIG(sig);",
        tests=["//user/tests:signal_default_test"],
    ),
    Mutation(
        id="sigxcpu_default_terminates",
        what="SIGXCPU's default action is plain terminate (POSIX: terminate with core)",
        file="proc/signal.c",
        old="    case SIGXCPU:\n    case SIGXFSZ:\n    case SIGSYS:\n        return ACT_CORE;",
        new="    case SIGXFSZ:\n    case SIGSYS:\n        return ACT_CORE;",
        tests=["//user/tests:signal_default_test"],
    ),
    Mutation(
        id="nocldwait_leaves_zombies",
        what="SIGCHLD at SIG_IGN or SA_NOCLDWAIT still leaves zombies for the parent to wait for",
        file="proc/exit.c",
        old="(chld->sa_handler == ABI_SIG_IGN || (chld->sa_flags & SA_NOCLDWAIT))",
        new="(chld->sa_handler == ABI_SIG_IGN && (chld->sa_flags & SA_NOCLDWAIT))",
        tests=["//user/tests:signal_default_test"],
    ),
    Mutation(
        id="continue_sends_no_sigchld",
        what="a stopped child's continue does not send its parent SIGCHLD (XSI: CLD_CONTINUED)",
        file="proc/signal.c",
        old="""                if (p->parent && !(p->parent->sig_action[SIGCHLD].sa_flags & SA_NOCLDSTOP))
                    signal_send_from(p->parent, SIGCHLD,
                                     (struct signal_origin){
                                         .code = CLD_CONTINUED, .pid = p->pid, .value = SIGCONT, .uid = p->cred.uid});
            }""",
        new="            }",
        tests=["//user/tests:signal_default_test"],
    ),
    Mutation(
        id="sigsuspend_keeps_its_mask",
        what="after sigsuspend's handler the process keeps sigsuspend's mask instead of the one of before",
        file="proc/user_return.c",
        old="    abi_sigset_t mask = self->sig_suspended ? self->sig_suspend_mask : self->sig_blocked;",
        new="    abi_sigset_t mask = self->sig_blocked;",
        tests=["//user/tests:sigwait_test"],
    ),
    Mutation(
        id="sigtimedwait_efault_loses_the_signal",
        what="sigtimedwait takes the signal before it writes the siginfo: a bad pointer loses it",
        file="proc/sleep.c",
        old="""            signal_info(sig, &info);
            if""",
        new="""            signal_info(sig, &info);
            current->sig_pending &= ~ABI_SIGBIT(sig);
            if""",
        tests=["//user/tests:sigwait_test"],
    ),
    Mutation(
        id="sigwait_misses_blocked_sigchld",
        what="a blocked SIGCHLD, ignored by default, is dropped as it comes: sigtimedwait never sees it",
        file="proc/signal.c",
        old="            held |= t->sig_blocked | t->sig_waiting;",
        new="            held |= t->sig_waiting;",
        tests=["//user/tests:sigwait_test"],
    ),
    Mutation(
        id="kill_says_si_kernel",
        what="a signal sent by kill carries si_code SI_KERNEL and no sender pid",
        file="proc/signal.c",
        old="""        if (sig)
            signal_send_from(p, sig, sent_by_caller(SI_USER));
        return 0;""",
        new="""        if (sig)
            signal_send(p, sig);
        return 0;""",
        tests=["//user/tests:sigwait_test"],
    ),
    Mutation(
        id="abort_skips_the_handler",
        what="abort puts SIGABRT's default action back before raising it: a handler never runs",
        file="user/libc/src/stdlib.c",
        old="""    sigprocmask(SIG_UNBLOCK, &abrt, NULL);
    raise(SIGABRT); /* a handler runs here; the default action ends the process */""",
        new="""    signal(SIGABRT, SIG_DFL);
    sigprocmask(SIG_UNBLOCK, &abrt, NULL);
    raise(SIGABRT); /* a handler runs here; the default action ends the process */""",
        tests=["//user/tests:sigwait_test"],
    ),
    Mutation(
        id="unsetenv_removes_one_entry",
        what="unsetenv removes only the first entry of a name an environment holds twice",
        file="user/libc/src/env.c",
        old="    while ((i = find(name, len)) >= 0) {",
        new="    if ((i = find(name, len)) >= 0) {",
        tests=["//user/tests:env_test"],
    ),
    Mutation(
        id="setenv_ignores_overwrite",
        what="setenv with overwrite 0 replaces an existing entry",
        file="user/libc/src/env.c",
        old="    if (!overwrite && find(name, len) >= 0)",
        new="    if (overwrite < 0 && find(name, len) >= 0)",
        tests=["//user/tests:env_test"],
    ),
    Mutation(
        id="times_utime_is_wall_time",
        what="times() reports the time since boot as the process's processor time",
        file="user/libc/src/time.c",
        old="    buf->tms_utime = (clock_t)tms.tms_utime;",
        new="    buf->tms_utime = to_ticks(&now);",
        tests=["//user/tests:times_test"],
    ),
    Mutation(
        id="times_user_and_system_swapped",
        what="the tick charges system time when it interrupts user mode, and user time when it interrupts the kernel",
        file="proc/sched.c",
        old="        current->sys_ticks += !timer_tick_from_user();",
        new="        current->sys_ticks += timer_tick_from_user();",
        tests=["//user/tests:times_test"],
    ),
    Mutation(
        id="times_reaped_child_not_added",
        what="waitpid reaps a child without adding its times to the parent's tms_cutime and tms_cstime",
        file="proc/exit.c",
        old="""    current->child_user_ticks += (c->cpu_ticks - c->sys_ticks) + c->child_user_ticks;
    current->child_sys_ticks += c->sys_ticks + c->child_sys_ticks;
""",
        new="",
        tests=["//user/tests:times_test"],
    ),
    Mutation(
        id="times_grandchildren_lost",
        what="a reaped child's times are added without those of the children it reaped itself",
        file="proc/exit.c",
        old="    current->child_user_ticks += (c->cpu_ticks - c->sys_ticks) + c->child_user_ticks;",
        new="    current->child_user_ticks += c->cpu_ticks - c->sys_ticks;",
        tests=["//user/tests:times_test"],
    ),
    Mutation(
        id="times_child_counted_twice",
        what="a child's times go to its parent when it exits and again when it is reaped",
        file="proc/exit.c",
        old="""    if (p->pid == 1 && init_exit_hook)""",
        new="""    if (p->parent)
        p->parent->child_user_ticks += p->cpu_ticks - p->sys_ticks;
    if (p->pid == 1 && init_exit_hook)""",
        tests=["//user/tests:times_test"],
    ),
    Mutation(
        id="shm_name_with_slash_accepted",
        what="shm_open takes a name with a second '/' (a path into another directory)",
        file="user/libc/src/shm.c",
        old="name[1] == '\\0' || strchr(name + 1, '/')) {",
        new="name[1] == '\\0') {",
        tests=["//user/tests:shm_test"],
    ),
    Mutation(
        id="sched_rt_not_preferred",
        what="a ready real-time thread waits while SCHED_OTHER threads are ready (real time only on an idle system)",
        file="proc/sched.c",
        old="    if (rt && !(rt_throttled && run_head))",
        new="    if (rt && !run_head)",
        tests=["//user/tests:rt_sched_test"],
    ),
    Mutation(
        id="sched_rt_lowest_priority_first",
        what="the pick takes the lowest ready real-time priority instead of the highest",
        file="proc/sched.c",
        old="            return w * 32 + 31 - __builtin_clz(rt_ready[w]);",
        new="            return w * 32 + __builtin_ctz(rt_ready[w]);",
        tests=["//user/tests:rt_sched_test"],
    ),
    Mutation(
        id="sched_fifo_time_sliced",
        what="a SCHED_FIFO thread loses the processor to its equals when a time slice is used up, as RR",
        file="proc/sched.c",
        old="    if (current_thread != idle_thread && current_thread->sched_policy != ABI_SCHED_FIFO &&",
        new="    if (current_thread != idle_thread &&",
        tests=["//user/tests:rt_sched_test"],
    ),
    Mutation(
        id="sched_rt_wake_does_not_preempt",
        what="a higher-priority thread that wakes up waits for the running one to block",
        file="proc/sched.c",
        old="""    if (p->rt_priority)
        rt_check_preempt(p->rt_priority);""",
        new="",
        tests=["//user/tests:rt_sched_test"],
    ),
    Mutation(
        id="wake_skips_timer_list",
        what="a wake leaves a timed sleeper (select, sigtimedwait) on the timer list: its next timed sleep links the list into a cycle",
        file="proc/sched.c",
        old="    if (p->wake_tick)\n        timer_remove(p);",
        new="    if (!p->wake_tick)\n        timer_remove(p);",
        tests=["//user/tests:select_test", "//user/tests:sigwait_test", "//user/tests:nanosleep_test"],
    ),
    Mutation(
        id="wake_all_wakes_only_first",
        what="wake_all's direct unlink drops the sleepers behind the first: they sleep forever",
        file="proc/sched.c",
        old="        t = next;\n",
        new="        t = NULL;\n        (void)next;\n",
        tests=["//user/tests:pipe_atomic_test", "//user/tests:exhaustion_test"],
    ),
    Mutation(
        id="wake_jumps_the_run_queue",
        what="a wake hands the CPU to the woken thread next (the head of the run queue, a hand-off "
        "without fairness): two processes that wake each other through pipes starve a third",
        file="proc/sched.c",
        old="    p->state = THREAD_RUNNABLE;\n    enqueue(p);\n",
        new="    p->state = THREAD_RUNNABLE;\n    if (!p->rt_priority && run_head) {\n        p->run_next = run_head;\n"
        "        run_head = p;\n    } else {\n        enqueue(p);\n    }\n",
        tests=["//user/tests:pipe_wake_test"],
    ),
    Mutation(
        id="sleep_after_ignores_return_work",
        what="after a sleep, the shortened test looks at cancellation only: a signal that came while "
        "asleep is not seen (a futex wait a handler interrupted comes back 0; a read, which sleeps "
        "again, sees it in the test before the next sleep)",
        file="proc/sleep.c",
        old="    if (!(user_return_work | (current_thread->cancel_pending & current_thread->cancel_point)))",
        new="    if (!(current_thread->cancel_pending & current_thread->cancel_point))",
        tests=["//user/tests:thread_test"],
    ),
    Mutation(
        id="pipe_take_consumes_unreached",
        what="a pipe read whose second run faults consumes it all the same: bytes the user never got are gone",
        file="fs/pipe.c",
        old="    if (run < want && !copy_to_user(user_offset(ubuf, run), p->buf, want - run))\n        run = want;",
        new="    if (run < want) {\n        copy_to_user(user_offset(ubuf, run), p->buf, want - run);\n        run = want;\n    }",
        tests=["//user/tests:pipe_test"],
    ),
    Mutation(
        id="pipe_put_first_run_only",
        what="a pipe write that wraps stores only the run up to the ring's end: a small write comes back short",
        file="fs/pipe.c",
        old="    if (run < want && !copy_from_user(p->buf, user_offset(ubuf, run), want - run))\n        run = want;\n",
        new="",
        tests=["//user/tests:pipe_test", "//user/tests:pipe_atomic_test"],
    ),
    Mutation(
        id="pipe_write_fast_ignores_room",
        what="the fast write tests the write's size against the buffer, not the room left: a full pipe takes "
        "a write of 0 bytes instead of EAGAIN or waiting, and a small write goes in split",
        file="fs/pipe.c",
        old="    if (p->readers > 0 && n - 1 < PIPE_BUF_SIZE - p->count) {",
        new="    if (p->readers > 0 && n - 1 < PIPE_BUF_SIZE) {",
        tests=["//user/tests:pipe_test", "//user/tests:pipe_atomic_test"],
    ),
    Mutation(
        id="pipe_write_fast_ignores_readers",
        what="the fast write does not look for a reader: a write with no read end left succeeds (no EPIPE, no SIGPIPE)",
        file="fs/pipe.c",
        old="    if (p->readers > 0 && n - 1 < PIPE_BUF_SIZE - p->count) {",
        new="    if (n - 1 < PIPE_BUF_SIZE - p->count) {",
        tests=["//user/tests:pipe_test"],
    ),
    Mutation(
        id="sleep_signal_test_misses_cancel",
        what="the inline test before and after a sleep forgets cancellation: a cancelled reader sleeps on",
        file="proc/include/proc/proc.h",
        old="          (p->state == PROC_STOPPED) | (t->cancel_pending & t->cancel_point)))",
        new="          (p->state == PROC_STOPPED)))",
        tests=["//user/tests:pthread_cancel_test"],
    ),
    Mutation(
        id="sleep_signal_test_misses_stop",
        what="the inline test before and after a sleep forgets a stop another thread took: the sleeper does not park",
        file="proc/include/proc/proc.h",
        old="          (p->state == PROC_STOPPED) | (t->cancel_pending & t->cancel_point)))",
        new="          (t->cancel_pending & t->cancel_point)))",
        tests=["//user/tests:pipe_wake_test"],
    ),
    Mutation(
        id="sched_fifo_preempted_to_tail",
        what="a preempted FIFO thread goes to the back of its priority instead of the head",
        file="proc/sched.c",
        old="                rt_enqueue(t, true);",
        new="                rt_enqueue(t, false);",
        tests=["//user/tests:rt_sched_test"],
    ),
    Mutation(
        id="sched_rt_never_throttled",
        what="a spinning real-time thread is never throttled: SCHED_OTHER threads (the shell) never run again",
        file="proc/sched.c",
        old="        rt_throttled = true;",
        new="",
        tests=["//user/tests:rt_sched_test"],
    ),
    Mutation(
        id="sched_unprivileged_may_raise",
        what="a process without privilege may raise its priority (and take the real-time policies)",
        file="syscall/sys_proc.c",
        old="(!cred_may_signal(&current->cred, &p->cred) || priority > t->rt_priority))",
        new="(!cred_may_signal(&current->cred, &p->cred)))",
        tests=["//user/tests:rt_sched_test"],
    ),
    Mutation(
        id="sched_policy_not_inherited",
        what="fork's child starts SCHED_OTHER whatever its parent's policy (POSIX: inherited)",
        file="proc/fork.c",
        old="""    main->sched_policy = caller->sched_policy; /* POSIX: the policy and priority are inherited */
    main->rt_priority = caller->rt_priority;""",
        new="",
        tests=["//user/tests:rt_sched_test"],
    ),
    Mutation(
        id="siginfo_fault_without_address",
        what="a page fault's si_addr is the page, not the address that faulted",
        file="proc/signal.c",
        old="        origin.value = cr2;",
        new="        origin.value = cr2 & ~0xfffu;",
        tests=["//user/tests:siginfo_test"],
    ),
    Mutation(
        id="siginfo_accerr_as_maperr",
        what="a write to a read-only page says SEGV_MAPERR (POSIX: SEGV_ACCERR, the mapping refused it)",
        file="proc/signal.c",
        old="(f->error & PF_PRESENT) ? SEGV_ACCERR : SEGV_MAPERR",
        new="SEGV_MAPERR",
        tests=["//user/tests:siginfo_test"],
    ),
    Mutation(
        id="sigreturn_info_ignores_uc_sigmask",
        what="sigreturn_info restores the handler's mask instead of the ucontext's uc_sigmask",
        file="proc/user_return.c",
        old="    resume_context(f, &frame.ucontext.uc_mcontext, frame.ucontext.uc_sigmask, fpu);",
        new="    resume_context(f, &frame.ucontext.uc_mcontext, current->sig_blocked, fpu);",
        tests=["//user/tests:siginfo_test"],
    ),
    Mutation(
        id="sigreturn_info_trusts_uc_eflags",
        what="sigreturn_info takes the ucontext's flags whole: a handler gives itself IOPL 3",
        file="proc/user_return.c",
        old="    f->eflags = (mc->eflags & EFLAGS_USER) | EFLAGS_FIXED;",
        new="    f->eflags = (mc->eflags & (EFLAGS_USER | 0x3000u)) | EFLAGS_FIXED;",
        tests=["//user/tests:siginfo_test", "//user/tests:signal_frame_test"],
    ),
    Mutation(
        id="sa_onstack_ignored",
        what="a handler with SA_ONSTACK runs on the interrupted stack: a stack overflow cannot be handled",
        file="proc/user_return.c",
        old="    bool to_alt = (act->sa_flags & SA_ONSTACK) && self->altstack_on && !on_alt;",
        new="    bool to_alt = false;",
        tests=["//user/tests:sigaltstack_test"],
    ),
    Mutation(
        id="altstack_changed_while_on_it",
        what="sigaltstack changes the alternate stack while a handler runs on it (POSIX: EPERM)",
        file="proc/signal.c",
        old="""        if (on)
            return -EPERM;""",
        new="",
        tests=["//user/tests:sigaltstack_test"],
    ),
    Mutation(
        id="altstack_lost_at_fork",
        what="fork's child has no alternate stack (POSIX: it inherits it)",
        file="proc/fork.c",
        old="    main->altstack_on = caller->altstack_on;",
        new="    main->altstack_on = false;",
        tests=["//user/tests:sigaltstack_test"],
    ),
    Mutation(
        id="stop_reported_twice",
        what="waitpid(WUNTRACED) reports the same stop again and again",
        file="proc/exit.c",
        old="                ready->stop_reported = true;",
        new="                ready->stop_reported = false;",
        tests=["//user/tests:wait_stop_test"],
    ),
    Mutation(
        id="stop_reported_without_wuntraced",
        what="waitpid without WUNTRACED returns a stopped child",
        file="proc/exit.c",
        old="(c->state == PROC_STOPPED && (options & WUNTRACED) && !c->stop_reported)",
        new="(c->state == PROC_STOPPED && !c->stop_reported)",
        tests=["//user/tests:wait_stop_test"],
    ),
    Mutation(
        id="sigcont_keeps_pending_stops",
        what="SIGCONT leaves pending stop signals pending (POSIX: it discards them)",
        file="proc/signal.c",
        old="            discard_pending(p, ABI_SIGBIT(SIGSTOP) | ABI_SIGBIT(SIGTSTP) | ABI_SIGBIT(SIGTTIN) | ABI_SIGBIT(SIGTTOU));\n",
        new="",
        tests=["//user/tests:wait_stop_test"],
    ),
    Mutation(
        id="stop_keeps_pending_sigcont",
        what="a stop signal leaves a pending SIGCONT pending (POSIX: it discards it)",
        file="proc/signal.c",
        old="""        } else if (signal_default_action(sig) == ACT_STOP) {
            discard_pending(p, ABI_SIGBIT(SIGCONT));
        }""",
        new="        }",
        tests=["//user/tests:wait_stop_test"],
    ),
    Mutation(
        id="sigkill_leaves_stopped_child_stopped",
        what="SIGKILL to a stopped process does not wake it: it stays stopped until a SIGCONT",
        file="proc/signal.c",
        old="""            if (sig == SIGKILL && p->state == PROC_STOPPED) {
                p->state = PROC_RUNNABLE; /* nothing stops an end */
                wake_stopped_threads(p);
            }""",
        new="",
        tests=["//user/tests:wait_stop_test", "//user/tests:signal_restart_test"],
    ),
    # --- dev (block devices, the buffer cache, the ATA driver) -----------------------------------
    Mutation(
        id="bdirty_does_not_write_through",
        what="bdirty only marks the block dirty: the cache promises write-through, nothing reaches the disk",
        file="dev/bcache.c",
        old="""void bdirty(struct buf *b) {
    if (bwrite(b) != 0)
        note_write_failed(b->dev);""",
        new="""void bdirty(struct buf *b) {
    b->dirty = true;
    if (false)
        note_write_failed(b->dev);""",
        tests=["//dev:dev_ktest"],
    ),
    Mutation(
        id="bsync_skips_dirty_blocks",
        what="bsync does not write the blocks a refused write left dirty",
        file="dev/bcache.c",
        old="        if (b->dirty && bwrite(b) != 0)",
        new="        if (false && bwrite(b) != 0)",
        tests=["//dev:dev_ktest"],
    ),
    Mutation(
        id="bsync_forgets_swallowed_write_error",
        what="a write error bdirty swallowed is never reported: fsync returns 0 though the disk refused the data",
        file="dev/bcache.c",
        old="""    if (take_write_failed(dev))
        result = -EIO;""",
        new="""    (void)take_write_failed;""",
        tests=["//dev:dev_ktest"],
    ),
    Mutation(
        id="lru_reuses_most_recent",
        what="a miss takes the most recently released buffer instead of the least recently used one",
        file="dev/bcache.c",
        old="    for (struct buf *b = lru.prev; b != &lru; b = b->prev) {",
        new="    for (struct buf *b = lru.next; b != &lru; b = b->next) {",
        tests=["//dev:dev_ktest"],
    ),
    Mutation(
        id="victim_takes_referenced_buffer",
        what="a miss may reuse a buffer someone still holds",
        file="dev/bcache.c",
        old="        if (b->refs == 0 && !b->locked && !b->dirty)",
        new="        if (!b->locked && !b->dirty)",
        tests=["//dev:dev_ktest"],
    ),
    Mutation(
        id="failed_read_stays_cached",
        what="a block the disk failed to read is cached as if it had been read",
        file="dev/bcache.c",
        old="""                b->refs--;
                if (b->refs == 0)
                    forget(b);
                *err = -EIO;
                return NULL;""",
        new="""                b->refs--;
                b->valid = true;
                *err = -EIO;
                return NULL;""",
        tests=["//dev:dev_ktest"],
    ),
    Mutation(
        id="overlapping_sizes_not_kept_coherent",
        what="a write through one block size leaves a cached block of another size that covers it stale",
        file="dev/bcache.c",
        old="""    if (r == 0)
        propagate(b);""",
        new="""    if (r == 0)
        (void)propagate;""",
        tests=["//dev:dev_ktest"],
    ),
    Mutation(
        id="ata_ignores_drive_error",
        what="the ATA interrupt handler does not look at ERR/DF: a refused sector reads as junk, not EIO",
        file="dev/ata.c",
        old="    if (st & (ST_ERR | ST_DF)) {\n        log_error(",
        new="    if (false) {\n        log_error(",
        tests=["//dev:dev_ktest"],
    ),
    Mutation(
        id="ata_request_never_times_out",
        what="a request the drive never finishes is never failed: its caller sleeps forever",
        file="dev/ata.c",
        old="    if (!req || ticks < req->deadline)",
        new="    if (!req || ticks < req->deadline + UINT32_MAX)",
        tests=["//dev:dev_ktest"],
    ),
    Mutation(
        id="ata_write_sends_one_sector",
        what="a multi-sector write ends after its first sector",
        file="dev/ata.c",
        old="""    if (++req->done == req->count) {
        finish(0);
        return;
    }""",
        new="""    if (++req->done >= 1) {
        finish(0);
        return;
    }""",
        tests=["//dev:dev_ktest"],
    ),
    Mutation(
        id="ata_queue_drops_waiting_request",
        what="a request that arrives while another is at the drive replaces the queue instead of joining it",
        file="dev/ata.c",
        old="""    if (channel.tail)
        channel.tail->next = &req;
    else
        channel.head = &req;""",
        new="""    channel.head = &req;""",
        tests=["//dev:dev_ktest"],
    ),
    # --- threads (issue 15) -----------------------------------------------------------------------
    Mutation(
        id="futex_wait_skips_value_check",
        what="futex WAIT sleeps without comparing the word with the expected value (a wake lost before the sleep)",
        file="proc/futex.c",
        old="    if (word != val)\n        return -EAGAIN;",
        new="    if (word != val && 0)\n        return -EAGAIN;",
        tests=["//user/tests:thread_test"],
    ),
    Mutation(
        id="futex_wake_ignores_count",
        what="futex WAKE wakes every sleeper on the word, whatever its count",
        file="proc/futex.c",
        old="t && (uint32_t)woken < count; t = next) {",
        new="t && ((uint32_t)woken < count || 1); t = next) {",
        tests=["//user/tests:thread_test"],
    ),
    Mutation(
        id="futex_shared_key_by_address",
        what="a futex in MAP_SHARED memory is keyed by (space, address): a wake from another process is lost",
        file="proc/futex.c",
        old="    if (r->share == VM_SHARE_SHARED && r->object) {",
        new="    if (r->share == VM_SHARE_SHARED && r->object && 0) {",
        tests=["//user/tests:thread_test"],
    ),
    Mutation(
        id="process_ends_with_any_thread",
        what="a thread's end is taken for the last one: the process becomes a zombie while threads remain",
        file="proc/exit.c",
        old="    if (p->live_threads == 1)\n        process_end(",
        new="    if (p->live_threads >= 1)\n        process_end(",
        tests=["//user/tests:thread_test", "//proc:proc_ktest"],
    ),
    Mutation(
        id="new_thread_mask_not_inherited",
        what="a new thread starts with an empty mask instead of its creator's",
        file="proc/thread.c",
        old="    t->sig_blocked = current_thread->sig_blocked;",
        new="    t->sig_blocked = 0;",
        tests=["//user/tests:thread_test"],
    ),
    Mutation(
        id="process_signals_not_taken_by_threads",
        what="only a thread's own pending set is delivered: signals sent to the process stay pending for ever",
        file="proc/internal.h",
        old="    return current_thread->sig_pending | current->sig_pending;",
        new="    return current_thread->sig_pending;",
        tests=["//user/tests:thread_test", "//user/tests:signal_test"],
    ),
    Mutation(
        id="signal_wakes_a_blocking_thread",
        what="a signal to the process picks the first thread to wake whether or not it blocks the signal: a thread asleep that would take it sleeps on",
        file="proc/signal.c",
        old="        if (!chosen && ((ABI_SIGBIT(sig) & ~t->sig_blocked) || sig == SIGKILL))",
        new="        if (!chosen)",
        tests=["//user/tests:thread_test"],
    ),
    Mutation(
        id="dead_threads_never_reaped",
        what="the slots of ended threads are only freed with their process: a program that creates and joins runs out",
        file="proc/proc.c",
        old="        if (t->state == THREAD_DEAD && t != current_thread)\n            thread_free(t);",
        new="        if (t->state == THREAD_DEAD && t != current_thread && 0)\n            thread_free(t);",
        tests=["//user/tests:thread_test"],
    ),
    Mutation(
        id="thread_slot_not_counted_free",
        what="freeing a thread slot does not give it back to the count the leak check reads",
        file="proc/proc.c",
        old="    t->state = THREAD_UNUSED;\n    used_threads--;",
        new="    t->state = THREAD_UNUSED;",
        tests=["//user/tests:thread_test", "//proc:proc_ktest"],
    ),
    Mutation(
        id="tls_not_loaded_at_switch",
        what="the switch does not load the next thread's TLS base into the GDT",
        file="proc/sched.c",
        old="        gdt_set_user_tls(t->tls_base);\n        loaded_tls_base = t->tls_base;",
        new="        loaded_tls_base = t->tls_base;",
        tests=["//user/tests:thread_test"],
    ),
    Mutation(
        id="exec_leaves_other_threads",
        what="execve in a thread replaces the program under the other threads instead of ending them first",
        file="proc/exec.c",
        old="    if (!err && p == current && p->live_threads > 1)\n        err = end_other_threads(p);",
        new="    if (!err && p == current && p->live_threads > 1 && 0)\n        err = end_other_threads(p);",
        tests=["//user/tests:thread_test"],
    ),
    Mutation(
        id="handler_loses_tls",
        what="a signal handler runs with the flat data segment in %gs instead of its thread's TLS segment",
        file="proc/user_return.c",
        old="    f->ds = f->es = f->fs = GDT_USER_DATA;\n    f->gs = user_gs(self);\n    self->sig_blocked",
        new="    f->ds = f->es = f->fs = f->gs = GDT_USER_DATA;\n    self->sig_blocked",
        tests=["//user/tests:thread_test"],
    ),
    # --- credentials (proc/cred.c) --------------------------------------------------------------
    Mutation(
        id="kill_ignores_credentials",
        what="kill lets any user signal any process (POSIX: EPERM unless the user ids match or root)",
        file="proc/signal.c",
        old="        if (p->kthread_fn || !may_kill(p, sig))",
        new="        if (p->kthread_fn)",
        tests=["//user/tests:cred_test"],
    ),
    Mutation(
        id="kill_matches_target_effective_uid",
        what="kill compares the sender's ids with the target's effective uid instead of its saved one",
        file="proc/cred.c",
        old="sender->uid == target->suid ||",
        new="sender->uid == target->euid ||",
        tests=["//user/tests:cred_test"],
    ),
    Mutation(
        id="setuid_unprivileged_takes_any_id",
        what="an unprivileged setuid takes any id, not only the real or saved one",
        file="proc/cred.c",
        old="""    if (uid != c->uid && uid != c->suid)
        return -EPERM;
    c->euid = uid;""",
        new="""    c->euid = uid;""",
        tests=["//user/tests:cred_test"],
    ),
    Mutation(
        id="fork_resets_credentials",
        what="fork gives the child root's ids instead of its parent's",
        file="proc/fork.c",
        old="    child->cred = parent->cred;\n",
        new="",
        tests=["//user/tests:cred_test"],
    ),
    # --- fs -------------------------------------------------------------------------------------
    Mutation(
        id="mq_same_priority_newest_first",
        what="a message queue gives the newest message of a priority first (POSIX: the oldest)",
        file="fs/mqueue.c",
        old="    while (*pm && (*pm)->prio >= prio)",
        new="    while (*pm && (*pm)->prio > prio)",
        tests=["//user/tests:mqueue_test"],
    ),
    Mutation(
        id="mq_send_overfills",
        what="mq_send adds a message to a full queue",
        file="fs/mqueue.c",
        old="    while (q->attr.mq_curmsgs >= q->attr.mq_maxmsg) {",
        new="    while (q->attr.mq_curmsgs > q->attr.mq_maxmsg) {",
        tests=["//user/tests:mqueue_test"],
    ),
    Mutation(
        id="mq_receive_fault_loses_message",
        what="mq_receive into a bad buffer takes the message off the queue anyway",
        file="fs/mqueue.c",
        old="""        result = -EFAULT;
        goto out;
    }
    q->msgs = m->next;""",
        new="""        q->msgs = m->next;
        q->attr.mq_curmsgs--;
        kfree(m->data);
        kfree(m);
        result = -EFAULT;
        goto out;
    }
    q->msgs = m->next;""",
        tests=["//user/tests:mqueue_test"],
    ),
    Mutation(
        id="mq_descriptor_survives_exec",
        what="mq_open's descriptor is not close-on-exec (POSIX: exec closes message queue descriptors)",
        file="syscall/sys_mqueue.c",
        old="    fd_set_cloexec(fd, true);\n",
        new="",
        tests=["//user/tests:mqueue_test"],
    ),
    Mutation(
        id="poweroff_keeps_named_queues",
        what="queues with a name but no descriptor outlive the system (the power-off check sees them leak)",
        file="kernel/run.c",
        old="    mqueue_unlink_all();",
        new="",
        tests=["//user/tests:mqueue_test"],
    ),
    Mutation(
        id="close_keeps_record_locks",
        what="closing a descriptor of a file keeps the process's record locks on it (POSIX: any close releases them)",
        file="fs/fdtable.c",
        old="""    table()->fd[fd] = NULL;
    put_descriptor(f, current->pid);""",
        new="""    table()->fd[fd] = NULL;
    file_put(f);""",
        tests=["//user/tests:flock_test"],
    ),
    Mutation(
        id="exit_keeps_record_locks",
        what="an exiting process's record locks stay on its files",
        file="fs/fdtable.c",
        old="            put_descriptor(t->fd[i], owner);",
        new="            file_put(t->fd[i]), (void)owner;",
        tests=["//user/tests:flock_test"],
    ),
    Mutation(
        id="own_record_lock_conflicts",
        what="a process's own record locks stand in its way (and F_GETLK reports them)",
        file="fs/lock.c",
        old="        if (l->owner != owner && overlap(l, start, end) && (type == F_WRLCK || l->type == F_WRLCK))",
        new="        if (((void)owner, overlap(l, start, end)) && (type == F_WRLCK || l->type == F_WRLCK))",
        tests=["//user/tests:flock_test"],
    ),
    Mutation(
        id="read_locks_exclusive",
        what="read locks of two processes exclude each other",
        file="fs/lock.c",
        old="(type == F_WRLCK || l->type == F_WRLCK))",
        new="(type == F_WRLCK || l->type != F_WRLCK))",
        tests=["//user/tests:flock_test"],
    ),
    Mutation(
        id="record_lock_split_loses_tail",
        what="unlocking the middle of a record lock drops the part after the hole",
        file="fs/lock.c",
        old="            l->next = tail;\n",
        new="            l->next = tail->next;\n            kfree(tail);\n",
        tests=["//user/tests:flock_test"],
    ),
    Mutation(
        id="lseek_offset_overflows",
        what="lseek adds offset and base in a long: past INT32_MAX it wraps (undefined) instead of EOVERFLOW",
        file="fs/vfile.c",
        old="    int64_t target = base + offset;",
        new="    int64_t target = (long)base + offset;",
        tests=["//user/tests:fd_test"],
    ),
    Mutation(
        id="pipe_enomem_frees_file_behind_counter",
        what="pipe() out of memory frees a file it made with kfree, not file_put: the count of open files stays up",
        file="fs/pipe.c",
        old="""    *rd = p->buf ? file_new(&pipe_ops, p, O_RDONLY) : NULL;
    if (!*rd) {
        kfree(p->buf);""",
        new="""    *rd = file_new(&pipe_ops, p, O_RDONLY);
    if (!p->buf || !*rd) {
        kfree(*rd);
        kfree(p->buf);""",
        tests=["//user/tests:exhaustion_test"],
    ),
    Mutation(
        id="exec_keeps_cloexec_fds",
        what="execve keeps O_CLOEXEC descriptors open",
        file="fs/fdtable.c",
        old="        if (t->cloexec & (1u << i))\n            fd_close(i);",
        new="        if (t->cloexec & (1u << i) & 0)\n            fd_close(i);",
        tests=["//user/tests:fd_test"],
    ),
    Mutation(
        id="console_read_past_data",
        what="a terminal read goes on past an end of file typed after a partial line, returning a byte "
        "nobody typed (F4's class: bytes past the typed data)",
        file="fs/tty.c",
        old="""        if (t->mark[i] & TTY_MARK_EOF) {
            (*consume)++;
            return;
        }""",
        new="""        if (t->mark[i] & TTY_MARK_EOF && *len == 0) {
            (*consume)++;
            return;
        }""",
        tests=["//user/tests:console_test", "//fs:fs_ktest"],
    ),
    Mutation(
        id="tty_raw_read_past_data",
        what="a raw-mode read takes the larger of what was typed and what was asked (max for min): stale ring "
        "contents past what was typed, or more than the caller's buffer holds",
        file="fs/tty.c",
        old="        *len = *consume = avail < n ? avail : n;",
        new="        *len = *consume = avail > n ? avail : n;",
        tests=["//fs:fs_ktest", "//user/tests:tty_keys_test"],
    ),
    Mutation(
        id="console_full_ring_drops_newline",
        what="a line typed into a full console ring can never end: its newline is dropped too",
        file="fs/tty.c",
        old="        if (!put_input(t, c, TTY_MARK_END, TTY_INPUT_SIZE - 1))",
        new="        if (!put_input(t, c, TTY_MARK_END, TTY_INPUT_SIZE - 2))",
        tests=["//user/tests:console_full_test", "//fs:fs_ktest"],
    ),
    Mutation(
        id="tty_eof_glues_lines",
        what="Ctrl-D after a partial line hands it over with no mark, so a read glues it to the next line",
        file="fs/tty.c",
        old="""        if (put_input(t, 0, TTY_MARK_EOF, TTY_INPUT_SIZE - 1))
            hand_over(t);""",
        new="""        if (t->edit != t->ready ? (hand_over(t), false) : put_input(t, 0, TTY_MARK_EOF, TTY_INPUT_SIZE - 1))
            hand_over(t);""",
        tests=["//user/tests:console_test", "//fs:fs_ktest"],
    ),
    Mutation(
        id="tty_erase_before_line_start",
        what="the erase key takes characters of lines already handed over to readers",
        file="fs/tty.c",
        old="""    if (t->edit == t->ready)
        return;
    bool echo""",
        new="""    if (t->edit == t->head)
        return;
    t->ready = t->edit == t->ready ? ring_prev(t->ready) : t->ready;
    bool echo""",
        tests=["//fs:fs_ktest", "//user/tests:console_test"],
    ),
    Mutation(
        id="tty_keys_through_kill",
        what="the signal keys reach the foreground group through kill(-pgrp), to which 1 means every process",
        file="fs/tty.c",
        old="    proc_signal_group(t->pgrp, sig);",
        new="    proc_kill(-t->pgrp, sig);",
        tests=["//fs:fs_ktest"],
    ),
    Mutation(
        id="tty_signal_key_keeps_input",
        what="Ctrl-C leaves the line being typed for the next read",
        file="fs/tty.c",
        old="""    if (!lflag(t, NOFLSH))
        flush_input(t);""",
        new="""    if (!lflag(t, NOFLSH) && false)
        flush_input(t);""",
        tests=["//fs:fs_ktest", "//user/tests:tty_keys_test"],
    ),
    Mutation(
        id="tty_background_read_not_stopped",
        what="a background process reads its controlling terminal without SIGTTIN",
        file="fs/tty.c",
        old="    if (controls_caller(t, p) && t->pgrp != 0 && p->pgid != t->pgrp) {",
        new="    if (controls_caller(t, p) && t->pgrp != 0 && p->pgid != t->pgrp && sig != SIGTTIN) {",
        tests=["//user/tests:tty_job_test", "//fs:fs_ktest"],
    ),
    Mutation(
        id="tty_orphaned_group_stopped",
        what="a background read from an orphaned group stops it with SIGTTIN (nobody would continue it) "
        "instead of failing with EIO",
        file="fs/tty.c",
        old="        else if (proc_group_orphaned(p->pgid))",
        new="        else if (false)",
        tests=["//user/tests:tty_job_test", "//fs:fs_ktest"],
    ),
    Mutation(
        id="group_without_leader_orphaned",
        what="a process group whose leader has exited counts as orphaned, though a member still links it "
        "to the session: its background read fails with EIO instead of stopping the group",
        file="proc/proc.c",
        old="""bool proc_group_orphaned_without(int pgid, const struct proc *gone) {
""",
        new="""bool proc_group_orphaned_without(int pgid, const struct proc *gone) {
    if (!proc_find(pgid))
        return true;
""",
        tests=["//user/tests:tty_job_test", "//fs:fs_ktest"],
    ),
    Mutation(
        id="dev_tty_any_terminal",
        what="/dev/tty opens the first terminal some session controls, not the caller's: a process with no "
        "controlling terminal (after setsid) gets another session's instead of ENXIO",
        file="fs/tty.c",
        old="    struct tty *t = controlling_terminal(current->sid);",
        new="    struct tty *t = controlling[0];",
        tests=["//user/tests:dev_tty_test", "//fs:fs_ktest"],
    ),
    Mutation(
        id="device_open_without_noctty",
        what="the VFS drops O_NOCTTY before a device's open: a session leader's open of a free terminal "
        "with O_NOCTTY makes it its controlling terminal all the same",
        file="fs/namei.c",
        old="        err = v->ops->open(v, flags & (FILE_STATUS_FLAGS | O_NOCTTY), &f);",
        new="        err = v->ops->open(v, flags & FILE_STATUS_FLAGS, &f);",
        tests=["//fs:fs_ktest"],
    ),
    Mutation(
        id="device_file_keeps_noctty",
        what="a device opened with O_NOCTTY keeps it in the file's flags: F_GETFL reports a flag that is "
        "no file status flag",
        file="fs/namei.c",
        old="""        f->flags &= FILE_STATUS_FLAGS;
""",
        new="",
        tests=["//user/tests:dev_tty_test"],
    ),
    Mutation(
        id="tty_winch_without_change",
        what="TIOCSWINSZ sends SIGWINCH for every call, the same size too: a program that redraws on it, "
        "and sets the size it was told, loops",
        file="fs/tty.c",
        old="        if (memcmp(&ws, &t->winsize, sizeof(ws)) != 0) {",
        new="        if (true) {",
        tests=["//user/tests:termios_test"],
    ),
    Mutation(
        id="tcsetpgrp_other_session",
        what="tcsetpgrp makes a group of another session the terminal's foreground group",
        file="fs/tty.c",
        old="    else if (!proc_group_in_session(pgrp, caller->sid))",
        new="    else if (!proc_group_in_session(pgrp, proc_getsid(pgrp)))",
        tests=["//user/tests:tty_job_test", "//fs:fs_ktest"],
    ),
    Mutation(
        id="malformed_initrd_eperm",
        what="a malformed initrd is reported as -1 (EPERM) instead of an errno",
        file="fs/ramfs.c",
        old="    return err < 0 ? err : count;",
        new="    return err < 0 ? -1 : count;",
        tests=["//fs:fs_ktest"],
    ),
    Mutation(
        id="pipe_small_writes_split",
        what="pipe writes of PIPE_BUF bytes or less are no longer atomic",
        file="fs/pipe.c",
        old="        size_t need = n - done <= PIPE_BUF_SIZE ? n - done : 1; /* small writes go in whole */",
        new="        size_t need = 1;",
        tests=["//user/tests:pipe_atomic_test"],
    ),
    Mutation(
        id="pipe_eof_blocks",
        what="reading an empty pipe with no writer left blocks instead of returning end of file",
        file="fs/pipe.c",
        old="""        if (p->writers == 0)
            goto out; /* end of file */""",
        new="",
        tests=["//user/tests:pipe_test"],
    ),
    Mutation(
        id="fd_one_past_the_table",
        what="descriptor FD_MAX (one past the table) passes the bounds check",
        file="fs/include/fs/file.h",
        old="    if (!t || fd < 0 || fd >= FD_MAX)\n        return NULL;",
        new="    if (!t || fd < 0 || fd > FD_MAX)\n        return NULL;",
        tests=["//user/tests:fd_test"],
    ),
    Mutation(
        id="dup_takes_no_reference",
        what="dup shares an open file without taking a reference",
        file="fs/fdtable.c",
        old="""    int nfd = fd_install(f, 0);
    if (nfd >= 0)
        file_ref(f);""",
        new="""    int nfd = fd_install(f, 0);""",
        tests=["//user/tests:pipe_test"],
    ),
    Mutation(
        id="dup2_keeps_cloexec",
        what="dup2 leaves the close-on-exec flag of the new descriptor as it was",
        file="fs/fdtable.c",
        old="""    t->fd[newfd] = f;
    t->cloexec &= ~(1u << newfd);""",
        new="""    t->fd[newfd] = f;""",
        tests=["//user/tests:fd_test"],
    ),
    Mutation(
        id="ramfs_read_past_the_end",
        what="a ramfs read near the end of a file is not cut short: it returns the bytes after the file",
        file="fs/ramfs_data.c",
        old="    if (n > v->size - off)\n        n = v->size - off;\n",
        new="",
        tests=["//user/tests:ramfs_test"],
    ),
    Mutation(
        id="ramfs_stat_blocks_rounded_down",
        what="stat counts a file's 512-byte blocks rounded down (a 63-byte file has 0)",
        file="fs/vnode.c",
        old="        .st_blocks = (int32_t)((v->size + 511) / 512),",
        new="        .st_blocks = (int32_t)(v->size / 512),",
        tests=["//user/tests:ramfs_test"],
    ),
    Mutation(
        id="ramfs_name_matches_prefix",
        what="path lookup takes a name for any entry it is a prefix of (\"/d\" finds \"/d1\")",
        file="fs/ramfs.c",
        old="        if (strlen(c->name) == len && strncmp(c->name, name, len) == 0)",
        new="        if (strncmp(c->name, name, len) == 0)",
        tests=["//user/tests:path_test"],
    ),
    Mutation(
        id="ramfs_name_max_off_by_one",
        what="a path component one byte longer than NAME_MAX is looked up instead of ENAMETOOLONG",
        file="fs/namei.c",
        old="        if (len > NAME_MAX) {",
        new="        if (len > NAME_MAX + 1) {",
        tests=["//user/tests:path_test"],
    ),
    Mutation(
        id="ramfs_trailing_slash_after_file",
        what="a trailing slash after a file name is ignored: \"/bin/echo/\" opens, stats and executes echo",
        file="fs/namei.c",
        old="        if (*p == '/' && !S_ISDIR(node->mode)) {",
        new="        if (*rest == '/' && !S_ISDIR(node->mode)) {",
        tests=["//user/tests:path_test"],
    ),
    Mutation(
        id="ramfs_relative_path_glued_to_cwd",
        what="a relative path is measured with the working directory's path in front, so PATH_MAX counts both",
        file="fs/namei.c",
        old="    struct vnode *node = path[0] == '/' ? vfs_root() : fs_cwd();",
        new="""    char cwd_path[2 * PATH_MAX];
    if (path[0] != '/' && vfs_getcwd(cwd_path, sizeof(cwd_path)) > 0 &&
        strlen(cwd_path) + 1 + strlen(path) >= PATH_MAX)
        return -ENAMETOOLONG;
    struct vnode *node = path[0] == '/' ? vfs_root() : fs_cwd();""",
        tests=["//user/tests:path_test"],
    ),
    Mutation(
        id="create_in_missing_directory_erofs",
        what="mkdir in a directory that does not exist is EROFS instead of ENOENT",
        file="fs/namei.c",
        old="""int vfs_mkdir(const char *path, uint32_t mode) {
    struct walk w;
    struct vnode *v;
    int err = walk(path, true, &w);

    if (err)
        return err;""",
        new="""int vfs_mkdir(const char *path, uint32_t mode) {
    struct walk w;
    struct vnode *v;
    int err = walk(path, true, &w);

    if (err)
        return err == -ENOENT ? -EROFS : err;""",
        tests=["//user/tests:path_test"],
    ),
    Mutation(
        id="fork_shares_files_without_references",
        what="fork copies the descriptor table without taking a reference to each open file",
        file="fs/fdtable.c",
        old="""        if (t->fd[i])
            file_ref(t->fd[i]);""",
        new="""        (void)t->fd[i];""",
        tests=["//user/tests:fd_test", "//user/tests:pipe_test"],
    ),
    Mutation(
        id="dup2_onto_itself_clears_cloexec",
        what="dup2(fd, fd) clears close-on-exec (POSIX: it changes nothing)",
        file="fs/fdtable.c",
        old="""    if (fd == newfd)
        return newfd;
    struct fdtable *t = table();""",
        new="""    struct fdtable *t = table();
    if (fd == newfd) {
        t->cloexec &= ~(1u << newfd);
        return newfd;
    }""",
        tests=["//user/tests:fd_test"],
    ),
    Mutation(
        id="reused_slot_keeps_cloexec",
        what="a descriptor installed in the slot of a closed close-on-exec one inherits its flag",
        file="fs/fdtable.c",
        old="        t->cloexec &= ~(1u << fd);\n",
        new="",
        tests=["//user/tests:fd_test"],
    ),
    Mutation(
        id="file_released_one_put_early",
        what="an open file is released when its count drops to 1, with a reference still out",
        file="fs/file.c",
        old="    if (--f->refs == 0) {",
        new="    if (--f->refs <= 1) {",
        tests=["//fs:fs_ktest"],
    ),
    Mutation(
        id="blockdev_write_at_end_not_enospc",
        what="a write at the end of /dev/hda writes nothing and returns 0 instead of failing with ENOSPC",
        file="fs/blockdev.c",
        old="    if (pos >= end)\n        return write && n > 0 ? -ENOSPC : 0;",
        new="    if (pos > end)\n        return write && n > 0 ? -ENOSPC : 0;",
        tests=["//user/tests:blockdev_test"],
    ),
    Mutation(
        id="blockdev_writes_unfilled_block",
        what="a whole-block write whose copy faults writes the buffer bget gave anyway: junk from another "
        "block reaches the disk",
        file="fs/blockdev.c",
        old="            bool unfilled = fault && !b->valid;",
        new="            bool unfilled = false;",
        tests=["//user/tests:blockdev_test"],
    ),
    Mutation(
        id="blockdev_leaks_buffer",
        what="a raw read of a block device keeps its buffer referenced (the power-off check counts it)",
        file="fs/blockdev.c",
        old="""        brelse(b);
        if (fault) {""",
        new="""        if (write)
            brelse(b);
        if (fault) {""",
        tests=["//user/tests:blockdev_test"],
    ),
    Mutation(
        id="utimensat_explicit_times_unchecked",
        what="utimensat lets a user who does not own a file set its times to anything (only 'now' is free)",
        file="fs/vnode.c",
        old="""        if (t->explicit)
            return -EPERM;""",
        new="""        if (false)
            return -EPERM;""",
        tests=["//user/tests:utimensat_test"],
    ),
    Mutation(
        id="utimensat_nsec_unchecked",
        what="utimensat takes a tv_nsec of a billion or more (or negative) as seconds, not EINVAL",
        file="fs/vnode.c",
        old="    if (ts->tv_nsec < 0 || ts->tv_nsec > 999999999 || ts->tv_sec < 0)",
        new="    if (ts->tv_sec < 0)",
        tests=["//user/tests:utimensat_test"],
    ),
    Mutation(
        id="utimensat_omit_sets_time",
        what="UTIME_OMIT is taken as a time (the field is set to tv_sec, not left alone)",
        file="fs/vnode.c",
        old="""    if (ts->tv_nsec == UTIME_OMIT) {
        *set = false;
        return 0;
    }""",
        new="",
        tests=["//user/tests:utimensat_test"],
    ),
    Mutation(
        id="utimensat_ignores_read_only",
        what="utimensat changes a file on a file system mounted read-only",
        file="fs/vnode.c",
        old="    if (v->mnt->read_only || !v->ops->set_times)",
        new="    if (!v->ops->set_times)",
        tests=["//user/tests:utimensat_test"],
    ),
    Mutation(
        id="ext2_times_not_written",
        what="ext2 sets a file's times in memory only: they are gone after a remount",
        file="fs/ext2_inode.c",
        old="""    n->di.i_ctime = ext2_now();
    int err = ext2_iupdate(n);
    ext2_unlock(fs);""",
        new="""    n->di.i_ctime = ext2_now();
    int err = 0;
    ext2_unlock(fs);""",
        tests=["//user/tests:utimensat_test"],
    ),
    Mutation(
        id="ramfs_write_keeps_mtime",
        what="a write to a ramfs file leaves its modification time as it was",
        file="fs/ramfs_data.c",
        old="""    if (done)
        ramfs_modified(node);""",
        new="",
        tests=["//user/tests:utimensat_test"],
    ),
    Mutation(
        id="utimensat_futimens_no_vnode_ref",
        what="futimens (fchmod, fchown) uses the open file's vnode without a reference of its own (and drops one "
        "it never took)",
        file="syscall/sys_file.c",
        old="""    vnode_ref(f->vnode);
    *out = f->vnode;""",
        new="""    *out = f->vnode;""",
        tests=["//user/tests:utimensat_test"],
    ),
    # --- file permissions (fs/perm.c, fs/namei.c, fs/vnode.c; fs/README.md) ----------------------
    Mutation(
        id="perm_walk_no_search",
        what="a walk checks search permission on the root only: a closed directory below it hides nothing",
        file="fs/namei.c",
        old="""            err = vnode_permission_ids(node, MAY_EXEC, uid, gid);
""",
        new="""            err = node == vfs_root() ? vnode_permission_ids(node, MAY_EXEC, uid, gid) : 0;
""",
        tests=["//user/tests:perm_test", "//user/tests:perm_hostile_test"],
    ),
    Mutation(
        id="perm_open_unchecked",
        what="open of a regular file ignores its mode: a user reads and writes root's 0600 files",
        file="fs/namei.c",
        old="""        int err = vnode_permission(v, open_may(flags));
        if (err)
            return err;
        f = file_new(""",
        new="""        f = file_new(""",
        tests=["//user/tests:perm_test", "//user/tests:perm_hostile_test"],
    ),
    Mutation(
        id="perm_open_device_unchecked",
        what="open of a device node ignores its mode: a user reads the disk under every file system (/dev/hda 0660)",
        file="fs/namei.c",
        old="""        int err = vnode_permission(v, open_may(flags));
        if (err)
            return err;
        if (!v->ops->open)""",
        new="""        int err;
        if (!v->ops->open)""",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_open_trunc_without_write",
        what="O_TRUNC with O_RDONLY needs only read permission: a reader empties a file it may not write",
        file="fs/namei.c",
        old="    return (flags & O_TRUNC) ? may | MAY_WRITE : may;",
        new="    return may;",
        tests=["//user/tests:perm_test", "//user/tests:perm_hostile_test"],
    ),
    Mutation(
        id="perm_open_rdwr_write_only",
        what="O_RDWR asks only for write permission: a write-only file (0622) is read through it",
        file="fs/namei.c",
        old="    int may = acc == O_RDONLY ? MAY_READ : acc == O_WRONLY ? MAY_WRITE : MAY_READ | MAY_WRITE;",
        new="    int may = acc == O_RDONLY ? MAY_READ : MAY_WRITE;",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_classes_merged",
        what="the owner gets the group's and the others' bits too (POSIX: only the first class that matches counts)",
        file="fs/perm.c",
        old="        bits = v->mode >> 6;",
        new="        bits = (v->mode >> 6) | (v->mode >> 3) | v->mode;",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_group_ignored",
        what="the group class is matched against the file's owner, not its group: a member of the file's group "
        "gets the others' bits",
        file="fs/perm.c",
        old="    else if (gid == v->gid)",
        new="    else if (gid == v->uid)",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_root_not_privileged",
        what="root is checked like any user: it cannot open a file of mode 0 or search a directory of mode 0",
        file="fs/perm.c",
        old="    if (uid == 0) {",
        new="    if (uid == 0 && (v->mode & 0700) == 0700) {",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_root_executes_anything",
        what="root executes a file without any execute bit (a data file becomes a program)",
        file="fs/perm.c",
        old="        if ((may & MAY_EXEC) && !S_ISDIR(v->mode) && !(v->mode & 0111))",
        new="        if (false)",
        tests=["//user/tests:perm_test", "//user/tests:exec_test"],
    ),
    Mutation(
        id="perm_create_no_dir_write",
        what="open(O_CREAT) makes a file in a directory the caller may not write",
        file="fs/namei.c",
        old="""    if (!err)
        err = may_create(w->node);
    if (err)
        return err;""",
        new="""    if (err)
        return err;""",
        tests=["//user/tests:perm_test", "//user/tests:perm_hostile_test"],
    ),
    Mutation(
        id="perm_mkdir_no_dir_write",
        what="mkdir makes a directory in a directory the caller may not write",
        file="fs/namei.c",
        old="""    if (!err)
        err = may_create(w.node);
    if (!err)
        err = w.node->ops->mkdir""",
        new="""    if (!err)
        err = w.node->ops->mkdir""",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_ramfs_new_file_root_owned",
        what="ramfs gives a new file no owner: a user's files are root's (stat's st_uid 0)",
        file="fs/ramfs.c",
        old="    vfs_new_owner(dir, &n->v.uid, &n->v.gid);\n",
        new="",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_ext2_new_file_root_owned",
        what="ext2 gives a new inode no owner: a user's files on the disk are root's",
        file="fs/ext2_dir.c",
        old="    vfs_new_owner(&d->v, &n->v.uid, &n->v.gid); /* on the disk with the links, below */\n",
        new="",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_ext2_ids_not_written",
        what="ext2 keeps a file's owner and group in memory only: after a remount the file is root's again",
        file="fs/ext2_inode.c",
        old="""    n->di.i_uid = (uint16_t)n->v.uid;
    n->di.i_gid = (uint16_t)n->v.gid;
""",
        new="",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_ext2_id_high_half_ignored",
        what="ext2 reads only the low 16 bits of an owner: uid 70000 comes back from the disk as 4464",
        file="fs/ext2_inode.c",
        old="    n->v.uid = di->i_uid | (uint32_t)ext2_id_high(di, EXT2_OSD2_UID_HIGH) << 16;",
        new="    n->v.uid = di->i_uid;",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="umask_ignored_by_open",
        what="open(O_CREAT) gives a new file the mode asked for, ignoring the umask",
        file="fs/namei.c",
        old="S_IFREG | (mode & 07777 & ~vfs_umask())",
        new="S_IFREG | (mode & 07777)",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="umask_ignored_by_mkdir",
        what="mkdir gives a new directory the mode asked for, ignoring the umask",
        file="fs/namei.c",
        old="S_IFDIR | (mode & 07777 & ~vfs_umask())",
        new="S_IFDIR | (mode & 07777)",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_delete_no_dir_write",
        what="unlink, rmdir and rename remove entries of a directory the caller may not write",
        file="fs/namei.c",
        old="""    int err = vnode_permission(dir, MAY_WRITE | MAY_EXEC);

    if (err)
        return err;
    if ((dir->mode & S_ISVTX)""",
        new="""    if ((dir->mode & S_ISVTX)""",
        tests=["//user/tests:perm_test", "//user/tests:perm_hostile_test"],
    ),
    Mutation(
        id="perm_sticky_ignored",
        what="the sticky rule tests S_ISUID for S_ISVTX: anyone removes or renames anyone's files in /tmp",
        file="fs/namei.c",
        old="    if ((dir->mode & S_ISVTX) && !vnode_owner_or_root(victim) && !vnode_owner_or_root(dir))",
        new="    if ((dir->mode & S_ISUID) && !vnode_owner_or_root(victim) && !vnode_owner_or_root(dir))",
        tests=["//user/tests:perm_test", "//user/tests:perm_hostile_test"],
    ),
    Mutation(
        id="perm_sticky_dir_owner_refused",
        what="in a sticky directory its owner may not remove others' files (POSIX lets the directory's owner)",
        file="fs/namei.c",
        old="    if ((dir->mode & S_ISVTX) && !vnode_owner_or_root(victim) && !vnode_owner_or_root(dir))",
        new="    if ((dir->mode & S_ISVTX) && !vnode_owner_or_root(victim))",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_rename_target_unchecked",
        what="rename checks only the source: a file moves into a directory the caller may not write, or over "
        "another's file in a sticky directory",
        file="fs/namei.c",
        old="        err = dst ? may_delete(to->node, dst) : may_create(to->node);",
        new="        err = 0;",
        tests=["//user/tests:perm_test", "//user/tests:perm_hostile_test"],
    ),
    Mutation(
        id="perm_rename_dir_parent_unchecked",
        what="a directory the caller may not write moves to another parent (its \"..\" is rewritten all the same)",
        file="fs/namei.c",
        old="""    if (!err && S_ISDIR(src->mode) && from->node != to->node)
        err = vnode_permission(src, MAY_WRITE);""",
        new="",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_exec_unchecked",
        what="execve runs a regular file whatever its execute bits (a user runs root's 0744 program, root a 0644 file)",
        file="syscall/sys_exec.c",
        old="    err = S_ISREG(v->mode) ? vnode_permission(v, MAY_EXEC) : -EACCES;",
        new="    err = S_ISREG(v->mode) ? 0 : -EACCES;",
        tests=["//user/tests:perm_test", "//user/tests:exec_test"],
    ),
    Mutation(
        id="perm_exec_set_uid_ignored",
        what="execve ignores S_ISUID: a set-user-ID program runs with its caller's ids",
        file="syscall/sys_exec.c",
        old="cred_exec(&current->cred, (mode & S_ISUID) != 0, uid,",
        new="cred_exec(&current->cred, false, uid,",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_exec_saved_uid_kept",
        what="exec of a set-user-ID program leaves the saved set-user-ID as it was: the program cannot step "
        "down and back up to its owner",
        file="proc/cred.c",
        old="    c->suid = c->euid;\n",
        new="",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_chmod_by_anyone",
        what="chmod does not ask for ownership: a user makes root's files writable to all",
        file="fs/vnode.c",
        old="""    if (!vnode_owner_or_root(v))
        return -EPERM;
    if (current""",
        new="""    if (current""",
        tests=["//user/tests:perm_test", "//user/tests:perm_hostile_test"],
    ),
    Mutation(
        id="perm_chmod_keeps_sgid",
        what="a user's chmod sets S_ISGID on a file of a group it is not in (a program that runs with that group)",
        file="fs/vnode.c",
        old="""        mode &= ~(uint32_t)S_ISGID;
    return set_attr(v, mode, v->uid, v->gid);""",
        new="""        mode |= 0;
    return set_attr(v, mode, v->uid, v->gid);""",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_chown_gives_away",
        what="the owner of a file gives it to another user or any group (chown is root's, but for the owner's group)",
        file="fs/vnode.c",
        old="        if (c->euid != v->uid || uid != v->uid || (gid != v->gid && gid != c->egid))",
        new="        if (c->euid != v->uid)",
        tests=["//user/tests:perm_test", "//user/tests:perm_hostile_test"],
    ),
    Mutation(
        id="perm_chown_keeps_suid",
        what="a set-user-ID file that changes hands stays set-user-ID (now for its new owner)",
        file="fs/vnode.c",
        old="""        mode &= ~(uint32_t)S_ISUID;
        if (mode & 0010)""",
        new="""        if (mode & 0010)""",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_access_effective_ids",
        what="access answers for the effective ids: a set-user-ID program cannot ask what its user may do",
        file="fs/namei.c",
        old="        err = vnode_permission_real(v, mode);",
        new="        err = vnode_permission(v, mode);",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_access_walk_effective_ids",
        what="access walks the path with the effective ids: the real user is asked about the file, not the way",
        file="fs/namei.c",
        old="    int err = walk_ids(path, false, true, &w);",
        new="    int err = walk_ids(path, false, false, &w);",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_truncate_unchecked",
        what="truncate cuts a file the caller may not write",
        file="fs/namei.c",
        old="""    else
        err = vnode_permission(v, MAY_WRITE);
    if (!err)
        err = vfs_truncate_vnode(v, length);""",
        new="""    if (!err)
        err = vfs_truncate_vnode(v, length);""",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_utimensat_now_unchecked",
        what="utimensat sets a file's times to now for anyone (POSIX: the owner, root or a writer)",
        file="fs/vnode.c",
        old="""        int err = vnode_permission(v, MAY_WRITE);
        if (err)
            return err;""",
        new="",
        tests=["//user/tests:utimensat_test", "//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_chdir_no_search",
        what="chdir enters a directory the caller may not search",
        file="fs/namei.c",
        old="    err = S_ISDIR(v->mode) ? vnode_permission(v, MAY_EXEC) : -ENOTDIR;",
        new="    err = S_ISDIR(v->mode) ? 0 : -ENOTDIR;",
        tests=["//user/tests:perm_test", "//user/tests:perm_hostile_test"],
    ),
    Mutation(
        id="perm_mount_by_anyone",
        what="a user mounts a disk (and with it set-user-ID files and owners of its making)",
        file="syscall/sys_file.c",
        old="""    if (!err && current->cred.euid != 0)
        err = -EPERM;
    return err ? err : ext2_mount_path(""",
        new="""    return err ? err : ext2_mount_path(""",
        tests=["//user/tests:perm_test"],
    ),
    Mutation(
        id="perm_tmp_not_sticky",
        what="the initrd's /tmp is 0755 like every directory: users cannot make files there",
        file="tools/mkinitrd.py",
        old="            blob += entry(ino, name, stat.S_IFDIR | stat.S_ISVTX | 0o777)",
        new="            blob += entry(ino, name, stat.S_IFDIR | 0o755)",
        tests=["//user/tests:perm_test"],
    ),
    # --- syscall --------------------------------------------------------------------------------
    Mutation(
        id="unlink_frees_open_file",
        what="unlink frees a file at once, though descriptors still use it (POSIX: it lives until the last close)",
        file="fs/ramfs.c",
        old="""    (void)dir, (void)name, (void)len;
    drop_name(node_of(victim));
    return 0;
}""",
        new="""    (void)dir, (void)name, (void)len;
    drop_name(node_of(victim));
    victim->nlink = 1; /* no release for it later */
    node_free(node_of(victim));
    return 0;
}""",
        tests=["//user/tests:files_test", "//fs:fs_ktest"],
        config="debug",
    ),
    Mutation(
        id="unlinked_file_never_freed",
        what="an unlinked file's memory is never freed, even after its last descriptor is closed",
        file="fs/ramfs.c",
        old="    if (v->nlink == 0)\n        node_free(node_of(v));",
        new="    if (v->nlink == 0 && 0)\n        node_free(node_of(v));",
        tests=["//user/tests:files_test", "//fs:fs_ktest"],
    ),
    Mutation(
        id="file_keeps_its_vnode",
        what="a closed file never lets go of its vnode: the file system stays busy (and its memory with it)",
        file="fs/file.c",
        old="        vnode_put(f->vnode);\n",
        new="",
        tests=["//user/tests:files_test", "//fs:fs_ktest"],
    ),
    Mutation(
        id="failed_write_keeps_index_pages",
        what="a write that runs out of memory keeps the index pages it made for the page it could not get",
        file="fs/ramfs_data.c",
        old="""            free_pages_from(fs, node, (uint32_t)(ALIGN_UP((uint64_t)v->size, PAGE_SIZE) / PAGE_SIZE));
            err = -ENOSPC;""",
        new="""            err = -ENOSPC;""",
        tests=["//fs:fs_ktest"],
    ),
    Mutation(
        id="faulting_write_fills_a_hole",
        what="a write whose buffer faults keeps the page it made for a hole (no partial effects: it must go)",
        file="fs/ramfs_data.c",
        old="""            if (fresh)
                give_page(fs, page); /* the hole stays a hole */""",
        new="""            if (fresh) {
                *slot = page;
                node->data_pages++;
            }""",
        tests=["//user/tests:files_test"],
    ),
    Mutation(
        id="truncate_keeps_stale_tail",
        what="ftruncate leaves the cut bytes in the last page: growing the file again shows them, not zeros",
        file="fs/ramfs_data.c",
        old="""        if (last)
            memset(last + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);""",
        new="""        (void)last;""",
        tests=["//user/tests:files_test"],
    ),
    Mutation(
        id="new_file_page_not_zeroed",
        what="a file's new page is not zeroed: the bytes around a small write are old memory (kernel data)",
        file="fs/ramfs_data.c",
        old="            page = take_page(fs, run < PAGE_SIZE);",
        new="            page = take_page(fs, false);",
        tests=["//user/tests:files_test"],
        config="debug",
    ),
    Mutation(
        id="rename_into_itself",
        what="rename moves a directory into its own subtree, cutting it loose from the tree",
        file="fs/namei.c",
        old="        if (err || below)\n            return err ? err : -EINVAL;",
        new="        if (err)\n            return err;",
        tests=["//user/tests:dirs_test"],
    ),
    Mutation(
        id="rename_across_mounts",
        what="rename between two file systems is attempted instead of EXDEV",
        file="fs/namei.c",
        old="""    if (from.node->mnt != to.node->mnt)
        err = -EXDEV;
    else if""",
        new="""    if""",
        tests=["//user/tests:dirs_test", "//user/tests:devices_test"],
    ),
    Mutation(
        id="rmdir_mount_point",
        what="rmdir removes a directory something is mounted on",
        file="fs/namei.c",
        old="""    else if (!err && v->above)
        err = -EBUSY; /* a mount point */
""",
        new="",
        tests=["//user/tests:dirs_test", "//user/tests:devices_test"],
    ),
    Mutation(
        id="dot_dot_stays_in_mount",
        what="\"..\" at the root of a mounted file system stays there instead of going to the directory above",
        file="fs/namei.c",
        old="""    while (v == v->mnt->root && v->mnt->covered)
        v = v->mnt->covered; /* held by its mount */""",
        new="",
        tests=["//user/tests:devices_test", "//user/tests:dirs_test"],
    ),
    Mutation(
        id="open_creat_before_emfile",
        what="open(O_CREAT) makes the file before it finds the descriptor table full (a failed call changed something)",
        file="syscall/sys_file.c",
        old="""    int fd = fd_lowest_free(0);
    if (fd < 0)
        return fd;
    err = vfs_open(path, flags, mode, &f);
    if (err)
        return err;
    fd = fd_install(f, 0);""",
        new="""    err = vfs_open(path, flags, mode, &f);
    if (err)
        return err;
    int fd = fd_install(f, 0);
    if (fd < 0) {
        file_put(f);
        return fd;
    }""",
        tests=["//user/tests:files_test"],
    ),
    Mutation(
        id="getdents_moves_on_fault",
        what="getdents64 into a bad buffer moves the directory's offset past the entries it could not give",
        file="fs/vfile.c",
        old="        if (err > 0)\n            f->pos = cookie;",
        new="        f->pos = cookie;",
        tests=["//user/tests:dirs_test"],
    ),
    Mutation(
        id="append_writes_at_offset",
        what="O_APPEND is ignored: writes go to the file's offset, not its end",
        file="fs/vfile.c",
        old="    uint32_t pos = (f->flags & O_APPEND) ? v->size : f->pos;",
        new="    uint32_t pos = f->pos;",
        tests=["//user/tests:files_test", "//user/tests:fcntl_test"],
    ),
    Mutation(
        id="setfl_changes_access_mode",
        what="fcntl(F_SETFL) changes any flag, the access mode included (a read-only file becomes writable)",
        file="syscall/sys_file.c",
        old="        f->flags = (f->flags & ~FILE_SETFL_FLAGS) | (arg & FILE_SETFL_FLAGS);",
        new="        f->flags = arg;",
        tests=["//user/tests:fcntl_test"],
    ),
    Mutation(
        id="mmap_fd_checked_late",
        what="mmap looks at the length and flags before the descriptor: a bad fd with a zero length is EINVAL, not EBADF",
        file="syscall/sys_mem.c",
        old="    if (!(flags & MAP_ANONYMOUS) && !(f = fd_get(fd)))",
        new="    if (!(flags & MAP_ANONYMOUS) && len != 0 && !(f = fd_get(fd)))",
        tests=["//user/tests:file_mmap_test"],
    ),
    Mutation(
        id="mmap_shared_write_readonly_fd",
        what="mmap lets a read-only descriptor be mapped shared and writable (EACCES forgotten)",
        file="syscall/sys_mem.c",
        old="(sharing == MAP_SHARED && (prot & PROT_WRITE) && !file_writable(f))",
        new="(sharing == MAP_SHARED && (prot & PROT_EXEC) && !file_writable(f))",
        tests=["//user/tests:file_mmap_test"],
    ),
    Mutation(
        id="file_past_end_is_sigsegv",
        what="an access past the end of a mapped file raises SIGSEGV instead of SIGBUS",
        file="proc/signal.c",
        old="        sig = fault == FAULT_OUT_OF_MEMORY ? SIGKILL : fault == FAULT_BUS ? SIGBUS : SIGSEGV;",
        new="        sig = fault == FAULT_OUT_OF_MEMORY ? SIGKILL : SIGSEGV;",
        tests=["//user/tests:file_mmap_test"],
    ),
    Mutation(
        id="file_mmap_cut_keeps_pages",
        what="ftruncate of a mapped file leaves the cut pages mapped: no SIGBUS past the new end, stale pages after it grows",
        file="fs/ramfs_data.c",
        old="        vm_object_unmap_from(node->object, keep); /* no mapping keeps a page that is going */",
        new="        (void)keep;",
        tests=["//user/tests:file_mmap_test"],
    ),
    Mutation(
        id="file_mmap_private_writes_file",
        what="a MAP_PRIVATE file page is mapped writable: the process's stores reach the file",
        file="mm/fault.c",
        old="        flags &= ~PTE_W;\n        if (write) {",
        new="        flags |= 0;\n        if (write) {",
        tests=["//user/tests:file_mmap_test"],
    ),
    Mutation(
        id="file_mmap_page_past_end",
        what="the ramfs pager hands out the page just past the end of a page-sized file instead of SIGBUS",
        file="fs/ramfs_data.c",
        old="    if ((uint64_t)i * PAGE_SIZE >= node->v.size)",
        new="    if ((uint64_t)i * PAGE_SIZE > node->v.size)",
        tests=["//user/tests:file_mmap_test"],
    ),
    Mutation(
        id="file_mmap_tail_not_cleared",
        what="a store past the end of a mapped file's last page shows in the file when it grows",
        file="fs/ramfs_data.c",
        old="    if (size > v->size)\n        clear_mapped_tail(node);",
        new="    if (size > v->size && size == 0)\n        clear_mapped_tail(node);",
        tests=["//user/tests:file_mmap_test"],
    ),
    Mutation(
        id="file_mmap_tail_kept_after_unmap",
        what="a store past the end of a mapped file's last page outlives its mappings: the next mapping shows it",
        file="fs/ramfs_data.c",
        old="    clear_tail(node); /* no mapping is left that stored past the end */",
        new="",
        tests=["//user/tests:file_mmap_test"],
    ),
    Mutation(
        id="msync_ignores_stores",
        what="msync only checks its arguments: stores through a shared file mapping never mark the file's st_mtime/st_ctime before munmap",
        file="mm/vm.c",
        old="        note_stores(space, r, r->start > addr ? r->start : addr, r->end < end ? r->end : end, true);",
        new="        (void)r;",
        tests=["//user/tests:file_mmap_test"],
    ),
    Mutation(
        id="msync_keeps_dirty_bits",
        what="msync tells the file of stores but leaves the dirty bits: every later msync marks st_mtime again, stores or not",
        file="mm/vm.c",
        old="            if (pde & PTE_W) {\n                *pte &= ~(pte_t)PTE_D;",
        new="            if (pde & 0) {\n                *pte &= ~(pte_t)PTE_D;",
        tests=["//user/tests:file_mmap_test"],
    ),
    Mutation(
        id="munmap_forgets_stores",
        what="munmap (and exit) drop a shared file mapping without telling the file of its stores: st_mtime stays as it was",
        file="mm/vm.c",
        old="    note_stores(ctx, piece, piece->start, piece->end, false);\n",
        new="",
        tests=["//user/tests:file_mmap_test"],
    ),
    Mutation(
        id="exit_forgets_stores",
        what="the end of an address space drops its shared file mappings without telling the files of their stores",
        file="mm/vm.c",
        old="        note_stores(space, r, r->start, r->end, false); /* no msync came: the end tells */",
        new="        (void)r;",
        tests=["//user/tests:file_mmap_test"],
    ),
    Mutation(
        id="futex_not_restarted",
        what="futex is NORESTART again: sem_wait fails with EINTR after a handler with SA_RESTART",
        file="abi/include/abi/syscall.h",
        old="X(61, futex,         RESTART,   4,",
        new="X(61, futex,         NORESTART, 4,",
        tests=["//user/tests:semaphore_test"],
    ),
    Mutation(
        id="futex_restart_whole_timeout",
        what="an interrupted timed futex wait leaves its timeout as it was: the wait made after an SA_RESTART handler takes the whole time again",
        file="syscall/sys_proc.c",
        old="            timeout.tv_sec = (int32_t)(left / 1000000000u);\n            timeout.tv_nsec = (int32_t)(left % 1000000000u);\n            if (copy_to_user(utimeout, &timeout, sizeof(timeout)))",
        new="            if (copy_to_user(utimeout, &timeout, sizeof(timeout)))",
        tests=["//user/tests:semaphore_test"],
    ),
    Mutation(
        id="ramfs_write_own_mapping",
        what="write() from a mapping of the hole it fills: the page the copy's fault made is replaced (the mapping keeps a page the file lost, which leaks)",
        file="fs/ramfs_data.c",
        old="        if (fresh && *slot) {",
        new="        if (fresh && !slot) {",
        tests=["//user/tests:file_mmap_test"],
    ),
    Mutation(
        id="mmap_readonly_fd_maxprot",
        what="a MAP_SHARED mapping of a read-only descriptor may be made writable by mprotect",
        file="syscall/sys_mem.c",
        old="(sharing == MAP_SHARED && !file_writable(f) ? VM_MAP_NO_WRITE : 0)",
        new="(sharing == MAP_SHARED && !file_readable(f) ? VM_MAP_NO_WRITE : 0)",
        tests=["//user/tests:file_mmap_test"],
    ),
    Mutation(
        id="mprotect_keeps_pte_write",
        what="mprotect without PROT_WRITE leaves present shared pages writable in the page tables",
        file="mm/vm.c",
        old="            if (!(prot & VM_WRITE))\n                e &= ~(pte_t)PTE_W;\n            else if",
        new="            if (!(prot & VM_WRITE))\n                e &= ~(pte_t)0;\n            else if",
        tests=["//user/tests:file_mmap_test"],
    ),
    Mutation(
        id="mprotect_none_keeps_user_bit",
        what="mprotect(PROT_NONE) leaves present pages readable in the page tables",
        file="mm/vm.c",
        old="            pte_t e = *pte & ~(pte_t)PTE_U;",
        new="            pte_t e = *pte;",
        tests=["//user/tests:file_mmap_test"],
    ),
    Mutation(
        id="mprotect_hole_half_done",
        what="mprotect over a range with an unmapped page changes the mapped part before failing",
        file="mm/region.c",
        old="    if (!region_covered(set, start, end))\n        return -ENOMEM;\n    struct vm_region *first",
        new="    struct vm_region *first",
        tests=["//user/tests:file_mmap_test"],
    ),
    Mutation(
        id="getcwd_one_byte_over",
        what="getcwd writes one byte more than the buffer it was given",
        file="syscall/sys_file.c",
        old="    long len = vfs_getcwd(buf, size < GETCWD_MAX ? size : GETCWD_MAX);",
        new="    long len = vfs_getcwd(buf, size < GETCWD_MAX ? size + 1 : GETCWD_MAX);",
        tests=["//user/tests:fd_test"],
    ),
    Mutation(
        id="console_write_null_arithmetic",
        what="terminal write steps through the user buffer with C pointer arithmetic (UB on NULL), "
        "getting around struct uaddr",
        file="fs/tty.c",
        old="        if (copy_from_user(chunk, user_offset(ubuf, done), run))",
        new="        if (copy_from_user(chunk, UADDR((const char *)ubuf.unsafe_addr + done), run))",
        tests=["//testing:user_address_test", "//user/tests:badptr_test"],
        config="debug",
    ),
    Mutation(
        id="sigreturn_reads_user_fpu_directly",
        what="sigreturn reads the FPU image through a C pointer made from the frame's user address, "
        "with no range check and no fault fixup",
        file="proc/user_return.c",
        old="        copy_from_user(fpu, UADDR(frame.fpu), sizeof(fpu))) {",
        new="        !memcpy(fpu, (const void *)frame.fpu, sizeof(fpu))) {",
        tests=["//testing:user_address_test"],
    ),
    Mutation(
        id="pipe_read_null_arithmetic",
        what="pipe read steps through the user buffer with C pointer arithmetic (UB on NULL), "
        "getting around struct uaddr",
        file="fs/pipe.c",
        old="    if (run < want && !copy_to_user(user_offset(ubuf, run), p->buf, want - run))",
        new="    if (run < want && !copy_to_user(UADDR((uint8_t *)ubuf.unsafe_addr + run), p->buf, want - run))",
        tests=["//testing:user_address_test", "//user/tests:badptr_test"],
        config="debug",
    ),
    Mutation(
        id="procinfo_writes_before_proving",
        what="procinfo copies entries out one by one without first proving the whole buffer writable: "
        "a buffer that runs off its page is half written when the call fails",
        file="syscall/sys_proc.c",
        old="    if (n && user_prove_writable(ubuf, n * sizeof(struct abi_procinfo)))",
        new="    if (n && user_prove_writable(ubuf, 1))",
        tests=["//user/tests:procinfo_test"],
    ),
    Mutation(
        id="procinfo_ignores_count",
        what="procinfo writes an entry for every process, past the `count` the caller has room for",
        file="syscall/sys_proc.c",
        old="    uint32_t n = count < live ? count : live;",
        new="    uint32_t n = count ? live : 0;",
        tests=["//user/tests:procinfo_test"],
    ),
    Mutation(
        id="procinfo_undefined_bytes",
        what="procinfo copies out a struct whose bytes after the name's NUL are whatever the stack held",
        file="proc/proc.c",
        old="    memset(info, 0, sizeof(*info)); /* every byte defined: it goes to user space */",
        new="    memset(info, 0, __builtin_offsetof(struct abi_procinfo, name));",
        tests=["//user/tests:procinfo_test"],
    ),
    Mutation(
        id="fsync_of_pipe_succeeds",
        what="fsync of a file with nothing to write back (a pipe, /dev/null) returns 0 instead of EINVAL",
        file="syscall/sys_file.c",
        old="    return f->ops->fsync ? f->ops->fsync(f) : -EINVAL;",
        new="    return f->ops->fsync ? f->ops->fsync(f) : 0;",
        tests=["//user/tests:blockdev_test"],
    ),
    # --- kernel (running the system) -------------------------------------------------------------
    Mutation(
        id="interactive_session_judged",
        what="the power-off report fails a person's session because the last command typed failed",
        file="kernel/run.c",
        old="    bool status_ok = run.powered_off && (run.interactive || (WIFEXITED(run.status) && WEXITSTATUS(run.status) == 0));",
        new="    bool status_ok = run.powered_off && WIFEXITED(run.status) && WEXITSTATUS(run.status) == 0;",
        tests=["//testing:shell_session_test"],
    ),
    Mutation(
        id="test_status_not_judged",
        what="a test run (run= on the command line) is taken for a person's session: its failing status passes",
        file="kernel/run.c",
        old="    run.interactive = !cmdline_get(bi->cmdline, \"run\", run.program, sizeof(run.program));",
        new="    run.interactive = !cmdline_get(bi->cmdline, \"run\", run.program, sizeof(run.program)) || true;",
        tests=["//testing/harness:harness_test"],
    ),
    # --- user space -----------------------------------------------------------------------------
    Mutation(
        id="shell_runs_nothing",
        what="the shell reads commands but runs only pipelines, no simple command",
        file="user/sh/exec.c",
        old="            status = run_pipeline(p, text, background);",
        new="            status = p->count > 1 ? run_pipeline(p, text, background) : 0;",
        tests=["//testing:iso_shell_test", "//user/tests:sh_test"],
    ),
    Mutation(
        id="shell_splits_quoted_expansion",
        what="the shell splits what a $VAR inside double quotes gives into several words",
        file="user/sh/expand.c",
        old="""                } else if (c == '$') {
                    expand_dollar(e, &p, true);""",
        new="""                } else if (c == '$') {
                    expand_dollar(e, &p, false);""",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="shell_and_or_ignores_status",
        what="&& and || run the next pipeline whatever the status of the one before",
        file="user/sh/exec.c",
        old="        run = p->op == OP_AND ? status == 0 : p->op == OP_OR ? status != 0 : true;",
        new="        run = true;",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="shell_case_pattern_quotes_ignored",
        what="case patterns lose their quoting: a quoted '*' matches any word instead of a star",
        file="user/sh/expand.c",
        old="""        if ((e.quoted[i] || e.buf[i] == '\\\\') && strchr("*?[]\\\\", e.buf[i]))""",
        new="""        if (e.buf[i] == '\\\\' && strchr("*?[]\\\\", e.buf[i]))""",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="shell_case_compares_literally",
        what="case compares the word with each pattern as a string: * ? [ ] match nothing",
        file="user/sh/exec.c",
        old="            bool match = fnmatch(pattern, word, 0) == 0;",
        new="            bool match = strcmp(pattern, word) == 0;",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="shell_function_args_not_restored",
        what="a function call leaves its arguments as the caller's $1.. $# after it returns",
        file="user/sh/exec.c",
        old="""    positional = outer_args;
    positional_count = outer_count;""",
        new="""    (void)outer_args;
    (void)outer_count;""",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="shell_local_not_restored",
        what="a function's local variables keep their values after it returns",
        file="user/sh/exec.c",
        old="    var_scope_end(scope);",
        new="    (void)scope;",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="shell_read_reads_ahead",
        what="read takes standard input 64 bytes at a time: the lines after its own are lost to the next command",
        file="user/sh/builtins.c",
        old="        ssize_t n = read(STDIN_FILENO, &c, 1);",
        new="""        static char ahead[64];
        static ssize_t ahead_len, ahead_pos;
        if (ahead_pos >= ahead_len) {
            ahead_len = read(STDIN_FILENO, ahead, sizeof(ahead));
            ahead_pos = 0;
        }
        ssize_t n = ahead_len > 0 ? (c = ahead[ahead_pos++], 1) : ahead_len;""",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="shell_errexit_in_and_or",
        what="set -e ends the shell when a command followed by && or || fails",
        file="user/sh/exec.c",
        old="            bool guarded = p->next || p->negate;",
        new="            bool guarded = p->negate;",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="shell_errexit_in_condition",
        what="set -e ends the shell when an if condition fails",
        file="user/sh/exec.c",
        old="""            errexit_guard++;
            int cond = run_items(c->cond);
            errexit_guard--;""",
        new="""            int cond = run_items(c->cond);""",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="shell_exit_trap_not_run",
        what="sh -c forgets the EXIT trap when its commands end",
        file="user/sh/main.c",
        old="        return traps_run_exit(run_string(argv[2]));",
        new="        return run_string(argv[2]);",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="shell_trap_ignore_lost_in_child",
        what="trap '' INT does not reach the shell's children: the default action child_setup gives stays",
        file="user/sh/builtins.c",
        old="""            if (sig != 0)
                signal(sig, SIG_IGN);
            continue;""",
        new="""            continue;""",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="shell_substitution_ends_at_case_pattern",
        what="$(...) ends at the ) after a case pattern: $(case x in x) echo;; esac) is a syntax error",
        file="user/sh/expand.c",
        old="            if (cases > 0 && case_depth[cases - 1] == depth) {",
        new="            if (cases < 0 && case_depth[0] == depth) {",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="sigpause_keeps_signal_blocked",
        what="sigpause waits with the signal still in the mask: a held signal never ends the wait",
        file="user/libc/src/xsi_signal.c",
        old="    sigdelset(&mask, sig);\n    return sigsuspend(&mask);",
        new="    return sigsuspend(&mask);",
        tests=["//user/tests:xsi_signal_test"],
    ),
    Mutation(
        id="init_hands_terminal_from_parent",
        what="init also hands the terminal to its program from its own side of the fork, taking it back from a group the program made foreground first",
        file="user/init/init.c",
        old="    if (child > 0)\n        setpgid(child, child);",
        new="    if (child > 0) {\n        setpgid(child, child);\n        foreground(child);\n    }",
        tests=["//user/tests:foreground_test"],
    ),
    Mutation(
        id="cp_new_file_mode_0666",
        what="cp makes a new file with mode 0666, not the source's bits: a copied program no longer runs",
        file="user/bin/cp.c",
        old="O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 0777);",
        new="O_WRONLY | O_CREAT | O_TRUNC, 0666);",
        tests=["//user/tests:file_programs_test"],
    ),
    Mutation(
        id="kill_job_read_as_signal",
        what="kill %1 becomes kill -PGID with no -- before it: /bin/kill reads the group as a signal",
        file="user/sh/jobs.c",
        old="    if (!rewritten || dashdash || first > argc)",
        new="    if (!rewritten || !dashdash || first > argc)",
        tests=["//testing:shell_session_test"],
    ),
    Mutation(
        id="shell_child_keeps_its_job",
        what="a child of the shell keeps the job it is part of: kill %% in a pipeline names its own pipeline",
        file="user/sh/exec.c",
        old="    job_free(j);\n    unblock_interrupts();",
        new="    unblock_interrupts();",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="shell_pipeline_status_of_first",
        what="a pipeline's status is its first command's, not its last's",
        file="user/sh/jobs.c",
        old="    return j->status[j->count - 1];",
        new="    return j->status[0];",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="shell_builtin_redirection_kept",
        what="a builtin's redirections are not undone: the shell's own output stays redirected",
        file="user/sh/exec.c",
        old="""    if (keep_redirections)
        forget(&saved);
    else
        restore(&saved);""",
        new="""    if (keep_redirections)
        forget(&saved);""",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="shell_waits_without_wuntraced",
        what="the shell waits for its foreground job without WUNTRACED: after Ctrl-Z it waits for good",
        file="user/sh/jobs.c",
        old="    pid_t pid = waitpid(-1, &st, WUNTRACED);",
        new="    pid_t pid = waitpid(-1, &st, 0);",
        tests=["//testing:shell_session_test"],
    ),
    Mutation(
        id="shell_append_truncates",
        what=">> empties the file instead of appending to it",
        file="user/sh/exec.c",
        old="                                               : O_WRONLY | O_CREAT | O_APPEND;",
        new="                                               : O_WRONLY | O_CREAT | O_TRUNC;",
        tests=["//user/tests:sh_test", "//testing:shell_session_test"],
    ),
    Mutation(
        id="shell_loses_early_ctrl_c",
        what="a SIGINT that reaches the shell while it waits for a job (a Ctrl-C typed as the job starts) is not passed to the job",
        file="user/sh/jobs.c",
        old="            signal_job(j, SIGINT);",
        new="            (void)0;",
        tests=["//testing:shell_session_test"],
    ),
    Mutation(
        id="shell_pid_in_child",
        what="$$ gives the pid of whichever process expands it, not the shell's, in a pipeline's children",
        file="user/sh/expand.c",
        old="        snprintf(buf, size, \"%d\", (int)shell_pid);",
        new="        snprintf(buf, size, \"%d\", (int)getpid());",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="ls_unsorted",
        what="ls lists a directory in the order the file system gives, not by name",
        file="user/bin/ls.c",
        old="    qsort(names, (size_t)n, sizeof(*names), compare);",
        new="    (void)compare;",
        tests=["//user/tests:file_programs_test"],
    ),
    Mutation(
        id="ls_long_setuid_letter_lost",
        what="ls -l shows a setuid file's x (or -) where POSIX has s (or S)",
        file="user/bin/modes.h",
        old="""        out[3] = mode & S_IXUSR ? 's' : 'S';""",
        new="""        (void)0;""",
        tests=["//user/tests:file_programs_test"],
    ),
    Mutation(
        id="ls_long_future_shows_hour",
        what="ls -l shows the hour, not the year, for a time in the future",
        file="user/bin/ls.c",
        old="    bool recent = t <= now && now - t < SIX_MONTHS;",
        new="    bool recent = now - t < SIX_MONTHS;",
        tests=["//user/tests:file_programs_test"],
    ),
    Mutation(
        id="tail_off_by_one_line",
        what="tail -n N counts the last line's own newline and prints one line too few",
        file="user/bin/tail.c",
        old="""    if (pos > 0 && buf[pos - 1] == '\\n')
        pos--;
    for (long lines = 0;""",
        new="""    for (long lines = 0;""",
        tests=["//user/tests:filter_programs_test"],
    ),
    Mutation(
        id="tail_plus_off_by_one",
        what="tail -n +N starts at line N + 1",
        file="user/bin/tail.c",
        old="        for (long line = 1; line < count && pos < len; line++) {",
        new="        for (long line = 0; line < count && pos < len; line++) {",
        tests=["//user/tests:filter_programs_test"],
    ),
    Mutation(
        id="sort_not_stable",
        what="sort's merge takes the later of two equal lines first: not stable",
        file="user/bin/sort.c",
        old="        tmp[k++] = compare(&v[j], &v[i]) < 0 ? v[j++] : v[i++]; /* ties: the earlier one first */",
        new="        tmp[k++] = compare(&v[j], &v[i]) <= 0 ? v[j++] : v[i++];",
        tests=["//user/tests:filter_programs_test"],
    ),
    Mutation(
        id="uniq_count_off_by_one",
        what="uniq -c counts the repeats, not the lines",
        file="user/bin/uniq.c",
        old="        n = 1;\n    }",
        new="        n = 0;\n    }",
        tests=["//user/tests:filter_programs_test"],
    ),
    Mutation(
        id="tee_stops_at_unopenable_file",
        what="tee gives up at the first file it cannot open, copying to none",
        file="user/bin/tee.c",
        old="""        if ((fds[k] = open(argv[i + k], flags, 0666)) < 0) {
            fprintf(stderr, "tee: %s: %s\\n", argv[i + k], strerror(errno));
            status = 1;""",
        new="""        if ((fds[k] = open(argv[i + k], flags, 0666)) < 0) {
            fprintf(stderr, "tee: %s: %s\\n", argv[i + k], strerror(errno));
            return 1;""",
        tests=["//user/tests:filter_programs_test"],
    ),
    Mutation(
        id="touch_existing_time_not_set",
        what="touch only creates: an existing file's times stay as they were",
        file="user/bin/touch.c",
        old="        if (utimensat(AT_FDCWD, argv[i], times, 0) == 0)\n            continue;",
        new="        if (access(argv[i], F_OK) == 0)\n            continue;\n        errno = ENOENT;",
        tests=["//user/tests:name_programs_test"],
    ),
    Mutation(
        id="touch_m_sets_access_time",
        what="touch -m sets the access time too",
        file="user/bin/touch.c",
        old="        times[0].tv_nsec = UTIME_OMIT;",
        new="        (void)0;",
        tests=["//user/tests:name_programs_test"],
    ),
    Mutation(
        id="dirname_keeps_slashes",
        what="dirname a//b gives a/ (the slashes before the last component stay)",
        file="user/bin/dirname.c",
        old="""    while (end > 1 && s[end - 1] == '/') /* the slashes before it */
        end--;""",
        new="",
        tests=["//user/tests:name_programs_test"],
    ),
    Mutation(
        id="sh_help_stale_programs",
        what="help skips the directory's entries after the first few (a fixed list in disguise)",
        file="user/sh/builtins.c",
        old="""        if (e->d_name[0] == '.')
            continue;
        if (n == room) {""",
        new="""        if (e->d_name[0] == '.' || n >= 30)
            continue;
        if (n == room) {""",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="cp_keeps_old_tail",
        what="cp over a longer file leaves the old file's end after the copy",
        file="user/bin/cp.c",
        old="    int out = open(target, O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 0777);",
        new="    int out = open(target, O_WRONLY | O_CREAT, st.st_mode & 0777);",
        tests=["//user/tests:file_programs_test"],
    ),
    Mutation(
        id="rm_r_not_recursive",
        what="rm -r removes a directory without emptying it first",
        file="user/bin/rm.c",
        old="""        if (remove_contents(path) < 0)
            return -1;""",
        new="""        (void)remove_contents;""",
        tests=["//user/tests:file_programs_test"],
    ),
    Mutation(
        id="init_hides_leftovers",
        what="init kills what the program left running before powering off, hiding the leak",
        file="user/init/init.c",
        old="    poweroff(status);",
        new="    kill(-1, SIGKILL);\n    while (wait(NULL) > 0 || errno == EINTR)\n        ;\n    poweroff(status);",
        tests=["//testing/harness:harness_test"],
    ),
    Mutation(
        id="poweroff_waits_for_busy_leftovers",
        what="init's end does not kill what is left: a busy leftover keeps the idle loop, and power-off, from ever running",
        file="kernel/run.c",
        old="""        if (p != current && p->state != PROC_ZOMBIE)
            signal_send(p, SIGKILL);
    }
}""",
        new="""    }
}""",
        tests=["//testing/harness:harness_test"],
    ),
    Mutation(
        id="sigset_keeps_signal_blocked",
        what="sigset with a disposition leaves the signal in the mask instead of taking it out (XSI)",
        file="user/libc/src/xsi_signal.c",
        old="sigprocmask(SIG_UNBLOCK, &set, &was_blocked)",
        new="sigprocmask(SIG_BLOCK, &set, &was_blocked)",
        tests=["//user/tests:xsi_signal_test"],
    ),
    Mutation(
        id="open_max_is_posix_least",
        what="<limits.h> and sysconf give POSIX's least OPEN_MAX (20), not the kernel's 32 descriptors",
        file="user/libc/include/limits.h",
        old="#define OPEN_MAX 32 ",
        new="#define OPEN_MAX 20 ",
        tests=["//user/tests:sysconf_test"],
    ),
    Mutation(
        id="sysconf_unsupported_option_sets_errno",
        what="sysconf sets errno for an option the system does not offer, as if the name were unknown",
        file="user/libc/src/sysconf.c",
        old="        return NO_OPTION;",
        new="        errno = EINVAL;\n        return NO_OPTION;",
        tests=["//user/tests:sysconf_test"],
    ),
    Mutation(
        id="strerror_misses_an_error",
        what="strerror has no message for an error number <errno.h> names (ETIMEDOUT): 'Unknown error 110'",
        file="user/libc/src/string.c",
        old="""    [ETIMEDOUT] = {"ETIMEDOUT", "Connection timed out"},\n""",
        new="",
        tests=["//user/tests:strerror_test"],
    ),
    Mutation(
        id="psignal_empty_prefix",
        what="psignal writes ': ' before the description when its prefix is the empty string",
        file="user/libc/src/stdio.c",
        old="""    if (s && *s)
        fprintf(stderr, "%s: %s\\n", s, strsignal(sig));""",
        new="""    if (s)
        fprintf(stderr, "%s: %s\\n", s, strsignal(sig));""",
        tests=["//user/tests:strerror_test"],
    ),
    Mutation(
        id="setpgrp_leaks_eperm",
        what="setpgrp of a session leader leaves setpgid's EPERM in errno though it succeeds",
        file="user/libc/src/syscalls.c",
        old="""    if (setpgid(0, 0) < 0) /* EPERM for a session leader, which keeps its group */
        errno = saved;""",
        new="""    (void)saved;
    setpgid(0, 0);""",
        tests=["//user/tests:libc_xsi_test"],
    ),
    Mutation(
        id="mkstemp_file_readable_by_all",
        what="mkstemp creates its file with mode 0666, not 0600: others may read the temporary file",
        file="user/libc/src/stdlib.c",
        old="O_RDWR | O_CREAT | O_EXCL, 0600)",
        new="O_RDWR | O_CREAT | O_EXCL, 0666)",
        tests=["//user/tests:libc_xsi_test"],
    ),
    # Threads in the libc (<pthread.h>, <semaphore.h>, TLS).
    Mutation(
        id="mutex_unlock_wakes_no_one",
        what="unlocking a contended mutex wakes none of its sleepers",
        file="user/libc/src/pthread_sync.c",
        old="""        m->__owner = 0;
    }
    if (__atomic_exchange_n(&m->__lock, 0, __ATOMIC_RELEASE) == 2)
        __futex_wake(&m->__lock, 1);""",
        new="""        m->__owner = 0;
    }
    __atomic_exchange_n(&m->__lock, 0, __ATOMIC_RELEASE);""",
        tests=["//user/tests:pthread_sync_test"],
    ),
    Mutation(
        id="mutex_unlock_waiters_check_not_atomic",
        what="unlock reads the lock word for waiters, then stores 0: a locker that marks it contended in between sleeps forever",
        file="user/libc/src/pthread_sync.c",
        old="""    if (__atomic_exchange_n(&m->__lock, 0, __ATOMIC_RELEASE) == 2)
        __futex_wake(&m->__lock, 1);
    return 0;
}""",
        new="""    if (m->__lock == 2) { /* waiters? */
        m->__lock = 0;
        __futex_wake(&m->__lock, 1);
    } else {
        m->__lock = 0;
    }
    return 0;
}""",
        tests=["//user/tests:pthread_stress_test"],
    ),
    Mutation(
        id="cond_wait_samples_seq_after_release",
        what="a condition wait reads the sequence it sleeps on after releasing the mutex: a signal in between is lost",
        file="user/libc/src/pthread_sync.c",
        old="""    unsigned seq = __atomic_load_n(&c->__seq, __ATOMIC_ACQUIRE);
    int count = m->__count;
    int owner = m->__owner;
    m->__owner = 0;
    m->__count = 0;
    if (__atomic_exchange_n(&m->__lock, 0, __ATOMIC_RELEASE) == 2)
        __futex_wake(&m->__lock, 1);
""",
        new="""    int count = m->__count;
    int owner = m->__owner;
    m->__owner = 0;
    m->__count = 0;
    if (__atomic_exchange_n(&m->__lock, 0, __ATOMIC_RELEASE) == 2)
        __futex_wake(&m->__lock, 1);
    unsigned seq = __atomic_load_n(&c->__seq, __ATOMIC_ACQUIRE);
""",
        tests=["//user/tests:pthread_stress_test"],
    ),
    Mutation(
        id="thread_cputime_not_counted",
        what="the tick charges the process's processor time but not the thread's (CLOCK_THREAD_CPUTIME_ID stands still)",
        file="proc/sched.c",
        old="        current_thread->cpu_ticks++;\n",
        new="",
        tests=["//user/tests:thread_cputime_test"],
    ),
    Mutation(
        id="tgkill_skips_permission",
        what="tgkill signals a thread of any user's process (kill's permission rule not applied)",
        file="proc/signal.c",
        old="""    if (!t)
        return -ESRCH;
    if (p->kthread_fn || !may_kill(p, sig))""",
        new="""    if (!t)
        return -ESRCH;
    if (p->kthread_fn)""",
        tests=["//user/tests:cred_test"],
    ),
    Mutation(
        id="siginfo_uid_not_filled",
        what="siginfo's si_uid is left 0 whoever sent the signal",
        file="proc/signal.c",
        old="    info->uid = o->uid;",
        new="    (void)0;",
        tests=["//user/tests:cred_test"],
    ),
    # mq_notify.
    Mutation(
        id="mq_notify_with_receiver_waiting",
        what="mq_notify's signal goes out although a receiver waits for the message (POSIX: the receiver takes it, no notification)",
        file="fs/mqueue.c",
        old="    if (q->attr.mq_curmsgs == 1 && !q->readable.head)",
        new="    if (q->attr.mq_curmsgs == 1)",
        tests=["//user/tests:mq_notify_test"],
    ),
    Mutation(
        id="mq_notify_on_nonempty_queue",
        what="mq_notify fires at any arrival, not only on the empty queue",
        file="fs/mqueue.c",
        old="    if (q->attr.mq_curmsgs == 1 && !q->readable.head)",
        new="    if (!q->readable.head)",
        tests=["//user/tests:mq_notify_test"],
    ),
    Mutation(
        id="mq_notify_kept_at_close",
        what="a registrant's close (and end) leaves its mq_notify registration: the next process with its pid inherits it",
        file="fs/mqueue.c",
        old="    if (q->notify_pid == owner)\n        q->notify_pid = 0;",
        new="    if (q->notify_pid == owner + 1)\n        q->notify_pid = 0;",
        tests=["//user/tests:mq_notify_test"],
    ),
    Mutation(
        id="mq_notify_kept_after_firing",
        what="a notification that went out stays registered (POSIX: it is used once)",
        file="fs/mqueue.c",
        old="""    q->notify_pid = 0;
    if (p && q->notify.sigev_notify == ABI_SIGEV_SIGNAL)""",
        new="""    if (p && q->notify.sigev_notify == ABI_SIGEV_SIGNAL)""",
        tests=["//user/tests:mq_notify_test"],
    ),
    Mutation(
        id="mq_notify_second_replaces",
        what="a second mq_notify replaces the registration instead of failing with EBUSY",
        file="fs/mqueue.c",
        old="""    } else if (p) {
        err = -EBUSY;""",
        new="""    } else if (p && 0) {
        err = -EBUSY;""",
        tests=["//user/tests:mq_notify_test"],
    ),
    Mutation(
        id="mq_notify_null_removes_anyones",
        what="mq_notify(NULL) removes another process's registration",
        file="fs/mqueue.c",
        old="""        if (p == current)
            q->notify_pid = 0; /* another's registration is not ours to remove */""",
        new="""        q->notify_pid = 0;""",
        tests=["//user/tests:mq_notify_test"],
    ),
    Mutation(
        id="errno_shared_by_threads",
        what="errno is one variable of the process, not one per thread",
        file="user/libc/src/pthread.c",
        old="static __thread int errno_value;",
        new="static int errno_value;",
        tests=["//user/tests:pthread_test"],
    ),
    Mutation(
        id="tls_block_above_thread_pointer",
        what="a new thread's TLS block is filled at the thread pointer, not below it (variant I's place, not i386's)",
        file="user/libc/src/pthread.c",
        old="    char *block = (char *)t - tls_offset();",
        new="    char *block = (char *)t;",
        tests=["//user/tests:pthread_test"],
    ),
    Mutation(
        id="join_does_not_wait",
        what="pthread_join returns (and unmaps the stack) without waiting for the thread to end",
        file="user/libc/src/pthread.c",
        old="""        if (alive == 0)
            break;""",
        new="""        if (alive == 0 || 1)
            break;""",
        tests=["//user/tests:pthread_test"],
    ),
    Mutation(
        id="atfork_prepare_in_registration_order",
        what="fork runs the pthread_atfork prepare handlers first-registered first (POSIX: the reverse)",
        file="user/libc/src/pthread.c",
        old="    for (int i = atfork_count - 1; i >= 0; i--)",
        new="    for (int i = 0; i < atfork_count; i++)",
        tests=["//user/tests:pthread_process_test"],
    ),
    Mutation(
        id="sem_post_wakes_no_one",
        what="sem_post raises the count but wakes no sleeper",
        file="user/libc/src/semaphore.c",
        old="    if (__atomic_load_n(&sem->__waiters, __ATOMIC_SEQ_CST) > 0)",
        new="    if (__atomic_load_n(&sem->__waiters, __ATOMIC_SEQ_CST) > 1000)",
        tests=["//user/tests:semaphore_test"],
    ),
    Mutation(
        id="sem_open_unlocked",
        what="sem_open makes and opens names without the directory's lock: an opener finds a file not yet filled",
        file="user/libc/src/semaphore.c",
        old="    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};\n    while (fcntl(fd, F_SETLKW, &fl) != 0) {",
        new="    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};\n    while (0 && fcntl(fd, F_SETLKW, &fl) != 0) {",
        tests=["//user/tests:semaphore_test"],
    ),
    Mutation(
        id="sem_open_cancellable",
        what="sem_open leaves cancellation enabled: a pending cancel ends the thread inside with the names' lock taken",
        file="user/libc/src/semaphore.c",
        old="    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &cancel);",
        new="    pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &cancel);",
        tests=["//user/tests:semaphore_test"],
    ),
    Mutation(
        id="passwd_long_line_read_as_two",
        what="a line of /etc/passwd longer than the buffer is read as two: its tail can pass for an entry",
        file="user/libc/src/passwd.c",
        old="        if (!strchr(line, '\\n') && !feof(f)) {",
        new="        if (0) {",
        tests=["//user/tests:passwd_test"],
    ),
    Mutation(
        id="ls_long_numbers_only",
        what="ls -l prints numbers for owner and group, -n names: the options' meanings swapped",
        file="user/bin/ls.c",
        old="    if (!numeric_ids) {",
        new="    if (numeric_ids) {",
        tests=["//user/tests:file_programs_test"],
    ),
    Mutation(
        id="printf_format_not_reused",
        what="printf uses its format once: the arguments left over are dropped (POSIX: the format is used again)",
        file="user/bin/printf.c",
        old="    } while (argi < nargs && !stop);",
        new="    } while (0);",
        tests=["//user/tests:text_programs_test"],
    ),
    Mutation(
        id="find_prune_ignored",
        what="find's -prune is true but the directory's entries are walked all the same",
        file="user/bin/find.c",
        old="    if (S_ISDIR(st.st_mode) && !prune && ",
        new="    if (S_ISDIR(st.st_mode) && ",
        tests=["//user/tests:file_programs_test"],
    ),
    Mutation(
        id="find_exec_plus_never_run",
        what="find -exec ... {} + gathers the paths and never runs the utility at the end",
        file="user/bin/find.c",
        old="    if (n->kind == EXECPLUS)\n        flush_batch(n);",
        new="    if (n->kind == EXEC)\n        flush_batch(n);",
        tests=["//user/tests:file_programs_test"],
    ),
    Mutation(
        id="grep_q_prints",
        what="grep -q prints the selected lines (POSIX: it writes nothing)",
        file="user/bin/grep.c",
        old="        if (quiet || names_only)\n            break; /* one is all they need */",
        new="        if (names_only)\n            break; /* one is all they need */",
        tests=["//user/tests:text_programs_test"],
    ),
    Mutation(
        id="fuzz_filter_lets_tgkill_kill_supervisor",
        what="the fuzzer's filter stops kill(supervisor, SIGKILL) but not tgkill(supervisor, supervisor, SIGKILL): the run dies",
        file="user/fuzz/calls.c",
        old="        if (((int)a[2] == SIGKILL || (int)a[2] == SIGSTOP) && (int)a[0] == fuzz_run.supervisor)",
        new="        if (((int)a[2] == SIGKILL || (int)a[2] == SIGSTOP) && (int)a[0] == -fuzz_run.supervisor)",
        tests=["//user/fuzz:fuzz_test"],
    ),
    Mutation(
        id="chmod_equals_keeps_setid",
        what="chmod's = leaves the set-user/group-ID bits of the classes it sets (=r on 02755 gave 02444)",
        file="user/bin/chmod.c",
        old="                mode = (mode & ~who) | affected;",
        new="                mode = (mode & ~(who & 0777)) | affected;",
        tests=["//user/tests:file_programs_test"],
    ),
    Mutation(
        id="sh_umask_sets_owner_bits_only",
        what="the shell's umask keeps only the owner's bits of the mask it is given",
        file="user/sh/builtins.c",
        old="        umask((mode_t)v);",
        new="        umask((mode_t)v & 0700);",
        tests=["//user/tests:sh_test"],
    ),
    # Cancellation points (pthread_cancel, thread_cancel, ABI_SYSCALL_CANCEL_POINT).
    Mutation(
        id="cancel_wakes_no_sleeper",
        what="thread_cancel marks the request but leaves a thread asleep at a cancellation point asleep",
        file="proc/thread.c",
        old="""    if (t->state == THREAD_SLEEPING && t->interruptible && t->cancel_point)
        thread_wake(t);
""",
        new="",
        tests=["//user/tests:pthread_cancel_test"],
    ),
    Mutation(
        id="sleep_ignores_cancel",
        what="an interruptible sleep at a cancellation point does not end for a pending cancel (woken, it sleeps again)",
        file="proc/signal.c",
        old="""        if (thread_cancel_due())
            return SLEEP_SIGNAL_INTERRUPT; /* the call fails with ECANCELED (syscall_cancel_point) */
""",
        new="",
        tests=["//user/tests:pthread_cancel_test"],
    ),
    Mutation(
        id="cancel_point_discards_moved_data",
        what="a cancellation point's call fails with ECANCELED whatever it returned: a write that moved bytes loses its count",
        file="syscall/syscall.c",
        old="""    if (result != -EINTR)
        return result;
    if (current_thread->cancel_pending) {""",
        new="""    if (current_thread->cancel_pending) {""",
        tests=["//user/tests:pthread_cancel_test"],
    ),
    Mutation(
        id="restart_drops_cancel_point",
        what="a call restarted after an SA_RESTART handler is made without ABI_SYSCALL_CANCEL_POINT (no longer a cancellation point)",
        file="syscall/syscall.c",
        old="        f->error = raw;",
        new="        f->error = nr;",
        tests=["//user/tests:pthread_cancel_test"],
    ),
    Mutation(
        id="read_not_cancellation_point",
        what="read is made as a plain call: a thread asleep in it is not cancelled",
        file="user/libc/src/syscalls.c",
        old="__sys_cp_read(fd, buf, n)",
        new="__sys_read(fd, buf, n)",
        tests=["//user/tests:pthread_cancel_test"],
    ),
    Mutation(
        id="cancel_point_ignores_disabled",
        what="the cancellation-point bit is set even while cancellation is disabled: a disabled thread's read fails",
        file="user/libc/src/internal.h",
        old="    return __self()->cancel_state == PTHREAD_CANCEL_ENABLE ? (long)ABI_SYSCALL_CANCEL_POINT : 0;",
        new="    return (long)ABI_SYSCALL_CANCEL_POINT;",
        tests=["//user/tests:pthread_cancel_test"],
    ),
    Mutation(
        id="cond_wait_cancel_swallows_wakeup",
        what="a condition waiter that a signal woke acts on a cancel inside the wait: the wake-up is lost with it",
        file="user/libc/src/pthread_sync.c",
        old="""    if (r == -ECANCELED)
        __testcancel();
    return e;""",
        new="""    __testcancel();
    return e;""",
        tests=["//user/tests:pthread_cancel_test"],
    ),
    Mutation(
        id="raise_goes_to_process",
        what="raise sends to the process (kill), so the handler may run in another thread than the caller",
        file="user/libc/src/syscalls.c",
        old="    return (int)__result(__sys_tgkill(getpid(), gettid(), sig));",
        new="    return kill(getpid(), sig);",
        tests=["//user/tests:pthread_process_test"],
    ),
    Mutation(
        id="catopen_trusts_offsets",
        what="catopen takes a catalog whose offsets point outside it (catgets then reads past the file)",
        file="user/libc/src/nl_types.c",
        old="""        if (e[i].offset >= texts_size || e[i].len >= texts_size - e[i].offset ||
            cat->file[texts_at + e[i].offset + e[i].len] != '\\0')
            return -1;""",
        new="        (void)texts_size;\n",
        tests=["//user/tests:catalog_test"],
    ),
    Mutation(
        id="gencat_replaces_catalog",
        what="gencat overwrites an existing catalog instead of adding to it (POSIX: it merges)",
        file="user/bin/gencat.c",
        old="    load(argv[1]);\n",
        new="    (void)load;\n",
        tests=["//user/tests:catalog_test"],
    ),
    Mutation(
        id="system_leaves_sigint_ignored",
        what="system() leaves the caller's SIGINT ignored after the command",
        file="user/libc/src/system.c",
        old="""    saved = errno;
    sigaction(SIGINT, &old_int, NULL);""",
        new="""    saved = errno;""",
        tests=["//user/tests:catalog_test"],
    ),
    # --- the harness ----------------------------------------------------------------------------
    Mutation(
        id="script_pause_ignored",
        what="qemu_test --script types a step's text as soon as its regex matched, without its pause",
        file="testing/qemu_test.py",
        old="                self.due = now + pause",
        new="                self.due = now",
        tests=["//testing/harness:harness_test"],
    ),
    Mutation(
        id="tap_not_ok_passes",
        what="the TAP parser takes `not ok` for ok",
        file="testing/tap.py",
        old="            self.cases.append([name, m.group(1) is None, []])",
        new="            self.cases.append([name, True, []])",
        tests=["//testing/harness:harness_test"],
    ),
    Mutation(
        id="tap_plan_not_counted",
        what="a report with fewer cases than its plan passes",
        file="testing/tap.py",
        old="        elif self.plans[0] != len(self.cases):",
        new="        elif self.plans[0] < len(self.cases):",
        tests=["//testing/harness:harness_test"],
    ),
    Mutation(
        id="tap_empty_plan_passes",
        what="a plan of 1..0 passes",
        file="testing/tap.py",
        old="        elif self.plans[0] == 0:",
        new="        elif self.plans[0] < 0:",
        tests=["//testing/harness:harness_test"],
    ),
    Mutation(
        id="qemu_exit_status_ignored",
        what="the harness ignores QEMU's exit status",
        file="testing/qemu_test.py",
        old="    if not timed_out and status != EXIT_SUCCESS:\n        problems.append(\"QEMU exit status",
        new="    if False:\n        problems.append(\"QEMU exit status",
        tests=["//testing/harness:harness_test"],
    ),
    Mutation(
        id="program_tap_ignored",
        what="the harness ignores the user program's own TAP report",
        file="testing/qemu_test.py",
        old="    problems += report.program.problems(required=args.program_tap == \"required\")",
        new="",
        tests=["//testing/harness:harness_test"],
    ),
    Mutation(
        id="panic_case_unnamed",
        what="a test of the panic path drops the case that panicked from test.xml",
        file="testing/qemu_test.py",
        old="        report.kernel.cases.append([report.running, not problems, list(problems)])",
        new="        pass",
        tests=["//testing/harness:harness_test"],
    ),
    Mutation(
        id="bench_only_checks_worse",
        what="the benchmark check lets a sharply better figure pass",
        file="bench/run_bench.py",
        old="    if abs(change) <= tolerance:",
        new="    if change <= tolerance:",
        tests=["//testing/harness:harness_test"],
    ),
    Mutation(
        id="figures_only_checked_one_way",
        what="qemu_test --figures lets a figure far below its recorded value pass",
        file="testing/qemu_test.py",
        old="        elif abs(value / base - 1) > args.figure_tolerance:",
        new="        elif value / base - 1 > args.figure_tolerance:",
        tests=["//testing/harness:harness_test"],
    ),
    Mutation(
        id="docs_quote_not_compared",
        what="the docs figures test finds each quoted figure but never compares it",
        file="testing/docs_figures_test.py",
        old="        results.append((name, [] if got == expected else",
        new="        results.append((name, [] if got or expected else",
        tests=["//testing:docs_figures_test"],
    ),
    Mutation(
        id="compile_commands_keeps_virtual_includes",
        what="compile_commands.json points clangd at Bazel's _virtual_includes symlinks, not the headers you edit",
        file="tools/compile_commands.py",
        old="            return os.path.join(workspace, real + path[len(virtual):])",
        new="            return os.path.join(execroot, path)",
        tests=["//tools:compile_commands_test"],
    ),
    Mutation(
        id="script_step_never_times_out",
        what="a --script step waits for its regex until the whole run times out, and the failure no longer "
        "names the step",
        file="testing/qemu_test.py",
        old="        if now - self.since <= self.steps[self.next][2]:",
        new="        if True:",
        tests=["//testing/harness:harness_test"],
    ),
    Mutation(
        id="fsck_verdict_ignored",
        what="the harness runs e2fsck -fn on the disks a test left but does not fail the test when it finds damage",
        file="testing/qemu_test.py",
        old="    problems += [diags[0] for _, ok, diags in fscks if not ok]",
        new="    problems += []",
        tests=["//testing/harness:harness_test"],
    ),
    Mutation(
        id="disk_image_keeps_host_ctime",
        what="disk_image leaves the inode change times mke2fs copied from the staged files: no two builds are alike",
        file="tools/mkdiskimage.py",
        old="""        script = "".join("sif %s ctime %s\\n" % (p, DEBUGFS_TIME) for p in sorted(paths | {"/"}))""",
        new="""        script = """"",
        tests=["//tools:disk_image_test"],
    ),
    Mutation(
        id="bench_ignores_run_verdict",
        what="the benchmark runner takes figures from a run that failed (exit status, leak)",
        file="bench/run_bench.py",
        old="    if problems:\n        sys.stderr.write(out)",
        new="    if False:\n        sys.stderr.write(out)",
        tests=["//testing/harness:harness_test"],
    ),
    Mutation(
        id="glob_quoted_star_is_a_pattern",
        what="the shell forgets which characters of a pattern were quoted: echo '*'? lists the directory",
        file="user/sh/expand.c",
        old="        if ((e->quoted[i] || e->buf[i] == '\\\\') && strchr(\"*?[]\\\\\", e->buf[i]))",
        new="        if (e->buf[i] == '\\\\' && strchr(\"*?[]\\\\\", e->buf[i]))",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="glob_star_matches_leading_period",
        what="* matches hidden files (FNM_PERIOD ignored for a star): rm * removes .profile",
        file="user/libc/src/fnmatch.c",
        old="            if (leading_period(string, s, flags))\n                goto fail;",
        new="            if (false)\n                goto fail;",
        tests=["//user/tests:glob_test", "//user/tests:sh_test"],
    ),
    Mutation(
        id="glob_matches_dot_dot",
        what="a pattern matches . and .. (rm -r .* climbs out of the directory)",
        file="user/libc/src/glob.c",
        old="        if (strcmp(d->d_name, \".\") == 0 || strcmp(d->d_name, \"..\") == 0 || fnmatch(component, d->d_name, fnm) != 0)",
        new="        if (fnmatch(component, d->d_name, fnm) != 0)",
        tests=["//user/tests:glob_test", "//user/tests:sh_test"],
    ),
    Mutation(
        id="sh_continue_n_continues_inner_loop",
        what="continue 2 goes on with the inner loop's next round instead of the outer one's",
        file="user/sh/exec.c",
        old="    if (breaking == 1 && continuing) {",
        new="    if (continuing) {",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="sh_nested_redirections_share_a_slot",
        what="a redirected group inside a redirected group keeps the outer saved descriptor in the same "
        "slot, so the outer one is lost when both are undone",
        file="user/sh/exec.c",
        old="    int i = saved->count++, slot = SAVED_FD_BASE + saved_top++;",
        new="    int i = saved->count++, slot = SAVED_FD_BASE + (saved_top++, i);",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="sh_ctrl_c_does_not_end_loop",
        what="Ctrl-C ends the sleep of `until false; do sleep 5; done` but not the loop, which never ends",
        file="user/sh/exec.c",
        old="static bool loop_goes_on(void) {\n    if (exit_requested || interrupted || returning)",
        new="static bool loop_goes_on(void) {\n    if (exit_requested || returning)",
        tests=["//testing:shell_session_test"],
    ),
    Mutation(
        id="sh_assignment_ignores_substitution_status",
        what="x=$(false) succeeds: a command of assignments only does not take its last substitution's status",
        file="user/sh/exec.c",
        old="        if (status == 0 && substitution_status >= 0)",
        new="        if (false && substitution_status >= 0)",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="sh_substitution_keeps_one_newline",
        what="$(...) drops only the last of its trailing newlines",
        file="user/sh/expand.c",
        old="    while (len > 0 && out[len - 1] == '\\n')",
        new="    if (len > 0 && out[len - 1] == '\\n')",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="sh_arith_and_evaluates_both_sides",
        what="$((0 && 1/0)) fails: the side && does not take is evaluated (a division by zero there)",
        file="user/sh/arith.c",
        old="        a->skip += !x;",
        new="        a->skip += 0;",
        tests=["//user/tests:sh_test"],
    ),
    Mutation(
        id="sh_test_bang_does_not_negate",
        what="[ ! x ] is true: test's ! with one operand does not negate",
        file="user/sh/test.c",
        old="            return !evaluate(t, arg + 1, 1);",
        new="            return evaluate(t, arg + 1, 1);",
        tests=["//user/tests:sh_test"],
    ),
]
