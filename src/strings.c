/*
 * strings.c — ReadMultiByteStringVirtual[Wide] and
 * ReadUnicodeStringVirtual[Wide]: NUL-terminated strings in the target.
 *
 * The rules (dbgeng's, and ours where its documentation is silent; see
 * docs/semantics.md):
 *   - up to MaxBytes bytes are read looking for the terminator (one 0 byte,
 *     or for Unicode strings one 0 UTF-16 unit at an even distance from
 *     Offset); none within MaxBytes is E_INVALIDARG; memory that cannot be
 *     read before the terminator is a read error (the backend's HRESULT);
 *   - Unicode strings in the target are UTF-16 in the target's byte order
 *     (UTF-16BE on a big-endian target, t->big_endian); the WCHARs of the
 *     caller's buffers are UTF-16 in the host's byte order;
 *   - *StringBytes is the string's size in the target in bytes, terminator
 *     included;
 *   - BufferSize counts characters of Buffer (bytes, or WCHARs for _Wide);
 *     a string that does not fit is cut to BufferSize - 1 characters plus a
 *     NUL and the result is S_FALSE; a conversion never cuts a character in
 *     two (nor a surrogate pair); Buffer NULL asks only for *StringBytes;
 *   - code pages are converted with iconv; bytes that are not valid in the
 *     source become U+FFFD (or '?' where the output cannot hold it), as
 *     MultiByteToWideChar and WideCharToMultiByte do by default.
 *
 * The target is read through the cache (strings are small and often read
 * again) in chunks that grow from 256 bytes to 64 KiB, never byte by byte,
 * and only as much of the string is kept as the caller's buffer can show.
 */
#include "semantics.h"

#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_CHUNK 256u
#define LAST_CHUNK (64u * 1024u)

#ifndef CP_THREAD_ACP
#define CP_MACCP 2
#define CP_THREAD_ACP 3
#endif

/* ---- byte order -------------------------------------------------------------- */

/* Whether this program runs big-endian: the order of the caller's WCHARs. */
static bool host_big_endian(void)
{
    const uint16_t one = 1;
    uint8_t first;
    memcpy(&first, &one, 1);
    return first == 0;
}

/* iconv's name of UTF-16 in one byte order (never plain "UTF-16", which
   reads and writes a byte-order mark). */
static const char *utf16_charset(bool big_endian)
{
    return big_endian ? "UTF-16BE" : "UTF-16LE";
}

/* The UTF-16 unit at p, stored in the given byte order. */
static unsigned utf16_unit(const uint8_t *p, bool big_endian)
{
    return big_endian ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
}

static bool is_surrogate_pair(const uint8_t *p, bool big_endian)
{
    unsigned hi = utf16_unit(p, big_endian), lo = utf16_unit(p + 2, big_endian);
    return hi >= 0xD800 && hi < 0xDC00 && lo >= 0xDC00 && lo < 0xE000;
}

/* ---- finding the terminator ------------------------------------------------ */

struct target_string {
    uint8_t *bytes;     /* the first `kept` bytes of the string */
    size_t kept, cap;
    size_t keep_limit;  /* never keep more than this */
    uint64_t length;    /* bytes before the terminator */
};

static HRESULT keep_bytes(ds_target *t, struct target_string *s, const uint8_t *p, size_t n)
{
    if (n > s->keep_limit - s->kept)
        n = s->keep_limit - s->kept;
    if (n == 0)
        return S_OK;
    if (s->kept + n > s->cap) {
        size_t cap = s->cap ? s->cap : 256;
        while (cap < s->kept + n)
            cap *= 2;
        uint8_t *grown = realloc(s->bytes, cap);
        if (!grown)
            return ds_fail(t, E_OUTOFMEMORY, "out of memory keeping a %zu-byte string", cap);
        s->bytes = grown;
        s->cap = cap;
    }
    memcpy(s->bytes + s->kept, p, n);
    s->kept += n;
    return S_OK;
}

/* Index of the first terminator unit in p[0, n) (n a multiple of unit),
   or n when there is none. A 0 UTF-16 unit is two 0 bytes in either byte
   order. */
static size_t find_terminator(const uint8_t *p, size_t n, unsigned unit)
{
    if (unit == 1) {
        const uint8_t *z = memchr(p, 0, n);
        return z ? (size_t)(z - p) : n;
    }
    for (size_t i = 0; i < n; i += 2)
        if (p[i] == 0 && p[i + 1] == 0)
            return i;
    return n;
}

