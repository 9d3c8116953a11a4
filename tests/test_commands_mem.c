/*
 * test_commands_mem.c — the memory families of the command language:
 * s (search), e* and f (enter, fill), .writemem/.readmem, !address and
 * !vprot. Golden output over a minidump the test builds (its bytes and
 * regions planted here, so every expected line follows from them), and
 * live runs against the layout helper (tests/helpers/layout.c), each
 * change read back through ds_read_virtual.
 */
#include "testlib.h"
#include "command_checks.h"
#include "elfcore_builder.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the dump ----------------------------------------------------------- */

/* Two committed ranges with a free gap between them, and the patterns
 * the searches look for:
 *   A 0x10000-0x12000  PAGE_READWRITE, private
 *   B 0x20000-0x21000  PAGE_READONLY, mapped
 *   C 0x40000-0x90000  PAGE_READWRITE, private (.writemem's 3 chunks) */
#define A 0x10000u
#define A_SIZE 0x2000u
#define B 0x20000u
#define B_SIZE 0x1000u
#define C 0x40000u
#define C_SIZE 0x50000u

struct mem_dump {
    struct mdb m;
    ds_target *t;
    ds_session *s;
    char file[64]; /* a temporary file for .writemem/.readmem */
};

static void plant(uint8_t *range, uint32_t offset, const void *bytes, size_t n)
{
    memcpy(range + offset, bytes, n);
}

static int dump_setup_flags(void **state, unsigned flags)
{
    struct mem_dump *f = calloc(1, sizeof *f);
    assert_non_null(f);
    mdb_init(&f->m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);
    uint8_t *a = mdb_memory(&f->m, A, A_SIZE, NULL, MDB_IN_LIST64);
    plant(a, 0x100, "Hello", 5);
    plant(a, 0x180, "Hello", 5);
    plant(a, 0x200, "N\0o\0t\0e\0", 8);
    plant(a, 0x300, "STUV", 4); /* the dword 'VUTS', aligned */
    plant(a, 0x305, "STUV", 4); /* and not aligned: s -d skips it */
    static const uint8_t qword[8] = {0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11};
    plant(a, 0x400, qword, 8);
    plant(a, 0x500, "\xef\xbe", 2); /* the word beef */
    plant(a, 0x600, "QQQQQ", 5);
    plant(a, 0xf00, "Hello", 5);
    uint8_t *b = mdb_memory(&f->m, B, B_SIZE, NULL, MDB_IN_LIST64);
    plant(b, 0x10, "World", 5);
    mdb_memory_pattern(&f->m, C, C_SIZE, 7, MDB_IN_LIST64);
    mdb_meminfo(&f->m, A, A_SIZE, A, PAGE_READWRITE, MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE);
    mdb_meminfo(&f->m, B, B_SIZE, B, PAGE_READONLY, MEM_COMMIT, PAGE_READONLY, MEM_MAPPED);
    mdb_meminfo(&f->m, C, C_SIZE, C, PAGE_READWRITE, MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE);
    f->t = mdb_open(&f->m, flags);
    assert_int_equal(ds_session_create(f->t, &f->s), S_OK);
    snprintf(f->file, sizeof f->file, "/tmp/ds_cmdmem_%d.bin", (int)getpid());
    *state = f;
    return 0;
}

static int dump_setup(void **state)
{
    return dump_setup_flags(state, DS_OPEN_WRITABLE_COPY);
}

static int dump_setup_readonly(void **state)
{
    return dump_setup_flags(state, 0);
}

static int dump_teardown(void **state)
{
    struct mem_dump *f = *state;
    unlink(f->file);
    ds_session_destroy(f->s);
    ds_close(f->t);
    mdb_free(&f->m);
    free(f);
    return 0;
}

static void expect_bytes(ds_target *t, uint64_t address, const void *want, uint32_t n)
{
    uint8_t got[64];
    uint32_t read = 0;
    assert_true(n <= sizeof got);
    assert_hr(S_OK, ds_read_virtual(t, address, got, n, &read), t);
    assert_int_equal(read, n);
    assert_memory_equal(got, want, n);
}

/* Output that must contain `needle`, and the command's result. */
static void expect_contains(ds_session *s, const char *line, HRESULT want_hr, const char *needle)
{
    HRESULT hr;
    char *got = run_commands(s, line, &hr);
    if (!strstr(got, needle) || hr != want_hr) {
        print_error("command: %s\n--- want (hr 0x%08x) a line with ---\n%s\n--- got (hr 0x%08x) ---\n%s---\n",
                    line, (unsigned)want_hr, needle, (unsigned)hr, got);
        free(got);
        fail();
    }
    free(got);
}

/* ---- s ------------------------------------------------------------------- */

static void test_search_bytes_and_ascii(void **state)
{
    struct mem_dump *f = *state;
    const char *hello =
        "00000000`00010100  48 65 6c 6c 6f 00 00 00-00 00 00 00 00 00 00 00  Hello...........\n"
        "00000000`00010180  48 65 6c 6c 6f 00 00 00-00 00 00 00 00 00 00 00  Hello...........\n";
    expect_output(f->s, "s 10000 L200 48 65 6c 6c 6f", S_OK, hello);
    expect_output(f->s, "s -b 10000 L200 'H' 'e' 'l' 'l' 'o'", S_OK, hello);
    expect_output(f->s, "s -a 10000 L200 \"Hello\"", S_OK, hello);
    /* addr1 addr2: the end is inclusive, a match must fit inside. */
    expect_output(f->s, "s -a 10100 10104 \"Hello\"", S_OK,
                  "00000000`00010100  48 65 6c 6c 6f 00 00 00-00 00 00 00 00 00 00 00  Hello...........\n");
    expect_output(f->s, "s -a 10100 10103 \"Hello\"", S_OK, "");
    /* The third Hello at 0x10f00 is outside L200. */
    expect_output(f->s, "s -[1]a 10000 L2000 \"Hello\"", S_OK,
                  "00000000`00010100\n00000000`00010180\n00000000`00010f00\n");
    /* Overlapping matches are all found (cdb: QQQ three times in QQQQQ). */
    expect_output(f->s, "s -[1]a 10600 L10 \"QQQ\"", S_OK,
                  "00000000`00010600\n00000000`00010601\n00000000`00010602\n");
}

