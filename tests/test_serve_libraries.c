/*
 * test_serve_libraries — the target's modules as the debugger's library
 * list (qXfer:libraries-svr4:read, qXfer:libraries:read).
 *
 * Packets first (serve_handle_packet, no socket): the documents of a
 * minidump whose modules the test planted and of a live child whose
 * libraries the test process itself describes (a forked child maps what
 * its parent maps: dl_iterate_phdr's load bias and dynamic section, and
 * the loader's link_map list, are the truth), read whole and in small
 * chunks, names escaped, the wrong object refused; crafted cores for the
 * link_map walk (a cycle, each class and byte order), names XML cannot
 * carry, hostile headers. Then the debuggers: gdb's `info sharedlibrary`
 * and lldb's `image list` on the live child, gdb's on an ELF core, both
 * on a served minidump, and gdb placing a DLL file the test writes.
 */
#include "testlib.h"
#include "elfcore_builder.h"
#include "minidump_builder.h"
#include "serve_client.h"

#include "serve/serve.h"

#include <elf.h>
#include <link.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char reply[SERVE_REPLY_CAP + 1];

static size_t ask(struct serve_session *s, const char *pkt)
{
    size_t n = serve_handle_packet(s, pkt, strlen(pkt), reply);
    reply[n] = '\0';
    return n;
}

/* Undo the reply's binary escaping ('}' then the byte ^ 0x20). */
static size_t unescape(const char *in, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        out[k++] = in[i] == '}' && i + 1 < n ? (char)(in[++i] ^ 0x20) : in[i];
    return k;
}

/* The whole document of object, read with chunks of len bytes; every
   chunk but the last is "m", the last "l". malloc'd. */
static char *read_doc(struct serve_session *s, const char *object, unsigned len)
{
    size_t cap = 1 << 20, have = 0;
    char *doc = malloc(cap);
    assert_non_null(doc);
    for (unsigned round = 0;; round++) {
        assert_true(round < 200000);
        char req[128];
        snprintf(req, sizeof req, "qXfer:%s:read::%zx,%x", object, have, len);
        size_t n = ask(s, req);
        assert_true(n >= 1);
        assert_true(reply[0] == 'm' || reply[0] == 'l');
        assert_true(have + n < cap);
        size_t k = unescape(reply + 1, n - 1, doc + have);
        assert_true(k <= len);
        have += k;
        if (reply[0] == 'l')
            break;
        assert_true(k > 0);
    }
    doc[have] = '\0';
    return doc;
}

static bool supported_has(struct serve_session *s, const char *feature)
{
    ask(s, "qSupported:xmlRegisters=i386");
    char want[96];
    snprintf(want, sizeof want, ";%s;", feature);
    char with_ends[SERVE_REPLY_CAP + 3];
    snprintf(with_ends, sizeof with_ends, ";%s;", reply);
    return strstr(with_ends, want) != NULL;
}

/* ---- a minidump ------------------------------------------------------------ */

#define K32_BASE 0x7ff810000000ull
#define K32_SIZE 0x8000u
#define K32_TEXT 0x2000u /* .text's RVA in the planted section table */
#define ODD_BASE 0x7ff820000000ull
#define ODD_SIZE 0x3000u
#define ODD_NAME "C:\\odd\\a<b&c\"d'e>.dll"
#define ODD_ESCAPED "C:\\odd\\a&lt;b&amp;c&quot;d&apos;e&gt;.dll"

static const char *k32_name = "C:\\Windows\\System32\\kernel32.dll";

/* PE headers at the module's base (mdb_pe_image's) plus a section table
   naming .data at 0x1000 and .text at K32_TEXT: gdb's text offset is
   .text's, not the first section's. */
static void plant_pe(struct mdb *m, const struct mdb_module *mod)
{
    mdb_pe_image(m, mod, 0x1000, MDB_IN_LIST32);
    uint8_t *p = NULL;
    for (size_t i = 0; i < m->nranges; i++)
        if (m->ranges[i].start == mod->base)
            p = m->ranges[i].data;
    assert_non_null(p);
    uint32_t lfanew = p[0x3c] | (uint32_t)p[0x3d] << 8;
    uint8_t *fh = p + lfanew + 4;
    fh[2] = 2; /* NumberOfSections */
    uint16_t opt = (uint16_t)(fh[16] | fh[17] << 8);
    uint8_t *sec = fh + 20 + opt;
    memcpy(sec, ".data\0\0\0", 8);
    sec[12 + 1] = 0x10; /* VirtualAddress 0x1000 */
    memcpy(sec + 40, ".text\0\0\0", 8);
    sec[40 + 12 + 1] = (uint8_t)(K32_TEXT >> 8);
}

