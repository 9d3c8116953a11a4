/*
 * test_commands_display.c — the memory display commands (db dw dd dq dp dc
 * da du dyb dds dqs dps, bare d) through ds_execute, their text compared
 * byte for byte with what WinDbg prints:
 *
 *  - the outputs of public WinDbg sessions (Microsoft's bug-check page,
 *    write-ups of exploits and crashes), each reproduced on a minidump
 *    built here with the same bytes at the same addresses;
 *  - every command and form (L, L?, two addresses, defaults, continuation)
 *    over planted bytes, on 8-byte and 4-byte targets;
 *  - holes: lines partly readable, elements partly readable, ranges with
 *    nothing readable, the end of the address space;
 *  - what a user may type that must not crash (odd ranges, huge lengths);
 *  - a 1 MiB db read in large chunks, not byte by byte.
 */
#include "testlib.h"
#include "minidump_builder.h"
#include "elfcore_builder.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command_checks.h"

/* ---- running commands ---------------------------------------------------------- */

/* The command's output must be `want`, exactly, and it must succeed. */
static void expect_display(ds_session *s, const char *line, const char *want)
{
    expect_output(s, line, S_OK, want);
}

static char *run(ds_session *s, const char *line, HRESULT *hr)
{
    return run_commands(s, line, hr);
}

struct scene {
    struct mdb m;
    ds_target *t;
    ds_session *s;
};

static void scene_open(struct scene *sc)
{
    sc->t = mdb_open(&sc->m, 0);
    assert_int_equal(ds_session_create(sc->t, &sc->s), S_OK);
}

static void scene_close(struct scene *sc)
{
    ds_session_destroy(sc->s);
    ds_close(sc->t);
    mdb_free(&sc->m);
}

static void put_u32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void put_u64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* ---- Microsoft's and the write-ups' sessions, reproduced ------------------------- */

/* The svg text of a WinDbg session's `du` (a write-up of an Office svg
 * parsing bug): 12 lines of 32 characters shown, more of it in memory. */
static const char *const svg_lines[] = {
    "<svg width=\"1000\" height=\"1000\" ",
    "xmlns=\"http://www.w3.org/2000/sv",
    "g\" xmlns:xlink=\"http://www.w3.or",
    "g/1999/xlink\" overflow=\"hidden\">",
    "<rect x=\"535\" y=\"902\" width=\"21\"",
    " height=\"198\" fill=\"#61631C\"/><r",
    "ect x=\"882\" y=\"181\" width=\"61\" h",
    "eight=\"96\" fill=\"#2FE681\"/><rect",
    " x=\"854\" y=\"611\" width=\"112\" hei",
    "ght=\"123\" fill=\"#F678E7\"/><rect ",
    "x=\"895\" y=\"312\" width=\"84\" heigh",
    "t=\"39\" fill=\"#8F0671\"/><rect x=\"",
};
#define SVG_AT 0x1378bf03980ull
#define SVG_MORE "432\" y=\"243\" width=\"30\" height=\"155\"/></svg>"

/* A 64-bit process laid out as the public sessions found theirs. */
static void reference_scene_x64(struct scene *sc)
{
    struct mdb *m = &sc->m;
    mdb_init(m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);

    /* A kernel session (a write-up of a kernel dump parser): the page at
     * fffff803`f3086000 readable, the next one not. */
    static const uint8_t kd[] = {0x9d, 0xf5, 0xde, 0xff, 0x48, 0x85, 0xc0, 0x74, 0x0a,
                                 0x40, 0x8a, 0xcf, 0xe8, 0x80, 0xee, 0xba, 0xff};
    uint8_t *page = mdb_memory(m, 0xfffff803f3086000ull, 0x1000, NULL, MDB_IN_LIST64);
    memcpy(page + 0xfef, kd, sizeof kd);

    /* `dq nt!MmPteBase l1` of a Windows 2004 session. */
    put_u64(mdb_memory(m, 0xfffff80429e29388ull, 8, NULL, MDB_IN_LIST64),
            0xfffff88000000000ull);

    /* A TTD session (a write-up of a ransomware sample): rdx = 0x20 with
     * two lines readable, rcx = the static key. */
    static const uint8_t rdx[] = {0xfc, 0x59, 0x3b, 0xaa, 0x80, 0x01};
    memcpy(mdb_memory(m, 0x20, 0x20, NULL, MDB_IN_LIST64), rdx, sizeof rdx);
    uint8_t *key = mdb_memory(m, 0xc00000c300ull, 0x100, NULL, MDB_IN_LIST64);
    memcpy(key + 0x20, "0defcon00defcon00defcon00defcon0", 32); /* then NUL */

    /* The svg string, UTF-16. */
    char text[1024] = "";
    for (size_t i = 0; i < sizeof svg_lines / sizeof svg_lines[0]; i++)
        strcat(text, svg_lines[i]);
    strcat(text, SVG_MORE);
    size_t n = strlen(text);
    uint8_t *wide = mdb_memory(m, SVG_AT, (uint32_t)(2 * n + 2), NULL, MDB_IN_LIST64);
    for (size_t i = 0; i < n; i++)
        wide[2 * i] = (uint8_t)text[i];
}

/* Microsoft's page for bug check 0x50 shows a db of a kernel address that
 * holds nothing: eight lines of question marks. */
