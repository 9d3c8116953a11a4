/*
 * test_byte_order.c — the methods that interpret target memory as values
 * (ReadPointersVirtual, WritePointersVirtual, the Unicode string methods)
 * follow the target's byte order: big-endian ELF cores (s390x, 32-bit
 * PowerPC) against little-endian ones (x86-64, i386) as the control, so
 * that ignoring the order fails either way. The caller's WCHARs are always
 * in the host's order.
 *
 * The cores are built here byte by byte (tests/lib/elfcore_builder.c, its
 * standard process), so every sample's bytes are known; pointers read are
 * checked at every byte offset inside each sample. Strings and pointer
 * writes go to a DS_OPEN_WRITABLE_COPY of the core (a private copy of the
 * mapping; the file never changes). tests/conformance/conf_byte_order.c
 * does the same on third-party cores.
 */
#include "testlib.h"
#include "elfcore_builder.h"
#include "byte_order_checks.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Each core's name is the builder's architecture. */
static const struct byte_order_core core_s390x = { "s390x", true, 8 };
static const struct byte_order_core core_ppc32 = { "ppc32", true, 4 };
static const struct byte_order_core core_x86_64 = { "x86_64", false, 8 };
static const struct byte_order_core core_i386 = { "i386", false, 4 };

/* ---- helpers ---------------------------------------------------------------------- */

/* The standard process as a core of c's machine, opened (flags: 0 or
   DS_OPEN_WRITABLE_COPY); where things are in *L. */
static ds_target *open_built(const struct byte_order_core *c, unsigned flags, struct ecb_layout *L)
{
    struct ecb b;
    ecb_init(&b, ecb_arch(c->name), 777);
    ecb_standard_process(&b, L);
    char path[] = "/tmp/ds-byte-order-XXXXXX";
    ecb_write_temp(&b, path);
    ecb_free(&b);
    ds_target *t = NULL;
    assert_hr(S_OK, ds_open_dump(path, flags, &t), NULL);
    unlink(path);  /* the open mapping keeps the bytes */
    assert_non_null(t);
    assert_int_equal(ds_pointer_size(t), c->pointer_size);
    return t;
}

/* 16-byte samples of what the builder wrote: the pointers (a 4-byte
   machine's sign-extend: they lie above 2 GiB) and both ELF headers. */
static size_t built_samples(const struct byte_order_core *c, const struct ecb_layout *L,
                            struct byte_order_sample *out)
{
    unsigned size = c->pointer_size;
    uint64_t at[] = { L->pointers, L->pointers + 16, L->exe, L->lib };
    size_t n = 0;
    for (size_t k = 0; k < sizeof at / sizeof *at; k++) {
        if (at[k] >= L->pointers + ECB_POINTERS * size && at[k] < L->exe_data + 0x1000)
            continue;  /* past the pointers */
        out[n].addr = at[k];
        for (unsigned i = 0; i < 16; i++) {
            uint64_t a = at[k] + i, off = a - L->pointers;
            if (a >= L->pointers && off < ECB_POINTERS * size) {
                uint64_t v = L->pointer_values[off / size];
                unsigned byte = (unsigned)(off % size);
                out[n].bytes[i] = (uint8_t)(v >> (8 * (c->big_endian ? size - 1 - byte : byte)));
            } else if (a < L->exe + 64 || (a >= L->lib && a < L->lib + 64)) {
                static const uint8_t magic[4] = { 0x7f, 'E', 'L', 'F' };
                uint64_t o = a < L->exe + 64 ? a - L->exe : a - L->lib;
                out[n].bytes[i] = o < 4 ? magic[o] : o == 4 ? (size == 8 ? 2 : 1)
                                  : o == 5 ? (c->big_endian ? 2 : 1) : o == 6 ? 1 : 0;
            } else {
                out[n].bytes[i] = ecb_pattern(a);
            }
        }
        n++;
    }
    return n;
}

/* ---- ReadPointersVirtual over the truth samples --------------------------------------- */

static void check_truth_pointers(const struct byte_order_core *c)
{
    struct ecb_layout L;
    ds_target *t = open_built(c, 0, &L);
    struct byte_order_sample samples[BYTE_ORDER_MAX_SAMPLES];
    size_t n = built_samples(c, &L, samples);
    check_sample_pointers(t, c, samples, n);
    ds_close(t);
}

/* The first pointer-sized word of the executable's ELF header, and the
   first pointer of the standard process. */
static void check_known_pointers(const struct byte_order_core *c, uint64_t header_word)
{
    struct ecb_layout L;
    ds_target *t = open_built(c, 0, &L);
    uint64_t ptr = 0;
    assert_hr(S_OK, ds_read_pointers_virtual(t, 1, L.exe, &ptr), t);
    assert_true(ptr == header_word);
    assert_hr(S_OK, ds_read_pointers_virtual(t, 1, L.pointers, &ptr), t);
    uint64_t want = L.pointer_values[0];
    if (c->pointer_size == 4)
        want |= 0xFFFFFFFF00000000ull;  /* above 2 GiB: sign-extended */
    assert_true(ptr == want);
    ds_close(t);
}

static void test_pointers_s390x(void **state)
{
    (void)state;
    check_truth_pointers(&core_s390x);
    /* The ELF header at the start of the executable, read big-endian. */
    check_known_pointers(&core_s390x, 0x7F454C4602020100ull);
}

static void test_pointers_ppc32(void **state)
{
    (void)state;
    check_truth_pointers(&core_ppc32);
    check_known_pointers(&core_ppc32, 0x7F454C46u);
}

static void test_pointers_x86_64(void **state)
{
    (void)state;
    check_truth_pointers(&core_x86_64);
    check_known_pointers(&core_x86_64, 0x00010102464C457Full);
}

static void test_pointers_i386(void **state)
{
    (void)state;
    check_truth_pointers(&core_i386);
    check_known_pointers(&core_i386, 0x464C457Fu);
}

/* ---- WritePointersVirtual and the Unicode string methods ------------------------------ */

/* A DS_OPEN_WRITABLE_COPY of the core: writes go to a private copy of the
   mapping, the file never changes. */
static ds_target *open_writable(const struct byte_order_core *c)
{
    struct ecb_layout L;
    return open_built(c, DS_OPEN_WRITABLE_COPY, &L);
}

DEFINE_BYTE_ORDER_WRITE_TESTS(open_writable, s390x)
DEFINE_BYTE_ORDER_WRITE_TESTS(open_writable, ppc32)
DEFINE_BYTE_ORDER_WRITE_TESTS(open_writable, x86_64)

int main(void)
{
    const struct CMUnitTest tests[] = {
        BYTE_ORDER_TESTS,
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
