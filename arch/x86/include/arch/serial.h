/* 16550 UART on COM1 (I/O port 0x3F8), 115200 baud 8N1: the kernel console. */
#ifndef ARCH_SERIAL_H
#define ARCH_SERIAL_H

#include <arch/interrupt.h>
#include <stddef.h>

/* Sets the UART up, its receive interrupt on (it reaches the CPU once IRQ_COM1 has a handler). */
void serial_init(void);

/* Writes `len` bytes, turning "\n" into "\r\n" (the kernel's log); waits for the transmitter
 * (polled). */
void serial_write(const char *s, size_t len);

/* Writes `len` bytes as they are (a terminal's output, which did its own processing). */
void serial_write_raw(const char *s, size_t len);

/* The handler of IRQ_COM1: hands each received byte to the receiver. */
void serial_interrupt(struct int_frame *frame);

/* Who gets received bytes, one call each, in interrupt context (none: they are dropped). */
void serial_set_receiver(void (*receive)(char c));

#endif