static HRESULT unreadable(ds_target *t, HRESULT hr, const char *method, uint64_t offset,
                          uint64_t at)
{
    char why[sizeof t->error];
    snprintf(why, sizeof why, "%s", ds_error_text(t));
    return ds_fail(t, hr, "%s: the string at 0x%llx has no terminator before 0x%llx, which "
                   "cannot be read (%s)", method, (unsigned long long)offset,
                   (unsigned long long)at, why);
}

/* Read the string at offset up to its terminator of `unit` bytes. */
static HRESULT read_terminated(ds_target *t, uint64_t offset, uint32_t max_bytes, unsigned unit,
                               struct target_string *s, const char *method)
{
    uint64_t limit = max_bytes ? ds_last_byte(offset, max_bytes) - offset + 1 : 0;
    limit -= limit % unit;  /* only whole units count */
    uint8_t *buf = malloc(LAST_CHUNK + unit);
    if (!buf)
        return ds_fail(t, E_OUTOFMEMORY, "%s: out of memory", method);
    uint64_t scanned = 0;  /* bytes before the carry, all without a terminator */
    size_t carry = 0, chunk = FIRST_CHUNK;
    HRESULT hr = S_OK;
    while (scanned + carry < limit) {
        uint64_t left = limit - scanned - carry;
        size_t want = left < chunk ? (size_t)left : chunk, got = 0;
        uint64_t at = offset + scanned + carry;
        hr = ds_read_common(t, at, buf + carry, want, &got, true);
        if (got == 0) {
            hr = unreadable(t, FAILED(hr) ? hr : HRESULT_FROM_WIN32(ERROR_READ_FAULT), method,
                            offset, at);
            goto out;
        }
        size_t have = carry + got, whole = have - have % unit;
        size_t end = find_terminator(buf, whole, unit);
        hr = keep_bytes(t, s, buf, end);
        if (FAILED(hr) || end < whole) {
            s->length = scanned + end;
            goto out;
        }
        scanned += whole;
        carry = have - whole;
        memmove(buf, buf + whole, carry);
        chunk = chunk < LAST_CHUNK ? chunk * 4 : LAST_CHUNK;
    }
    hr = ds_fail(t, E_INVALIDARG, "%s: no terminator in the %u bytes at 0x%llx (MaxBytes)",
                 method, max_bytes, (unsigned long long)offset);
out:
    free(buf);
    return hr;
}

/* ---- code pages -------------------------------------------------------------- */

/* CP_ACP is the charset of the calling program's LC_CTYPE locale. A
   program that never called setlocale runs in the C locale, whose ASCII
   would mangle every non-English string: that case is taken as UTF-8. */
static const char *locale_charset(void)
{
    const char *cs = nl_langinfo(CODESET);
    if (!cs || !*cs || strcmp(cs, "ANSI_X3.4-1968") == 0 || strcmp(cs, "ASCII") == 0)
        return "UTF-8";
    return cs;
}

/* The iconv name of a Windows code page; NULL for the Unicode code pages
   (UTF-16/32), which are not multibyte charsets. */
static const char *charset_name(uint32_t code_page, char *name, size_t cap)
{
    switch (code_page) {
    case CP_ACP: case CP_OEMCP: case CP_THREAD_ACP: return locale_charset();
    case CP_MACCP: return "MACINTOSH";
    case CP_UTF8: return "UTF-8";
    case 65000: return "UTF-7";
    case 20127: return "ASCII";
    case 20866: return "KOI8-R";
    case 21866: return "KOI8-U";
    case 20932: case 51932: return "EUC-JP";
    case 51949: return "EUC-KR";
    case 50220: case 50221: case 50222: return "ISO-2022-JP";
    case 54936: return "GB18030";
    case 1200: case 1201: case 12000: case 12001: return NULL;
    default: break;
    }
    if (code_page >= 28591 && code_page <= 28606)
        snprintf(name, cap, "ISO-8859-%u", code_page - 28590);
    else
        snprintf(name, cap, "CP%u", code_page);
    return name;
}

struct converter {
    iconv_t cd;
    uint8_t replacement[8];  /* U+FFFD, or '?', in the output charset */
    size_t replacement_size;
    unsigned in_unit;        /* bytes skipped over an invalid input unit */
    bool in_big_endian;      /* UTF-16 input (in_unit 2) is big-endian */
};

