/* printf-style formatting engine; see lib/format.h for what it accepts. */
#include <lib/format.h>
#include <lib/string.h>
#include <stdbool.h>
#include <stdint.h>

struct spec {
    bool left;
    bool zero;
    bool plus;
    bool space;
    bool alt;
    int width;
    int precision; /* -1 when absent */
    int length;    /* 0 int, 1 long, 2 long long, -1 short, -2 char */
};

struct out {
    format_sink_fn sink;
    void *ctx;
    int count;
};

static void emit(struct out *o, const char *s, size_t len) {
    if (len) {
        o->sink(o->ctx, s, len);
        o->count += (int)len;
    }
}

static void pad(struct out *o, char c, int n) {
    char chunk[16];

    memset(chunk, c, sizeof(chunk));
    for (; n > 0; n -= (int)sizeof(chunk))
        emit(o, chunk, n < (int)sizeof(chunk) ? (size_t)n : sizeof(chunk));
}

/*
 * Writes the digits of v in `base` backwards into the end of buf and returns the first one.
 * 64-bit values are divided with 32-bit steps so the kernel needs no __udivdi3 here.
 */
static char *digits(char *end, uint64_t v, unsigned base, bool upper) {
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char *p = end;

    do {
        uint32_t hi = (uint32_t)(v >> 32), lo = (uint32_t)v;
        uint32_t qhi = hi / base, r = hi % base;
        /* Long division of (r:lo) by base, one 16-bit half at a time: no 64-bit divide needed. */
        uint32_t mid = (r << 16) | (lo >> 16);
        uint32_t qmid = mid / base;
        r = mid % base;
        uint32_t low = (r << 16) | (lo & 0xffff);
        uint32_t qlow = low / base;
        r = low % base;
        *--p = set[r];
        v = ((uint64_t)qhi << 32) | (qmid << 16) | qlow;
    } while (v);
    return p;
}

static void put_number(struct out *o, const struct spec *sp, uint64_t v, bool negative, unsigned base, bool upper,
                       const char *prefix) {
    char buf[24];
    char *end = buf + sizeof(buf);
    char *p = (v == 0 && sp->precision == 0) ? end : digits(end, v, base, upper);
    int ndigits = (int)(end - p);
    char sign = negative ? '-' : sp->plus ? '+' : sp->space ? ' ' : 0;
    int nprefix = (int)strlen(prefix) + (sign != 0);
    int zeros = sp->precision > ndigits ? sp->precision - ndigits : 0;

    if (sp->zero && !sp->left && sp->precision < 0 && sp->width > nprefix + ndigits)
        zeros = sp->width - nprefix - ndigits;
    int total = nprefix + zeros + ndigits;

    if (!sp->left)
        pad(o, ' ', sp->width - total);
    if (sign)
        emit(o, &sign, 1);
    emit(o, prefix, strlen(prefix));
    pad(o, '0', zeros);
    emit(o, p, (size_t)ndigits);
    if (sp->left)
        pad(o, ' ', sp->width - total);
}

static void put_string(struct out *o, const struct spec *sp, const char *s, size_t len) {
    if (!sp->left)
        pad(o, ' ', sp->width - (int)len);
    emit(o, s, len);
    if (sp->left)
        pad(o, ' ', sp->width - (int)len);
}

static uint64_t arg_unsigned(const struct spec *sp, va_list *ap) {
    switch (sp->length) {
    case 2:
        return va_arg(*ap, unsigned long long);
    case 1:
        return va_arg(*ap, unsigned long);
    case -1:
        return (unsigned short)va_arg(*ap, unsigned int);
    case -2:
        return (unsigned char)va_arg(*ap, unsigned int);
    default:
        return va_arg(*ap, unsigned int);
    }
}

static int64_t arg_signed(const struct spec *sp, va_list *ap) {
    switch (sp->length) {
    case 2:
        return va_arg(*ap, long long);
    case 1:
        return va_arg(*ap, long);
    case -1:
        return (short)va_arg(*ap, int);
    case -2:
        return (signed char)va_arg(*ap, int);
    default:
        return va_arg(*ap, int);
    }
}

