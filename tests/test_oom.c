/*
 * test_oom.c — any allocation the library makes may fail, and each failure
 * must end in E_OUTOFMEMORY with a sentence, or in the same answer as
 * without it: never a crash, a leak, or a quietly smaller answer (a
 * stream or a region dropped because a buffer could not be had).
 *
 * The program is linked with -Wl,--wrap for malloc, calloc, realloc,
 * strdup and strndup (see the Makefile), so every such call the library
 * makes lands in the wrappers below, which fail the one chosen. (libelf's
 * own allocations are not ours to fail: it is a shared library.)
 *
 * A session opens a target and makes a fixed series of calls a debugger
 * makes (threads, modules, a QueryVirtual walk, reads cached and uncached,
 * searches, strings, valid regions, pointers, handles, tagged data, the
 * image path, the cache), each step recording a digest of what it got. The
 * session runs once with no failure, counting its allocations; then again
 * with allocation n failing, for every n: once with only that one failing
 * (does the library recover?) and once with every later one failing too
 * (does it give up cleanly?). Every step must then give the digest it gave
 * at first, or stop at a call that returned E_OUTOFMEMORY with a sentence
 * that says memory ran out. Leaks show in `make check SANITIZE=1`, whose
 * LeakSanitizer fails this program at exit.
 *
 * Targets: an ELF core of every machine tests/lib/elfcore_builder.c knows,
 * a minidump of every scene tests/lib/minidump_scenes.c builds (with
 * handles, MemoryInfoList, Linux maps, PE headers, a file cut short...),
 * and a live process (the layout helper, stopped by each attach).
 * tests/conformance/conf_oom.c includes this file (with OOM_CORPUS defined,
 * which leaves out the targets below) to run the same sessions over every
 * third-party dump (make conformance).
 */
#include "testlib.h"
#include "elfcore_builder.h"
#include "minidump_builder.h"

#include <dirent.h>
#include <dlfcn.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- failing allocations on purpose ------------------------------------ */

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

static long alloc_count;     /* allocations since the session began */
static long fail_at = -1;    /* the one to fail (-1: none) */
static bool fail_later;      /* and every one after it */
static long failed;          /* how many were failed */
static void *failed_caller;  /* where the chosen one was asked for */

static bool should_fail(void *caller)
{
    long n = alloc_count++;
    if (fail_at < 0 || n < fail_at || (n > fail_at && !fail_later))
        return false;
    if (n == fail_at)
        failed_caller = caller;
    failed++;
    return true;
}

/* What the session under way fails, for messages. */
static char context[1024];

/* "FILE+0xOFFSET" of a code address, for addr2line. */
static const char *where(void *code)
{
    static char text[512];
    Dl_info info;
    if (dladdr(code, &info) && info.dli_fname)
        snprintf(text, sizeof text, "%s+0x%lx", info.dli_fname,
                 (unsigned long)((uintptr_t)code - (uintptr_t)info.dli_fbase));
    else
        snprintf(text, sizeof text, "%p", code);
    return text;
}

void *__wrap_malloc(size_t size)
{
    return should_fail(__builtin_return_address(0)) ? NULL : __real_malloc(size);
}
void *__wrap_calloc(size_t n, size_t size)
{
    return should_fail(__builtin_return_address(0)) ? NULL : __real_calloc(n, size);
}
void *__wrap_realloc(void *p, size_t size)
{
    return should_fail(__builtin_return_address(0)) ? NULL : __real_realloc(p, size);
}
char *__wrap_strdup(const char *s)
{
    return should_fail(__builtin_return_address(0)) ? NULL : __real_strdup(s);
}
char *__wrap_strndup(const char *s, size_t n)
{
    return should_fail(__builtin_return_address(0)) ? NULL : __real_strndup(s, n);
}

/* ---- a session: steps, each with a digest ------------------------------ */

enum { STEP_OPEN, STEP_FACTS, STEP_THREADS, STEP_MODULES, STEP_WALK, STEP_READS, STEP_SEARCH,
       STEP_STRINGS, STEP_VALID, STEP_POINTERS, STEP_HANDLES, STEP_TAGGED, STEP_IMAGE_PATH,
       STEP_CACHE, STEP_COUNT };
