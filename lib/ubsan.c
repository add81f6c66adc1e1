/*
 * The UBSan runtime of the debug kernel: what clang calls when a check of -fsanitize=undefined
 * fails. Each handler panics with the kind of undefined behaviour, at the file and line of the
 * check, with the values involved:
 *
 *     PANIC at proc/fork.c:42: undefined behaviour: signed-integer-overflow: 2147483647 + 1 does not
 *     fit in 'int' (column 17)
 *
 * The kernel is built with -fno-sanitize-recover, so clang calls the `_abort` entry points and
 * expects no return; the recoverable names are aliases, so the kernel links whichever way it is
 * built. Every handler clang 16 can call for the checks of -fsanitize=undefined in C is here (the
 * image links with --no-undefined, so a missing one is a link error), and //lib:ubsan_ktest makes
 * each check fire but float-cast-overflow, which the kernel cannot reach: it has no floating point.
 *
 * The structures are clang's ABI for these calls: a source location, then type descriptors and
 * whatever the check needs. Values come as "handles": an integer no wider than a pointer is the
 * handle itself, a wider one is behind it.
 *
 * This file is built without the sanitizers (//lib:sanitizers), so a handler cannot recurse.
 */
#include <lib/compiler.h>
#include <lib/format.h>
#include <lib/panic.h>
#include <lib/string.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

struct ubsan_location {
    const char *file;
    uint32_t line;
    uint32_t column;
};

#define UBSAN_KIND_INTEGER 0

struct ubsan_type {
    uint16_t kind; /* UBSAN_KIND_INTEGER, 1 float, 0xFFFF anything else */
    uint16_t info; /* integers: bit 0 signed, bits 1.. log2 of the width in bits */
    char name[];   /* as written in the source, quoted: "'int'" */
};

typedef uintptr_t ubsan_value;

struct ubsan_type_mismatch {
    struct ubsan_location loc;
    const struct ubsan_type *type;
    uint8_t log_alignment;
    uint8_t check_kind; /* index into access_kinds */
};

struct ubsan_alignment_assumption {
    struct ubsan_location loc;
    struct ubsan_location assumption_loc;
    const struct ubsan_type *type;
};

struct ubsan_overflow { /* also negation, division, VLA bounds, invalid loads */
    struct ubsan_location loc;
    const struct ubsan_type *type;
};

struct ubsan_shift {
    struct ubsan_location loc;
    const struct ubsan_type *lhs_type, *rhs_type;
};

struct ubsan_out_of_bounds {
    struct ubsan_location loc;
    const struct ubsan_type *array_type, *index_type;
};

struct ubsan_float_cast {
    struct ubsan_location loc;
    const struct ubsan_type *from_type, *to_type;
};

struct ubsan_invalid_builtin {
    struct ubsan_location loc;
    uint8_t kind; /* 0: ctz of zero, 1: clz of zero */
};

struct ubsan_nonnull_arg {
    struct ubsan_location loc;
    struct ubsan_location attr_loc;
    int arg_index;
};

struct ubsan_nonnull_return {
    struct ubsan_location attr_loc;
};

struct ubsan_unreachable { /* also pointer overflow */
    struct ubsan_location loc;
};

static bool is_signed(const struct ubsan_type *t) {
    return t->kind == UBSAN_KIND_INTEGER && (t->info & 1);
}

static unsigned width(const struct ubsan_type *t) {
    return 1u << (t->info >> 1);
}

/* The integer of type `t` behind handle `v`, sign-extended to 64 bits when `t` is signed. */
static uint64_t value_of(const struct ubsan_type *t, ubsan_value v) {
    if (width(t) > 8 * sizeof(ubsan_value))
        return *(const uint64_t *)v;
    if (is_signed(t)) {
        unsigned shift = 8 * sizeof(ubsan_value) - width(t);
        return (uint64_t)(int64_t)((int32_t)((uint32_t)v << shift) >> shift);
    }
    return v;
}