static void test_reference_bugcheck_page(void **state)
{
    (void)state;
    struct scene sc;
    reference_scene_x64(&sc);
    scene_open(&sc);
    expect_display(sc.s, "db ffffffff00000090",
        "ffffffff`00000090  ?? ?? ?? ?? ?? ?? ?? ?\?-?? ?? ?? ?? ?? ?? ?? ??  ????????????????\n"
        "ffffffff`000000a0  ?? ?? ?? ?? ?? ?? ?? ?\?-?? ?? ?? ?? ?? ?? ?? ??  ????????????????\n"
        "ffffffff`000000b0  ?? ?? ?? ?? ?? ?? ?? ?\?-?? ?? ?? ?? ?? ?? ?? ??  ????????????????\n"
        "ffffffff`000000c0  ?? ?? ?? ?? ?? ?? ?? ?\?-?? ?? ?? ?? ?? ?? ?? ??  ????????????????\n"
        "ffffffff`000000d0  ?? ?? ?? ?? ?? ?? ?? ?\?-?? ?? ?? ?? ?? ?? ?? ??  ????????????????\n"
        "ffffffff`000000e0  ?? ?? ?? ?? ?? ?? ?? ?\?-?? ?? ?? ?? ?? ?? ?? ??  ????????????????\n"
        "ffffffff`000000f0  ?? ?? ?? ?? ?? ?? ?? ?\?-?? ?? ?? ?? ?? ?? ?? ??  ????????????????\n"
        "ffffffff`00000100  ?? ?? ?? ?? ?? ?? ?? ?\?-?? ?? ?? ?? ?? ?? ?? ??  ????????????????\n");
    scene_close(&sc);
}

static void test_reference_sessions_x64(void **state)
{
    (void)state;
    struct scene sc;
    reference_scene_x64(&sc);
    scene_open(&sc);
    /* A line that runs off the end of a readable page. */
    expect_display(sc.s, "db fffff803`f3086fef L30",
        "fffff803`f3086fef  9d f5 de ff 48 85 c0 74-0a 40 8a cf e8 80 ee ba  ....H..t.@......\n"
        "fffff803`f3086fff  ff ?? ?? ?? ?? ?? ?? ?\?-?? ?? ?? ?? ?? ?? ?? ??  .???????????????\n"
        "fffff803`f308700f  ?? ?? ?? ?? ?? ?? ?? ?\?-?? ?? ?? ?? ?? ?? ?? ??  ????????????????\n");
    expect_display(sc.s, "dq fffff804`29e29388 l1",
                  "fffff804`29e29388  fffff880`00000000\n");
    expect_display(sc.s, "db 20 L30",
        "00000000`00000020  fc 59 3b aa 80 01 00 00-00 00 00 00 00 00 00 00  .Y;.............\n"
        "00000000`00000030  00 00 00 00 00 00 00 00-00 00 00 00 00 00 00 00  ................\n"
        "00000000`00000040  ?? ?? ?? ?? ?? ?? ?? ?\?-?? ?? ?? ?? ?? ?? ?? ??  ????????????????\n");
    /* A string that fills its line exactly: its NUL gets a line of its own. */
    expect_display(sc.s, "da c0`0000c320",
                  "000000c0`0000c320  \"0defcon00defcon00defcon00defcon0\"\n"
                  "000000c0`0000c340  \"\"\n");
    /* A bare du stops after 12 lines of 32 characters. */
    char want[2048] = "";
    for (size_t i = 0; i < sizeof svg_lines / sizeof svg_lines[0]; i++) {
        assert_int_equal(strlen(svg_lines[i]), 32);
        char line[128];
        uint64_t at = SVG_AT + 0x40 * i;
        snprintf(line, sizeof line, "%08x`%08x  \"%s\"\n", (unsigned)(at >> 32), (unsigned)at,
                 svg_lines[i]);
        strcat(want, line);
    }
    expect_display(sc.s, "du 00000137`8bf03980", want);
    /* With a length past the limit, to the NUL. */
    expect_display(sc.s, "du 00000137`8bf03c80 L100",
                  "00000137`8bf03c80  \"432\" y=\"243\" width=\"30\" height=\"\"\n"
                  "00000137`8bf03cc0  \"155\"/></svg>\"\n");
    scene_close(&sc);
}

/* A 32-bit process laid out as the public sessions found theirs. */
static void reference_scene_x86(struct scene *sc)
{
    struct mdb *m = &sc->m;
    mdb_init(m, MDB_ARCH_X86, MDB_OS_WINDOWS);

    /* A write-up of an SEH overwrite: the stack ends at 00dc0000. */
    static const uint8_t seh[] = {
        0x42, 0x42, 0x42, 0x42, 0x43, 0x43, 0x43, 0x43, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
        0x07, 0x08, 0x0b, 0x0c, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
        0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0x21, 0x22, 0x23, 0x24, 0x27, 0x28,
        0x29, 0x2a, 0x2c, 0x2d, 0x2e, 0x2f, 0x30, 0x31, 0x32, 0x33};
    uint8_t *stack = mdb_memory(m, 0xdbf000, 0x1000, NULL, MDB_IN_LIST32);
    memcpy(stack + 0xfcc, seh, sizeof seh);

    /* A delay-load failure's DelayLoadInfo, its strings, CreateFileA's
     * file name (write-ups of the same sessions). */
    static const uint32_t info[] = {0x24, 0x1008a5c4, 0x100943cc, 0x1008ab72, 0x1,
                                    0x1008aaf4, 0x7e410000, 0, 0x7f};
    uint8_t *frame = mdb_memory(m, 0x1bf000, 0x1000, NULL, MDB_IN_LIST32);
    for (size_t i = 0; i < 9; i++)
        put_u32(frame + 0xb70 + 4 * i, info[i]);
    strcpy((char *)frame + 0x918, "C:\\Windows\\system32\\accessibilitycpl.dll");
    uint8_t *rdata = mdb_memory(m, 0x1008a000, 0x1000, NULL, MDB_IN_LIST32);
    strcpy((char *)rdata + 0xb72, "USER32.dll");
    strcpy((char *)rdata + 0xaf4, "SetProcessDPIAware");

    /* A delay-load thunk table (a write-up of delay-loaded imports). */
    mdb_module(m, 0x60000, 0x20000, "C:\\test\\DelayTest.exe");
    uint8_t *iat = mdb_memory(m, 0x78000, 0x1000, NULL, MDB_IN_LIST32);
    put_u32(iat + 0x39c, 0x000618bd);
}