static void find_replacement(struct converter *c, const char *to)
{
    static const char fffd[2] = { (char)0xFD, (char)0xFF };  /* U+FFFD in UTF-16LE */
    iconv_t cd = iconv_open(to, "UTF-16LE");
    c->replacement_size = 0;
    if (cd != (iconv_t)-1) {
        char *in = (char *)fffd, *out = (char *)c->replacement;
        size_t in_left = sizeof fffd, out_left = sizeof c->replacement;
        if (iconv(cd, &in, &in_left, &out, &out_left) != (size_t)-1)
            c->replacement_size = sizeof c->replacement - out_left;
        iconv_close(cd);
    }
    if (c->replacement_size == 0) {
        c->replacement[0] = '?';
        c->replacement_size = 1;
    }
}

static HRESULT open_converter(ds_target *t, struct converter *c, uint32_t code_page,
                              bool to_utf16, const char *method)
{
    char name[32];
    const char *cs = charset_name(code_page, name, sizeof name);
    if (!cs)
        return ds_fail(t, E_INVALIDARG, "%s: code page %u is a Unicode encoding, not a "
                       "multibyte code page", method, code_page);
    /* Into the caller's WCHARs (host order), or out of the target's UTF-16
       (target order). */
    const char *from = to_utf16 ? cs : utf16_charset(t->big_endian);
    const char *to = to_utf16 ? utf16_charset(host_big_endian()) : cs;
    c->cd = iconv_open(to, from);
    if (c->cd == (iconv_t)-1)
        return ds_fail_errno(t, E_INVALIDARG, errno, "%s: code page %u (%s) cannot be "
                             "converted by iconv", method, code_page, cs);
    c->in_unit = to_utf16 ? 1 : 2;
    c->in_big_endian = t->big_endian;
    find_replacement(c, to);
    return S_OK;
}

/* What one conversion of the kept bytes came to. */
enum conversion {
    CONVERTED_ALL,  /* every input byte converted (the shift state closed if the string ends) */
    OUTPUT_FULL,    /* the output filled up first: the string does not fit */
    INPUT_CUT,      /* the kept bytes end inside a character: more are needed */
};

/* Convert in[0, n) into out[0, cap): *produced bytes. iconv stops at a
   character boundary when the output fills, so nothing is cut in two.
   `more` says that the string goes on after in[n): a character cut at the
   end is then not yet invalid (INPUT_CUT), and the shift state stays open.
   When the output fills, what fits is closed with the sequence back to the
   initial state (ESC ( B, or UTF-7's "-"), if there is room for it:
   *closed says whether there was. */
static enum conversion convert(struct converter *c, const uint8_t *in, size_t n, bool more,
                               uint8_t *out, size_t cap, size_t *produced, bool *closed)
{
    char *ip = (char *)in, *op = (char *)out;
    size_t il = n, ol = cap;
    enum conversion result = CONVERTED_ALL;
    iconv(c->cd, NULL, NULL, NULL, NULL);  /* the initial shift state */
    while (il && result == CONVERTED_ALL) {
        if (iconv(c->cd, &ip, &il, &op, &ol) != (size_t)-1)
            break;
        if (errno == E2BIG) {
            result = OUTPUT_FULL;
        } else if (errno == EINVAL && more) {
            result = INPUT_CUT;
        } else if (ol < c->replacement_size) {
            result = OUTPUT_FULL;
        } else {
            /* EILSEQ or EINVAL at the string's end: replace one input
               unit, or one character the output cannot hold (a surrogate
               pair is one character). */
            memcpy(op, c->replacement, c->replacement_size);
            op += c->replacement_size;
            ol -= c->replacement_size;
            size_t skip = il < c->in_unit ? il : c->in_unit;
            if (c->in_unit == 2 && il >= 4 &&
                is_surrogate_pair((const uint8_t *)ip, c->in_big_endian))
                skip = 4;
            ip += skip;
            il -= skip;
        }
    }
    *closed = true;
    if ((result == CONVERTED_ALL && !more) || result == OUTPUT_FULL) {
        if (iconv(c->cd, NULL, NULL, &op, &ol) == (size_t)-1) {
            result = OUTPUT_FULL;  /* no room for the way back to the initial state */
            *closed = false;
        }
    }
    *produced = (size_t)(op - (char *)out);
    return result;
}