static void test_search_values_by_type(void **state)
{
    struct mem_dump *f = *state;
    /* s -d shows dc's layout; only the aligned 'VUTS' is found. */
    expect_output(f->s, "s -d 10000 L2000 'VUTS'", S_OK,
                  "00000000`00010300  56555453 55545300 00000056 00000000  STUV.STUV.......\n");
    expect_output(f->s, "s -q 10000 L2000 11223344`55667788", S_OK,
                  "00000000`00010400  11223344`55667788 00000000`00000000\n");
    expect_output(f->s, "s -w 10000 L2000 beef", S_OK,
                  "00000000`00010500  beef 0000 0000 0000 0000 0000 0000 0000  ................\n");
    expect_output(f->s, "s -u 10000 L2000 \"Note\"", S_OK,
                  "00000000`00010200  004e 006f 0074 0065 0000 0000 0000 0000  N.o.t.e.........\n");
}

static void test_search_walks_regions_and_writable_only(void **state)
{
    struct mem_dump *f = *state;
    const char *world =
        "00000000`00020010  57 6f 72 6c 64 00 00 00-00 00 00 00 00 00 00 00  World...........\n";
    /* Across the free gap between A and B. */
    expect_output(f->s, "s -a 10000 L?20000 \"World\"", S_OK, world);
    /* B is read-only: the [w] flag (SearchVirtual2's writable-only) skips it. */
    expect_output(f->s, "s -[w]a 10000 L?20000 \"World\"", S_OK, "");
    expect_output(f->s, "s -[w1]a 10000 L?20000 \"Hello\"", S_OK,
                  "00000000`00010100\n00000000`00010180\n00000000`00010f00\n");
    /* Above 256 MiB cdb wants L?; with it the whole space is searched. */
    expect_contains(f->s, "s -a 0 L20000000 \"World\"", E_INVALIDARG, "^ Range error in");
    expect_output(f->s, "s -a 0 L?7fffffffffff \"World\"", S_OK, world);
}

static void test_search_bad_input(void **state)
{
    struct mem_dump *f = *state;
    expect_contains(f->s, "s -x 10000 L10 1", E_INVALIDARG, "^ Syntax error in 's -x 10000 L10 1'");
    expect_contains(f->s, "s -[1] 10000 L10 1", E_INVALIDARG, "^ Syntax error");
    expect_contains(f->s, "s 10000 L10", E_INVALIDARG, "^ Syntax error");
    expect_contains(f->s, "s -a 10000 L10 \"open", E_INVALIDARG, "^ Syntax error");
    expect_contains(f->s, "s -b 10000 L10 100", E_INVALIDARG, "^ Overflow error");
    expect_contains(f->s, "s -a 10000 L10 \"x\" junk", E_INVALIDARG, "^ Extra character error");
}

static int progress_calls;
static uint64_t progress_done, progress_total;
static void count_progress(void *context, uint64_t done, uint64_t total)
{
    (void)context;
    progress_calls++;
    progress_done = done;
    progress_total = total;
}

static void test_search_reports_progress(void **state)
{
    struct mem_dump *f = *state;
    progress_calls = 0;
    ds_session_set_progress(f->s, count_progress, NULL);
    char *out = run_commands(f->s, "s -a 0 L?100000000 \"World\"", NULL);
    free(out);
    ds_session_set_progress(f->s, NULL, NULL);
    assert_true(progress_calls >= 1);
    assert_int_equal(progress_total, 0x100000000u);
    assert_int_equal(progress_done, progress_total);
}

/* Ctrl+C during a long search (here: from its first progress report):
 * the command stops with E_ABORT instead of walking on. */
static void interrupt_on_progress(void *context, uint64_t done, uint64_t total)
{
    (void)done;
    (void)total;
    progress_calls++;
    ds_session_interrupt(context);
}

static void test_search_stops_when_interrupted(void **state)
{
    struct mem_dump *f = *state;
    progress_calls = 0;
    ds_session_set_progress(f->s, interrupt_on_progress, f->s);
    HRESULT hr;
    char *out = run_commands(f->s, "s -b 40000 L?50000 0", &hr);
    ds_session_set_progress(f->s, NULL, NULL);
    assert_int_equal(hr, E_ABORT);
    assert_int_equal(progress_calls, 1);
    free(out);
    /* The next command runs as usual. */
    expect_output(f->s, "s -[1]a 10000 L200 \"Hello\"", S_OK,
                  "00000000`00010100\n00000000`00010180\n");
}

/* ---- e*, f --------------------------------------------------------------- */