static void test_reference_sessions_x86(void **state)
{
    (void)state;
    struct scene sc;
    reference_scene_x86(&sc);
    scene_open(&sc);
    expect_display(sc.s, "db 00dbffcc",
        "00dbffcc  42 42 42 42 43 43 43 43-01 02 03 04 05 06 07 08  BBBBCCCC........\n"
        "00dbffdc  0b 0c 0e 0f 10 11 12 13-14 15 16 17 18 19 1a 1b  ................\n"
        "00dbffec  1c 1d 1e 1f 21 22 23 24-27 28 29 2a 2c 2d 2e 2f  ....!\"#$'()*,-./\n"
        "00dbfffc  30 31 32 33 ?? ?? ?? ?\?-?? ?? ?? ?? ?? ?? ?? ??  0123????????????\n"
        "00dc000c  ?? ?? ?? ?? ?? ?? ?? ?\?-?? ?? ?? ?? ?? ?? ?? ??  ????????????????\n"
        "00dc001c  ?? ?? ?? ?? ?? ?? ?? ?\?-?? ?? ?? ?? ?? ?? ?? ??  ????????????????\n"
        "00dc002c  ?? ?? ?? ?? ?? ?? ?? ?\?-?? ?? ?? ?? ?? ?? ?? ??  ????????????????\n"
        "00dc003c  ?? ?? ?? ?? ?? ?? ?? ?\?-?? ?? ?? ?? ?? ?? ?? ??  ????????????????\n");
    expect_display(sc.s, "dd 00dbffcc L2", "00dbffcc  42424242 43434343\n");
    expect_display(sc.s, "dd 001bfb70 L9",
                  "001bfb70  00000024 1008a5c4 100943cc 1008ab72\n"
                  "001bfb80  00000001 1008aaf4 7e410000 00000000\n"
                  "001bfb90  0000007f\n");
    expect_display(sc.s, "da 1008ab72", "1008ab72  \"USER32.dll\"\n");
    expect_display(sc.s, "da 1008aaf4", "1008aaf4  \"SetProcessDPIAware\"\n");
    expect_display(sc.s, "da 001bf918",
                  "001bf918  \"C:\\Windows\\system32\\accessibilit\"\n"
                  "001bf938  \"ycpl.dll\"\n");
    expect_display(sc.s, "dps 0007839c l2",
                  "0007839c  000618bd DelayTest+0x18bd\n"
                  "000783a0  00000000\n");
    scene_close(&sc);
}

/* ---- every command and form over planted bytes ------------------------------------ */

#define BASE64 0x7ff612340000ull
#define DATA64 0x10000ull

/* A 64-bit process: an image with a PE-like start, a data page whose
 * bytes are their offsets, a pointer table, strings, and a page cut short. */
static void planted_scene_x64(struct scene *sc)
{
    struct mdb *m = &sc->m;
    mdb_init(m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);
    mdb_module(m, BASE64, 0x10000, "C:\\app\\tiny.exe");
    static const uint8_t mz[] = {0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0,
                                 0xb8, 0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0};
    mdb_memory(m, BASE64, sizeof mz, mz, MDB_IN_LIST64);

    uint8_t *data = mdb_memory(m, DATA64, 0x1000, NULL, MDB_IN_LIST64);
    for (int i = 0; i < 0x1000; i++)
        data[i] = (uint8_t)i;
    /* pointers at 0x10800: into the image, nowhere, its base, its last
     * byte, just past it */
    static const uint64_t ptrs[] = {BASE64 + 0x1000, 0x1234, BASE64, BASE64 + 0xffff,
                                    BASE64 + 0x10000};
    for (size_t i = 0; i < 5; i++)
        put_u64(data + 0x800 + 8 * i, ptrs[i]);
    strcpy((char *)data + 0x900, "Hello, display!\r\n\x01\x7f\x80 end");
    static const uint16_t wide[] = {'W', 'i', 'd', 'e', ' ', 0xe9, 0x4e2d, 0xd800, 9, '!', 0};
    memcpy(data + 0xa00, wide, sizeof wide);

    /* 0x20000: 0x13 bytes, then nothing (a short range of a MemoryList) */
    uint8_t *cut = mdb_memory(m, 0x20000, 0x13, NULL, MDB_IN_LIST32);
    for (int i = 0; i < 0x13; i++)
        cut[i] = (uint8_t)(0x41 + i);
}

