/*
 * test_fidelity.c — dbgeng fidelity items of issue 15 that the other test
 * programs do not own:
 *   - strings in stateful code pages (UTF-7, ISO-2022-JP), whose characters
 *     may take any number of input bytes, at every buffer-size edge;
 *   - ReadDebuggerData on a Windows minidump (built here byte by byte) and
 *     on targets that are not Windows processes;
 *   - unknown bits in the flags of SearchVirtual2, ReadPhysical2 and
 *     WritePhysical2;
 *   - sentences: the first fault on a fresh target is the backend's own,
 *     a symbolic-link loop is not "access denied", and a success never
 *     shows an earlier call's failure.
 * The target memory comes from a tiny in-memory backend, a minidump file
 * written here, and a live helper process (tests/helpers/api_target.c).
 */
#include "testlib.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "target.h"

#define READ_FAULT HRESULT_FROM_WIN32(ERROR_READ_FAULT)
#define BASE 0x10000000ull
#define REGION_SIZE (256u * 1024u)

/* ---- a one-region backend -------------------------------------------------- */

struct one_region {
    struct ds_target base;
    uint8_t bytes[REGION_SIZE];
};

static HRESULT one_read(ds_target *t, uint64_t addr, void *buf, size_t size, size_t *done)
{
    struct one_region *r = (struct one_region *)t;
    *done = 0;
    if (addr >= BASE && addr - BASE < REGION_SIZE) {
        uint64_t left = REGION_SIZE - (addr - BASE);
        *done = size < left ? size : (size_t)left;
        memcpy(buf, r->bytes + (addr - BASE), *done);
    }
    return *done ? S_OK : ds_fail(t, READ_FAULT, "one-region: nothing at 0x%llx",
                                  (unsigned long long)addr);
}

static void one_close(ds_target *t)
{
    ds_target_release(t);
    free(t);
}

static const struct ds_backend_ops one_ops = {
    .version = DS_BACKEND_OPS_VERSION, .name = "one-region", .read = one_read,
    .close = one_close,
};

static struct one_region *new_target(void)
{
    struct one_region *r = calloc(1, sizeof *r);
    assert_non_null(r);
    ds_target_init(&r->base, &one_ops);
    return r;
}

/* ---- strings in stateful code pages ---------------------------------------- */

/* The i-th character of a test string: hiragana and Latin letters mixed. */
static uint16_t test_char(unsigned i)
{
    return i % 3 == 1 ? (uint16_t)('a' + i % 26) : (uint16_t)(0x3041 + i % 83);
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* UTF-7 of n test characters, each one shifted on its own ("+MEE-"): 5
   bytes a character, all of them valid UTF-7 (RFC 2152 lets any character
   be base64-encoded). Returns the length; out gets a NUL after it. */
static size_t utf7_each_shifted(unsigned n, char *out)
{
    size_t k = 0;
    for (unsigned i = 0; i < n; i++) {
        uint16_t c = test_char(i);
        out[k++] = '+';
        out[k++] = b64[c >> 10];
        out[k++] = b64[(c >> 4) & 63];
        out[k++] = b64[(c & 15) << 2];
        out[k++] = '-';
    }
    out[k] = '\0';
    return k;
}

/* ISO-2022-JP of n test characters, switching state around every
   hiragana (ESC $ B, two bytes, ESC ( B): 8 bytes for those, 1 for the
   letters. */
static size_t iso2022_switching(unsigned n, char *out)
{
    size_t k = 0;
    for (unsigned i = 0; i < n; i++) {
        uint16_t c = test_char(i);
        if (c < 0x80) {
            out[k++] = (char)c;
            continue;
        }
        memcpy(out + k, "\033$B", 3);
        out[k + 3] = 0x24;
        out[k + 4] = (char)(0x21 + (c - 0x3041));
        memcpy(out + k + 5, "\033(B", 3);
        k += 8;
    }
    out[k] = '\0';
    return k;
}

/* Read the n-character string at BASE with every buffer size around n:
   the answer holds min(n, size - 1) characters, and is S_OK only when all n
   fit with their NUL. */
static void check_wide_edges(struct one_region *r, uint32_t code_page, unsigned n,
                             size_t encoded)
{
    ds_target *t = &r->base;
    unsigned sizes[] = { 1, 2, n > 1 ? n - 1 : 1, n, n + 1, n + 2, 2 * n + 8 };
    WCHAR *w = malloc((2 * n + 8) * sizeof *w);
    assert_non_null(w);
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        uint32_t size = sizes[k], bytes = 0;
        memset(w, 0xEE, (2 * n + 8) * sizeof *w);
        HRESULT want = size >= n + 1 ? S_OK : S_FALSE;
        assert_hr(want, ds_read_multi_byte_string_virtual_wide(t, BASE, 1u << 20, code_page, w,
                                                                size, &bytes), t);
        assert_int_equal(bytes, encoded + 1);
        unsigned shown = n < size - 1 ? n : size - 1;
        for (unsigned i = 0; i < shown; i++)
            assert_int_equal(w[i], test_char(i));
        assert_int_equal(w[shown], 0);
    }
    free(w);
}