/* ---- answering --------------------------------------------------------------- */

/* Store `units` UTF-16 units held in the given byte order as WCHARs,
   plus a 0. */
static void store_wide(WCHAR *buffer, const uint8_t *p, size_t units, bool big_endian)
{
    for (size_t i = 0; i < units; i++)
        buffer[i] = (WCHAR)utf16_unit(p + 2 * i, big_endian);
    buffer[units] = 0;
}

/* Copy a string of `units` units without conversion into a buffer of
   buffer_size units (UTF-16 units from the target's byte order to the
   host's). */
static HRESULT answer_raw(const ds_target *t, const struct target_string *s, unsigned unit,
                          void *buffer, uint32_t buffer_size)
{
    uint64_t units = s->length / unit;
    if (!buffer)
        return S_OK;
    if (buffer_size == 0)
        return S_FALSE;
    size_t n = units < buffer_size - 1 ? (size_t)units : buffer_size - 1;
    if (unit == 2 && n < units && n > 0 &&
        is_surrogate_pair(s->bytes + 2 * (n - 1), t->big_endian))
        n--;  /* never half a pair */
    if (unit == 1) {
        if (n)
            memcpy(buffer, s->bytes, n);  /* an empty string keeps no bytes */
        ((char *)buffer)[n] = '\0';
    } else {
        store_wide(buffer, s->bytes, n, t->big_endian);
    }
    return units + 1 > buffer_size ? S_FALSE : S_OK;
}

/* Keep more of a string whose length is known: up to `upto` bytes. Its
   bytes were all read once already (the terminator was found), so a
   failure now means the target changed underneath. */
static HRESULT keep_more(ds_target *t, uint64_t offset, struct target_string *s, uint64_t upto,
                         const char *method)
{
    uint8_t chunk[4096];
    s->keep_limit = (size_t)upto;
    while (s->kept < upto) {
        size_t want = upto - s->kept < sizeof chunk ? (size_t)(upto - s->kept) : sizeof chunk;
        size_t got = 0;
        uint64_t at = offset + s->kept;
        HRESULT hr = ds_read_common(t, at, chunk, want, &got, true);
        if (got == 0)
            return unreadable(t, FAILED(hr) ? hr : HRESULT_FROM_WIN32(ERROR_READ_FAULT), method,
                              offset, at);
        hr = keep_bytes(t, s, chunk, got);
        if (FAILED(hr))
            return hr;
    }
    return S_OK;
}

/* Convert the string into a buffer of buffer_size characters of out_unit
   bytes (1: multibyte, 2: UTF-16). In a stateful code page (UTF-7,
   ISO-2022-JP) a character may take any number of input bytes (escape
   sequences that switch to the state already in force are valid and
   produce nothing), so no input window is known to be enough: while the
   output has room and the string goes on, keep four times more of it and
   convert again. */
static HRESULT answer_converted(ds_target *t, struct converter *c, struct target_string *s,
                                uint64_t offset, unsigned out_unit, void *buffer,
                                uint32_t buffer_size, const char *method)
{
    if (!buffer)
        return S_OK;
    if (buffer_size == 0)
        return S_FALSE;
    size_t cap = ((size_t)buffer_size - 1) * out_unit, produced;
    uint8_t *out = out_unit == 1 ? buffer : malloc(cap ? cap : 1);
    if (!out)
        return ds_fail(t, E_OUTOFMEMORY, "%s: out of memory converting a string", method);
    HRESULT hr = S_OK;
    enum conversion result;
    size_t reserve = 0;  /* output left free for closing the shift state */
    for (;;) {
        bool more = s->kept < s->length, closed;
        result = convert(c, s->bytes, s->kept, more, out, cap - reserve, &produced, &closed);
        if (!closed && reserve < cap) {
            /* A cut string must still end in the initial state: convert
               less, leaving room for the sequence that gets back there. */
            reserve = reserve ? reserve * 2 : 4;
            reserve = reserve < cap ? reserve : cap;
            continue;
        }
        if (result == OUTPUT_FULL || !more)
            break;
        uint64_t upto = (uint64_t)s->kept * 4 + FIRST_CHUNK;  /* kept < 2^32: MaxBytes */
        if (upto > s->length)
            upto = s->length;
        hr = keep_more(t, offset, s, upto, method);
        if (FAILED(hr))
            break;
    }
    if (out_unit == 1)
        ((char *)buffer)[produced] = '\0';
    else
        store_wide(buffer, out, produced / 2, host_big_endian());  /* iconv wrote host order */
    if (out != buffer)
        free(out);
    if (FAILED(hr))
        return hr;
    return result == CONVERTED_ALL ? S_OK : S_FALSE;
}