static ds_target *dump_with_modules(struct mdb *m)
{
    mdb_init(m, MDB_ARCH_AMD64, 2);
    mdb_memory_pattern(m, MD_BASE, MD_SIZE, 7, MDB_IN_LIST32);
    struct mdb_thread *th = mdb_thread(m, 0x1234, MD_BASE, MD_SIZE);
    th->pc = K32_BASE + K32_TEXT + 0x10;
    th->sp = MD_SP;
    plant_pe(m, mdb_module(m, K32_BASE, K32_SIZE, k32_name));
    mdb_module(m, ODD_BASE, ODD_SIZE, ODD_NAME); /* no headers in the dump */
    return mdb_open(m, 0);
}

static void test_minidump_packets(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t = dump_with_modules(&m);
    struct serve_session s;
    serve_session_init(&s, t);

    assert_true(supported_has(&s, "qXfer:libraries:read+"));
    assert_false(supported_has(&s, "qXfer:libraries-svr4:read+"));

    /* The whole document: each module at its base plus .text's RVA
       (read from the headers; 0x1000, gdb's default, without them). */
    char want[1024];
    snprintf(want, sizeof want,
             "<library-list version=\"1.0\">\n"
             "  <library name=\"%s\"><segment address=\"0x%llx\"/></library>\n"
             "  <library name=\"%s\"><segment address=\"0x%llx\"/></library>\n"
             "</library-list>\n",
             k32_name, K32_BASE + K32_TEXT, ODD_ESCAPED, ODD_BASE + 0x1000);
    char *whole = read_doc(&s, "libraries", 0xffff);
    assert_string_equal(whole, want);
    /* Small chunks reassemble to the same. */
    for (unsigned len = 1; len <= 13; len += 6) {
        char *pieces = read_doc(&s, "libraries", len);
        assert_string_equal(pieces, whole);
        free(pieces);
    }
    free(whole);
    /* Past the end: "l". The svr4 list is not a Windows target's. */
    assert_string_equal((ask(&s, "qXfer:libraries:read::100000,10"), reply), "l");
    assert_string_equal((ask(&s, "qXfer:libraries-svr4:read::0,100"), reply), "E00");
    /* An annex (no such object: the empty reply), a malformed offset. */
    assert_int_equal(ask(&s, "qXfer:libraries:read:x:0,100"), 0);
    assert_string_equal((ask(&s, "qXfer:libraries:read::zz,100"), reply), "E00");

    serve_session_release(&s);
    ds_close(t);
    mdb_free(&m);
}

/* A Breakpad dump of a Linux process: its modules are ELF (paths, no
   headers in the dump), so the svr4 list is offered, each library at its
   base, the first module (the executable) left out. */
static void test_linux_minidump_packets(void **state)
{
    (void)state;
    struct mdb m;
    mdb_init(&m, MDB_ARCH_AMD64, 0x8201 /* Breakpad's Linux */);
    mdb_memory_pattern(&m, MD_BASE, MD_SIZE, 7, MDB_IN_LIST32);
    mdb_thread(&m, 0x1234, MD_BASE, MD_SIZE);
    mdb_module(&m, 0x555500000000ull, 0x4000, "/usr/bin/app");
    mdb_module(&m, 0x7f0000000000ull, 0x9000, "/lib/x86_64-linux-gnu/libc.so.6");
    ds_target *t = mdb_open(&m, 0);
    struct serve_session s;
    serve_session_init(&s, t);
    assert_true(supported_has(&s, "qXfer:libraries-svr4:read+"));
    char *svr4 = read_doc(&s, "libraries-svr4", 0xffff);
    assert_string_equal(svr4, "<library-list-svr4 version=\"1.0\">\n"
                              "  <library name=\"/lib/x86_64-linux-gnu/libc.so.6\" "
                              "lm=\"0x7f0000000000\" l_addr=\"0x7f0000000000\" l_ld=\"0x0\" lmid=\"0x0\"/>\n"
                              "</library-list-svr4>\n");
    free(svr4);
    serve_session_release(&s);
    ds_close(t);
    mdb_free(&m);
}

/* A remote target (ds_connect to our own stub serving the minidump): the
   remote backend lists no modules, so no list is offered, either object
   is refused and lldb hears of no OS. */
static void test_remote_target_has_no_list(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *dump = dump_with_modules(&m);
    struct served v;
    serve_start(&v, dump);
    ds_target *t;
    assert_hr(S_OK, ds_connect(v.addr, 0, &t), NULL);
    uint32_t count = 1;
    assert_hr(S_OK, ds_get_number_modules(t, &count), NULL);
    assert_int_equal(count, 0); /* what this test assumes; a change here means revisit */
    struct serve_session s;
    serve_session_init(&s, t);
    assert_false(supported_has(&s, "qXfer:libraries:read+"));
    assert_false(supported_has(&s, "qXfer:libraries-svr4:read+"));
    assert_string_equal((ask(&s, "qXfer:libraries:read::0,100"), reply), "E00");
    assert_string_equal((ask(&s, "qXfer:libraries-svr4:read::0,100"), reply), "E00");
    ask(&s, "qHostInfo");
    const char *hex = "x86_64-unknown-unknown";
    char want[64];
    for (size_t i = 0; hex[i]; i++)
        snprintf(want + 2 * i, 3, "%02x", (unsigned)(unsigned char)hex[i]);
    assert_non_null(strstr(reply, want));
    serve_session_release(&s);
    ds_close(t);
    serve_stop(&v);
    ds_close(dump);
    mdb_free(&m);
}

