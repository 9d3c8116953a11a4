/*
 * serve_text.c — the growing text the stub's generated documents are
 * written into (the memory map, the thread and library lists, the
 * synthetic /proc/PID/maps), and the rwx reading of a protection they
 * share.
 *
 * A document's size follows the target, never a request, and is bounded
 * all the same: past its limit (SERVE_DOC_CAP unless set lower) or when
 * memory runs out it stops growing and says so in `full`; what was written
 * stays whole.
 */
#include "serve.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Room for n more bytes and the terminating NUL, or full. */
static bool reserve(struct serve_text *b, size_t n)
{
    if (b->full)
        return false;
    size_t limit = b->limit ? b->limit : SERVE_DOC_CAP;
    if (n >= limit || b->len + n + 1 > limit) {
        b->full = true;
        return false;
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *grown = realloc(b->text, cap);
        if (!grown) {
            b->full = true;
            return false;
        }
        b->text = grown;
        b->cap = cap;
    }
    return true;
}

void serve_text_put(struct serve_text *b, const void *bytes, size_t n)
{
    if (!reserve(b, n))
        return;
    memcpy(b->text + b->len, bytes, n);
    b->len += n;
    b->text[b->len] = '\0';
}

void serve_text_printf(struct serve_text *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->full = true;
        return;
    }
    if (!reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->text + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void serve_protect_rwx(uint32_t protect, bool *r, bool *w, bool *x)
{
    uint32_t p = protect & 0xffu;
    bool guard = (protect & PAGE_GUARD) != 0;
    *r = !guard && p != 0 && p != PAGE_NOACCESS && p != PAGE_EXECUTE;
    *w = !guard && (p == PAGE_READWRITE || p == PAGE_WRITECOPY || p == PAGE_EXECUTE_READWRITE ||
                    p == PAGE_EXECUTE_WRITECOPY);
    *x = !guard && (p == PAGE_EXECUTE || p == PAGE_EXECUTE_READ || p == PAGE_EXECUTE_READWRITE ||
                    p == PAGE_EXECUTE_WRITECOPY);
}