/* The common frame of the four methods. code_page < 0: no conversion. */
static HRESULT read_string(ds_target *t, uint64_t offset, uint32_t max_bytes, int64_t code_page,
                           unsigned in_unit, unsigned out_unit, void *buffer,
                           uint32_t buffer_size, uint32_t *string_bytes, const char *method)
{
    if (string_bytes)
        *string_bytes = 0;
    DS_REQUIRE_TARGET_AS_AT(t, method, offset);
    struct converter c = { .cd = (iconv_t)-1 };
    HRESULT hr = S_OK;
    if (code_page >= 0)
        hr = open_converter(t, &c, (uint32_t)code_page, out_unit == 2, method);
    if (FAILED(hr))
        return hr;
    /* Keep what the buffer can show. Unconverted, that is exact. Converted,
       a character of a stateless code page takes at most 4 bytes of input
       per output unit; answer_converted keeps more when that was not
       enough (stateful code pages). */
    size_t keep = !buffer ? 0 : code_page < 0 ? (size_t)buffer_size * in_unit
                                               : ((size_t)buffer_size + 2) * 4;
    struct target_string s = { .keep_limit = keep };
    offset = ds_canonical_address(t, offset);
    hr = read_terminated(t, offset, max_bytes, in_unit, &s, method);
    if (SUCCEEDED(hr)) {
        if (string_bytes)
            *string_bytes = (uint32_t)(s.length + in_unit);
        hr = code_page < 0 ? answer_raw(t, &s, in_unit, buffer, buffer_size)
                           : answer_converted(t, &c, &s, offset, out_unit, buffer, buffer_size,
                                              method);
        /* A success speaks only of itself: no sentence from a chunk read
           that ran into unreadable memory after the terminator. */
        if (hr == S_OK)
            ds_clear_error(t);
        else if (hr == S_FALSE)
            ds_fail(t, S_FALSE, "%s: the string at 0x%llx (%llu bytes in the target) does not "
                    "fit in a buffer of %u characters: it was cut", method,
                    (unsigned long long)offset, (unsigned long long)(s.length + in_unit),
                    buffer_size);
    }
    if (c.cd != (iconv_t)-1)
        iconv_close(c.cd);
    free(s.bytes);
    return hr;
}

HRESULT ds_read_multi_byte_string_virtual(ds_target *t, uint64_t offset, uint32_t max_bytes,
                                          char *buffer, uint32_t buffer_size,
                                          uint32_t *string_bytes)
{
    return read_string(t, offset, max_bytes, -1, 1, 1, buffer, buffer_size, string_bytes,
                       "ReadMultiByteStringVirtual");
}

HRESULT ds_read_multi_byte_string_virtual_wide(ds_target *t, uint64_t offset, uint32_t max_bytes,
                                               uint32_t code_page, WCHAR *buffer,
                                               uint32_t buffer_size, uint32_t *string_bytes)
{
    return read_string(t, offset, max_bytes, code_page, 1, 2, buffer, buffer_size, string_bytes,
                       "ReadMultiByteStringVirtualWide");
}

HRESULT ds_read_unicode_string_virtual(ds_target *t, uint64_t offset, uint32_t max_bytes,
                                       uint32_t code_page, char *buffer, uint32_t buffer_size,
                                       uint32_t *string_bytes)
{
    return read_string(t, offset, max_bytes, code_page, 2, 1, buffer, buffer_size, string_bytes,
                       "ReadUnicodeStringVirtual");
}

HRESULT ds_read_unicode_string_virtual_wide(ds_target *t, uint64_t offset, uint32_t max_bytes,
                                            WCHAR *buffer, uint32_t buffer_size,
                                            uint32_t *string_bytes)
{
    return read_string(t, offset, max_bytes, -1, 2, 2, buffer, buffer_size, string_bytes,
                       "ReadUnicodeStringVirtualWide");
}