/* ---- a live child ------------------------------------------------------------- */

struct lib_truth {
    char name[512];
    uint64_t l_addr, l_ld, segment, lm;
};

#define MAX_TRUTH 64
static struct lib_truth truth[MAX_TRUTH];
static size_t ntruth;

/* This process's libraries, which a forked child maps the same. */
static int collect(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    if (!info->dlpi_name || !info->dlpi_name[0] || ntruth == MAX_TRUTH)
        return 0; /* the executable (""), and the vDSO has a name: kept */
    struct lib_truth *l = &truth[ntruth];
    memset(l, 0, sizeof *l);
    snprintf(l->name, sizeof l->name, "%s", info->dlpi_name);
    l->l_addr = info->dlpi_addr;
    bool load = false;
    for (unsigned i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_LOAD && !load) {
            load = true;
            l->segment = info->dlpi_addr + ph->p_vaddr;
        }
        if (ph->p_type == PT_DYNAMIC)
            l->l_ld = info->dlpi_addr + ph->p_vaddr;
    }
    /* The loader's entry for it: the link_map with this dynamic section. */
    for (struct link_map *lm = _r_debug.r_map; lm; lm = lm->l_next)
        if ((uint64_t)(uintptr_t)lm->l_ld == l->l_ld)
            l->lm = (uint64_t)(uintptr_t)lm;
    ntruth++;
    return 0;
}

static pid_t start_child(void)
{
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        for (;;)
            pause();
    }
    return child;
}

static void stop_child(pid_t child)
{
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
}

/* The module of the target whose base lies in [lo, hi). */
static bool module_at(ds_target *t, uint64_t lo, uint64_t hi, uint64_t *base, uint64_t *size,
                      char *name, uint32_t name_cap)
{
    uint32_t count = 0;
    assert_hr(S_OK, ds_get_number_modules(t, &count), NULL);
    for (uint32_t i = 0; i < count; i++) {
        uint32_t need;
        if (SUCCEEDED(ds_get_module(t, i, base, size, name, name_cap, &need)) && *base >= lo &&
            *base < hi)
            return true;
    }
    return false;
}

static void test_live_packets(void **state)
{
    (void)state;
    ntruth = 0;
    dl_iterate_phdr(collect, NULL);
    pid_t child = start_child();
    ds_target *t;
    assert_hr(S_OK, ds_attach(child, 0, &t), NULL);
    struct serve_session s;
    serve_session_init(&s, t);

    assert_true(supported_has(&s, "qXfer:libraries-svr4:read+"));
    assert_true(supported_has(&s, "qXfer:libraries:read+"));

    char *svr4 = read_doc(&s, "libraries-svr4", 0xffff);
    char *pieces = read_doc(&s, "libraries-svr4", 11);
    assert_string_equal(pieces, svr4);
    free(pieces);
    char *segs = read_doc(&s, "libraries", 0xffff);

    /* main-lm: the loader's first entry, the executable's. */
    char want[1024];
    snprintf(want, sizeof want, "<library-list-svr4 version=\"1.0\" main-lm=\"0x%llx\">\n",
             (unsigned long long)(uintptr_t)_r_debug.r_map);
    if (strncmp(svr4, want, strlen(want)) != 0)
        fail_msg("the svr4 list does not start with \"%s\":\n%s", want, svr4);

    /* Every library ds lists as a module: its name (the library's), load
       bias, dynamic section and link_map as this process knows them. */
    unsigned checked = 0;
    bool libc = false;
    for (size_t i = 0; i < ntruth; i++) {
        uint64_t base, size;
        char name[512];
        if (!module_at(t, truth[i].segment & ~0xfffull, truth[i].segment + 1, &base, &size,
                       name, sizeof name))
            continue; /* the vDSO: no module */
        snprintf(want, sizeof want,
                 "  <library name=\"%s\" lm=\"0x%llx\" l_addr=\"0x%llx\" l_ld=\"0x%llx\" lmid=\"0x0\"/>\n",
                 name, (unsigned long long)truth[i].lm, (unsigned long long)truth[i].l_addr,
                 (unsigned long long)truth[i].l_ld);
        if (!strstr(svr4, want))
            fail_msg("the svr4 list lacks \"%s\":\n%s", want, svr4);
        snprintf(want, sizeof want,
                 "  <library name=\"%s\"><segment address=\"0x%llx\"/></library>\n", name,
                 (unsigned long long)truth[i].segment);
        if (!strstr(segs, want))
            fail_msg("the segment list lacks \"%s\":\n%s", want, segs);
        libc = libc || strstr(name, "/libc.so") != NULL;
        checked++;
    }
    assert_true(libc);
    /* Nothing more: the modules less the executable. */
    uint32_t count = 0;
    assert_hr(S_OK, ds_get_number_modules(t, &count), NULL);
    unsigned listed = 0;
    for (const char *p = svr4; (p = strstr(p, "<library ")); p++)
        listed++;
    assert_int_equal(listed, count - 1);
    assert_int_equal(checked, count - 1);

    free(svr4);
    free(segs);
    serve_session_release(&s);
    ds_close(t);
    stop_child(child);
}

