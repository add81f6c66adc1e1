/* 16550 UART on COM1 (I/O port 0x3F8), 115200 baud 8N1: the kernel console. */
#ifndef ARCH_SERIAL_H
#define ARCH_SERIAL_H

#include <stddef.h>

void serial_init(void);

/* Writes `len` bytes, turning "\n" into "\r\n"; waits for the transmitter (polled). */
void serial_write(const char *s, size_t len);

/* Returns the next received byte, or -EAGAIN when none is waiting. */
int serial_read_nonblock(void);

/* Enables the receive interrupt; `on_rx` runs in interrupt context for each IRQ 4. */
void serial_enable_rx_irq(void (*on_rx)(void));

#endif
