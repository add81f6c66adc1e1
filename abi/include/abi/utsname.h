/* What the uname call reports (struct abi_utsname): Linux's layout, five NUL-terminated fields. */
#ifndef ABI_UTSNAME_H
#define ABI_UTSNAME_H

#define ABI_UTSNAME_LEN 65

struct abi_utsname {
    char sysname[ABI_UTSNAME_LEN];  /* "lune" */
    char nodename[ABI_UTSNAME_LEN]; /* the machine's name on a network: "lune" (there is none) */
    char release[ABI_UTSNAME_LEN];  /* the kernel's release */
    char version[ABI_UTSNAME_LEN];  /* what kind of kernel it is */
    char machine[ABI_UTSNAME_LEN];  /* the processor it was built for: "i686" */
};
_Static_assert(sizeof(struct abi_utsname) == 5 * ABI_UTSNAME_LEN, "struct abi_utsname is part of the ABI");

#endif
