/*
 * Pipe writes of at most PIPE_BUF bytes are atomic: several writers share one pipe and the
 * reader must see each record whole, never mixed with another's bytes, however full the pipe
 * was. Larger writes may be split and interleaved, but every byte arrives, in order per writer.
 *
 * The reader takes odd-sized bites and yields in between, so the pipe is mostly partly full:
 * a writer that wrote whatever room there was instead of waiting for room for its whole record
 * would be overtaken by another writer in the middle of a record.
 */
#include <limits.h> /* PIPE_BUF: docs/syscalls.md says writes up to 4096 bytes are atomic */
#include <stdint.h>
#include <sys/stat.h>

#include "check.h"

_Static_assert(PIPE_BUF == 4096, "the pipe's atomic write size (docs/syscalls.md)");
#define WRITERS 4
#define ROUNDS 3

/* Record sizes, PIPE_BUF itself most often; a record is at least its 4-byte header. */
static const uint16_t sizes[] = {PIPE_BUF, 4, PIPE_BUF - 1, 2048, PIPE_BUF, 100, 3000, 513, PIPE_BUF, 5};
#define N_SIZES (sizeof(sizes) / sizeof(sizes[0]))
#define RECORDS (ROUNDS * N_SIZES)

/* Record: writer (1..WRITERS), sequence number, length (little endian), then a pattern. */
static uint8_t pattern(int writer, int seq, size_t i) {
    return (uint8_t)(writer * 31 + seq * 7 + i);
}

static void build_record(uint8_t *rec, int writer, int seq, uint16_t len) {
    rec[0] = (uint8_t)writer;
    rec[1] = (uint8_t)seq;
    rec[2] = (uint8_t)(len & 0xFF);
    rec[3] = (uint8_t)(len >> 8);
    for (size_t i = 4; i < len; i++)
        rec[i] = pattern(writer, seq, i);
}

static void record_writer(int fd, int writer) {
    static uint8_t rec[PIPE_BUF];

    for (int seq = 0; seq < (int)RECORDS; seq++) {
        uint16_t len = sizes[seq % N_SIZES];
        build_record(rec, writer, seq, len);
        /* Atomic means whole: never a short count. */
        if (write(fd, rec, len) != len)
            _exit(1);
        if (seq % 3 == 0)
            sched_yield();
    }
    _exit(0);
}

static void records_are_never_interleaved(void) {
    int fds[2];
    pid_t pids[WRITERS];

    CHECK_EQ(pipe(fds), 0);
    fflush(stdout);
    for (int w = 0; w < WRITERS; w++) {
        pids[w] = fork();
        CHECK(pids[w] >= 0);
        if (pids[w] == 0) {
            close(fds[0]);
            record_writer(fds[1], w + 1);
        }
    }
    close(fds[1]);

    /* Parse the stream as it comes, in bites of 999 bytes or less. */
    static uint8_t stream[2 * PIPE_BUF];
    size_t have = 0;
    int next_seq[WRITERS + 1] = {0}, records = 0;
    for (;;) {
        ssize_t n = read(fds[0], stream + have, 999 < sizeof(stream) - have ? 999 : sizeof(stream) - have);
        CHECK(n >= 0);
        if (n == 0)
            break;
        have += (size_t)n;
        sched_yield();
        while (have >= 4) {
            int writer = stream[0], seq = stream[1];
            uint16_t len = (uint16_t)(stream[2] | stream[3] << 8);
            if (writer < 1 || writer > WRITERS || (seq & 0xFF) != (next_seq[writer] & 0xFF) ||
                len != sizes[next_seq[writer] % N_SIZES])
                FAIL("record %d: header %02x %02x len %u does not start a record (bytes of two writes mixed?)", records,
                     stream[0], stream[1], len);
            if (have < len)
                break;
            for (size_t i = 4; i < len; i++) {
                if (stream[i] != pattern(writer, seq, i))
                    FAIL("record %d (writer %d, seq %d, %u bytes): byte %u is 0x%02x, not its own", records, writer,
                         seq, len, (unsigned)i, stream[i]);
            }
            memmove(stream, stream + len, have - len);
            have -= len;
            next_seq[writer]++;
            records++;
        }
    }
    CHECK_EQ(have, 0);
    CHECK_EQ(records, WRITERS * (int)RECORDS);
    for (int w = 1; w <= WRITERS; w++)
        CHECK_EQ(next_seq[w], (int)RECORDS);
    for (int w = 0; w < WRITERS; w++) {
        int status;
        CHECK_EQ(waitpid(pids[w], &status, 0), pids[w]);
        CHECK_EXITED(status, 0);
    }
    close(fds[0]);
    PASS("writes of up to PIPE_BUF bytes from several writers arrive whole");
}

/* Writer 0's bytes are 0..127 repeating, writer 1's 128..255: each stream can be picked out. */
#define BIG (3 * PIPE_BUF + 123)

static void big_writer(int fd, int writer) {
    static uint8_t buf[BIG];

    for (size_t i = 0; i < BIG; i++)
        buf[i] = (uint8_t)(writer * 128 + i % 128);
    _exit(write(fd, buf, BIG) == BIG ? 0 : 1);
}

static void big_writes_may_split_but_all_arrives(void) {
    int fds[2];
    pid_t pids[2];

    CHECK_EQ(pipe(fds), 0);
    fflush(stdout);
    for (int w = 0; w < 2; w++) {
        pids[w] = fork();
        CHECK(pids[w] >= 0);
        if (pids[w] == 0) {
            close(fds[0]);
            big_writer(fds[1], w);
        }
    }
    close(fds[1]);
    size_t count[2] = {0, 0};
    uint8_t buf[777];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof(buf))) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            int w = buf[i] >> 7;
            if (buf[i] != (uint8_t)(w * 128 + count[w] % 128))
                FAIL("writer %d's byte %u is 0x%02x: lost, repeated or reordered", w, (unsigned)count[w], buf[i]);
            count[w]++;
        }
        sched_yield();
    }
    CHECK_EQ(n, 0);
    CHECK_EQ(count[0], BIG);
    CHECK_EQ(count[1], BIG);
    for (int w = 0; w < 2; w++) {
        int status;
        CHECK_EQ(waitpid(pids[w], &status, 0), pids[w]);
        CHECK_EXITED(status, 0);
    }
    close(fds[0]);
    PASS("writes larger than PIPE_BUF may be split, and every byte arrives in order");
}

int main(void) {
    records_are_never_interleaved();
    big_writes_may_split_but_all_arrives();
    return done_testing();
}