/* Writes `v` of type `t` as a number, or "?" for a type we do not decode (floats, wide ints). */
static void format_value(char *buf, size_t size, const struct ubsan_type *t, ubsan_value v) {
    if (t->kind != UBSAN_KIND_INTEGER || width(t) > 64)
        format_snprintf(buf, size, "?");
    else if (is_signed(t))
        format_snprintf(buf, size, "%lld", (long long)value_of(t, v));
    else
        format_snprintf(buf, size, "%llu", (unsigned long long)value_of(t, v));
}

#define VALUE_CHARS 24

__noreturn __printf_like(3, 4) static void report(const struct ubsan_location *loc, const char *check, const char *fmt,
                                                  ...);

/* panic_at with the check's location; the message starts with the check's -fsanitize= name. */
static void report(const struct ubsan_location *loc, const char *check, const char *fmt, ...) {
    char detail[160];
    va_list ap;

    va_start(ap, fmt);
    format_vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    panic_at(loc->file, (int)loc->line, "undefined behaviour: %s: %s (column %u)", check, detail, loc->column);
}

/* Defines the handler `__ubsan_handle_<name>_abort` and its recoverable alias. */
#define HANDLER(name, ...)                                                                                             \
    __noreturn void __ubsan_handle_##name##_abort(__VA_ARGS__);                                                        \
    void __ubsan_handle_##name(__VA_ARGS__) __attribute__((alias("__ubsan_handle_" #name "_abort")));                  \
    __noreturn void __ubsan_handle_##name##_abort(__VA_ARGS__)

static const char *const access_kinds[] = {
    "load of",
    "store to",
    "reference binding to",
    "member access within",
    "member call on",
    "constructor call on",
    "downcast of",
    "downcast of",
    "upcast of",
    "cast to virtual base of",
    "_Nonnull binding to",
    "dynamic operation on",
};

HANDLER(type_mismatch_v1, const struct ubsan_type_mismatch *d, ubsan_value pointer) {
    uintptr_t alignment = (uintptr_t)1 << d->log_alignment;
    const char *access = d->check_kind < ARRAY_SIZE(access_kinds) ? access_kinds[d->check_kind] : "access to";

    if (pointer == 0)
        report(&d->loc, "null", "%s null pointer of type %s", access, d->type->name);
    if (pointer & (alignment - 1))
        report(&d->loc, "alignment", "%s misaligned address %p for type %s, which needs %u-byte alignment", access,
               (void *)pointer, d->type->name, (unsigned)alignment);
    report(&d->loc, "object-size", "%s address %p with too little space for an object of type %s", access,
           (void *)pointer, d->type->name);
}

HANDLER(alignment_assumption, const struct ubsan_alignment_assumption *d, ubsan_value pointer, ubsan_value alignment,
        ubsan_value offset) {
    report(&d->loc, "alignment", "assumed pointer %p (offset %u) aligned to %u bytes", (void *)pointer,
           (unsigned)offset, (unsigned)alignment);
}

static __noreturn void overflow(const struct ubsan_overflow *d, ubsan_value lhs, char op, ubsan_value rhs) {
    char a[VALUE_CHARS], b[VALUE_CHARS];

    format_value(a, sizeof(a), d->type, lhs);
    format_value(b, sizeof(b), d->type, rhs);
    report(&d->loc, is_signed(d->type) ? "signed-integer-overflow" : "unsigned-integer-overflow",
           "%s %c %s does not fit in %s", a, op, b, d->type->name);
}

HANDLER(add_overflow, const struct ubsan_overflow *d, ubsan_value lhs, ubsan_value rhs) {
    overflow(d, lhs, '+', rhs);
}

HANDLER(sub_overflow, const struct ubsan_overflow *d, ubsan_value lhs, ubsan_value rhs) {
    overflow(d, lhs, '-', rhs);
}

HANDLER(mul_overflow, const struct ubsan_overflow *d, ubsan_value lhs, ubsan_value rhs) {
    overflow(d, lhs, '*', rhs);
}

HANDLER(negate_overflow, const struct ubsan_overflow *d, ubsan_value value) {
    char v[VALUE_CHARS];

    format_value(v, sizeof(v), d->type, value);
    report(&d->loc, "signed-integer-overflow", "-(%s) does not fit in %s", v, d->type->name);
}

