/*
 * The system-call entry (syscall/entry.S) as a program that loads what it likes into its registers
 * sees it: every register but %eax comes back as it went in (the six argument registers, the four
 * data segments, the flags), whatever the call did on the way (a copy, a sleep, a switch to another
 * process); the kernel works with its own data segments and a forward direction flag, whatever the
 * user had loaded (the TLS segment, whose base is not 0, in %ds and %es; `std`); and a number
 * outside the table, at its end or far beyond it, fails with ENOSYS.
 */
#include <abi/syscall.h>
#include <abi/thread.h>
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define FL_DF 0x400u

/* The registers of one raw call: loaded from `call_in`, stored to `call_out` right after `int $0x80`. */
struct regs {
    uint32_t eax, ebx, ecx, edx, esi, edi, ebp, eflags;
    uint32_t ds, es, fs, gs;
};
struct regs call_in, call_out;
uint32_t call_saved_esp;

/*
 * raw_call(): every register from call_in (the direction flag set when call_in.eflags has DF),
 * `int $0x80`, every register to call_out, then everything as it was. %ds is loaded last and the
 * stores go through %ss, which stays the flat user segment.
 */
void raw_call(void);
__asm__(".text\n"
        ".globl raw_call\n"
        "raw_call:\n"
        "    pushal\n"
        "    push %ds\n"
        "    push %es\n"
        "    push %fs\n"
        "    push %gs\n"
        "    mov %esp, call_saved_esp\n"
        "    testl $0x400, call_in+28\n"
        "    jz 1f\n"
        "    std\n"
        "1:  mov call_in+4, %ebx\n"
        "    mov call_in+8, %ecx\n"
        "    mov call_in+12, %edx\n"
        "    mov call_in+16, %esi\n"
        "    mov call_in+20, %edi\n"
        "    mov call_in+24, %ebp\n"
        "    mov call_in+0, %eax\n"
        "    mov call_in+36, %es\n"
        "    mov call_in+40, %fs\n"
        "    mov call_in+44, %gs\n"
        "    mov call_in+32, %ds\n"
        "    int $0x80\n"
        "    pushfl\n"
        "    popl %ss:call_out+28\n"
        "    mov %eax, %ss:call_out+0\n"
        "    mov %ebx, %ss:call_out+4\n"
        "    mov %ecx, %ss:call_out+8\n"
        "    mov %edx, %ss:call_out+12\n"
        "    mov %esi, %ss:call_out+16\n"
        "    mov %edi, %ss:call_out+20\n"
        "    mov %ebp, %ss:call_out+24\n"
        "    movl $0, %ss:call_out+32\n"
        "    movl $0, %ss:call_out+36\n"
        "    movl $0, %ss:call_out+40\n"
        "    movl $0, %ss:call_out+44\n"
        "    mov %ds, %ss:call_out+32\n"
        "    mov %es, %ss:call_out+36\n"
        "    mov %fs, %ss:call_out+40\n"
        "    mov %gs, %ss:call_out+44\n"
        "    cld\n"
        "    mov %ss:call_saved_esp, %esp\n"
        "    pop %gs\n"
        "    pop %fs\n"
        "    pop %es\n"
        "    pop %ds\n"
        "    popal\n"
        "    ret\n");

static uint32_t user_data_selector(void) {
    uint32_t ss = 0;
    __asm__ volatile("mov %%ss, %0" : "+r"(ss));
    return ss & 0xFFFF;
}

/* call_in with every register but %eax set to a value of its own, and the usual segments. */
static void fill_in(uint32_t nr) {
    call_in = (struct regs){
        .eax = nr,
        .ebx = 0x11111111,
        .ecx = 0x22222222,
        .edx = 0x33333333,
        .esi = 0x44444444,
        .edi = 0x55555555,
        .ebp = 0x66666666,
        .ds = user_data_selector(),
        .es = user_data_selector(),
        .fs = 0,
        .gs = ABI_TLS_SELECTOR,
    };
}

/* After raw_call: every register but %eax as it went in (and DF with it). */
static void check_preserved(const char *what) {
    static const char *const names[] = {"eax", "ebx",    "ecx", "edx", "esi", "edi",
                                        "ebp", "eflags", "ds",  "es",  "fs",  "gs"};
    const uint32_t *in = (const uint32_t *)&call_in, *out = (const uint32_t *)&call_out;
    for (unsigned i = 1; i < sizeof(names) / sizeof(names[0]); i++) {
        if (i == 7) {
            if ((in[i] ^ out[i]) & FL_DF)
                FAIL("%s: the direction flag came back %s", what, (out[i] & FL_DF) ? "set" : "clear");
            continue;
        }
        if (in[i] != out[i])
            FAIL("%s: %%%s went in as 0x%x and came back as 0x%x", what, names[i], in[i], out[i]);
    }
}