static void test_columns_x64(void **state)
{
    (void)state;
    struct scene sc;
    planted_scene_x64(&sc);
    scene_open(&sc);
    expect_display(sc.s, "db 7ff6`12340000 L20",
        "00007ff6`12340000  4d 5a 90 00 03 00 00 00-04 00 00 00 ff ff 00 00  MZ..............\n"
        "00007ff6`12340010  b8 00 00 00 00 00 00 00-40 00 00 00 00 00 00 00  ........@.......\n");
    expect_display(sc.s, "dw 10000 L0n12",
                  "00000000`00010000  0100 0302 0504 0706 0908 0b0a 0d0c 0f0e\n"
                  "00000000`00010010  1110 1312 1514 1716\n");
    expect_display(sc.s, "dd 10000 L6",
                  "00000000`00010000  03020100 07060504 0b0a0908 0f0e0d0c\n"
                  "00000000`00010010  13121110 17161514\n");
    expect_display(sc.s, "dq 10000 L3",
                  "00000000`00010000  07060504`03020100 0f0e0d0c`0b0a0908\n"
                  "00000000`00010010  17161514`13121110\n");
    expect_display(sc.s, "dp 10000 L1", "00000000`00010000  07060504`03020100\n");
    expect_display(sc.s, "dc 10040 L5",
                  "00000000`00010040  43424140 47464544 4b4a4948 4f4e4d4c  @ABCDEFGHIJKLMNO\n"
                  "00000000`00010050  53525150                             PQRS\n");
    /* dW: words and their ASCII; the case of its W matters (dD, dyB are
     * other commands, not this family's) */
    expect_display(sc.s, "dW 10040 L9",
                   "00000000`00010040  4140 4342 4544 4746 4948 4b4a 4d4c 4f4e  @ABCDEFGHIJKLMNO\n"
                   "00000000`00010050  5150                                     PQ\n");
    expect_display(sc.s, "dw 10040 L1", "00000000`00010040  4140\n");
    HRESULT hr;
    char *out = run(sc.s, "dD 10040", &hr);
    assert_int_equal(hr, E_INVALIDARG);
    assert_non_null(strstr(out, "^ Syntax error in 'dD 10040'"));
    free(out);
    out = run(sc.s, "dyB 10040", &hr);
    assert_int_equal(hr, E_INVALIDARG);
    free(out);
    /* a short db line keeps the ASCII column in place */
    expect_display(sc.s, "db 10041 L5",
                  "00000000`00010041  41 42 43 44 45                                   ABCDE\n");
    expect_display(sc.s, "db 10041 L9",
                  "00000000`00010041  41 42 43 44 45 46 47 48-49                       ABCDEFGHI\n");
    expect_display(sc.s, "dyb 10041 L6",
                  "                   76543210 76543210 76543210 76543210\n"
                  "                   -------- -------- -------- --------\n"
                  "00000000`00010041  01000001 01000010 01000011 01000100  41 42 43 44\n"
                  "00000000`00010045  01000101 01000110                    45 46\n");
    /* /c: the elements a line (the second column follows them) */
    expect_display(sc.s, "db /c 8 10000 L10",
                   "00000000`00010000  00 01 02 03 04 05 06 07  ........\n"
                   "00000000`00010008  08 09 0a 0b 0c 0d 0e 0f  ........\n");
    expect_display(sc.s, "dd /c 1 10000 L2",
                   "00000000`00010000  03020100\n"
                   "00000000`00010004  07060504\n");
    expect_display(sc.s, "dyb /c 2 10040 L3",
                   "                   76543210 76543210\n"
                   "                   -------- --------\n"
                   "00000000`00010040  01000000 01000001  40 41\n"
                   "00000000`00010042  01000010           42\n");
    expect_display(sc.s, "da /c 8 10040 L10",
                   "00000000`00010040  \"@ABCDEFG\"\n"
                   "00000000`00010048  \"HIJKLMNO\"\n");
    /* two addresses: the end is inclusive */
    expect_display(sc.s, "db 10010 1001f",
        "00000000`00010010  10 11 12 13 14 15 16 17-18 19 1a 1b 1c 1d 1e 1f  ................\n");
    expect_display(sc.s, "dd 10010 10017", "00000000`00010010  13121110 17161514\n");
    scene_close(&sc);
}

static void test_defaults_and_continuation(void **state)
{
    (void)state;
    struct scene sc;
    planted_scene_x64(&sc);
    scene_open(&sc);
    HRESULT hr;
    /* db: 128 bytes, 8 lines; a bare db goes on from there */
    char *out = run(sc.s, "db 10000", &hr);
    assert_int_equal(hr, S_OK);
    assert_int_equal(strlen(out), 8 * 85);
    assert_non_null(strstr(out, "00000000`00010070  70 71"));
    free(out);
    expect_display(sc.s, "db L10",
        "00000000`00010080  80 81 82 83 84 85 86 87-88 89 8a 8b 8c 8d 8e 8f  ................\n");
    /* a long line after the length (the continuation copies it) */
    char spaced[600];
    snprintf(spaced, sizeof spaced, "db L1%*s", 500, "");
    expect_display(sc.s, spaced,
                   "00000000`00010090  90                                               .\n");
    expect_display(sc.s, "db 10080 L10", "00000000`00010080  80 81 82 83 84 85 86 87-88 89 8a 8b 8c 8d 8e 8f  ................\n");
    out = run(sc.s, "db", &hr);
    assert_true(strncmp(out, "00000000`00010090  90 91", 24) == 0);
    assert_int_equal(strlen(out), 8 * 85);
    free(out);
    /* a bare d repeats the last format; a new format continues too */
    out = run(sc.s, "dd", &hr);
    assert_true(strncmp(out, "00000000`00010110  13121110", 27) == 0);
    assert_int_equal(strlen(out), 8 * 55); /* 32 dwords, 4 a line */
    free(out);
    out = run(sc.s, "d", &hr);
    assert_true(strncmp(out, "00000000`00010190  93929190", 27) == 0);
    free(out);
    expect_display(sc.s, "d 10000 L1", "00000000`00010000  03020100\n");
    /* defaults of the others: dw 64 words, dq 16, dc 32 dwords, dyb 32 bytes */
    out = run(sc.s, "dw 10000", &hr);
    assert_int_equal(strlen(out), 8 * (19 + 8 * 5));
    free(out);
    out = run(sc.s, "dq 10000", &hr);
    assert_int_equal(strlen(out), 8 * (19 + 2 * 18));
    free(out);
    out = run(sc.s, "dc 10000", &hr);
    assert_int_equal(strlen(out), 8 * (19 + 35 + 2 + 16 + 1));
    free(out);
    out = run(sc.s, "dyb 10000", &hr);
    assert_int_equal(strlen(out), 2 * 55 + 8 * (19 + 35 + 2 + 11 + 1));
    free(out);
    out = run(sc.s, "dqs 10800", &hr);
    assert_true(strncmp(out, "00000000`00010800  00007ff6`12341000 tiny+0x1000\n", 49) == 0);
    free(out);
    scene_close(&sc);
}