/* ---- gdb ------------------------------------------------------------------- */

/* The line of out that ends with text (its start), NULL when none. */
static const char *line_ending(const char *out, const char *text, size_t *len)
{
    size_t k = strlen(text);
    for (const char *line = out; *line;) {
        const char *eol = strchr(line, '\n');
        size_t n = eol ? (size_t)(eol - line) : strlen(line);
        while (n > 0 && line[n - 1] == ' ')
            n--;
        if (n >= k && memcmp(line + n - k, text, k) == 0) {
            *len = n;
            return line;
        }
        if (!eol)
            break;
        line = eol + 1;
    }
    return NULL;
}

/* gdb's `info sharedlibrary` line naming path: its From address (0 when
   gdb shows none). False when no line names it. */
static bool gdb_library(const char *out, const char *path, uint64_t *from)
{
    size_t n;
    const char *line = line_ending(out, path, &n);
    unsigned long long a = 0;
    if (!line)
        return false;
    *from = sscanf(line, "0x%llx", &a) == 1 ? a : 0;
    return true;
}

static void test_debuggers_list_live_libraries(void **state)
{
    (void)state;
    pid_t child = start_child();
    ds_target *t;
    assert_hr(S_OK, ds_attach(child, 0, &t), NULL);
    struct served v;
    serve_start(&v, t);
    char *out = gdb(&v, "-ex 'info sharedlibrary'");
    char cmd[256];
    snprintf(cmd, sizeof cmd, "lldb -b -o 'gdb-remote %s' -o 'image list'", v.addr);
    char *lldb_out = run_debugger(cmd);

    /* libc as the library lists it, and where: gdb's From lies in it. */
    uint32_t count = 0;
    assert_hr(S_OK, ds_get_number_modules(t, &count), NULL);
    bool seen = false;
    for (uint32_t i = 0; i < count; i++) {
        uint64_t base, size, from;
        char name[512];
        uint32_t need;
        assert_hr(S_OK, ds_get_module(t, i, &base, &size, name, sizeof name, &need), NULL);
        if (!strstr(name, "/libc.so"))
            continue;
        seen = true;
        if (!gdb_library(out, name, &from) || from < base || from >= base + size)
            fail_msg("gdb does not list %s in [0x%llx, 0x%llx):\n%s", name,
                     (unsigned long long)base, (unsigned long long)(base + size), out);
        /* lldb (through the svr4 list): the image at its base. */
        size_t n;
        const char *line = line_ending(lldb_out, name, &n);
        char at[32];
        snprintf(at, sizeof at, " 0x%016llx ", (unsigned long long)base);
        if (!line || !memmem(line, n, at, strlen(at)))
            fail_msg("lldb does not list %s at 0x%llx:\n%s", name, (unsigned long long)base,
                     lldb_out);
    }
    assert_true(seen);
    free(out);
    free(lldb_out);
    serve_stop(&v);
    ds_close(t);
    stop_child(child);
}

/* A core's svr4 list holds want (and not absent), and gdb lists the
   library gdb_name by name (its file is nowhere, so no addresses). */
static void expect_core_libraries(ds_target *t, const char *want, const char *absent,
                                  const char *gdb_name)
{
    struct serve_session s;
    serve_session_init(&s, t);
    char *svr4 = read_doc(&s, "libraries-svr4", 0xffff);
    if (!strstr(svr4, want) || (absent && strstr(svr4, absent)))
        fail_msg("the core's svr4 list lacks %s%s%s:\n%s", want, absent ? " or has " : "",
                 absent ? absent : "", svr4);
    free(svr4);
    serve_session_release(&s);

    struct served v;
    serve_start(&v, t);
    char *out = gdb(&v, "-ex 'info sharedlibrary'");
    uint64_t from;
    if (!gdb_library(out, gdb_name, &from))
        fail_msg("gdb does not list %s:\n%s", gdb_name, out);
    free(out);
    serve_stop(&v);
}