static void test_utf7_each_character_shifted(void **state)
{
    (void)state;
    struct one_region *r = new_target();
    unsigned lengths[] = { 1, 33, 34, 35, 40, 41, 200, 5000 };
    for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
        memset(r->bytes, 0, sizeof r->bytes);
        size_t encoded = utf7_each_shifted(lengths[i], (char *)r->bytes);
        check_wide_edges(r, 65000, lengths[i], encoded);
    }
    /* The case: 40 characters (200 bytes) into 41 WCHARs. */
    WCHAR w[41];
    memset(r->bytes, 0, sizeof r->bytes);
    utf7_each_shifted(40, (char *)r->bytes);
    assert_hr(S_OK, ds_read_multi_byte_string_virtual_wide(&r->base, BASE, 4096, 65000, w, 41,
                                                            NULL), &r->base);
    assert_int_equal(w[39], test_char(39));
    ds_close(&r->base);
}

static void test_iso2022jp_switching_state(void **state)
{
    (void)state;
    struct one_region *r = new_target();
    unsigned lengths[] = { 1, 2, 40, 41, 333, 6000 };
    uint32_t pages[] = { 50220, 50221, 50222 };
    for (size_t p = 0; p < sizeof pages / sizeof pages[0]; p++)
        for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
            memset(r->bytes, 0, sizeof r->bytes);
            size_t encoded = iso2022_switching(lengths[i], (char *)r->bytes);
            check_wide_edges(r, pages[p], lengths[i], encoded);
        }
    ds_close(&r->base);
}

/* Escape sequences that switch to the state already in force are valid
   and produce nothing: three characters after 3000 bytes of them. */
static void test_redundant_escapes_before_the_text(void **state)
{
    (void)state;
    struct one_region *r = new_target();
    size_t k = 0;
    for (int i = 0; i < 1000; i++, k += 3)
        memcpy(r->bytes + k, "\033(B", 3);
    memcpy(r->bytes + k, "abc", 4);
    WCHAR w[8];
    uint32_t bytes;
    assert_hr(S_OK, ds_read_multi_byte_string_virtual_wide(&r->base, BASE, 1u << 16, 50220, w, 4,
                                                            &bytes), &r->base);
    assert_int_equal(bytes, k + 4);
    assert_int_equal(w[0], 'a');
    assert_int_equal(w[2], 'c');
    assert_int_equal(w[3], 0);
    assert_hr(S_FALSE, ds_read_multi_byte_string_virtual_wide(&r->base, BASE, 1u << 16, 50220, w,
                                                               3, NULL), &r->base);
    assert_int_equal(w[1], 'b');
    assert_int_equal(w[2], 0);
    ds_close(&r->base);
}

/* The other direction: UTF-16 in the target out to a stateful code page.
   iconv's own encoding of the whole string is the reference. */
