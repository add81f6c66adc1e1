/*
 * The console: COM1 as a file. Output goes straight to the UART. Input arrives by interrupt and
 * is edited a line at a time (canonical mode): characters are echoed, backspace erases, Enter
 * hands the line to readers, Ctrl-D at the start of a line is end of file.
 */
#include <abi/errno.h>
#include <abi/fcntl.h>
#include <arch/cpu.h>
#include <arch/serial.h>
#include <fs/file.h>
#include <mm/usercopy.h>

#define INPUT_SIZE 1024
#define CTRL_D 0x04

static char input[INPUT_SIZE];
static uint32_t in_head, in_ready, in_edit; /* ring: [head, ready) readable, [ready, edit) being typed */
static int eof_pending;
static struct wait_queue readers;

static uint32_t ring_len(uint32_t from, uint32_t to) {
    return (to - from) % INPUT_SIZE;
}

static void echo(const char *s, size_t n) {
    serial_write(s, n);
}

/* Interrupt context: one received byte. */
static void console_input(char c) {
    if (c == '\r')
        c = '\n';
    if (c == 0x7F || c == '\b') {
        if (in_edit != in_ready) {
            in_edit = (in_edit + INPUT_SIZE - 1) % INPUT_SIZE;
            echo("\b \b", 3);
        }
        return;
    }
    if (c == CTRL_D) {
        if (in_edit == in_ready)
            eof_pending++;
        in_ready = in_edit;
        wake_all(&readers);
        return;
    }
    if (ring_len(in_head, in_edit) == INPUT_SIZE - 1)
        return; /* full: drop */
    input[in_edit] = c;
    in_edit = (in_edit + 1) % INPUT_SIZE;
    echo(&c, 1);
    if (c == '\n') {
        in_ready = in_edit;
        wake_all(&readers);
    }
}

static void console_rx(void) {
    int c;

    while ((c = serial_read_nonblock()) >= 0)
        console_input((char)c);
}

static long console_read(struct file *f, void *ubuf, size_t n) {
    long result = 0;

    if (n == 0)
        return 0;
    bool irq = irq_save();

    while (in_head == in_ready && !eof_pending) {
        if (f->flags & O_NONBLOCK) {
            result = -EAGAIN;
            goto out;
        }
        if (sleep_on(&readers, true)) {
            result = -EINTR;
            goto out;
        }
    }
    if (in_head == in_ready) {
        eof_pending--; /* this read returns 0: end of file */
        goto out;
    }
    /* Up to the end of one line. */
    char line[128];
    size_t len = 0;
    while (len < n && len < sizeof(line) && in_head != in_ready) {
        line[len] = input[(in_head + len) % INPUT_SIZE];
        if (line[len++] == '\n')
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

static long console_write(struct file *f, const void *ubuf, size_t n) {
    char chunk[128];
    size_t done = 0;

    (void)f;
    while (done < n) {
        size_t run = n - done < sizeof(chunk) ? n - done : sizeof(chunk);
        if (copy_from_user(chunk, (const char *)ubuf + done, run))
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

void console_init(void) {
    wait_queue_init(&readers);
    serial_enable_rx_irq(console_rx);
}