static const char *const step_names[STEP_COUNT] = {
    "open", "facts", "threads", "modules", "QueryVirtual walk", "reads", "search",
    "strings", "valid regions", "pointers", "handles", "tagged", "image path", "cache",
};

#define MAX_BASES 48
#define READ_SIZE (20u * 1024u)

struct session {
    uint64_t digest[STEP_COUNT];
    bool out_of_memory[STEP_COUNT];  /* the step stopped at an E_OUTOFMEMORY */
    /* Addresses the first session's walk found (collect is set), probed
       by every later one: a walk cut short by a failure does not change
       what later steps do. */
    bool collect;
    uint64_t bases[MAX_BASES];
    uint32_t sizes[MAX_BASES];
    int nbases;
};

struct step {
    struct session *s;
    ds_target *t;
    int id;
    uint64_t h;
    bool oom;
};

static void mix(struct step *st, const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++)
        st->h = (st->h ^ b[i]) * 0x100000001b3ull;
}
static void mix_u64(struct step *st, uint64_t v)
{
    mix(st, &v, sizeof v);
}

/* Record a call's HRESULT; false (stop the step) when it ran out of
   memory, after checking that its sentence says so. */
static bool call_ok(struct step *st, HRESULT hr)
{
    if (hr == E_OUTOFMEMORY) {
        const char *e = ds_error_text(st->t);
        if (!strstr(e, "memory"))
            fail_msg("%s: %s: E_OUTOFMEMORY with the sentence \"%s\"", context, step_names[st->id], e);
        st->oom = true;
        return false;
    }
    mix_u64(st, (uint32_t)hr);
    return true;
}

typedef void step_fn(struct step *st, ds_target *t);

/* Run one step and keep its digest, and whether it ran out of memory. */
static void run_step(int id, step_fn *fn, struct session *s, ds_target *t)
{
    struct step st = { s, t, id, 0xcbf29ce484222325ull, false };
    fn(&st, t);
    s->digest[id] = st.h;
    s->out_of_memory[id] = st.oom;
}

static void step_facts(struct step *st, ds_target *t)
{
    mix_u64(st, ds_pointer_size(t));
    mix_u64(st, ds_machine(t));
    mix_u64(st, ds_page_size(t));
    mix_u64(st, ds_process_id(t));
    const char *notes = ds_open_notes(t);
    mix(st, notes, strlen(notes));
}

static void step_threads(struct step *st, ds_target *t)
{
    uint32_t n = 0, ids[256];
    if (!call_ok(st, ds_get_number_threads(t, &n)))
        return;
    mix_u64(st, n);
    if (n > 256)
        n = 256;
    if (n && call_ok(st, ds_get_thread_ids(t, 0, n, ids)))
        mix(st, ids, n * sizeof *ids);
}

static void step_modules(struct step *st, ds_target *t)
{
    uint32_t n = 0;
    if (!call_ok(st, ds_get_number_modules(t, &n)))
        return;
    mix_u64(st, n);
    for (uint32_t i = 0; i < n && i < 64 && !st->oom; i++) {
        uint64_t base = 0, size = 0;
        char name[512];
        uint32_t name_size = 0;
        if (!call_ok(st, ds_get_module(t, i, &base, &size, name, sizeof name, &name_size)))
            break;
        mix_u64(st, base);
        mix_u64(st, size);
        mix(st, name, strlen(name));
        IMAGE_NT_HEADERS64 nt;
        HRESULT hr = ds_read_image_nt_headers(t, base, &nt);
        if (call_ok(st, hr) && SUCCEEDED(hr))
            mix(st, &nt, sizeof nt);
    }
}