static void test_unicode_out_to_stateful_code_pages(void **state)
{
    (void)state;
    struct one_region *r = new_target();
    struct { uint32_t cp; const char *charset; } pages[] = { { 65000, "UTF-7" },
                                                             { 50220, "ISO-2022-JP" } };
    unsigned n = 700;
    for (unsigned i = 0; i < n; i++) {
        uint16_t c = test_char(i);
        r->bytes[2 * i] = (uint8_t)c;
        r->bytes[2 * i + 1] = (uint8_t)(c >> 8);
    }
    r->bytes[2 * n] = r->bytes[2 * n + 1] = 0;
    char *want = malloc(16 * n), *got = malloc(16 * n);
    static uint8_t units[4 * 700];
    assert_non_null(want);
    assert_non_null(got);
    for (size_t p = 0; p < sizeof pages / sizeof pages[0]; p++) {
        iconv_t cd = iconv_open(pages[p].charset, "UTF-16LE");
        assert_true(cd != (iconv_t)-1);
        char *in = (char *)r->bytes, *out = want;
        size_t il = 2 * n, ol = 16 * n;
        assert_true(iconv(cd, &in, &il, &out, &ol) != (size_t)-1);
        assert_true(iconv(cd, NULL, NULL, &out, &ol) != (size_t)-1);
        iconv_close(cd);
        uint32_t len = (uint32_t)(out - want), bytes;
        assert_hr(S_OK, ds_read_unicode_string_virtual(&r->base, BASE, 1u << 16, pages[p].cp,
                                                       got, len + 1, &bytes), &r->base);
        assert_int_equal(bytes, 2 * n + 2);
        assert_memory_equal(got, want, len);
        assert_int_equal(got[len], 0);
        /* Every cut is a whole string of its code page: it decodes to a
           prefix of the characters, and is what iconv writes for that
           prefix, the way back to the initial state included. */
        iconv_t back = iconv_open("UTF-16LE", pages[p].charset);
        iconv_t again = iconv_open(pages[p].charset, "UTF-16LE");
        assert_true(back != (iconv_t)-1);
        assert_true(again != (iconv_t)-1);
        uint32_t sizes[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 50, len / 2, len - 2, len - 1, len };
        for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
            assert_hr(S_FALSE, ds_read_unicode_string_virtual(&r->base, BASE, 1u << 16,
                                                              pages[p].cp, got, sizes[k], NULL),
                      &r->base);
            size_t cut = strlen(got);
            assert_true(cut < sizes[k]);
            iconv(back, NULL, NULL, NULL, NULL);
            in = got;
            il = cut;
            out = (char *)units;
            ol = sizeof units;
            assert_true(iconv(back, &in, &il, &out, &ol) != (size_t)-1);
            size_t decoded = (size_t)(out - (char *)units);
            assert_memory_equal(units, r->bytes, decoded);
            iconv(again, NULL, NULL, NULL, NULL);
            in = (char *)units;
            il = decoded;
            out = want;
            ol = 16 * n;
            assert_true(iconv(again, &in, &il, &out, &ol) != (size_t)-1);
            assert_true(iconv(again, NULL, NULL, &out, &ol) != (size_t)-1);
            assert_int_equal((size_t)(out - want), cut);
            assert_memory_equal(want, got, cut);
        }
        iconv_close(back);
        iconv_close(again);
    }
    free(want);
    free(got);
    ds_close(&r->base);
}

/* ---- ReadDebuggerData ------------------------------------------------------ */

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put32(uint8_t *p, uint32_t v) { put16(p, (uint16_t)v); put16(p + 2, (uint16_t)(v >> 16)); }

/* A minidump holding one SystemInfoStream, written to a temporary file. */
static void write_minidump(char *path, uint16_t arch, uint8_t product_type, uint32_t platform,
                           uint16_t suite_mask)
{
    uint8_t d[32 + 12 + 56] = { 0 };
    memcpy(d, "MDMP", 4);
    put32(d + 4, 0xa793);        /* Version */
    put32(d + 8, 1);             /* NumberOfStreams */
    put32(d + 12, 32);           /* StreamDirectoryRva */
    put32(d + 32, 7);            /* SystemInfoStream */
    put32(d + 36, 56);
    put32(d + 40, 44);
    uint8_t *si = d + 44;
    put16(si, arch);             /* ProcessorArchitecture */
    put16(si + 2, 6);            /* ProcessorLevel */
    si[6] = 4;                   /* NumberOfProcessors */
    si[7] = product_type;
    put32(si + 8, 10);           /* MajorVersion */
    put32(si + 16, 19041);       /* BuildNumber */
    put32(si + 20, platform);    /* PlatformId */
    put16(si + 28, suite_mask);
    strcpy(path, "/tmp/ds_fidelity_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, d, sizeof d), (ssize_t)sizeof d);
    close(fd);
}

static ds_target *open_minidump(uint16_t arch, uint8_t product_type, uint32_t platform,
                                uint16_t suite_mask)
{
    char path[64];
    write_minidump(path, arch, product_type, platform, suite_mask);
    ds_target *t = NULL;
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);
    unlink(path);
    return t;
}