static void test_gdb_lists_core_libraries(void **state)
{
    (void)state;
    struct ecb b;
    struct ecb_layout L;
    ecb_init(&b, ecb_arch("x86_64"), 4321);
    ecb_standard_process(&b, &L);
    char path[] = "/tmp/ds_serve_libs_core_XXXXXX";
    ecb_write_temp(&b, path);
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);

    /* The packet: the library at its base (no program headers planted:
       the bias is the base), the executable left out. */
    char want[256];
    snprintf(want, sizeof want, "<library name=\"/usr/lib/libmade.so.1\" lm=\"0x%llx\" "
                                "l_addr=\"0x%llx\" l_ld=\"0x0\" lmid=\"0x0\"/>",
             (unsigned long long)L.lib, (unsigned long long)L.lib);
    expect_core_libraries(t, want, "made_by_test", "/usr/lib/libmade.so.1");
    ds_close(t);
    ecb_free(&b);
    unlink(path);
}

/* ---- a crafted core: the loader's list, bounded -------------------------------- */

#define CR_EXE 0x400000ull

/* An ELF header (the core's class and order) at p with a PT_LOAD at
   load_vaddr and a PT_DYNAMIC at dyn_vaddr; phentsize as given (0: the
   class's own). */
static void crafted_image(const struct ecb *b, uint8_t *p, uint16_t type, uint64_t load_vaddr,
                          uint64_t dyn_vaddr, unsigned phentsize)
{
    bool w64 = b->arch->is64;
    memcpy(p, ELFMAG, SELFMAG);
    p[EI_CLASS] = w64 ? ELFCLASS64 : ELFCLASS32;
    p[EI_DATA] = b->arch->big_endian ? ELFDATA2MSB : ELFDATA2LSB;
    p[EI_VERSION] = EV_CURRENT;
    ecb_put(b, p + 16, type, 2);
    ecb_put(b, p + 18, b->arch->machine, 2);
    unsigned ehsize = w64 ? 64 : 52, entsize = w64 ? 56 : 32;
    ecb_put(b, p + (w64 ? 32 : 28), ehsize, w64 ? 8 : 4); /* e_phoff */
    ecb_put(b, p + (w64 ? 54 : 42), phentsize ? phentsize : entsize, 2);
    ecb_put(b, p + (w64 ? 56 : 44), 2, 2);                /* e_phnum */
    uint8_t *ph = p + ehsize;
    ecb_put(b, ph, PT_LOAD, 4);
    ecb_put(b, ph + (w64 ? 16 : 8), load_vaddr, w64 ? 8 : 4);
    ph += entsize;
    ecb_put(b, ph, PT_DYNAMIC, 4);
    ecb_put(b, ph + (w64 ? 16 : 8), dyn_vaddr, w64 ? 8 : 4);
}

/* The executable's DT_DEBUG leads to a link_map list whose tail is a
   cycle (LM1 -> LM2 -> LM1) not through its head: the walk must end, find
   liba's entry, and give libb (not on the list) its base as a stand-in;
   program headers of the wrong size leave a library at its base. In each
   class and byte order. */