static void step_walk(struct step *st, ds_target *t)
{
    struct session *s = st->s;
    uint64_t at = 0;
    for (int i = 0; i < 512; i++) {
        MEMORY_BASIC_INFORMATION64 info;
        HRESULT hr = ds_query_virtual(t, at, &info);
        if (!call_ok(st, hr) || FAILED(hr))
            break;
        mix(st, &info, sizeof info);
        if (s->collect && info.State == MEM_COMMIT && s->nbases < MAX_BASES) {
            s->bases[s->nbases] = info.BaseAddress;
            s->sizes[s->nbases++] = info.RegionSize > READ_SIZE ? READ_SIZE
                                                                : (uint32_t)info.RegionSize;
        }
        uint64_t next = info.BaseAddress + info.RegionSize;
        if (next <= at)
            break;
        at = next;
    }
}

static void step_reads(struct step *st, ds_target *t)
{
    static uint8_t buf[READ_SIZE + 64];
    struct session *s = st->s;
    for (int i = 0; i < s->nbases && !st->oom; i++) {
        uint64_t addrs[2] = { s->bases[i], s->bases[i] + s->sizes[i] - 32 };
        for (int k = 0; k < 2 && !st->oom; k++) {
            uint32_t got = 0, size = k ? 64 : s->sizes[i];
            HRESULT hr = ds_read_virtual(t, addrs[k], buf, size, &got);
            if (!call_ok(st, hr))
                break;
            mix_u64(st, got);
            mix(st, buf, got);
            hr = ds_read_virtual_uncached(t, addrs[k], buf, size, &got);
            if (!call_ok(st, hr))
                break;
            mix_u64(st, got);
            mix(st, buf, got);
        }
    }
}

static void step_search(struct step *st, ds_target *t)
{
    static const char pattern[] = "\x7f" "ELF";
    uint64_t match = 0;
    HRESULT hr = ds_search_virtual(t, 0, ~0ull, pattern, 4, 1, &match);
    if (!call_ok(st, hr))
        return;
    mix_u64(st, match);
    /* A pattern that is nowhere: the search runs to the end. */
    static const uint8_t nowhere[16] = { 0xd5, 0x0b, 0x31, 0xe7, 0x5a, 0x5a, 0x01, 0x02,
                                         0x93, 0x11, 0x00, 0x7f, 0xfe, 0xc3, 0x44, 0x21 };
    hr = ds_search_virtual2(t, 0, ~0ull, DEBUG_VSEARCH_DEFAULT, nowhere, sizeof nowhere, 1,
                            &match);
    if (!call_ok(st, hr))
        return;
    mix_u64(st, SUCCEEDED(hr) ? match : 0);
}

static void step_strings(struct step *st, ds_target *t)
{
    struct session *s = st->s;
    for (int i = 0; i < s->nbases && i < 8 && !st->oom; i++) {
        char narrow[256];
        WCHAR wide[256];
        uint32_t n = 0;
        HRESULT hr = ds_read_multi_byte_string_virtual(t, s->bases[i], 4096, narrow,
                                                       sizeof narrow, &n);
        if (!call_ok(st, hr))
            break;
        mix_u64(st, n);
        if (SUCCEEDED(hr))
            mix(st, narrow, strnlen(narrow, sizeof narrow));
        hr = ds_read_unicode_string_virtual_wide(t, s->bases[i], 4096, wide, 256, &n);
        if (!call_ok(st, hr))
            break;
        mix_u64(st, n);
        hr = ds_read_multi_byte_string_virtual_wide(t, s->bases[i], 4096, CP_UTF8, wide, 256,
                                                    &n);
        if (!call_ok(st, hr))
            break;
        mix_u64(st, n);
        hr = ds_read_unicode_string_virtual(t, s->bases[i], 4096, CP_UTF8, narrow,
                                            sizeof narrow, &n);
        if (!call_ok(st, hr))
            break;
        mix_u64(st, n);
    }
}

static void step_valid(struct step *st, ds_target *t)
{
    struct session *s = st->s;
    for (int i = 0; i < s->nbases && i < 16 && !st->oom; i++) {
        uint64_t base = 0, next = 0;
        uint32_t size = 0, source = 0, got = 0;
        HRESULT hr = ds_get_valid_region_virtual(t, s->bases[i] - 0x1000, 0x100000, &base,
                                                 &size);
        if (!call_ok(st, hr))
            break;
        mix_u64(st, base);
        mix_u64(st, size);
        hr = ds_get_next_differently_valid_offset_virtual(t, s->bases[i], &next);
        if (!call_ok(st, hr))
            break;
        mix_u64(st, next);
        hr = ds_get_offset_information(t, DEBUG_DATA_SPACE_VIRTUAL,
                                       DEBUG_OFFSINFO_VIRTUAL_SOURCE, s->bases[i], &source,
                                       sizeof source, &got);
        if (!call_ok(st, hr))
            break;
        mix_u64(st, source);
    }
}

