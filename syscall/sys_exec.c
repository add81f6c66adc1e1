/*
 * execve: copies the path, argv and envp out of the caller's memory (all of it, before anything
 * changes), finds the program and hands it to proc_exec. On any error the caller goes on
 * unharmed with -errno.
 */
#include "internal.h"
#include <abi/errno.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <mm/usercopy.h>
#include <proc/cred.h>
#include <proc/exec.h>

/* Copies a NULL-terminated user array of strings; returns the count or -errno. */
static int copy_strings(struct uaddr uarray, const char **out, char *strings, size_t *used) {
    int n = 0;

    if (uaddr_is_null(uarray))
        return 0;
    for (;; n++) {
        uint32_t uptr; /* a user address, as the array holds it */
        if (copy_from_user(&uptr, user_offset(uarray, sizeof(uptr) * (uint32_t)n), sizeof(uptr)))
            return -EFAULT;
        if (!uptr)
            return n;
        if (n == EXEC_ARGC_MAX || *used >= EXEC_ARG_MAX)
            return -E2BIG;
        long len = strncpy_from_user(strings + *used, UADDR(uptr), EXEC_ARG_MAX - *used);
        if (len == -ENAMETOOLONG)
            return -E2BIG;
        if (len < 0)
            return (int)len;
        out[n] = strings + *used;
        *used += (size_t)len + 1;
    }
}

long sys_execve(struct uaddr upath, struct uaddr uargv, struct uaddr uenvp) {
    char path[PATH_MAX];
    struct exec_args *args = kmalloc(sizeof(*args));
    char *strings = kmalloc(EXEC_ARG_MAX);
    size_t used = 0;
    long err = -ENOMEM;

    if (!args || !strings)
        goto out;
    err = strncpy_from_user(path, upath, PATH_MAX);
    if (err < 0)
        goto out;
    err = copy_strings(uargv, args->argv, strings, &used);
    if (err < 0)
        goto out;
    args->argc = (int)err;
    err = copy_strings(uenvp, args->envp, strings, &used);
    if (err < 0)
        goto out;
    args->envc = (int)err;

    struct vnode *v;
    err = vfs_lookup(path, &v);
    if (err)
        goto out;
    /* A regular file the caller may execute (root too needs some execute bit: fs/perm.c). */
    err = S_ISREG(v->mode) ? vnode_permission(v, MAY_EXEC) : -EACCES;
    if (!err) {
        struct exec_image img;
        uint32_t mode = v->mode, uid = v->uid, gid = v->gid;
        vfs_exec_image(v, &img);
        err = proc_exec(current, path, &img, args);
        if (err == 0)
            cred_exec(&current->cred, (mode & S_ISUID) != 0, uid, (mode & S_ISGID) != 0, gid);
    }
    vnode_put(v);
    if (err == 0)
        fd_close_on_exec();
out:
    kfree(strings);
    kfree(args);
    return err;
}