static void test_enter_values(void **state)
{
    struct mem_dump *f = *state;
    expect_output(f->s, "eb 10700 41 42 'C' 0n68", S_OK, "");
    expect_bytes(f->t, 0x10700, "ABCD", 4);
    /* "1234 -2" would be one value (MASM's minus); a parenthesis starts
     * the next one, and a negative value is stored in two's complement. */
    expect_output(f->s, "ew 10710 1234 (-2)", S_OK, "");
    expect_bytes(f->t, 0x10710, "\x34\x12\xfe\xff", 4);
    expect_output(f->s, "ed 10720 89abcdef", S_OK, "");
    expect_bytes(f->t, 0x10720, "\xef\xcd\xab\x89", 4);
    /* A plain e repeats the last form: ed here. */
    expect_output(f->s, "e 10724 11223344", S_OK, "");
    expect_bytes(f->t, 0x10724, "\x44\x33\x22\x11", 4);
    expect_output(f->s, "eq 10730 01020304`05060708", S_OK, "");
    expect_bytes(f->t, 0x10730, "\x08\x07\x06\x05\x04\x03\x02\x01", 8);
    expect_output(f->s, "ep 10738 10+20", S_OK, "");
    expect_bytes(f->t, 0x10738, "\x30\0\0\0\0\0\0\0", 8);
    expect_output(f->s, "eb 10740 ff ff ff ff ff ff; ea 10740 \"hi\"", S_OK, "");
    expect_bytes(f->t, 0x10740, "hi\xff\xff", 4);
    expect_output(f->s, "eza 10740 \"hi\"", S_OK, "");
    expect_bytes(f->t, 0x10740, "hi\0\xff", 4);
    expect_output(f->s, "eb 10750 ff ff ff ff ff ff ff; eu 10750 \"h\xc3\xa9\"", S_OK, "");
    expect_bytes(f->t, 0x10750, "h\0\xe9\0\xff\xff", 6);
    expect_output(f->s, "ezu 10750 \"h\"", S_OK, "");
    expect_bytes(f->t, 0x10750, "h\0\0\0\xff", 5);
    /* A four-byte sequence as a surrogate pair; a byte that is not UTF-8
     * stands for itself. */
    expect_output(f->s, "eu 10770 \"\xf0\x9f\x98\x80\xff\"", S_OK, "");
    expect_bytes(f->t, 0x10770, "\x3d\xd8\x00\xde\xff\0", 6);
    /* eb, then db shows it. */
    expect_contains(f->s, "eb 10760 de ad be ef; db 10760 L4", S_OK,
                    "00000000`00010760  de ad be ef");
    /* eb, then s finds what it wrote. */
    expect_output(f->s, "eb 10800 'Z' 'q' 'x'; s -[1]a 10000 L2000 \"Zqx\"", S_OK,
                  "00000000`00010800\n");
}

static void test_enter_errors(void **state)
{
    struct mem_dump *f = *state;
    expect_contains(f->s, "eb 10700 100", E_INVALIDARG, "^ Overflow error in 'eb 10700 100'");
    expect_contains(f->s, "eb 10700", E_INVALIDARG, "^ Syntax error");
    expect_contains(f->s, "ea 10700 hi", E_INVALIDARG, "^ Syntax error");
    /* The last byte of A, then the gap: the first value lands, the rest
     * is quoted from the value that could not be written. */
    expect_bytes(f->t, 0x11fff, "\0", 1);
    expect_output(f->s, "eb 11fff 7 8 9", HRESULT_FROM_WIN32(ERROR_WRITE_FAULT),
                  "Memory access error at '8 9'\n");
    expect_bytes(f->t, 0x11fff, "\x07", 1);
}

static void test_enter_into_a_read_only_dump(void **state)
{
    struct mem_dump *f = *state;
    HRESULT hr;
    char *out = run_commands(f->s, "eb 10000 1", &hr);
    assert_string_equal(out, "Memory access error at '1'\n");
    assert_true(FAILED(hr));
    free(out);
    expect_bytes(f->t, 0x10000, "\0", 1);
}

static void test_fill(void **state)
{
    struct mem_dump *f = *state;
    expect_output(f->s, "f 10900 L10 'A' 'B' 'C'", S_OK, "");
    expect_bytes(f->t, 0x10900, "ABCABCABCABCABCA", 16);
    expect_output(f->s, "f 10910 10912 1 2 3 4 5", S_OK, ""); /* extra values are ignored */
    expect_bytes(f->t, 0x10910, "\x01\x02\x03\0", 4);
    /* Into the gap: the writable part is filled, the line says where it stopped. */
    expect_contains(f->s, "f 11ff8 L10 ee", HRESULT_FROM_WIN32(ERROR_PARTIAL_COPY),
                    "Fill stopped at 00000000`00012000 after 0x8 of 0x10 bytes");
    expect_bytes(f->t, 0x11ff8, "\xee\xee\xee\xee\xee\xee\xee\xee", 8);
    expect_contains(f->s, "f 13000 L10 ee", HRESULT_FROM_WIN32(ERROR_WRITE_FAULT),
                    "Memory access error at '13000 L10 ee'");
    expect_contains(f->s, "f 10900 L10", E_INVALIDARG, "^ Syntax error");
    /* "10900 ee" is a range ending below its start, as in cdb. */
    expect_contains(f->s, "f 10900 ee", E_INVALIDARG, "^ Range error");
}

/* ---- .writemem, .readmem --------------------------------------------------- */

