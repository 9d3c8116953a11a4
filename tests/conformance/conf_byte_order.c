/*
 * conf_byte_order.c — (make conformance) the methods that interpret target memory as values
 * (ReadPointersVirtual, WritePointersVirtual, the Unicode string methods)
 * follow the target's byte order: big-endian ELF cores (s390x, 32-bit
 * PowerPC) against little-endian ones (x86-64, i386) as the control, so
 * that ignoring the order fails either way. The caller's WCHARs are always
 * in the host's order.
 *
 * Pointers read are checked against the truth files' [reads] samples (the
 * bytes gdb saw), at every byte offset inside each sample. Strings and
 * pointer writes go to a DS_OPEN_WRITABLE_COPY of the core (a private
 * copy of the mapping; the file never changes). tests/test_byte_order.c
 * checks the same on cores it builds itself.
 */
#include "testlib.h"
#include "byte_order_checks.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Each core's name is its path under the test data. */
static const struct byte_order_core core_s390x = { "elfcore/lldb-linux-s390x.core", true, 8 };
static const struct byte_order_core core_ppc32 = { "elfcore/elfutils-backtrace.ppc.core", true,
                                                   4 };
static const struct byte_order_core core_x86_64 = { "elfcore/lldb-linux-x86_64.core", false, 8 };
static const struct byte_order_core core_i386 = { "elfcore/lldb-linux-i386.core", false, 4 };

/* ---- helpers ---------------------------------------------------------------------- */

/* Open the core (flags: 0 or DS_OPEN_WRITABLE_COPY); a missing one fails. */
static ds_target *open_core(const struct byte_order_core *c, unsigned flags)
{
    const char *path = testdata_path(c->name);
    if (access(path, R_OK) != 0)
        fail_msg("%s is not there", path);
    ds_target *t = NULL;
    assert_hr(S_OK, ds_open_dump(path, flags, &t), NULL);
    assert_non_null(t);
    assert_int_equal(ds_pointer_size(t), c->pointer_size);
    return t;
}

/* The truth file's [reads] samples, and its ELF data encoding (MSB/LSB). */
static size_t truth_samples(const struct byte_order_core *c, struct byte_order_sample *out,
                            bool *msb)
{
    char rel[512];
    snprintf(rel, sizeof rel, "%s.truth.txt", c->name);
    FILE *f = fopen(testdata_path(rel), "r");
    if (!f)
        fail_msg("%s is not there", testdata_path(rel));
    char line[1024];
    bool in_reads = false, have_data = false;
    size_t n = 0;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "elf: ", 5) == 0) {
            have_data = true;
            *msb = strstr(line, "data=MSB") != NULL;
            assert_true(*msb || strstr(line, "data=LSB"));
        }
        if (line[0] == '[') {
            in_reads = strncmp(line, "[reads]", 7) == 0;
            continue;
        }
        unsigned long long addr;
        unsigned b[16];
        if (!in_reads || n == BYTE_ORDER_MAX_SAMPLES ||
            sscanf(line, " 0x%llx: %x %x %x %x %x %x %x %x %x %x %x %x %x %x %x %x", &addr,
                   &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &b[6], &b[7], &b[8], &b[9],
                   &b[10], &b[11], &b[12], &b[13], &b[14], &b[15]) != 17)
            continue;
        out[n].addr = addr;
        for (int i = 0; i < 16; i++)
            out[n].bytes[i] = (uint8_t)b[i];
        n++;
    }
    fclose(f);
    assert_true(have_data);
    assert_true(n > 0);
    return n;
}

/* ---- ReadPointersVirtual over the truth samples --------------------------------------- */

static void check_truth_pointers(const struct byte_order_core *c)
{
    ds_target *t = open_core(c, 0);
    struct byte_order_sample samples[BYTE_ORDER_MAX_SAMPLES];
    bool msb = false;
    size_t n = truth_samples(c, samples, &msb);
    assert_int_equal(msb, c->big_endian);
    check_sample_pointers(t, c, samples, n);
    ds_close(t);
}

static void test_pointers_s390x(void **state)
{
    (void)state;
    check_truth_pointers(&core_s390x);
    /* The ELF header at the start of the executable, read big-endian. */
    ds_target *t = open_core(&core_s390x, 0);
    uint64_t ptr = 0;
    assert_hr(S_OK, ds_read_pointers_virtual(t, 1, 0x80000000u, &ptr), t);
    assert_true(ptr == 0x7F454C4602020100ull);
    ds_close(t);
}

static void test_pointers_ppc32(void **state)
{
    (void)state;
    check_truth_pointers(&core_ppc32);
    /* gdb's bytes f7 7f e9 30 at 0xf77fe910: big-endian, sign-extended. */
    ds_target *t = open_core(&core_ppc32, 0);
    uint64_t ptr = 0;
    assert_hr(S_OK, ds_read_pointers_virtual(t, 1, 0xf77fe910u, &ptr), t);
    assert_true(ptr == 0xFFFFFFFFF77FE930ull);
    assert_hr(S_OK, ds_read_pointers_virtual(t, 1, 0x100000u, &ptr), t);
    assert_true(ptr == 0x7F454C46u);
    ds_close(t);
}

static void test_pointers_x86_64(void **state)
{
    (void)state;
    check_truth_pointers(&core_x86_64);
    ds_target *t = open_core(&core_x86_64, 0);
    uint64_t ptr = 0;
    assert_hr(S_OK, ds_read_pointers_virtual(t, 1, 0x400000u, &ptr), t);
    assert_true(ptr == 0x00010102464C457Full);
    ds_close(t);
}

static void test_pointers_i386(void **state)
{
    (void)state;
    check_truth_pointers(&core_i386);
}

/* ---- WritePointersVirtual and the Unicode string methods ------------------------------ */

/* A DS_OPEN_WRITABLE_COPY of the core: writes go to a private copy of the
   mapping, the file never changes. */
static ds_target *open_writable(const struct byte_order_core *c)
{
    return open_core(c, DS_OPEN_WRITABLE_COPY);
}

DEFINE_BYTE_ORDER_WRITE_TESTS(open_writable, s390x)
DEFINE_BYTE_ORDER_WRITE_TESTS(open_writable, ppc32)
DEFINE_BYTE_ORDER_WRITE_TESTS(open_writable, x86_64)

int main(void)
{
    if (!testdata_required("conf_byte_order"))
        return 1;
    const struct CMUnitTest tests[] = {
        BYTE_ORDER_TESTS,
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
