/* Open files: a reference count that reaches zero exactly once, at the last put, and only then
 * releases the file; the counts the power-off check compares follow. */
#include <abi/fcntl.h>
#include <fs/file.h>
#include <ktest/ktest.h>

static int releases;

static void count_release(struct file *f) {
    (void)f;
    releases++;
}

static const struct file_ops counting_ops = {.release = count_release};

KTEST(file, released_once_at_the_last_put) {
    int before = file_count();

    releases = 0;
    struct file *f = file_new(&counting_ops, NULL, O_RDONLY);
    KASSERT_TRUE(f != NULL);
    KEXPECT_EQ(f->refs, 1);
    KEXPECT_EQ(file_count(), before + 1);
    file_ref(f);
    file_ref(f);
    KEXPECT_EQ(f->refs, 3);
    file_put(f);
    file_put(f);
    KEXPECT_EQ(releases, 0);
    KEXPECT_EQ(file_count(), before + 1);
    file_put(f);
    KEXPECT_EQ(releases, 1);
    KEXPECT_EQ(file_count(), before);
}

KTEST(file, access_modes) {
    static const struct {
        int flags;
        bool readable, writable;
    } cases[] = {
        {O_RDONLY, true, false},
        {O_WRONLY, false, true},
        {O_RDWR, true, true},
        {O_RDONLY | O_NONBLOCK, true, false},
        {O_WRONLY | O_APPEND, false, true},
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct file *f = file_new(&counting_ops, NULL, cases[i].flags);
        KASSERT_TRUE(f != NULL);
        KEXPECT_EQ(file_readable(f), cases[i].readable);
        KEXPECT_EQ(file_writable(f), cases[i].writable);
        file_put(f);
    }
}

/* A pipe lives while either end is open; each end is a file with its own count. */
KTEST(file, pipe_is_released_with_its_last_end) {
    int files = file_count(), pipes = pipe_count();
    struct file *rd, *wr;

    KASSERT_EQ(pipe_create(&rd, &wr), 0);
    KEXPECT_EQ(file_count(), files + 2);
    KEXPECT_EQ(pipe_count(), pipes + 1);
    KEXPECT_TRUE(file_readable(rd) && !file_writable(rd));
    KEXPECT_TRUE(file_writable(wr) && !file_readable(wr));
    file_ref(wr);
    file_put(wr);
    KEXPECT_EQ(file_count(), files + 2);
    file_put(rd);
    KEXPECT_EQ(file_count(), files + 1);
    KEXPECT_EQ(pipe_count(), pipes + 1); /* the write end still holds it */
    file_put(wr);
    KEXPECT_EQ(file_count(), files);
    KEXPECT_EQ(pipe_count(), pipes);
}