static void test_symbols_and_strings(void **state)
{
    (void)state;
    struct scene sc;
    planted_scene_x64(&sc);
    scene_open(&sc);
    expect_display(sc.s, "dps 10800 L5",
                  "00000000`00010800  00007ff6`12341000 tiny+0x1000\n"
                  "00000000`00010808  00000000`00001234\n"
                  "00000000`00010810  00007ff6`12340000 tiny\n"
                  "00000000`00010818  00007ff6`1234ffff tiny+0xffff\n"
                  "00000000`00010820  00007ff6`12350000\n");
    expect_display(sc.s, "dqs 10800 L1", "00000000`00010800  00007ff6`12341000 tiny+0x1000\n");
    expect_display(sc.s, "dds 10800 L2",
                  "00000000`00010800  12341000\n"
                  "00000000`00010804  00007ff6\n");
    /* control characters and bytes above ASCII show '.' */
    expect_display(sc.s, "da 10900", "00000000`00010900  \"Hello, display!..... end\"\n");
    expect_display(sc.s, "da 10900 L5", "00000000`00010900  \"Hello\"\n");
    /* du: characters above ASCII as UTF-8, a lone surrogate and a tab '.' */
    expect_display(sc.s, "du 10a00", "00000000`00010a00  \"Wide \xc3\xa9\xe4\xb8\xad..!\"\n");
    /* an empty string */
    expect_display(sc.s, "da 10000", "00000000`00010000  \"\"\n");
    /* a string running into unreadable memory: '?' to the limit */
    HRESULT hr;
    char *out = run(sc.s, "da 20000", &hr);
    assert_int_equal(hr, S_OK);
    static const char first[] = "00000000`00020000  \"ABCDEFGHIJKLMNOPQRS?????????????\"\n"
                                "00000000`00020020  \"????????????????????????????????\"\n";
    assert_true(strncmp(out, first, sizeof first - 1) == 0);
    assert_int_equal(strlen(out), 12 * 54);
    free(out);
    expect_display(sc.s, "da 20010 L5", "00000000`00020010  \"QRS??\"\n");
    scene_close(&sc);
}

static void test_holes(void **state)
{
    (void)state;
    struct scene sc;
    planted_scene_x64(&sc);
    scene_open(&sc);
    /* elements cut by the hole: whole elements of question marks */
    expect_display(sc.s, "dw 2000c L6",
                  "00000000`0002000c  4e4d 504f 5251 ???? ???? ????\n");
    expect_display(sc.s, "dd 2000c L3", "00000000`0002000c  504f4e4d ???????? ????????\n");
    expect_display(sc.s, "dq 20008 L2", "00000000`00020008  504f4e4d`4c4b4a49 ????????`????????\n");
    expect_display(sc.s, "dc 2000c L3",
                  "00000000`0002000c  504f4e4d ???????? ????????           MNOP????????\n");
    expect_display(sc.s, "dyb 20011 L3",
                  "                   76543210 76543210 76543210 76543210\n"
                  "                   -------- -------- -------- --------\n"
                  "00000000`00020011  01010010 01010011 ????????           52 53 ??\n");
    expect_display(sc.s, "dqs 20010 L1", "00000000`00020010  ????????`????????\n");
    /* nothing readable at all */
    expect_display(sc.s, "dd 30000 L8",
                  "00000000`00030000  ???????? ???????? ???????? ????????\n"
                  "00000000`00030010  ???????? ???????? ???????? ????????\n");
    expect_display(sc.s, "du 30000 L3", "00000000`00030000  \"???\"\n");
    /* a hole inside one read: readable again after it */
    expect_display(sc.s, "db 1fffe L4",
                  "00000000`0001fffe  ?? ?? 41 42                                      ??AB\n");
    scene_close(&sc);
}

static void test_x86_forms(void **state)
{
    (void)state;
    struct scene sc;
    reference_scene_x86(&sc);
    mdb_memory(&sc.m, 0x8f000000, 0x10, "high memory....", MDB_IN_LIST32);
    mdb_module(&sc.m, 0x90000000, 0x10000, "C:\\Windows\\high.dll");
    put_u32(mdb_memory(&sc.m, 0x8f100000, 4, NULL, MDB_IN_LIST32), 0x90000010);
    scene_open(&sc);
    /* dp and dps are dd and dds on a 4-byte target; dq keeps its backtick */
    expect_display(sc.s, "dp 001bfb70 L2", "001bfb70  00000024 1008a5c4\n");
    expect_display(sc.s, "dq 001bfb70 L1", "001bfb70  1008a5c4`00000024\n");
    expect_display(sc.s, "dds 0007839c L1", "0007839c  000618bd DelayTest+0x18bd\n");
    expect_display(sc.s, "dds 8f100000 L1", "8f100000  90000010 high+0x10\n");
    expect_display(sc.s, "dps ffffffff`8f100000 L1", "8f100000  90000010 high+0x10\n");
    expect_display(sc.s, "db 8f000000 L4",
                  "8f000000  68 69 67 68                                      high\n");
    /* a 4-byte target's addresses are 32 bits */
    expect_display(sc.s, "db 1`8f000000 L4",
                   "8f000000  68 69 67 68                                      high\n");
    /* the end of a 4-byte address space: the display stops there */
    expect_display(sc.s, "db fffffff8 L10",
                  "fffffff8  ?? ?? ?? ?? ?? ?? ?? ??                          ????????\n");
    scene_close(&sc);
}