static void test_writemem_readmem_round_trip(void **state)
{
    struct mem_dump *f = *state;
    char line[160];
    /* 0x50000 bytes: three 128 KiB chunks, three dots. */
    snprintf(line, sizeof line, ".writemem %s %x L%x", f->file, C, C_SIZE);
    progress_calls = 0;
    ds_session_set_progress(f->s, count_progress, NULL);
    expect_output(f->s, line, S_OK, "Writing 50000 bytes...\n");
    ds_session_set_progress(f->s, NULL, NULL);
    assert_true(progress_calls >= 1); /* the last one at least: the rate limit lets it by */
    assert_int_equal(progress_done, C_SIZE);
    assert_int_equal(progress_total, C_SIZE);
    size_t size = 0;
    uint8_t *file = read_whole_file(f->file, &size);
    assert_non_null(file);
    assert_int_equal(size, C_SIZE);
    for (uint32_t i = 0; i < C_SIZE; i += 0x1001)
        assert_int_equal(file[i], mdb_pattern(C + i, 7));

    expect_output(f->s, "f 40000 L?50000 0", S_OK, "");
    expect_bytes(f->t, C + 0x12345, "\0", 1);
    snprintf(line, sizeof line, ".readmem %s %x L%x", f->file, C, C_SIZE);
    expect_output(f->s, line, S_OK, "Reading 50000 bytes...\n");
    uint8_t *back = malloc(C_SIZE);
    uint32_t got = 0;
    assert_non_null(back);
    assert_hr(S_OK, ds_read_virtual(f->t, C, back, C_SIZE, &got), f->t);
    assert_int_equal(got, C_SIZE);
    assert_memory_equal(back, file, C_SIZE);
    free(back);
    free(file);

    /* A bare address reads the whole file; a quoted name works too. */
    write_whole_file(f->file, "xyz", 3);
    snprintf(line, sizeof line, ".readmem \"%s\" 10a00", f->file);
    expect_output(f->s, line, S_OK, "Reading 3 bytes.\n");
    expect_bytes(f->t, 0x10a00, "xyz", 3);
}

static void test_memfile_errors(void **state)
{
    struct mem_dump *f = *state;
    char line[160];
    /* A range running into the gap: the file keeps what was read. */
    snprintf(line, sizeof line, ".writemem %s 11000 L2000", f->file);
    expect_contains(f->s, line, HRESULT_FROM_WIN32(ERROR_PARTIAL_COPY),
                    "Unable to read memory at 00000000`00012000");
    size_t size = 0;
    free(read_whole_file(f->file, &size));
    assert_int_equal(size, 0x1000);
    expect_contains(f->s, ".writemem /nonexistent-dir/x.bin 10000 L10",
                    HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED),
                    "Unable to create file '/nonexistent-dir/x.bin': No such file or directory");
    expect_contains(f->s, ".readmem /nonexistent-dir/x.bin 10000 L10",
                    HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED),
                    "Unable to open file '/nonexistent-dir/x.bin': No such file or directory");
    write_whole_file(f->file, "0123456789", 10);
    snprintf(line, sizeof line, ".readmem %s 11ffc L10", f->file);
    expect_contains(f->s, line, HRESULT_FROM_WIN32(ERROR_PARTIAL_COPY),
                    "Unable to write memory at 00000000`00012000");
    expect_bytes(f->t, 0x11ffc, "0123", 4);
    snprintf(line, sizeof line, ".writemem %s 10000", f->file);
    expect_contains(f->s, line, E_INVALIDARG, "^ Syntax error");
    expect_contains(f->s, ".writemem", E_INVALIDARG, "^ Syntax error");
    snprintf(line, sizeof line, ".writemem %s 0 L20000000", f->file);
    expect_contains(f->s, line, E_INVALIDARG, "^ Range error");
}

/* ---- !address, !vprot ------------------------------------------------------ */

static void test_vprot(void **state)
{
    struct mem_dump *f = *state;
    expect_output(f->s, "!vprot 10123", S_OK,
                  "BaseAddress: 00000000`00010000\n"
                  "AllocationBase: 00000000`00010000\n"
                  "AllocationProtect: 00000004 PAGE_READWRITE\n"
                  "RegionSize: 00000000`00002000\n"
                  "State: 00001000 MEM_COMMIT\n"
                  "Protect: 00000004 PAGE_READWRITE\n"
                  "Type: 00020000 MEM_PRIVATE\n");
    expect_contains(f->s, "!vprot 20000", S_OK, "Type: 00040000 MEM_MAPPED\n");
    expect_contains(f->s, "!vprot 15000", S_OK, "State: 00010000 MEM_FREE\n");
    expect_contains(f->s, "!vprot", E_INVALIDARG, "^ Syntax error");
    expect_contains(f->s, "!vprot nosuchmodule", E_INVALIDARG, "Couldn't resolve error");
}

static void test_address_one_region(void **state)
{
    struct mem_dump *f = *state;
    expect_output(f->s, "!address 10123", S_OK,
                  "\n"
                  "Usage:                  <unknown>\n"
                  "Base Address:           00000000`00010000\n"
                  "End Address:            00000000`00012000\n"
                  "Region Size:            00000000`00002000 (   8.000 kB)\n"
                  "State:                  00001000          MEM_COMMIT\n"
                  "Protect:                00000004          PAGE_READWRITE\n"
                  "Type:                   00020000          MEM_PRIVATE\n"
                  "Allocation Base:        00000000`00010000\n"
                  "Allocation Protect:     00000004          PAGE_READWRITE\n"
                  "Content source:         1 (target), length: 1edd\n");
    expect_contains(f->s, "!address 20010", S_OK, "Usage:                  MappedFile\n");
    expect_contains(f->s, "!address 15000", S_OK,
                    "Usage:                  Free\n"
                    "Base Address:           00000000`00012000\n"
                    "End Address:            00000000`00020000\n");
}