/* Parses flags, width, precision and length at *fmtp; advances it to the conversion character. */
static void parse_spec(struct spec *sp, const char **fmtp, va_list *ap) {
    const char *f = *fmtp;

    *sp = (struct spec){.precision = -1};
    for (;; f++) {
        if (*f == '-')
            sp->left = true;
        else if (*f == '0')
            sp->zero = true;
        else if (*f == '+')
            sp->plus = true;
        else if (*f == ' ')
            sp->space = true;
        else if (*f == '#')
            sp->alt = true;
        else
            break;
    }
    if (*f == '*') {
        sp->width = va_arg(*ap, int);
        if (sp->width < 0) {
            sp->left = true;
            sp->width = -sp->width;
        }
        f++;
    } else {
        for (; *f >= '0' && *f <= '9'; f++)
            sp->width = sp->width * 10 + (*f - '0');
    }
    if (*f == '.') {
        f++;
        sp->precision = 0;
        if (*f == '*') {
            sp->precision = va_arg(*ap, int);
            if (sp->precision < 0)
                sp->precision = -1;
            f++;
        } else {
            for (; *f >= '0' && *f <= '9'; f++)
                sp->precision = sp->precision * 10 + (*f - '0');
        }
    }
    for (;; f++) {
        if (*f == 'l')
            sp->length = sp->length >= 1 ? 2 : 1;
        else if (*f == 'h')
            sp->length = sp->length <= -1 ? -2 : -1;
        else if (*f == 'z' || *f == 't')
            sp->length = sizeof(size_t) == sizeof(long) ? 1 : 0;
        else if (*f == 'j')
            sp->length = 2;
        else
            break;
    }
    *fmtp = f;
}

int format_v(format_sink_fn sink, void *ctx, const char *fmt, va_list ap_in) {
    struct out o = {.sink = sink, .ctx = ctx};
    struct spec sp;
    va_list ap;

    va_copy(ap, ap_in);
    while (*fmt) {
        const char *start = fmt;
        while (*fmt && *fmt != '%')
            fmt++;
        emit(&o, start, (size_t)(fmt - start));
        if (!*fmt)
            break;

        const char *conv_start = fmt++;
        parse_spec(&sp, &fmt, &ap);
        /* '+' and ' ' concern signed conversions only (ISO C): %u %x %o %p ignore them. */
        if (*fmt != 'd' && *fmt != 'i')
            sp.plus = sp.space = false;
        switch (*fmt) {
        case 'd':
        case 'i': {
            int64_t v = arg_signed(&sp, &ap);
            uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
            put_number(&o, &sp, mag, v < 0, 10, false, "");
            break;
        }
        case 'u':
            put_number(&o, &sp, arg_unsigned(&sp, &ap), false, 10, false, "");
            break;
        case 'x':
        case 'X': {
            uint64_t v = arg_unsigned(&sp, &ap);
            const char *prefix = (sp.alt && v) ? (*fmt == 'x' ? "0x" : "0X") : "";
            put_number(&o, &sp, v, false, 16, *fmt == 'X', prefix);
            break;
        }
        case 'o': {
            uint64_t v = arg_unsigned(&sp, &ap);
            /* '#' adds a leading 0 only when neither the precision nor a lone 0 digit gives one. */
            int ndigits = 0;
            for (uint64_t t = v; t; t >>= 3)
                ndigits++;
            bool lead = sp.alt && (v ? sp.precision <= ndigits : sp.precision == 0);
            put_number(&o, &sp, v, false, 8, false, lead ? "0" : "");
            break;
        }
        case 'p': {
            uintptr_t v = (uintptr_t)va_arg(ap, void *);
            sp.length = 0;
            if (sp.precision < 0)
                sp.precision = (int)(2 * sizeof(void *));
            put_number(&o, &sp, v, false, 16, false, "0x");
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            size_t len = sp.precision >= 0 ? strnlen(s, (size_t)sp.precision) : strlen(s);
            put_string(&o, &sp, s, len);
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            put_string(&o, &sp, &c, 1);
            break;
        }
        case '%':
            emit(&o, "%", 1);
            break;
        default:
            /* Unknown or truncated conversion: show it as written. */
            if (!*fmt)
                fmt--;
            emit(&o, conv_start, (size_t)(fmt - conv_start + 1));
            break;
        }
        fmt++;
    }
    va_end(ap);
    return o.count;
}

struct buffer {
    char *buf;
    size_t size;
    size_t used;
};

static void buffer_sink(void *ctx, const char *s, size_t len) {
    struct buffer *b = ctx;

    if (b->used + 1 < b->size) {
        size_t room = b->size - 1 - b->used;
        memcpy(b->buf + b->used, s, len < room ? len : room);
    }
    b->used += len;
}

int format_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) {
    struct buffer b = {.buf = buf, .size = size};
    int n = format_v(buffer_sink, &b, fmt, ap);

    if (size)
        buf[b.used < size ? b.used : size - 1] = '\0';
    return n;
}

int format_snprintf(char *buf, size_t size, const char *fmt, ...) {
    va_list ap;

    va_start(ap, fmt);
    int n = format_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