/* ---- what a user may type ---------------------------------------------------------- */

static void test_bad_input(void **state)
{
    (void)state;
    struct scene sc;
    planted_scene_x64(&sc);
    scene_open(&sc);
    /* the top of the address space: a default length stops there, an
     * explicit one past it is a range error; nothing wraps to 0 */
    expect_display(sc.s, "db ffffffff`ffffffff",
                   "ffffffff`ffffffff  ??                                               ?\n");
    HRESULT hr;
    char *out = run(sc.s, "db ffffffff`ffffffc0", &hr);
    assert_int_equal(hr, S_OK);
    assert_int_equal(strlen(out), 4 * 85);
    free(out);
    static const char *const past_top[] = {"db ffffffff`fffffff8 L10", "dd ffffffff`fffffffe",
                                           "db ffffffff`ffffff00 L?ffffffff"};
    for (size_t i = 0; i < sizeof past_top / sizeof past_top[0]; i++) {
        out = run(sc.s, past_top[i], &hr);
        assert_int_equal(hr, E_INVALIDARG);
        assert_non_null(strstr(out, "^ Range error in '"));
        free(out);
    }
    /* a bare display after the top continues at 0 */
    out = run(sc.s, "dq ffffffff`fffffff0", &hr);
    assert_int_equal(strlen(out), 55);
    free(out);
    out = run(sc.s, "db L10", &hr);
    assert_true(strncmp(out, "00000000`00000000  ??", 20) == 0);
    free(out);
    /* errors: each writes a line and fails, none crashes */
    static const char *const bad[] = {
        "db 10000 L",       "db 10000 Lzz",  "db zz",           "db (",       "db 10000 20000 30000",
        "dd 10000 L10000001", "db /p 10000", "du 10000 L-",    "dyb 1 0",    "da )",
        "db /c 0 10000",    "db /c 1000 10000", "db /c",         "dd /c poi(0) 1",
        "db 10000 L?",      "dps poi(0)",    "dq 10000 L0",     "db 0 L?0",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        out = run(sc.s, bad[i], &hr);
        free(out);
    }
    /* every format over every corner: must not crash */
    static const char *const names[] = {"db", "dw", "dd", "dq", "dp", "dc",
                                        "da", "du", "dyb", "dds", "dqs", "dps", "d"};
    static const char *const ranges[] = {"0", "1 L1", "ffffffff`ffffffff", "fffffffe L?5",
                                         "1ffff L3", "20012", "7ff6`1234fffd L4", ""};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        for (size_t j = 0; j < sizeof ranges / sizeof ranges[0]; j++) {
            char line[128];
            snprintf(line, sizeof line, "%s %s", names[i], ranges[j]);
            out = run(sc.s, line, &hr);
            free(out);
        }
    scene_close(&sc);
}

/* A sink that interrupts the command once it has 256 KiB (Ctrl+C). */
struct interrupting {
    ds_session *s;
    size_t length, after;
};

static void interrupting_sink(void *context, const char *text, size_t length)
{
    (void)text;
    struct interrupting *c = context;
    if (c->length >= 256 * 1024)
        c->after += length; /* must stay 0: output stops with the interrupt */
    c->length += length;
    if (c->length >= 256 * 1024)
        ds_session_interrupt(c->s);
}

/* The whole address space, every format: each stops when interrupted. */
static void test_interrupt(void **state)
{
    (void)state;
    struct scene sc;
    planted_scene_x64(&sc);
    scene_open(&sc);
    static const char *const lines[] = {"db 0 L?ffffffffffffffff", "dq 0 L?1fffffffffffffff",
                                        "dps 10000 L?1000000", "du 20000 L?7ffffffffffeffff",
                                        "dyb 0 L?ffffffff"};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        struct interrupting c = {sc.s, 0, 0};
        assert_int_equal(ds_execute(sc.s, lines[i], interrupting_sink, &c), E_ABORT);
        assert_true(c.length >= 256 * 1024 && c.length < 512 * 1024);
        assert_int_equal(c.after, 0);
    }
    /* a bare display goes on where the interrupted one stopped: about
     * 256 KiB of 85-byte lines of 16 bytes from 0 */
    struct interrupting c = {sc.s, 0, 0};
    assert_int_equal(ds_execute(sc.s, lines[0], interrupting_sink, &c), E_ABORT);
    HRESULT hr;
    char *out = run(sc.s, "db L10", &hr);
    assert_int_equal(hr, S_OK);
    unsigned long long at = strtoull(out + 9, NULL, 16);
    assert_true(at % 16 == 0 && at >= c.length / 85 * 16 && at <= c.length / 85 * 16 + 0x1000);
    free(out);
    scene_close(&sc);
}