/* The rows of the region list must be QueryVirtual's walk, one for one. */
static void test_address_list_and_summary(void **state)
{
    struct mem_dump *f = *state;
    HRESULT hr;
    char *out = run_commands(f->s, "!address", &hr);
    assert_int_equal(hr, S_OK);
    uint64_t address = 0;
    MEMORY_BASIC_INFORMATION64 mbi;
    int regions = 0;
    while (SUCCEEDED(ds_query_virtual(f->t, address, &mbi)) && regions < 100) {
        char row[96];
        snprintf(row, sizeof row, "%c%18s", mbi.State == MEM_FREE || mbi.BaseAddress == mbi.AllocationBase ? '+' : ' ', "");
        char base[24];
        snprintf(base, sizeof base, "%x`%08x", (unsigned)(mbi.BaseAddress >> 32), (unsigned)mbi.BaseAddress);
        snprintf(row + 1, sizeof row - 1, "%18s", base);
        if (!strstr(out, row)) {
            print_error("no row %s in\n%s", row, out);
            fail();
        }
        regions++;
        address = mbi.BaseAddress + mbi.RegionSize;
        if (address == 0)
            break;
    }
    assert_true(regions >= 5);
    assert_non_null(strstr(out, "+        0`00010000        0`00012000        0`00002000 MEM_PRIVATE "
                                "MEM_COMMIT  PAGE_READWRITE                     <unknown>  \n"));
    assert_non_null(strstr(out, "+        0`00020000        0`00021000        0`00001000 MEM_MAPPED  "
                                "MEM_COMMIT  PAGE_READONLY                      MappedFile \n"));
    assert_non_null(strstr(out, "--- Usage Summary ---------------- RgnCount ----------- Total Size "
                                "-------- %ofBusy %ofTotal\n"));
    /* Busy: A + B + C = 0x53000 bytes in 3 regions. */
    assert_non_null(strstr(out, "--- State Summary ---------------- RgnCount ----------- Total Size "
                                "-------- %ofBusy %ofTotal\n"));
    assert_non_null(strstr(out, "MEM_COMMIT                                3        0`00053000 ( "
                                "332.000 kB) 100.00%"));
    assert_non_null(strstr(out, "MappedFile                                1        0`00001000 (   "
                                "4.000 kB)   1.20%"));
    assert_non_null(strstr(out, "--- Largest Region by Usage ----------- Base Address -------- "
                                "Region Size ----------\n"));
    char largest[128];
    snprintf(largest, sizeof largest, "%-34s%18s%21s (%s)\n", "<unknown>", "0`00040000",
             "0`00050000", " 320.000 kB");
    assert_non_null(strstr(out, largest));
    free(out);

    out = run_commands(f->s, "!address -summary", &hr);
    assert_int_equal(hr, S_OK);
    assert_null(strstr(out, "BaseAddress"));
    assert_non_null(strstr(out, "--- Type Summary (for busy) ------ RgnCount"));
    assert_non_null(strstr(out, "MEM_PRIVATE                               2        0`00052000"));
    assert_non_null(strstr(out, "--- Protect Summary (for commit) - RgnCount"));
    assert_non_null(strstr(out, "PAGE_READONLY                             1        0`00001000"));
    free(out);
    expect_contains(f->s, "!address -f:Heap", E_INVALIDARG, "^ Syntax error");
}



/* ---- Microsoft's reference outputs ------------------------------------------ */

/* A session over a minidump laid out to match a published example. */
static ds_session *reference_session(struct mdb *m, ds_target **t)
{
    ds_session *s;
    *t = mdb_open(m, 0);
    assert_int_equal(ds_session_create(*t, &s), S_OK);
    return s;
}

static void end_reference(struct mdb *m, ds_target *t, ds_session *s)
{
    ds_session_destroy(s);
    ds_close(t);
    mdb_free(m);
}

/* The example of Microsoft's !vprot page, byte for byte (a 32-bit
 * process whose image at 030c0000 has an executable region). */
static void test_reference_vprot(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t;
    mdb_init(&m, MDB_ARCH_X86, MDB_OS_WINDOWS);
    mdb_meminfo(&m, 0x030c0000, 0x1000, 0x030c0000, PAGE_EXECUTE_WRITECOPY, MEM_COMMIT,
                PAGE_READONLY, MEM_IMAGE);
    mdb_meminfo(&m, 0x030c1000, 0x11000, 0x030c0000, PAGE_EXECUTE_WRITECOPY, MEM_COMMIT,
                PAGE_EXECUTE, MEM_IMAGE);
    ds_session *s = reference_session(&m, &t);
    expect_output(s, "!vprot 30c191c", S_OK,
                  "BaseAddress: 030c1000\n"
                  "AllocationBase: 030c0000\n"
                  "AllocationProtect: 00000080 PAGE_EXECUTE_WRITECOPY\n"
                  "RegionSize: 00011000\n"
                  "State: 00001000 MEM_COMMIT\n"
                  "Protect: 00000010 PAGE_EXECUTE\n"
                  "Type: 01000000 MEM_IMAGE\n");
    end_reference(&m, t, s);
}

/* The two examples of Microsoft's s page (a stack at 0000003f`ff07ec00,
 * @rsp there); its -a example shows the first three hits. */