HANDLER(divrem_overflow, const struct ubsan_overflow *d, ubsan_value lhs, ubsan_value rhs) {
    char a[VALUE_CHARS], b[VALUE_CHARS];

    format_value(a, sizeof(a), d->type, lhs);
    format_value(b, sizeof(b), d->type, rhs);
    if (b[0] == '0' && b[1] == '\0')
        report(&d->loc, "integer-divide-by-zero", "%s / 0 in %s", a, d->type->name);
    report(&d->loc, "signed-integer-overflow", "%s / %s does not fit in %s", a, b, d->type->name);
}

HANDLER(shift_out_of_bounds, const struct ubsan_shift *d, ubsan_value lhs, ubsan_value rhs) {
    char a[VALUE_CHARS], b[VALUE_CHARS];

    format_value(a, sizeof(a), d->lhs_type, lhs);
    format_value(b, sizeof(b), d->rhs_type, rhs);
    if (b[0] == '-' || value_of(d->rhs_type, rhs) >= width(d->lhs_type))
        report(&d->loc, "shift", "shift by %s, not in [0, %u) for %s", b, width(d->lhs_type), d->lhs_type->name);
    if (a[0] == '-')
        report(&d->loc, "shift", "left shift of negative value %s", a);
    report(&d->loc, "shift", "%s << %s does not fit in %s", a, b, d->lhs_type->name);
}

HANDLER(out_of_bounds, const struct ubsan_out_of_bounds *d, ubsan_value index) {
    char i[VALUE_CHARS];

    format_value(i, sizeof(i), d->index_type, index);
    report(&d->loc, "bounds", "index %s out of bounds for %s", i, d->array_type->name);
}

HANDLER(vla_bound_not_positive, const struct ubsan_overflow *d, ubsan_value bound) {
    char v[VALUE_CHARS];

    format_value(v, sizeof(v), d->type, bound);
    report(&d->loc, "vla-bound", "variable-length array bound %s is not positive", v);
}

HANDLER(float_cast_overflow, const struct ubsan_float_cast *d, ubsan_value from) {
    (void)from;
    report(&d->loc, "float-cast-overflow", "a %s value out of the range of %s", d->from_type->name, d->to_type->name);
}

/* Whether a type's name ("'volatile _Bool'", "'bool'") is a boolean's, which is all that tells
 * clang's bool check from its enum check. */
static bool names_bool(const char *name) {
    size_t n = strlen(name);

    return n >= 5 && (name[n - 5] == 'b' || name[n - 5] == 'B') && strcmp(name + n - 4, "ool'") == 0;
}

HANDLER(load_invalid_value, const struct ubsan_overflow *d, ubsan_value value) {
    char v[VALUE_CHARS];

    format_value(v, sizeof(v), d->type, value);
    report(&d->loc, names_bool(d->type->name) ? "bool" : "enum", "load of %s, not a valid value for %s", v,
           d->type->name);
}

HANDLER(invalid_builtin, const struct ubsan_invalid_builtin *d) {
    report(&d->loc, "builtin", "%s of zero", d->kind == 0 ? "__builtin_ctz" : "__builtin_clz");
}

HANDLER(nonnull_arg, const struct ubsan_nonnull_arg *d) {
    report(&d->loc, "nonnull-attribute", "null passed as argument %d, declared nonnull at line %u", d->arg_index,
           d->attr_loc.line);
}

HANDLER(nonnull_return_v1, const struct ubsan_nonnull_return *d, const struct ubsan_location *loc) {
    report(loc, "returns-nonnull-attribute", "null returned from a function declared returns_nonnull at line %u",
           d->attr_loc.line);
}

HANDLER(pointer_overflow, const struct ubsan_unreachable *d, ubsan_value base, ubsan_value result) {
    report(&d->loc, "pointer-overflow", "pointer arithmetic on %p wrapped around to %p", (void *)base, (void *)result);
}

/* Never recoverable, so clang has only one name for this one. */
__noreturn void __ubsan_handle_builtin_unreachable(const struct ubsan_unreachable *d);
__noreturn void __ubsan_handle_builtin_unreachable(const struct ubsan_unreachable *d) {
    report(&d->loc, "unreachable", "__builtin_unreachable() was reached");
}