static void step_pointers(struct step *st, ds_target *t)
{
    struct session *s = st->s;
    for (int i = 0; i < s->nbases && i < 8 && !st->oom; i++) {
        uint64_t ptrs[16] = { 0 };
        if (!call_ok(st, ds_read_pointers_virtual(t, 16, s->bases[i], ptrs)))
            break;
        mix(st, ptrs, sizeof ptrs);
    }
}

static void step_handles(struct step *st, ds_target *t)
{
    uint32_t count = 0, size = 0;
    HRESULT hr = ds_read_handle_data(t, 0, DEBUG_HANDLE_DATA_TYPE_HANDLE_COUNT, &count,
                                     sizeof count, &size);
    if (!call_ok(st, hr))
        return;
    mix_u64(st, count);
    for (uint64_t h = 0; h < 0x80 && !st->oom; h += 4) {
        char name[256];
        DEBUG_HANDLE_DATA_BASIC basic;
        hr = ds_read_handle_data(t, h, DEBUG_HANDLE_DATA_TYPE_BASIC, &basic, sizeof basic,
                                 &size);
        if (!call_ok(st, hr))
            break;
        if (SUCCEEDED(hr))
            mix(st, &basic, sizeof basic);
        hr = ds_read_handle_data(t, h, DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME, name, sizeof name,
                                 &size);
        if (!call_ok(st, hr))
            break;
        if (SUCCEEDED(hr))
            mix(st, name, strnlen(name, sizeof name));
    }
}

static void step_tagged(struct step *st, ds_target *t)
{
    uint64_t handle = 0;
    HRESULT hr = ds_start_enum_tagged(t, &handle);
    if (!call_ok(st, hr) || FAILED(hr))
        return;
    for (int i = 0; i < 64; i++) {
        GUID tag;
        uint32_t size = 0;
        hr = ds_get_next_tagged(t, handle, &tag, &size);
        if (!call_ok(st, hr) || hr != S_OK)
            break;
        mix(st, &tag, sizeof tag);
        mix_u64(st, size);
    }
    call_ok(st, ds_end_enum_tagged(t, handle));
}

static void step_image_path(struct step *st, ds_target *t)
{
    struct session *s = st->s;
    if (!call_ok(st, ds_set_image_path(t, "/nonexistent/dataspaces-oom:/usr/lib/debug")))
        return;
    uint8_t b[64];
    uint32_t got = 0;
    if (s->nbases && call_ok(st, ds_read_virtual(t, s->bases[0], b, sizeof b, &got)))
        mix(st, b, got);
    call_ok(st, ds_set_image_path(t, NULL));
}

static void step_cache(struct step *st, ds_target *t)
{
    static uint8_t buf[READ_SIZE];
    struct session *s = st->s;
    if (!call_ok(st, ds_cache_set_size(t, 1u << 20)))
        return;
    for (int pass = 0; pass < 2 && !st->oom; pass++)
        for (int i = 0; i < s->nbases && i < 8; i++) {
            uint32_t got = 0;
            if (!call_ok(st, ds_read_virtual(t, s->bases[i], buf, s->sizes[i], &got)))
                break;
            mix(st, buf, got);
        }
    call_ok(st, ds_cache_flush(t));
}

typedef HRESULT (*opener)(const void *arg, ds_target **out);