static void test_debugger_data_of_a_windows_minidump(void **state)
{
    (void)state;
    uint16_t arches[] = { 9 /* AMD64 */, 0 /* x86 */, 12 /* ARM64 */ };
    for (size_t a = 0; a < sizeof arches / sizeof arches[0]; a++) {
        uint8_t product = (uint8_t)(1 + a);  /* VER_NT_WORKSTATION, DOMAIN_CONTROLLER, SERVER */
        uint16_t suite = (uint16_t)(0x0110 + a);
        ds_target *t = open_minidump(arches[a], product, 2, suite);
        uint64_t sud = 0;
        uint32_t size = 0, v32 = 0;
        assert_hr(S_OK, ds_read_debugger_data(t, DEBUG_DATA_SharedUserData, &sud, sizeof sud,
                                              &size), t);
        assert_int_equal(size, 8);
        assert_int_equal(sud, 0x7FFE0000ull);
        assert_hr(S_OK, ds_read_debugger_data(t, DEBUG_DATA_ProductType, &v32, sizeof v32, &size),
                  t);
        assert_int_equal(size, 4);
        assert_int_equal(v32, product);
        assert_hr(S_OK, ds_read_debugger_data(t, DEBUG_DATA_SuiteMask, &v32, sizeof v32, &size),
                  t);
        assert_int_equal(v32, suite);

        /* dbgeng's fill rule: NULL asks for the size, a short buffer gets
           the first bytes and S_FALSE, *DataSize is always the whole. */
        assert_hr(S_OK, ds_read_debugger_data(t, DEBUG_DATA_SharedUserData, NULL, 0, &size), t);
        assert_int_equal(size, 8);
        uint8_t part[8];
        memset(part, 0xEE, sizeof part);
        assert_hr(S_FALSE, ds_read_debugger_data(t, DEBUG_DATA_SharedUserData, part, 4, &size),
                  t);
        assert_int_equal(size, 8);
        uint32_t low = 0;
        memcpy(&low, part, 4);
        assert_int_equal(low, 0x7FFE0000u);
        assert_int_equal(part[4], 0xEE);

        /* Kernel data stays E_NOTIMPL, outputs zeroed. */
        size = 99;
        assert_hr(E_NOTIMPL, ds_read_debugger_data(t, 24 /* KernBase */, &sud, 8, &size), t);
        assert_int_equal(size, 0);
        assert_hr(E_NOTIMPL, ds_read_debugger_data(t, 100000 /* PaeEnabled */, &sud, 8, &size), t);
        ds_close(t);
    }
}

static void test_debugger_data_of_targets_that_are_not_windows(void **state)
{
    (void)state;
    /* A Breakpad minidump of a Linux process (PlatformId MD_OS_LINUX). */
    ds_target *t = open_minidump(9, 0, 0x8201, 0);
    uint64_t v = 0;
    uint32_t size = 99;
    assert_hr(E_NOTIMPL, ds_read_debugger_data(t, DEBUG_DATA_SharedUserData, &v, 8, &size), t);
    assert_int_equal(size, 0);
    assert_non_null(strstr(ds_error_text(t), "KUSER_SHARED_DATA"));
    assert_hr(E_NOTIMPL, ds_read_debugger_data(t, DEBUG_DATA_ProductType, &v, 8, &size), t);
    ds_close(t);
    /* A live Linux process. */
    struct helper h;
    helper_start(&h, "api_target", "12345", NULL);
    assert_hr(S_OK, ds_attach(h.pid, 0, &t), NULL);
    assert_hr(E_NOTIMPL, ds_read_debugger_data(t, DEBUG_DATA_SharedUserData, &v, 8, &size), t);
    assert_non_null(strstr(ds_error_text(t), "not a Windows process"));
    ds_close(t);
    helper_stop(&h);
    /* Any other backend. */
    struct one_region *r = new_target();
    assert_hr(E_NOTIMPL, ds_read_debugger_data(&r->base, DEBUG_DATA_SuiteMask, &v, 8, &size),
              &r->base);
    ds_close(&r->base);
}