/* A session with no target: the display commands say so. */
static void test_no_target(void **state)
{
    (void)state;
    ds_session *s;
    assert_int_equal(ds_session_create(NULL, &s), S_OK);
    HRESULT hr;
    char *out = run(s, "db 1000", &hr);
    assert_true(FAILED(hr));
    assert_true(strlen(out) > 0);
    free(out);
    ds_session_destroy(s);
}

/* ---- a live process -------------------------------------------------------------- */

/* The layout helper (tests/helpers/layout.c), attached: its string, a
 * PROT_NONE page between two readable ones, the end of a mapping. */
static void test_live_process(void **state)
{
    struct layout_fixture *f = *state;
    ds_session *s;
    assert_int_equal(ds_session_create(f->t, &s), S_OK);
    char line[256], want[1024];
    uint64_t hello = f->hello, guard = helper_value(&f->h, "guard");
    uint64_t edge = helper_value(&f->h, "edge"), page = f->page;

    snprintf(line, sizeof line, "da %llx", (unsigned long long)hello);
    snprintf(want, sizeof want, "%08x`%08x  \"hello, dataspaces\"\n", (unsigned)(hello >> 32),
             (unsigned)hello);
    expect_output(s, line, S_OK, want);

    /* the last 8 bytes of the first page, then the PROT_NONE page */
    uint64_t at = guard + page - 8;
    snprintf(line, sizeof line, "db %llx L10", (unsigned long long)at);
    char bytes[64] = "", ascii[17] = "";
    for (int i = 0; i < 8; i++) {
        uint8_t b = (uint8_t)((page - 8 + (uint64_t)i) * 7);
        char hex[4];
        snprintf(hex, sizeof hex, i ? " %02x" : "%02x", b);
        strcat(bytes, hex);
        ascii[i] = b >= 0x20 && b < 0x7f ? (char)b : '.';
    }
    snprintf(want, sizeof want, "%08x`%08x  %s-?? ?? ?? ?? ?? ?? ?? ??  %s????????\n",
             (unsigned)(at >> 32), (unsigned)at, bytes, ascii);
    expect_output(s, line, S_OK, want);

    /* the end of a mapping */
    at = edge + page - 8;
    snprintf(line, sizeof line, "dd %llx L4", (unsigned long long)at);
    snprintf(want, sizeof want, "%08x`%08x  a5a5a5a5 a5a5a5a5 ???????? ????????\n",
             (unsigned)(at >> 32), (unsigned)at);
    expect_output(s, line, S_OK, want);

    /* all three guard pages: the middle one in question marks, the third
     * readable again */
    snprintf(line, sizeof line, "dq %llx L?%llx", (unsigned long long)guard,
             (unsigned long long)(3 * page / 8));
    HRESULT hr;
    char *out = run(s, line, &hr);
    assert_int_equal(hr, S_OK);
    size_t lines = 3 * page / 16;
    assert_int_equal(strlen(out), lines * 55);
    for (size_t i = 0; i < lines; i++) {
        const char *text = out + i * 55 + 19;
        int unreadable = i >= page / 16 && i < 2 * page / 16;
        assert_int_equal(text[0] == '?', unreadable);
    }
    free(out);
    ds_session_destroy(s);
}

/* ---- a big display -------------------------------------------------------------- */

/* Every ds_read_virtual of the library comes here (the Makefile links this
 * test with --wrap=ds_read_virtual), counted. */
HRESULT __real_ds_read_virtual(ds_target *t, uint64_t offset, void *buffer, uint32_t size,
                               uint32_t *bytes_read);
HRESULT __wrap_ds_read_virtual(ds_target *t, uint64_t offset, void *buffer, uint32_t size,
                               uint32_t *bytes_read);
static unsigned long reads;
HRESULT __wrap_ds_read_virtual(ds_target *t, uint64_t offset, void *buffer, uint32_t size,
                               uint32_t *bytes_read)
{
    reads++;
    return __real_ds_read_virtual(t, offset, buffer, size, bytes_read);
}

/* 1 MiB of db: 65536 lines, each as the bytes say, read in chunks. */
static void test_one_mebibyte(void **state)
{
    (void)state;
    struct scene sc;
    mdb_init(&sc.m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);
    mdb_memory_pattern(&sc.m, 0x40000000, 0x100000, 7, MDB_IN_LIST64);
    scene_open(&sc);
    HRESULT hr;
    reads = 0;
    char *out = run(sc.s, "db 40000000 L100000", &hr);
    assert_int_equal(hr, S_OK);
    assert_int_equal(strlen(out), 65536 * 85);
    /* 64 KiB a read: 16 of them */
    assert_true(reads >= 16 && reads <= 20);
    /* spot checks against the planted pattern */
    for (uint64_t line = 0; line < 65536; line += 4099) {
        const char *text = out + line * 85;
        uint64_t at = 0x40000000 + line * 16;
        char want[32];
        snprintf(want, sizeof want, "00000000`%08x  %02x", (unsigned)at, mdb_pattern(at, 7));
        assert_true(strncmp(text, want, strlen(want)) == 0);
    }
    free(out);
    scene_close(&sc);
}

/* 3000 small ranges, each followed by a gap (a MiniDumpNormal of a busy
 * process): a read per readable run and none per byte of the gaps. */