/* One session: open, then every step; the target is closed at the end. */
static void run_session(opener open_target, const void *arg, struct session *s)
{
    ds_target *t = NULL;
    HRESULT hr = open_target(arg, &t);
    s->out_of_memory[STEP_OPEN] = hr == E_OUTOFMEMORY;
    s->digest[STEP_OPEN] = (uint32_t)hr;
    if (hr == E_OUTOFMEMORY) {
        if (t)
            fail_msg("%s: an open that ran out of memory returned a target", context);
        if (!strstr(ds_error_text(NULL), "memory"))
            fail_msg("%s: open: E_OUTOFMEMORY with the sentence \"%s\"", context,
                     ds_error_text(NULL));
        return;
    }
    if (FAILED(hr))
        return;  /* a dump this reader refuses: it must refuse it alike */
    static step_fn *const steps[STEP_COUNT] = {
        [STEP_FACTS] = step_facts,       [STEP_THREADS] = step_threads,
        [STEP_MODULES] = step_modules,   [STEP_WALK] = step_walk,
        [STEP_READS] = step_reads,       [STEP_SEARCH] = step_search,
        [STEP_STRINGS] = step_strings,   [STEP_VALID] = step_valid,
        [STEP_POINTERS] = step_pointers, [STEP_HANDLES] = step_handles,
        [STEP_TAGGED] = step_tagged,     [STEP_IMAGE_PATH] = step_image_path,
        [STEP_CACHE] = step_cache,
    };
    for (int k = STEP_OPEN + 1; k < STEP_COUNT; k++)
        run_step(k, steps[k], s, t);
    ds_close(t);
}

/* The first session, then one per allocation it made, in both modes. */
static void exercise(const char *what, opener open_target, const void *arg)
{
    static struct session first, again;
    memset(&first, 0, sizeof first);
    first.collect = true;
    fail_at = -1;
    alloc_count = 0;
    snprintf(context, sizeof context, "%s, no allocation failing", what);
    run_session(open_target, arg, &first);
    first.collect = false;
    long total = alloc_count;
    for (int k = 0; k < STEP_COUNT; k++)
        assert_false(first.out_of_memory[k]);
    long checked = 0;
    for (int mode = 0; mode < 2; mode++)
        for (long n = 0; n < total + 8; n++) {
            again = first;  /* the same addresses to probe */
            memset(again.digest, 0, sizeof again.digest);
            memset(again.out_of_memory, 0, sizeof again.out_of_memory);
            alloc_count = 0;
            failed = 0;
            fail_at = n;
            fail_later = mode == 1;
            failed_caller = NULL;
            snprintf(context, sizeof context, "%s, allocation %ld failing%s", what, n,
                     fail_later ? " (and every later one)" : "");
            run_session(open_target, arg, &again);
            fail_at = -1;
            checked++;
            bool stopped = false;  /* once the open fails, no step runs */
            for (int k = 0; k < STEP_COUNT; k++) {
                if (stopped)
                    continue;
                if (again.out_of_memory[k]) {
                    stopped = k == STEP_OPEN;
                    continue;
                }
                if (again.digest[k] != first.digest[k])
                    fail_msg("%s (asked for at %s): step \"%s\" gave another answer than "
                             "without a failure and no E_OUTOFMEMORY",
                             context, where(failed_caller), step_names[k]);
            }
            if (failed == 0)
                break;  /* the session made fewer than n allocations */
        }
    print_message("%s: %ld allocations, %ld sessions with one failing\n", what, total, checked);
}

/* ---- the targets -------------------------------------------------------- */

static HRESULT open_dump(const void *path, ds_target **out)
{
    return ds_open_dump(path, 0, out);
}

#ifndef OOM_CORPUS

/* The builder's standard process as a core of the machine, in a file. */
static void test_built_core(void **state)
{
    const struct ecb_arch *arch = *state;
    struct ecb b;
    struct ecb_layout L;
    ecb_init(&b, arch, 4343);
    ecb_standard_process(&b, &L);
    char path[] = "/tmp/ds-oom-core-XXXXXX";
    ecb_write_temp(&b, path);
    ecb_free(&b);
    char what[64];
    snprintf(what, sizeof what, "a built %s core", arch->name);
    exercise(what, open_dump, path);
    unlink(path);
}

/* A core gcore writes of a helper: real libraries named in NT_FILE, their
   ELF headers in the core (build-ids, NT headers). */