static void test_reference_search(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t;
    mdb_init(&m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);
    uint8_t *stack = mdb_memory(&m, 0x3fff07e000, 0x2000, NULL, MDB_IN_LIST64);
    static const uint8_t h1[16] = {0x48, 0, 0, 0, 0, 0, 0, 0, 0x63, 0x01, 0x0c, 0x50, 0, 0, 0, 0};
    static const uint8_t h2[16] = {0x48, 0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0};
    static const uint8_t h3[16] = {0x48, 0, 0, 0, 0, 0, 0, 0, 0x60, 0x00, 0x0c, 0x40, 0, 0, 0, 0};
    static const uint8_t b1[16] = {0x42, 0x37, 0xff, 0x7f, 0, 0, 0x90, 0x38,
                                   0x4e, 0xc2, 0x6c, 0x01, 0, 0, 0x7d, 0x26};
    static const uint8_t b2[24] = {0x42, 0x37, 0xff, 0x7f, 0, 0, 0xf8, 0x5d, 0x42, 0x37, 0xff, 0x7f,
                                   0,    0,    0x20, 0x41, 0x42, 0x37, 0xff, 0x7f, 0, 0, 0x98, 0x59};
    memcpy(stack + 0xc00, h1, 16);
    memcpy(stack + 0xc50, h2, 16);
    memcpy(stack + 0xfc0, h3, 16);
    memcpy(stack + 0xf0a, b1, 16);
    uint8_t *higher = mdb_memory(&m, 0x3fff0ff000, 0x1000, NULL, MDB_IN_LIST64);
    memcpy(higher + 0x322, b2, 24);
    ds_session *s = reference_session(&m, &t);
    expect_output(s, "s -d 3f`ff07ec00 L1000000 'H'", S_OK,
                  "0000003f`ff07ec00  00000048 00000000 500c0163 00000000  H.......c..P....\n"
                  "0000003f`ff07ec50  00000048 00000000 00000080 00000000  H...............\n"
                  "0000003f`ff07efc0  00000048 00000000 400c0060 00000000  H.......`..@....\n");
    const char *first =
        "0000003f`ff07ef0a  42 37 ff 7f 00 00 90 38-4e c2 6c 01 00 00 7d 26  B7.....8N.l...}&\n"
        "0000003f`ff0ff322  42 37 ff 7f 00 00 f8 5d-42 37 ff 7f 00 00 20 41  B7.....]B7.... A\n"
        "0000003f`ff0ff32a  42 37 ff 7f 00 00 20 41-42 37 ff 7f 00 00 98 59  B7.... AB7.....Y\n";
    char *out = run_commands(s, "s -a 3f`ff07ec00 L10000000 \"B7\"", NULL);
    if (strncmp(out, first, strlen(first)) != 0) {
        print_error("want first\n%s--- got ---\n%s", first, out);
        fail();
    }
    free(out);
    end_reference(&m, t, s);
}

/* A public WinDbg session (dumpanalysis.org, "Picturing Computer
 * Memory"): .writemem of fffff800`00800000..fffff800`0085e000 printed
 * "Writing 5e001 bytes..." (the end address is in the range). */
static void test_reference_writemem(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t;
    mdb_init(&m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);
    mdb_memory_pattern(&m, 0xfffff80000800000, 0x5f000, 3, MDB_IN_LIST64);
    ds_session *s = reference_session(&m, &t);
    char file[64], line[160];
    snprintf(file, sizeof file, "/tmp/ds_cmdmem_ref_%d.bin", (int)getpid());
    snprintf(line, sizeof line, ".writemem %s fffff800`00800000 fffff800`0085e000", file);
    expect_output(s, line, S_OK, "Writing 5e001 bytes...\n");
    size_t size = 0;
    uint8_t *bytes = read_whole_file(file, &size);
    assert_int_equal(size, 0x5e001);
    assert_int_equal(bytes[0x5e000], mdb_pattern(0xfffff8000085e000, 3));
    free(bytes);
    unlink(file);
    end_reference(&m, t, s);
}

/* ---- ELF cores ------------------------------------------------------------- */

struct core {
    struct ecb b;
    struct ecb_layout L;
    char path[64];
    ds_target *t;
    ds_session *s;
};

/* The builder's standard process (elfcore_builder.h) as a core of arch,
 * opened with a private writable copy. */
static struct core *open_core(const char *arch)
{
    struct core *c = calloc(1, sizeof *c);
    assert_non_null(c);
    ecb_init(&c->b, ecb_arch(arch), 4242);
    ecb_standard_process(&c->b, &c->L);
    snprintf(c->path, sizeof c->path, "/tmp/ds_cmdmem_%s_%d.core", arch, (int)getpid());
    assert_true(ecb_write(&c->b, c->path));
    assert_hr(S_OK, ds_open_dump(c->path, DS_OPEN_WRITABLE_COPY, &c->t), NULL);
    assert_int_equal(ds_session_create(c->t, &c->s), S_OK);
    return c;
}

static void close_core(struct core *c)
{
    ds_session_destroy(c->s);
    ds_close(c->t);
    ecb_free(&c->b);
    unlink(c->path);
    free(c);
}

/* The row of every region QueryVirtual walks is in !address's list. */
static void expect_rows_of_walk(ds_target *t, const char *out)
{
    uint64_t address = 0;
    MEMORY_BASIC_INFORMATION64 mbi;
    int regions = 0;
    int wide = ds_pointer_size(t) == 8;
    while (regions < 1000 && SUCCEEDED(ds_query_virtual(t, address, &mbi))) {
        char number[24], row[48];
        if (wide)
            snprintf(number, sizeof number, "%x`%08x", (unsigned)(mbi.BaseAddress >> 32),
                     (unsigned)mbi.BaseAddress);
        else
            snprintf(number, sizeof number, "%x", (unsigned)mbi.BaseAddress);
        snprintf(row, sizeof row, "\n%c%*s",
                 mbi.State == MEM_FREE || mbi.BaseAddress == mbi.AllocationBase ? '+' : ' ',
                 wide ? 18 : 9, number);
        if (!strstr(out, row)) {
            print_error("no row '%s' in\n%s", row + 1, out);
            fail();
        }
        regions++;
        address = mbi.BaseAddress + mbi.RegionSize;
        if (address == 0 || (!wide && address > 0xffffffffu))
            break;
    }
    assert_true(regions >= 3);
}