static void link_map_walk(const char *arch)
{
    struct ecb b;
    ecb_init(&b, ecb_arch(arch), 4321);
    bool w64 = b.arch->is64;
    unsigned w = w64 ? 8 : 4;
    uint64_t liba = w64 ? 0x7f0000000000ull : 0xf7000000u;
    uint64_t libb = liba + 0x100000, bad = liba + 0x200000;
    uint8_t *exe = ecb_add_load(&b, CR_EXE, 0x1000, 0x1000, PF_R | PF_X);
    crafted_image(&b, exe, ET_EXEC, CR_EXE, CR_EXE + 0x800, 0);
    ecb_put(&b, exe + 0x800, DT_DEBUG, w), ecb_put(&b, exe + 0x800 + w, CR_EXE + 0xa00, w);
    uint64_t lm0 = CR_EXE + 0xb00, lm1 = lm0 + 0x40, lm2 = lm0 + 0x80;
    ecb_put(&b, exe + 0xa00, 1, 4), ecb_put(&b, exe + 0xa00 + w, lm0, w); /* r_version, r_map */
    /* link_map: l_addr, l_name, l_ld, l_next */
    ecb_put(&b, exe + 0xb00 + 2 * w, CR_EXE + 0x800, w), ecb_put(&b, exe + 0xb00 + 3 * w, lm1, w);
    ecb_put(&b, exe + 0xb40, liba, w), ecb_put(&b, exe + 0xb40 + 2 * w, liba + 0x200, w);
    ecb_put(&b, exe + 0xb40 + 3 * w, lm2, w);
    ecb_put(&b, exe + 0xb80 + 2 * w, 0x1234, w), ecb_put(&b, exe + 0xb80 + 3 * w, lm1, w);
    crafted_image(&b, ecb_add_load(&b, liba, 0x1000, 0x1000, PF_R | PF_X), ET_DYN, 0, 0x200, 0);
    crafted_image(&b, ecb_add_load(&b, libb, 0x1000, 0x1000, PF_R | PF_X), ET_DYN, 0x10000,
                  0x10300, 0);
    crafted_image(&b, ecb_add_load(&b, bad, 0x1000, 0x1000, PF_R | PF_X), ET_DYN, 0, 0x200, 55);
    ecb_add_file(&b, CR_EXE, CR_EXE + 0x1000, 0, "/usr/bin/crafted");
    ecb_add_file(&b, liba, liba + 0x1000, 0, "/usr/lib/liba.so");
    ecb_add_file(&b, libb, libb + 0x1000, 0, "/usr/lib/libb.so");
    ecb_add_file(&b, bad, bad + 0x1000, 0, "/usr/lib/libbad.so");
    char path[] = "/tmp/ds_serve_libs_lm_XXXXXX";
    ecb_write_temp(&b, path);
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);
    struct serve_session s;
    serve_session_init(&s, t);

    char want[1024];
    snprintf(want, sizeof want,
             "<library-list-svr4 version=\"1.0\" main-lm=\"0x%llx\">\n"
             "  <library name=\"/usr/lib/liba.so\" lm=\"0x%llx\" l_addr=\"0x%llx\" "
             "l_ld=\"0x%llx\" lmid=\"0x0\"/>\n"
             "  <library name=\"/usr/lib/libb.so\" lm=\"0x%llx\" l_addr=\"0x%llx\" "
             "l_ld=\"0x%llx\" lmid=\"0x0\"/>\n"
             "  <library name=\"/usr/lib/libbad.so\" lm=\"0x%llx\" l_addr=\"0x%llx\" "
             "l_ld=\"0x0\" lmid=\"0x0\"/>\n"
             "</library-list-svr4>\n",
             (unsigned long long)lm0, (unsigned long long)lm1, (unsigned long long)liba,
             (unsigned long long)liba + 0x200, (unsigned long long)libb,
             (unsigned long long)libb - 0x10000, (unsigned long long)libb + 0x300,
             (unsigned long long)bad, (unsigned long long)bad);
    char *svr4 = read_doc(&s, "libraries-svr4", 0xffff);
    if (strcmp(svr4, want) != 0)
        fail_msg("%s: the svr4 list is\n%s\nnot\n%s", arch, svr4, want);
    free(svr4);
    /* The segment list: where each first PT_LOAD is. */
    snprintf(want, sizeof want,
             "<library-list version=\"1.0\">\n"
             "  <library name=\"/usr/lib/liba.so\"><segment address=\"0x%llx\"/></library>\n"
             "  <library name=\"/usr/lib/libb.so\"><segment address=\"0x%llx\"/></library>\n"
             "  <library name=\"/usr/lib/libbad.so\"><segment address=\"0x%llx\"/></library>\n"
             "</library-list>\n",
             (unsigned long long)liba, (unsigned long long)libb, (unsigned long long)bad);
    char *segs = read_doc(&s, "libraries", 5);
    if (strcmp(segs, want) != 0)
        fail_msg("%s: the segment list is\n%s\nnot\n%s", arch, segs, want);
    free(segs);

    serve_session_release(&s);
    ds_close(t);
    ecb_free(&b);
    unlink(path);
}

static void test_core_link_map_walk(void **state)
{
    (void)state;
    link_map_walk("x86_64");
    link_map_walk("i386");
    link_map_walk("s390x");  /* big-endian */
    link_map_walk("ppc32");  /* 32-bit big-endian */
}

/* Hostile headers: an executable whose DT_DEBUG points at a list of
   garbage and 14 libraries whose first page is random bytes behind a valid
   ELF ident (so every field after it is hostile). The documents build,
   bounded, and stay well-formed; under the sanitizers no read strays. */
static uint32_t rng_state;
static uint32_t rng(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state >> 8;
}