static void test_many_holes(void **state)
{
    (void)state;
    struct scene sc;
    mdb_init(&sc.m, MDB_ARCH_AMD64, MDB_OS_WINDOWS);
    for (uint64_t i = 0; i < 3000; i++)
        mdb_memory(&sc.m, 0x50000000 + i * 0x40, 0x10, NULL, MDB_IN_LIST32)[0] = (uint8_t)i;
    scene_open(&sc);
    HRESULT hr;
    reads = 0;
    char *out = run(sc.s, "dq 50000000 L?5dc0", &hr);
    assert_int_equal(hr, S_OK);
    assert_int_equal(strlen(out), 3000 * 4 * 55);
    assert_true(reads <= 3000 + 10);
    /* each range's first quad, then question marks to the next range */
    assert_true(strncmp(out + 55 * 4, "00000000`50000040  00000000`00000001 00000000`00000000\n"
                                      "00000000`50000050  ????????`???????? ????????`????????\n",
                        110) == 0);
    free(out);
    scene_close(&sc);
}

/* ---- ELF cores -------------------------------------------------------------------- */

/* A Linux core of the architecture: /usr/bin/demo at 0x400000, its first
 * page in the core and its second left out; a data page of pointers. */
static void core_display(const char *arch_name)
{
    struct ecb b;
    ecb_init(&b, ecb_arch(arch_name), 4242);
    uint8_t *text = ecb_add_load(&b, 0x400000, 0x2000, 0x1000, 5);
    for (int i = 0; i < 0x1000; i++)
        text[i] = (uint8_t)(0x20 + i % 0x5f);
    ecb_add_file(&b, 0x400000, 0x402000, 0, "/usr/bin/demo");
    uint8_t *data = ecb_add_load(&b, 0x600000, 0x1000, 0x1000, 6);
    unsigned ptr = b.arch->is64 ? 8 : 4;
    ecb_put(&b, data, 0x401234, ptr);
    ecb_put(&b, data + ptr, 0x999, ptr);
    ecb_put(&b, data + 2 * ptr, 0x400000, ptr);
    char dir[] = "/tmp/ds-display-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/core", dir);
    assert_true(ecb_write(&b, path));
    ds_target *t;
    assert_int_equal(ds_open_dump(path, 0, &t), S_OK);
    ds_session *s;
    assert_int_equal(ds_session_create(t, &s), S_OK);
    if (b.arch->is64) {
        expect_display(s, "db 400ff8 L10",
                       "00000000`00400ff8  23 24 25 26 27 28 29 2a-?? ?? ?? ?? ?? ?? ?? ??  #$%&'()*????????\n");
        expect_display(s, "dps 600000 L3",
                       "00000000`00600000  00000000`00401234 demo+0x1234\n"
                       "00000000`00600008  00000000`00000999\n"
                       "00000000`00600010  00000000`00400000 demo\n");
    } else {
        expect_display(s, "db 400ff8 L10",
                       "00400ff8  23 24 25 26 27 28 29 2a-?? ?? ?? ?? ?? ?? ?? ??  #$%&'()*????????\n");
        expect_display(s, "dps 600000 L3",
                       "00600000  00401234 demo+0x1234\n"
                       "00600004  00000999\n"
                       "00600008  00400000 demo\n");
    }
    ds_session_destroy(s);
    ds_close(t);
    unlink(path);
    rmdir(dir);
    ecb_free(&b);
}

/* A big-endian core (s390x): values in the target's byte order, du's
 * UTF-16 too; bytes as they lie. */
static void test_core_big_endian(void **state)
{
    (void)state;
    struct ecb b;
    ecb_init(&b, ecb_arch("s390x"), 4242);
    uint8_t *data = ecb_add_load(&b, 0x400000, 0x1000, 0x1000, 6);
    for (int i = 0; i < 16; i++)
        data[i] = (uint8_t)i;
    memcpy(data + 0x100, "\0H\0i\0!\0\0", 8);
    char dir[] = "/tmp/ds-display-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/core", dir);
    assert_true(ecb_write(&b, path));
    ds_target *t;
    assert_int_equal(ds_open_dump(path, 0, &t), S_OK);
    ds_session *s;
    assert_int_equal(ds_session_create(t, &s), S_OK);
    /* too few bytes to tell the order: learnt from more read at the start */
    expect_display(s, "dw 400000 L3", "00000000`00400000  0001 0203 0405\n");
    expect_display(s, "dd 400000 L3", "00000000`00400000  00010203 04050607 08090a0b\n");
    expect_display(s, "dq 400000 L2", "00000000`00400000  00010203`04050607 08090a0b`0c0d0e0f\n");
    expect_display(s, "db 400000 L4",
                   "00000000`00400000  00 01 02 03                                      ....\n");
    expect_display(s, "du 400100", "00000000`00400100  \"Hi!\"\n");
    ds_session_destroy(s);
    ds_close(t);
    unlink(path);
    rmdir(dir);
    ecb_free(&b);
}

static void test_core_x86_64(void **state)
{
    (void)state;
    core_display("x86_64");
}

static void test_core_i386(void **state)
{
    (void)state;
    core_display("i386");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_bugcheck_page),
        cmocka_unit_test(test_reference_sessions_x64),
        cmocka_unit_test(test_reference_sessions_x86),
        cmocka_unit_test(test_columns_x64),
        cmocka_unit_test(test_defaults_and_continuation),
        cmocka_unit_test(test_symbols_and_strings),
        cmocka_unit_test(test_holes),
        cmocka_unit_test(test_x86_forms),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_no_target),
        cmocka_unit_test(test_interrupt),
        cmocka_unit_test_setup_teardown(test_live_process, layout_setup_stopped, layout_teardown),
        cmocka_unit_test(test_one_mebibyte),
        cmocka_unit_test(test_many_holes),
        cmocka_unit_test(test_core_x86_64),
        cmocka_unit_test(test_core_i386),
        cmocka_unit_test(test_core_big_endian),
    };
    return cmocka_run_group_tests_name("commands_display", tests, NULL, NULL);
}