static void check_core(const char *arch)
{
    struct core *c = open_core(arch);
    int wide = ds_pointer_size(c->t) == 8;
    char line[200], want[200], at[24];
    uint64_t heap = c->L.heap;
    if (wide)
        snprintf(at, sizeof at, "%08x`%08x", (unsigned)(heap >> 32), (unsigned)heap);
    else
        snprintf(at, sizeof at, "%08x", (unsigned)heap);

    /* eb, then s finds it in the heap, printed with the target's width. */
    snprintf(line, sizeof line, "eb %llx 'c' 'o' 'r' 'e' '!'; s -a %llx L3000 \"core!\"",
             (unsigned long long)(heap + 0x40), (unsigned long long)heap);
    snprintf(want, sizeof want, "%.*s%02x  63 6f 72 65 21 ", (int)strlen(at) - 2, at,
             (unsigned)((heap + 0x40) & 0xff));
    expect_contains(c->s, line, S_OK, want);
    expect_bytes(c->t, heap + 0x40, "core!", 5);

    /* !vprot answers from the address's page on, as QueryVirtual does. */
    uint64_t page = heap + 0x1000;
    snprintf(line, sizeof line, "!vprot %llx", (unsigned long long)(page + 0x234));
    if (wide)
        snprintf(want, sizeof want, "BaseAddress: %08x`%08x\n", (unsigned)(page >> 32),
                 (unsigned)page);
    else
        snprintf(want, sizeof want, "BaseAddress: %08x\n", (unsigned)page);
    expect_contains(c->s, line, S_OK, want);
    expect_contains(c->s, line, S_OK, "State: 00001000 MEM_COMMIT\n");

    /* The whole space: both ELF headers, the library's above 2 GiB on
     * i386 (its addresses come sign-extended, and print in 8 digits). */
    char *found = run_commands(c->s, wide ? "s -[1]a 0 L?ffffffffffffffff \"ELF\""
                                          : "s -[1]a 0 L?ffffffff \"ELF\"", NULL);
    uint64_t headers[2] = {c->L.exe + 1, c->L.lib + 1};
    for (int i = 0; i < 2; i++) {
        if (wide)
            snprintf(want, sizeof want, "%08x`%08x\n", (unsigned)(headers[i] >> 32),
                     (unsigned)headers[i]);
        else
            snprintf(want, sizeof want, "%08x\n", (unsigned)headers[i]);
        if (!strstr(found, want)) {
            print_error("no %s in\n%s", want, found);
            fail();
        }
    }
    free(found);

    snprintf(line, sizeof line, "!address %llx", (unsigned long long)(c->L.exe + 0x10));
    expect_contains(c->s, line, S_OK, "Usage:                  Image\n");
    expect_contains(c->s, line, S_OK, "Module Name:            made_by_test\n");

    HRESULT hr;
    char *out = run_commands(c->s, "!address", &hr);
    assert_int_equal(hr, S_OK);
    expect_rows_of_walk(c->t, out);
    assert_non_null(strstr(out, wide ? "        BaseAddress      EndAddress+1" : "        BaseAddr EndAddr+1"));
    free(out);
    close_core(c);
}

static void test_core_x86_64(void **state)
{
    (void)state;
    check_core("x86_64");
}

static void test_core_i386(void **state)
{
    (void)state;
    check_core("i386");
}

/* A big-endian core: ed, eu and s -d store and find values in its order. */
static void test_core_s390x_byte_order(void **state)
{
    (void)state;
    struct core *c = open_core("s390x");
    uint64_t at = c->L.heap + 0x80;
    char line[200], want[200];
    snprintf(line, sizeof line, "ed %llx 11223344; eu %llx \"hi\"", (unsigned long long)at,
             (unsigned long long)(at + 4));
    expect_output(c->s, line, S_OK, "");
    expect_bytes(c->t, at, "\x11\x22\x33\x44\0h\0i", 8);
    snprintf(line, sizeof line, "s -d %llx L100 11223344", (unsigned long long)(at - 0x80));
    snprintf(want, sizeof want, "%08x`%08x  11223344 00680069 ", (unsigned)(at >> 32),
             (unsigned)at);
    expect_contains(c->s, line, S_OK, want);
    close_core(c);
}

/* ---- live ------------------------------------------------------------------- */

struct live {
    struct layout_fixture *f;
    ds_session *s;
};

static int live_setup(void **state)
{
    layout_setup_stopped(state);
    struct live *l = calloc(1, sizeof *l);
    assert_non_null(l);
    l->f = *state;
    assert_int_equal(ds_session_create(l->f->t, &l->s), S_OK);
    *state = l;
    return 0;
}

static int live_teardown(void **state)
{
    struct live *l = *state;
    ds_session_destroy(l->s);
    *state = l->f;
    free(l);
    return layout_teardown(state);
}