static void hostile_headers(const char *arch, uint32_t seed)
{
    rng_state = seed;
    struct ecb b;
    ecb_init(&b, ecb_arch(arch), 4321);
    bool w64 = b.arch->is64;
    unsigned w = w64 ? 8 : 4;
    uint8_t *exe = ecb_add_load(&b, CR_EXE, 0x2000, 0x2000, PF_R | PF_X);
    crafted_image(&b, exe, ET_EXEC, CR_EXE, CR_EXE + 0x800, 0);
    ecb_put(&b, exe + 0x800, DT_DEBUG, w), ecb_put(&b, exe + 0x800 + w, CR_EXE + 0xa00, w);
    for (unsigned i = 0xa00; i < 0x2000; i++)
        exe[i] = (uint8_t)rng();
    /* r_map and some l_next fields point back into the page. */
    ecb_put(&b, exe + 0xa00 + w, CR_EXE + 0xb00, w);
    for (unsigned i = 0; i < 32; i++)
        ecb_put(&b, exe + 0xb00 + (rng() % 0x1400 & ~7u), CR_EXE + 0xa00 + (rng() % 0x1600), w);
    ecb_add_file(&b, CR_EXE, CR_EXE + 0x2000, 0, "/usr/bin/hostile");
    uint64_t base = w64 ? 0x7f0000000000ull : 0xf0000000u;
    for (unsigned k = 0; k < 14; k++) {
        uint64_t at = base + k * 0x10000ull;
        uint8_t *p = ecb_add_load(&b, at, 0x1000, 0x1000, PF_R | PF_X);
        for (unsigned i = 0; i < 0x1000; i++)
            p[i] = (uint8_t)rng();
        crafted_image(&b, p, ET_DYN, rng() % 3 ? 0 : rng(), rng() % 0x1000, rng() % 4 ? 0 : rng() & 0xff);
        for (unsigned i = 16; i < 64; i++) /* then the header's fields too */
            if (rng() % 4 == 0)
                p[i] = (uint8_t)rng();
        char name[64];
        snprintf(name, sizeof name, "/usr/lib/libh%u.so", k);
        ecb_add_file(&b, at, at + 0x1000, 0, name);
    }
    char path[] = "/tmp/ds_serve_libs_hostile_XXXXXX";
    ecb_write_temp(&b, path);
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);
    struct serve_session s;
    serve_session_init(&s, t);
    char *svr4 = read_doc(&s, "libraries-svr4", 0xfff);
    char *segs = read_doc(&s, "libraries", 0xfff);
    const char *end = "</library-list-svr4>\n";
    if (strlen(svr4) < strlen(end) || strcmp(svr4 + strlen(svr4) - strlen(end), end) != 0)
        fail_msg("%s seed %u: the svr4 list is cut:\n%s", arch, seed, svr4);
    end = "</library-list>\n";
    if (strlen(segs) < strlen(end) || strcmp(segs + strlen(segs) - strlen(end), end) != 0)
        fail_msg("%s seed %u: the segment list is cut:\n%s", arch, seed, segs);
    /* The libraries are all there (the executable's DT_DEBUG names it). */
    unsigned listed = 0;
    for (const char *q = svr4; (q = strstr(q, "<library ")); q++)
        listed++;
    if (listed != 14)
        fail_msg("%s seed %u: %u libraries listed, not 14:\n%s", arch, seed, listed, svr4);
    free(svr4);
    free(segs);
    serve_session_release(&s);
    ds_close(t);
    ecb_free(&b);
    unlink(path);
}

static void test_hostile_headers(void **state)
{
    (void)state;
    for (uint32_t seed = 1; seed <= 8; seed++) {
        hostile_headers("x86_64", seed);
        hostile_headers("i386", seed);
        hostile_headers("s390x", seed);
    }
}

/* Names a Linux path may have and XML may not: control characters, bytes
   that are no UTF-8, the specials. The document stays one gdb parses: it
   lists the well-named library after the odd one. */
static void test_odd_names_in_a_core(void **state)
{
    (void)state;
    static const char odd[] = "/usr/lib/lib\x01\t\xe9<&\xc3\xa9.so";
    static const char escaped[] = "/usr/lib/lib&#xfffd;&#9;&#xe9;&lt;&amp;\xc3\xa9.so";
    struct ecb b;
    ecb_init(&b, ecb_arch("x86_64"), 4321);
    uint64_t liba = 0x7f0000000000ull, libb = liba + 0x100000;
    crafted_image(&b, ecb_add_load(&b, CR_EXE, 0x1000, 0x1000, PF_R | PF_X), ET_EXEC, CR_EXE,
                  CR_EXE + 0x800, 0);
    crafted_image(&b, ecb_add_load(&b, liba, 0x1000, 0x1000, PF_R | PF_X), ET_DYN, 0, 0x200, 0);
    crafted_image(&b, ecb_add_load(&b, libb, 0x1000, 0x1000, PF_R | PF_X), ET_DYN, 0, 0x200, 0);
    ecb_add_file(&b, CR_EXE, CR_EXE + 0x1000, 0, "/usr/bin/crafted");
    ecb_add_file(&b, liba, liba + 0x1000, 0, odd);
    ecb_add_file(&b, libb, libb + 0x1000, 0, "/usr/lib/libok.so");
    char path[] = "/tmp/ds_serve_libs_odd_XXXXXX";
    ecb_write_temp(&b, path);
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);

    char want[256];
    snprintf(want, sizeof want, "<library name=\"%s\" lm=", escaped);
    expect_core_libraries(t, want, NULL, "/usr/lib/libok.so");
    ds_close(t);
    ecb_free(&b);
    unlink(path);
}