static void registers_kept(void) {
    pid_t me = getpid();
    fill_in(SYS_getpid);
    raw_call();
    CHECK_EQ((pid_t)call_out.eax, me);
    check_preserved("getpid");

    /* With the direction flag set: the kernel copies forwards all the same, and it stays set. */
    fill_in(SYS_getpid);
    call_in.eflags = FL_DF;
    raw_call();
    CHECK_EQ((pid_t)call_out.eax, me);
    check_preserved("getpid with DF set");
    PASS("every register but %eax comes back from a call as it went in, DF included");
}

/* read(fd, buf, n) made with raw_call, with the TLS segment in %ds and %es and DF set. */
static long hostile_read(int fd, char *buf, uint32_t n) {
    fill_in(SYS_read);
    call_in.ebx = (uint32_t)fd;
    call_in.ecx = (uint32_t)buf;
    call_in.edx = n;
    call_in.ds = call_in.es = ABI_TLS_SELECTOR;
    call_in.eflags = FL_DF;
    raw_call();
    check_preserved("read with the TLS segment in %ds and %es");
    /* What went in as arguments comes back too. */
    CHECK_EQ(call_out.ebx, (uint32_t)fd);
    CHECK_EQ(call_out.ecx, (uint32_t)buf);
    return (long)call_out.eax;
}

static void kernel_segments_whatever_the_user_had(void) {
    char data[256], buf[256 + 8];
    int fds[2];
    for (unsigned i = 0; i < sizeof(data); i++)
        data[i] = (char)(i * 7 + 1);
    CHECK_EQ(pipe(fds), 0);
    CHECK_EQ(write(fds[1], data, sizeof(data)), (long)sizeof(data));
    memset(buf, 0, sizeof(buf));
    /* The kernel's copy writes through %es: with the user's (a base of its own) it would land
     * elsewhere; with DF set it would run backwards from buf. */
    CHECK_EQ(hostile_read(fds[0], buf + 4, sizeof(data)), (long)sizeof(data));
    CHECK_EQ(memcmp(buf + 4, data, sizeof(data)), 0);
    for (unsigned i = 0; i < 4; i++) {
        CHECK_EQ(buf[i], 0);
        CHECK_EQ(buf[4 + sizeof(data) + i], 0);
    }
    CHECK_EQ(close(fds[0]), 0);
    CHECK_EQ(close(fds[1]), 0);
    PASS("the kernel uses its own %ds and %es and copies forwards, whatever the user loaded");
}

/* A call that sleeps and lets another process run before it returns keeps the registers too. */
static void registers_kept_across_a_switch(void) {
    char data[64], buf[64];
    int fds[2];
    memset(data, 'z', sizeof(data));
    CHECK_EQ(pipe(fds), 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        /* The parent is asleep in its read by the time this runs (it was running first). */
        for (int i = 0; i < 5; i++)
            sched_yield();
        _exit(write(fds[1], data, sizeof(data)) == (long)sizeof(data) ? 0 : 1);
    }
    memset(buf, 0, sizeof(buf));
    CHECK_EQ(hostile_read(fds[0], buf, sizeof(buf)), (long)sizeof(buf));
    CHECK_EQ(memcmp(buf, data, sizeof(data)), 0);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(close(fds[0]), 0);
    CHECK_EQ(close(fds[1]), 0);
    PASS("a call that sleeps while another process runs returns with every register kept");
}

/* How many calls the list has: the numbers are 0 to this minus 1. */
#define COUNT_ONE(nr, name, restart, nargs, args) +1
enum { SYSCALL_COUNT = 0 ABI_SYSCALLS(COUNT_ONE) };

static void unknown_numbers(void) {
    /* 0x40000000 + n is call n made as a cancellation point (ABI_SYSCALL_CANCEL_POINT): with n
     * past the table, unknown too. */
    static const uint32_t numbers[] = {SYSCALL_COUNT, SYSCALL_COUNT + 1, 0x3FFFFFFF, 0x40000000 + SYSCALL_COUNT,
                                       0x7FFFFFFF,    0x80000000,        0xFFFFFFFF};
    for (unsigned i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
        fill_in(numbers[i]);
        raw_call();
        if (call_out.eax != (uint32_t)-ENOSYS)
            FAIL("call number 0x%x returned 0x%x, not -ENOSYS", numbers[i], call_out.eax);
        check_preserved("an unknown call");
    }
    PASS("a number past the table's end, or far past it, fails with ENOSYS and keeps the registers");
}

int main(void) {
    registers_kept();
    kernel_segments_whatever_the_user_had();
    registers_kept_across_a_switch();
    unknown_numbers();
    return done_testing();
}
