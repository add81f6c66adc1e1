/*
 * The console: COM1 as a terminal (fs/tty.h). Received bytes go to the line discipline; what the
 * terminal puts on the screen goes straight to the UART, as it is (the terminal does the output
 * processing: ONLCR). init's session makes it its controlling terminal (user/init/init.c).
 */
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/serial.h>
#include <fs/file.h>
#include <fs/tty.h>

static struct tty console;
static bool console_ready;

/* The console's terminal, set up at first use: a byte may arrive before any open. */
static struct tty *console_tty(void) {
    bool irq = irq_save();

    if (!console_ready) {
        tty_init(&console, serial_write_raw);
        console_ready = true;
    }
    irq_restore(irq);
    return &console;
}

void console_receive(char c) {
    tty_receive(console_tty(), c);
}

int console_open(int flags, struct file **out) {
    *out = tty_open(console_tty(), flags);
    return *out ? 0 : -ENOMEM;
}
