/*
 * The console's line discipline with typed input (see console_input.h): a read returns at most
 * one line and never more than was typed, Ctrl-D hands over a partial line or, at the start of a
 * line, reads as end of file in its place among what was typed ahead, backspace edits,
 * zero-length reads consume nothing, a bad buffer consumes nothing, and once everything is read
 * a non-blocking read says EAGAIN.
 *
 * The harness types one line of serial_input (up to a newline) each time this program prompts.
 */
#include <fcntl.h>

#include "console_input.h"

#define EXPECT(fd, n, literal) expect_read(fd, n, literal, sizeof(literal) - 1)

static void prompt(void) {
    printf("console_test: type now\n");
    fflush(stdout);
}

int main(void) {
    char l128[128], l72[73];

    memset(l128, 'L', sizeof(l128));
    memset(l72, 'L', 72);
    l72[72] = '\n';
    watchdog_start(20);

    /* "hello\n" */
    prompt();
    CHECK_ERR(read(0, (void *)0x10000000, 100), EFAULT); /* unmapped: waits for the line, consumes nothing */
    CHECK_ERR(read(0, (void *)0xBFFFFFFF, 2), EFAULT);   /* runs into the kernel */
    EXPECT(0, 100, "hello\n");

    /* DEL DEL x DEL y z BS w: backspace and DEL erase within the line, not before its start. */
    prompt();
    EXPECT(0, 100, "yw\n");

    /* "12345\n" in small reads, a zero-length read in between. */
    prompt();
    EXPECT(0, 2, "12");
    EXPECT(0, 0, "");
    EXPECT(0, 2, "34");
    EXPECT(0, 100, "5\n");

    /* Typed ahead before any read: one ^D ^D two ^D ^D ^D, then a line of 200 characters: two
     * partial lines and three ends of file. */
    prompt();
    let_input_arrive();
    printf("\n");          /* reports start a line after the echo */
    EXPECT(0, 100, "one"); /* ^D in a line hands it over as it is */
    EXPECT(0, 100, "");    /* ^D at the start of a line: end of file, in its place */
    EXPECT(0, 100, "two");
    EXPECT(0, 0, ""); /* a zero-length read in front of an end of file takes nothing */
    EXPECT(0, 100, "");
    EXPECT(0, 100, "");
    expect_read(0, 1000, l128, sizeof(l128)); /* at most 128 bytes a read */
    expect_read(0, 1000, l72, sizeof(l72));

    /* ab ^D cd, typed ahead: the line ^D handed over is not glued to the next one. */
    prompt();
    let_input_arrive();
    printf("\n");
    EXPECT(0, 100, "ab");
    EXPECT(0, 100, "cd\n");

    /* ab ^D ^D abc ^D: the last thing typed, read as it comes. */
    prompt();
    EXPECT(0, 100, "ab");
    EXPECT(0, 100, "");
    EXPECT(0, 100, "abc"); /* the case: 3 bytes, not 100 */
    int fd = open("/dev/console", O_RDONLY | O_NONBLOCK);
    CHECK(fd >= 0);
    char buf[128];
    CHECK_ERR(read(fd, buf, sizeof(buf)), EAGAIN);
    CHECK_ERR(read(fd, buf, 100), EAGAIN);
    CHECK_EQ(read(fd, buf, 0), 0);
    CHECK_EQ(close(fd), 0);
    watchdog_stop();

    printf("\n");
    PASS("a read returns one line at most, never past what was typed");
    PASS("backspace and DEL edit the line, not before its start");
    PASS("Ctrl-D: a partial line, or end of file in its place among typed-ahead input");
    PASS("Ctrl-D: the partial line it hands over is not glued to the line typed after it");
    PASS("zero-length reads and bad buffers consume nothing");
    PASS("non-blocking read after everything was read: EAGAIN");
    return done_testing();
}