/* ---- flags ------------------------------------------------------------------- */

/* Every unknown bit is E_INVALIDARG, and the sentence names that bit. */
static void test_unknown_flag_bits(void **state)
{
    (void)state;
    struct one_region *r = new_target();
    ds_target *t = &r->base;
    uint8_t buf[8] = { 0 };
    uint64_t at;
    char bits[32];
    for (unsigned b = 1; b < 32; b++) {
        uint32_t bad = 1u << b;
        snprintf(bits, sizeof bits, "0x%x", bad);
        assert_hr(E_INVALIDARG, ds_search_virtual2(t, BASE, 64, bad | 1, "x", 1, 1, &at), t);
        assert_non_null(strstr(ds_error_text(t), bits));
        if (b < 2)
            continue;  /* DEBUG_PHYSICAL_* is a value of 0..3 */
        assert_hr(E_INVALIDARG, ds_read_physical2(t, 0, bad | 1, buf, 8, NULL), t);
        assert_non_null(strstr(ds_error_text(t), bits));
        assert_hr(E_INVALIDARG, ds_write_physical2(t, 0, bad | 3, buf, 8, NULL), t);
        assert_non_null(strstr(ds_error_text(t), bits));
    }
    /* Known values reach the target, which has no physical memory. */
    for (uint32_t f = 0; f <= 3; f++)
        assert_hr(E_NOTIMPL, ds_read_physical2(t, 0, f, buf, 8, NULL), t);
    ds_close(t);
}

/* ---- sentences ---------------------------------------------------------------- */

/* A target whose faults are page-granular (as a live process's), with a
   cache: the first fault is the backend's sentence about the address asked
   for; a second read there is answered from memory and still names it. */
static void test_first_fault_is_the_backends_sentence(void **state)
{
    (void)state;
    struct one_region *r = new_target();
    ds_target *t = &r->base;
    t->cache.page_granular = true;
    assert_hr(S_OK, ds_cache_set_size(t, 1u << 20), t);
    uint64_t addr = BASE + REGION_SIZE + 0x123;
    char hex[32];
    snprintf(hex, sizeof hex, "0x%llx", (unsigned long long)addr);
    uint8_t buf[8];
    uint32_t got = 99;
    assert_hr(READ_FAULT, ds_read_virtual(t, addr, buf, 8, &got), t);
    assert_int_equal(got, 0);
    assert_non_null(strstr(ds_error_text(t), "one-region: nothing at"));
    assert_non_null(strstr(ds_error_text(t), hex));
    assert_null(strstr(ds_error_text(t), "remembered"));
    assert_hr(READ_FAULT, ds_read_virtual(t, addr, buf, 8, &got), t);
    assert_non_null(strstr(ds_error_text(t), "remembered"));
    assert_non_null(strstr(ds_error_text(t), hex));
    ds_close(t);
}

/* The same on a live process, at its PROT_NONE guard page. */
static void test_first_fault_on_a_live_process(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "api_target", "12345", NULL);
    ds_target *t = NULL;
    assert_hr(S_OK, ds_attach(h.pid, 0, &t), NULL);
    uint64_t addr = helper_value(&h, "guard") + helper_value(&h, "page") + 0x10;
    char hex[32];
    snprintf(hex, sizeof hex, "0x%llx", (unsigned long long)addr);
    uint8_t buf[8];
    assert_hr(READ_FAULT, ds_read_virtual(t, addr, buf, 8, NULL), t);
    assert_null(strstr(ds_error_text(t), "remembered"));
    assert_non_null(strstr(ds_error_text(t), hex));
    assert_hr(READ_FAULT, ds_read_virtual(t, addr, buf, 8, NULL), t);
    assert_non_null(strstr(ds_error_text(t), hex));
    ds_close(t);
    helper_stop(&h);
}