/* ---- a served minidump: gdb and lldb ------------------------------------------ */

static void test_debuggers_list_minidump_modules(void **state)
{
    (void)state;
    struct mdb m;
    ds_target *t = dump_with_modules(&m);
    struct served v;
    serve_start(&v, t);

    char *out = gdb(&v, "-ex 'info sharedlibrary'");
    uint64_t from;
    if (!gdb_library(out, k32_name, &from) || !gdb_library(out, ODD_NAME, &from))
        fail_msg("gdb does not list %s and %s:\n%s", k32_name, ODD_NAME, out);
    free(out);

    char cmd[512];
    snprintf(cmd, sizeof cmd, "lldb -b -o 'gdb-remote %s' -o 'image list'", v.addr);
    out = run_debugger(cmd);
    /* Its line: "[  0] ... 0x00007ff810000000 C:\...\kernel32.dll (...)". The
       module without headers in the dump is not shown (lldb reads the
       image from memory). */
    char want[128];
    snprintf(want, sizeof want, " 0x%016llx %s", K32_BASE, k32_name);
    if (!strstr(out, want))
        fail_msg("lldb does not list \"%s\":\n%s", want, out);
    free(out);

    serve_stop(&v);
    ds_close(t);
    mdb_free(&m);
}

/* gdb finds a DLL's file (a PE the test writes, named by the module) and
   places its .text where the segment address says: base + .text's RVA. */
#define PE_BASE 0x7ff830000000ull
#define PE_TEXT 0x1000u

static void test_gdb_places_a_pe_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/ds_serve_libs_pe_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/placed.dll", dir);

    struct mdb m;
    mdb_init(&m, MDB_ARCH_AMD64, 2);
    mdb_memory_pattern(&m, MD_BASE, MD_SIZE, 7, MDB_IN_LIST32);
    mdb_thread(&m, 0x1234, MD_BASE, MD_SIZE);
    struct mdb_module *mod = mdb_module(&m, PE_BASE, 0x2000, path);
    mdb_pe_image(&m, mod, 0x1000, MDB_IN_LIST32);
    uint8_t *p = NULL;
    for (size_t i = 0; i < m.nranges; i++)
        if (m.ranges[i].start == PE_BASE)
            p = m.ranges[i].data;
    assert_non_null(p);
    /* One section, .text: 0x100 bytes at PE_TEXT, its raw data at 0x400. */
    uint32_t lfanew = p[0x3c] | (uint32_t)p[0x3d] << 8;
    uint8_t *fh = p + lfanew + 4;
    fh[2] = 1;
    uint16_t opt = (uint16_t)(fh[16] | fh[17] << 8);
    uint8_t *sec = fh + 20 + opt;
    memcpy(sec, ".text\0\0\0", 8);
    sec[8 + 1] = 0x01;                    /* VirtualSize 0x100 */
    sec[12 + 1] = (uint8_t)(PE_TEXT >> 8); /* VirtualAddress */
    sec[16 + 1] = 0x02;                   /* SizeOfRawData 0x200 */
    sec[20 + 1] = 0x04;                   /* PointerToRawData 0x400 */
    sec[36] = 0x20, sec[39] = 0x60;       /* code, execute, read */
    uint8_t file[0x600];
    memcpy(file, p, 0x400);
    memset(file + 0x400, 0xc3, 0x200);
    write_whole_file(path, file, sizeof file);
    ds_target *t = mdb_open(&m, 0);

    struct served v;
    serve_start(&v, t);
    char *out = gdb(&v, "-ex 'info sharedlibrary'");
    uint64_t from = 0;
    if (!gdb_library(out, path, &from) || from != PE_BASE + PE_TEXT)
        fail_msg("gdb does not place %s's .text at 0x%llx (From 0x%llx):\n%s", path,
                 PE_BASE + PE_TEXT, (unsigned long long)from, out);
    free(out);
    serve_stop(&v);
    ds_close(t);
    mdb_free(&m);
    remove_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minidump_packets),
        cmocka_unit_test(test_linux_minidump_packets),
        cmocka_unit_test(test_remote_target_has_no_list),
        cmocka_unit_test(test_live_packets),
        cmocka_unit_test(test_debuggers_list_live_libraries),
        cmocka_unit_test(test_gdb_lists_core_libraries),
        cmocka_unit_test(test_core_link_map_walk),
        cmocka_unit_test(test_odd_names_in_a_core),
        cmocka_unit_test(test_hostile_headers),
        cmocka_unit_test(test_debuggers_list_minidump_modules),
        cmocka_unit_test(test_gdb_places_a_pe_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