static void test_gcore_core(void **state)
{
    (void)state;
    char dir[] = "/tmp/ds-oom-gcore-XXXXXX", cmd[256], core[128];
    assert_non_null(mkdtemp(dir));
    struct helper h;
    helper_start(&h, "elfcore_target", NULL);
    snprintf(cmd, sizeof cmd, "gcore -o %s/core %d >%s/gcore.log 2>&1", dir, (int)h.pid, dir);
    int rc = system(cmd);
    snprintf(core, sizeof core, "%s/core.%d", dir, (int)h.pid);
    helper_stop(&h);
    if (rc != 0 || access(core, R_OK) != 0)
        fail_msg("gcore (Debian package gdb) could not dump the helper: exit status %d, see "
                 "%s/gcore.log", rc, dir);
    exercise("a gcore core", open_dump, core);
    unlink(core);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

/* A scene of tests/lib/minidump_scenes.c, built and written to a file. */
static void test_built_minidump(void **state)
{
    const struct mdb_scene *scene = *state;
    struct mdb m;
    scene->make(&m);
    if (!scene->built)
        mdb_build(&m);
    const char *path = mdb_write_file(&m);
    char what[64];
    snprintf(what, sizeof what, "a built %s minidump", scene->name);
    exercise(what, open_dump, path);
    mdb_free(&m);
}

static HRESULT attach_pid(const void *pid, ds_target **out)
{
    return ds_attach(*(const pid_t *)pid, 0, out);
}

/* Whether every thread of pid sleeps ('S' in its stat). */
static bool all_asleep(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
    DIR *d = opendir(path);
    if (!d)
        return false;
    bool asleep = true;
    for (struct dirent *de; asleep && (de = readdir(d));) {
        if (de->d_name[0] == '.')
            continue;
        char stat_path[384], stat[512];
        snprintf(stat_path, sizeof stat_path, "%s/%s/stat", path, de->d_name);
        FILE *f = fopen(stat_path, "r");
        size_t n = f ? fread(stat, 1, sizeof stat - 1, f) : 0;
        if (f)
            fclose(f);
        stat[n] = 0;
        const char *state = strrchr(stat, ')');
        asleep = state && state[1] == ' ' && state[2] == 'S';
    }
    closedir(d);
    return asleep;
}

/* A live process: the layout helper, with its threads, once all of them
   sleep (it has said "ready", but its threads and its stdio may still be
   writing their memory). glibc's restartable sequences are off in it: the
   kernel writes the CPU a thread last ran on into each thread's rseq area,
   and every session must read the same bytes. */
static void test_live(void **state)
{
    (void)state;
    struct helper h;
    setenv("GLIBC_TUNABLES", "glibc.pthread.rseq=0", 1);
    helper_start(&h, "layout", NULL);
    unsetenv("GLIBC_TUNABLES");
    int settled = 0;
    for (int tries = 0; tries < 5000 && settled < 20; tries++) {
        settled = all_asleep(h.pid) ? settled + 1 : 0;
        usleep(1000);
    }
    if (settled < 20)
        fail_msg("the layout helper (process %d) never settled asleep", (int)h.pid);
    exercise("a live process", attach_pid, &h.pid);
    helper_stop(&h);
}

int main(void)
{
    struct CMUnitTest tests[64];
    static char names[32][64];
    size_t n = 0;
    for (size_t i = 0; i < ecb_narches && i < 32; i++) {
        snprintf(names[i], sizeof names[i], "built_core_%s", ecb_arches[i].name);
        tests[n++] = (struct CMUnitTest){ .name = names[i], .test_func = test_built_core,
                                          .initial_state = (void *)&ecb_arches[i] };
    }
    static char md_names[16][64];
    for (size_t i = 0; i < mdb_nscenes && i < 16; i++) {
        snprintf(md_names[i], sizeof md_names[i], "built_minidump_%s", mdb_scenes[i].name);
        tests[n++] = (struct CMUnitTest){ .name = md_names[i], .test_func = test_built_minidump,
                                          .initial_state = (void *)&mdb_scenes[i] };
    }
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_gcore_core);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_live);
    return _cmocka_run_group_tests("oom", tests, n, NULL, NULL);
}

#endif /* OOM_CORPUS */