static void test_open_errors_say_what_happened(void **state)
{
    (void)state;
    char dir[] = "/tmp/ds_fidelity_dir_XXXXXX", a[96], b[96], file[96], under[128];
    assert_non_null(mkdtemp(dir));
    snprintf(a, sizeof a, "%s/a", dir);
    snprintf(b, sizeof b, "%s/b", dir);
    snprintf(file, sizeof file, "%s/file", dir);
    snprintf(under, sizeof under, "%s/x.dmp", file);
    assert_int_equal(symlink(b, a), 0);
    assert_int_equal(symlink(a, b), 0);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fclose(f);
    ds_target *t = NULL;
    /* A symbolic-link loop: the name cannot be resolved, nobody refused. */
    assert_hr(HRESULT_FROM_WIN32(1921 /* ERROR_CANT_RESOLVE_FILENAME */),
              ds_open_dump(a, 0, &t), NULL);
    assert_non_null(strstr(ds_error_text(NULL), a));
    assert_non_null(strstr(ds_error_text(NULL), strerror(ELOOP)));
    /* A directory part that is a file: the path is not found. */
    assert_hr(HRESULT_FROM_WIN32(3 /* ERROR_PATH_NOT_FOUND */), ds_open_dump(under, 0, &t), NULL);
    unlink(file);
    assert_hr(HRESULT_FROM_WIN32(2 /* ERROR_FILE_NOT_FOUND */), ds_open_dump(file, 0, &t), NULL);
    assert_null(t);
    unlink(a);
    unlink(b);
    rmdir(dir);
}

/* After a success (S_OK or S_FALSE) the error text never shows an earlier
   call's failure. */
static void test_success_clears_an_older_sentence(void **state)
{
    (void)state;
    struct one_region *r = new_target();
    ds_target *t = &r->base;
    memcpy(r->bytes, "a longer string", 16);
    uint8_t buf[8];
    char s[4];
    uint32_t n;
    const uint64_t nowhere = BASE + REGION_SIZE;

    assert_hr(READ_FAULT, ds_read_virtual(t, nowhere, buf, 8, NULL), t);
    assert_hr(S_OK, ds_read_virtual(t, BASE, buf, 8, NULL), t);
    assert_string_equal(ds_error_text(t), "no error");

    assert_hr(READ_FAULT, ds_read_virtual(t, nowhere, buf, 8, NULL), t);
    assert_hr(S_FALSE, ds_read_multi_byte_string_virtual(t, BASE, 64, s, sizeof s, NULL), t);
    assert_null(strstr(ds_error_text(t), "nothing at"));
    assert_non_null(strstr(ds_error_text(t), "cut"));

    assert_hr(READ_FAULT, ds_read_virtual(t, nowhere, buf, 8, NULL), t);
    assert_hr(S_OK, ds_get_number_threads(t, &n), t);
    assert_string_equal(ds_error_text(t), "no error");

    assert_hr(READ_FAULT, ds_read_virtual(t, nowhere, buf, 8, NULL), t);
    assert_hr(S_OK, ds_cache_flush(t), t);
    assert_string_equal(ds_error_text(t), "no error");

    /* A string whose chunked scan ran into unreadable memory after its
       terminator succeeded: nothing about that read stays. */
    memcpy(r->bytes + REGION_SIZE - 4, "end", 4);
    assert_hr(S_OK, ds_read_multi_byte_string_virtual(t, BASE + REGION_SIZE - 4, 4096, s,
                                                      sizeof s, NULL), t);
    assert_string_equal(ds_error_text(t), "no error");
    ds_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf7_each_character_shifted),
        cmocka_unit_test(test_iso2022jp_switching_state),
        cmocka_unit_test(test_redundant_escapes_before_the_text),
        cmocka_unit_test(test_unicode_out_to_stateful_code_pages),
        cmocka_unit_test(test_debugger_data_of_a_windows_minidump),
        cmocka_unit_test(test_debugger_data_of_targets_that_are_not_windows),
        cmocka_unit_test(test_unknown_flag_bits),
        cmocka_unit_test(test_first_fault_is_the_backends_sentence),
        cmocka_unit_test(test_first_fault_on_a_live_process),
        cmocka_unit_test(test_open_errors_say_what_happened),
        cmocka_unit_test(test_success_clears_an_older_sentence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
