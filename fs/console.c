/*
 * The console: COM1 as a file. Output goes straight to the UART. Input arrives by interrupt and
 * is edited a line at a time (canonical mode): characters are echoed, backspace erases, Enter
 * hands the line to readers, Ctrl-D hands over a partial line or, at the start of a line, is end
 * of file.
 *
 * Input ring: [in_head, in_ready) is handed over and readable, [in_ready, in_edit) is the line
 * being typed. Every index stays in [0, INPUT_SIZE) and moves only by ring_len-bounded steps, so
 * none passes another: a read takes at most ring_len(in_head, in_ready) bytes, editing never
 * erases past in_ready, and typing stops short of in_head. End of file is the byte CTRL_D stored
 * in the ring where it was typed (a typed Ctrl-D never enters the ring otherwise), so it is read
 * in its place among the lines typed ahead. One slot is kept for the end of the line, so a line
 * typed into a full ring can still be finished: ordinary characters stop at INPUT_SIZE - 2
 * bytes, newline and end of file at INPUT_SIZE - 1.
 */
#include <abi/errno.h>
#include <abi/fcntl.h>
#include <arch/cpu.h>
#include <arch/serial.h>
#include <fs/file.h>
#include <mm/usercopy.h>

#define INPUT_SIZE 1024
#define READ_MAX 128 /* bytes one read returns at most */
#define CTRL_D 0x04
#define DEL 0x7F /* what the Backspace key sends on most terminals */
#define EOF_MARK CTRL_D

static char input[INPUT_SIZE];
static uint32_t in_head, in_ready, in_edit;
static struct wait_queue readers; /* zero: empty */

static uint32_t ring_len(uint32_t from, uint32_t to) {
    return (to - from) % INPUT_SIZE;
}

static uint32_t ring_next(uint32_t i) {
    return (i + 1) % INPUT_SIZE;
}

static void echo(const char *s, size_t n) {
    serial_write(s, n);
}

/* Appends a byte to the line being typed if the ring has room below `limit` bytes. */
static bool put_input(char c, uint32_t limit) {
    if (ring_len(in_head, in_edit) >= limit)
        return false; /* full: dropped, as a terminal drops what its buffer cannot take */
    input[in_edit] = c;
    in_edit = ring_next(in_edit);
    return true;
}

/* Hands everything typed so far to the readers. */
static void hand_over(void) {
    in_ready = in_edit;
    wake_all(&readers);
}

void console_receive(char c) {
    if (c == '\r')
        c = '\n';
    if (c == DEL || c == '\b') {
        if (in_edit != in_ready) {
            in_edit = (in_edit + INPUT_SIZE - 1) % INPUT_SIZE;
            echo("\b \b", 3);
        }
        return;
    }
    if (c == CTRL_D) {
        /* A partial line is handed over as it is; at the start of a line, end of file. */
        if (in_edit != in_ready || put_input(EOF_MARK, INPUT_SIZE - 1))
            hand_over();
        return;
    }
    if (!put_input(c, c == '\n' ? INPUT_SIZE - 1 : INPUT_SIZE - 2))
        return;
    echo(&c, 1);
    if (c == '\n')
        hand_over();
}

/*
 * Returns the bytes of one line at most (through its newline), never more than `n` or READ_MAX
 * and never past in_ready; 0 for an end of file, which it consumes. Consumes only what reached
 * the user: a fault leaves the input as it was.
 */
static long console_read(struct file *f, struct uaddr ubuf, size_t n) {
    long result = 0;

    if (n == 0)
        return 0; /* consumes nothing, not even an end of file */
    bool irq = irq_save();

    while (in_head == in_ready) {
        if (f->flags & O_NONBLOCK) {
            result = -EAGAIN;
            goto out;
        }
        if (sleep_on(&readers, true)) {
            result = -EINTR;
            goto out;
        }
    }
    if (input[in_head] == EOF_MARK) {
        in_head = ring_next(in_head);
        goto out;
    }
    char line[READ_MAX];
    size_t avail = ring_len(in_head, in_ready), len = 0;
    if (n > avail)
        n = avail;
    if (n > sizeof(line))
        n = sizeof(line);
    while (len < n) {
        char c = input[(in_head + len) % INPUT_SIZE];
        if (c == EOF_MARK)
            break; /* read by the next call, as end of file */
        line[len++] = c;
        if (c == '\n')
            break;
    }
    if (copy_to_user(ubuf, line, len)) {
        result = -EFAULT;
        goto out;
    }
    in_head = (in_head + len) % INPUT_SIZE;
    result = (long)len;
out:
    irq_restore(irq);
    return result;
}

static long console_write(struct file *f, struct uaddr ubuf, size_t n) {
    char chunk[128];
    size_t done = 0;

    (void)f;
    while (done < n) {
        size_t run = n - done < sizeof(chunk) ? n - done : sizeof(chunk);
        if (copy_from_user(chunk, user_offset(ubuf, done), run))
            return done ? (long)done : -EFAULT;
        serial_write(chunk, run);
        done += run;
    }
    return (long)done;
}

static void console_stat(struct file *f, struct abi_stat *st) {
    (void)f;
    st->st_mode = S_IFCHR | 0620;
    st->st_rdev = 0x0400; /* like a tty */
}

static const struct file_ops console_ops = {
    .read = console_read,
    .write = console_write,
    .stat = console_stat,
};

struct file *console_open(int flags) {
    return file_new(&console_ops, NULL, flags);
}
