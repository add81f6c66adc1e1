/* COM1 16550 UART; see arch/serial.h. */
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/serial.h>

#define COM1 0x3F8
#define REG_DATA 0
#define REG_IER 1 /* interrupt enable */
#define REG_FCR 2 /* FIFO control */
#define REG_LCR 3 /* line control */
#define REG_MCR 4 /* modem control */
#define REG_LSR 5 /* line status */

#define UART_CLOCK_BAUD 115200 /* the fastest rate: divisor 1 */
#define BAUD 115200

#define FCR_ENABLE 0x01
#define FCR_CLEAR_RX 0x02
#define FCR_CLEAR_TX 0x04
#define FCR_TRIGGER_14 0xC0 /* interrupt when 14 bytes are waiting */

#define LCR_DLAB 0x80 /* the data and IER registers hold the divisor's low and high bytes */
#define LCR_8N1 0x03
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define IER_RX 0x01
#define MCR_DTR_RTS_OUT2 0x0B /* OUT2 gates the UART's IRQ line to the PIC */

static void (*receiver)(char c);

void serial_init(void) {
    outb(COM1 + REG_IER, 0);
    outb(COM1 + REG_LCR, LCR_DLAB);
    outb(COM1 + REG_DATA, (uint8_t)(UART_CLOCK_BAUD / BAUD));
    outb(COM1 + REG_IER, (uint8_t)((UART_CLOCK_BAUD / BAUD) >> 8));
    outb(COM1 + REG_LCR, LCR_8N1);
    outb(COM1 + REG_FCR, FCR_ENABLE | FCR_CLEAR_RX | FCR_CLEAR_TX | FCR_TRIGGER_14);
    outb(COM1 + REG_MCR, MCR_DTR_RTS_OUT2);
    outb(COM1 + REG_IER, IER_RX);
}

static void put(char c) {
    while (!(inb(COM1 + REG_LSR) & LSR_THR_EMPTY))
        cpu_pause();
    outb(COM1 + REG_DATA, (uint8_t)c);
}

void serial_write(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n')
            put('\r');
        put(s[i]);
    }
}

void serial_write_raw(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++)
        put(s[i]);
}

/* The next received byte, or -EAGAIN when none is waiting. */
static int read_nonblock(void) {
    if (!(inb(COM1 + REG_LSR) & LSR_DATA_READY))
        return -EAGAIN;
    return inb(COM1 + REG_DATA);
}

void serial_interrupt(struct int_frame *frame) {
    int c;

    (void)frame;
    /* Drain the FIFO even with no receiver: the UART interrupts again only once it is empty. */
    while ((c = read_nonblock()) >= 0) {
        if (receiver)
            receiver((char)c);
    }
}

void serial_set_receiver(void (*receive)(char c)) {
    receiver = receive;
}