static void test_live_enter_search_fill(void **state)
{
    struct live *l = *state;
    ds_target *t = l->f->t;
    uint64_t guard = helper_value(&l->f->h, "guard");
    uint64_t page = l->f->page, hello = l->f->hello;
    char line[200], want[64];

    snprintf(line, sizeof line, "eb %llx 44 53 'x'", (unsigned long long)guard);
    expect_output(l->s, line, S_OK, "");
    expect_bytes(t, guard, "DSx", 3);

    /* s finds the helper's string, not when the range stops short of it. */
    snprintf(line, sizeof line, "s -[1]a %llx L100 \"hello, dataspaces\"",
             (unsigned long long)(hello - 0x40));
    snprintf(want, sizeof want, "%08x`%08x\n", (unsigned)(hello >> 32), (unsigned)hello);
    expect_output(l->s, line, S_OK, want);
    snprintf(line, sizeof line, "s -a %llx L40 \"hello, dataspaces\"",
             (unsigned long long)(hello - 0x40));
    expect_output(l->s, line, S_OK, "");

    /* PROT_NONE (the guard's middle page) and read-only pages refuse writes. */
    snprintf(line, sizeof line, "eb %llx 1", (unsigned long long)(guard + page));
    expect_contains(l->s, line, HRESULT_FROM_WIN32(ERROR_WRITE_FAULT), "Memory access error at '1'");
    snprintf(line, sizeof line, "eb %llx 1", (unsigned long long)helper_value(&l->f->h, "rodata"));
    expect_contains(l->s, line, HRESULT_FROM_WIN32(ERROR_WRITE_FAULT), "Memory access error at '1'");

    /* f up to the PROT_NONE page: stopped there, the first page filled. */
    snprintf(line, sizeof line, "f %llx L%llx 5a", (unsigned long long)(guard + page - 8),
             (unsigned long long)16);
    expect_contains(l->s, line, HRESULT_FROM_WIN32(ERROR_PARTIAL_COPY), "after 0x8 of 0x10 bytes");
    expect_bytes(t, guard + page - 8, "ZZZZZZZZ", 8);
}

static void test_live_writemem_readmem(void **state)
{
    struct live *l = *state;
    ds_target *t = l->f->t;
    uint64_t guard = helper_value(&l->f->h, "guard");
    char file[64], line[200];
    snprintf(file, sizeof file, "/tmp/ds_cmdmem_live_%d.bin", (int)getpid());
    snprintf(line, sizeof line, ".writemem %s %llx L100", file, (unsigned long long)guard);
    expect_output(l->s, line, S_OK, "Writing 100 bytes.\n");
    uint8_t before[0x100];
    uint32_t got;
    assert_hr(S_OK, ds_read_virtual(t, guard, before, sizeof before, &got), t);
    snprintf(line, sizeof line, "f %llx L100 0", (unsigned long long)guard);
    expect_output(l->s, line, S_OK, "");
    expect_bytes(t, guard + 0x80, "\0\0\0\0", 4);
    snprintf(line, sizeof line, ".readmem %s %llx L100", file, (unsigned long long)guard);
    expect_output(l->s, line, S_OK, "Reading 100 bytes.\n");
    uint8_t after[0x100];
    assert_hr(S_OK, ds_read_virtual_uncached(t, guard, after, sizeof after, &got), t);
    assert_memory_equal(before, after, sizeof after);
    unlink(file);
}

static void test_live_address(void **state)
{
    struct live *l = *state;
    uint64_t guard = helper_value(&l->f->h, "guard");
    char line[200];
    /* The helper's static string lives in its image. */
    snprintf(line, sizeof line, "!address %llx", (unsigned long long)l->f->hello);
    expect_contains(l->s, line, S_OK, "Usage:                  Image\n");
    expect_contains(l->s, line, S_OK, "Module Name:            layout\n");
    snprintf(line, sizeof line, "!vprot %llx", (unsigned long long)(guard + l->f->page));
    expect_contains(l->s, line, S_OK, "Protect: 00000001 PAGE_NOACCESS\n");
    HRESULT hr;
    char *out = run_commands(l->s, "!address", &hr);
    assert_int_equal(hr, S_OK);
    assert_non_null(strstr(out, " Stack      [stack]\n"));
    assert_non_null(strstr(out, " Heap       [heap]\n") || !strstr(out, "[heap]"));
    assert_non_null(strstr(out, "Image      [layout; \""));
    assert_non_null(strstr(out, "--- Usage Summary"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_search_bytes_and_ascii, dump_setup, dump_teardown),
        cmocka_unit_test_setup_teardown(test_search_values_by_type, dump_setup, dump_teardown),
        cmocka_unit_test_setup_teardown(test_search_walks_regions_and_writable_only, dump_setup,
                                        dump_teardown),
        cmocka_unit_test_setup_teardown(test_search_bad_input, dump_setup, dump_teardown),
        cmocka_unit_test_setup_teardown(test_search_reports_progress, dump_setup, dump_teardown),
        cmocka_unit_test_setup_teardown(test_search_stops_when_interrupted, dump_setup,
                                        dump_teardown),
        cmocka_unit_test_setup_teardown(test_enter_values, dump_setup, dump_teardown),
        cmocka_unit_test_setup_teardown(test_enter_errors, dump_setup, dump_teardown),
        cmocka_unit_test_setup_teardown(test_enter_into_a_read_only_dump, dump_setup_readonly,
                                        dump_teardown),
        cmocka_unit_test_setup_teardown(test_fill, dump_setup, dump_teardown),
        cmocka_unit_test_setup_teardown(test_writemem_readmem_round_trip, dump_setup, dump_teardown),
        cmocka_unit_test_setup_teardown(test_memfile_errors, dump_setup, dump_teardown),
        cmocka_unit_test_setup_teardown(test_vprot, dump_setup, dump_teardown),
        cmocka_unit_test_setup_teardown(test_address_one_region, dump_setup, dump_teardown),
        cmocka_unit_test_setup_teardown(test_address_list_and_summary, dump_setup, dump_teardown),
        cmocka_unit_test(test_reference_vprot),
        cmocka_unit_test(test_reference_search),
        cmocka_unit_test(test_reference_writemem),
        cmocka_unit_test(test_core_x86_64),
        cmocka_unit_test(test_core_i386),
        cmocka_unit_test(test_core_s390x_byte_order),
        cmocka_unit_test_setup_teardown(test_live_enter_search_fill, live_setup, live_teardown),
        cmocka_unit_test_setup_teardown(test_live_writemem_readmem, live_setup, live_teardown),
        cmocka_unit_test_setup_teardown(test_live_address, live_setup, live_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
