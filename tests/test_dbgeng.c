/*
 * test_dbgeng.c — the dbgeng.h face, from one source compiled three times:
 * as C (gcc: p->lpVtbl->Method(p, ...)) and as C++ (g++ and clang++:
 * p->Method(...)) against the same library object.
 *
 * Against a minidump and an ELF core the tests make, and a live helper
 * process, every answer the face gives is compared with the native API's
 * over the same target; then COM identity and reference counts, the output
 * callbacks and Execute, and the bad input of issue 16 (NULL out-pointers,
 * a wrong IID, calls before WaitForEvent and after EndSession, a second
 * session, a dump that cannot be opened, release in any order).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __cplusplus
extern "C" {
#endif
#include "elfcore_builder.h"
#include "minidump_builder.h"
#include "testlib.h"
#ifdef __cplusplus
}
#endif

#include "dataspaces/commands.h"
#ifdef __cplusplus
/* The C++ builds define the interface ids themselves (INITGUID, as a
   Windows program does through <initguid.h>): they must link beside the
   library's own. The C build uses the library's. */
#define INITGUID
#endif
#include "dataspaces/dbgeng.h"

/* One call, written the way each language writes it. */
#ifdef __cplusplus
#define COM(obj, method, ...) ((obj)->method(__VA_ARGS__))
#define COM0(obj, method) ((obj)->method())
#define IID_REF(iid) (iid)
#else
#define COM(obj, method, ...) ((obj)->lpVtbl->method((obj), __VA_ARGS__))
#define COM0(obj, method) ((obj)->lpVtbl->method(obj))
#define IID_REF(iid) (&(iid))
#endif

#define assert_face(expected, actual) assert_hr((expected), (actual), NULL)

/* ---- the engine: one client and every interface of it -------------------- */

struct engine {
    IDebugClient5 *client;
    IDebugControl4 *control;
    IDebugDataSpaces4 *data;
    IDebugSymbols3 *symbols;
    IDebugSystemObjects2 *system;
};

static void engine_create(struct engine *e)
{
    memset(e, 0, sizeof *e);
    assert_face(S_OK, DebugCreate(IID_REF(IID_IDebugClient5), (void **)&e->client));
    assert_face(S_OK, COM(e->client, QueryInterface, IID_REF(IID_IDebugControl4), (void **)&e->control));
    assert_face(S_OK, COM(e->client, QueryInterface, IID_REF(IID_IDebugDataSpaces4), (void **)&e->data));
    assert_face(S_OK, COM(e->client, QueryInterface, IID_REF(IID_IDebugSymbols3), (void **)&e->symbols));
    assert_face(S_OK,
                COM(e->client, QueryInterface, IID_REF(IID_IDebugSystemObjects2), (void **)&e->system));
}

static void engine_release(struct engine *e)
{
    COM0(e->system, Release);
    COM0(e->symbols, Release);
    COM0(e->data, Release);
    COM0(e->control, Release);
    assert_int_equal(COM0(e->client, Release), 0);
}

/* ---- an output callbacks object, in each language's way ------------------- */

#ifdef __cplusplus
struct sink final : public IDebugOutputCallbacks {
    ULONG refs = 1;
    char text[16384] = "";
    size_t len = 0;
    STDMETHOD(QueryInterface)(REFIID iid, PVOID *out) override
    {
        if (IsEqualIID(iid, IID_IUnknown) || IsEqualIID(iid, IID_IDebugOutputCallbacks)) {
            *out = this;
            AddRef();
            return S_OK;
        }
        *out = NULL;
        return E_NOINTERFACE;
    }
    STDMETHOD_(ULONG, AddRef)() override { return ++refs; }
    STDMETHOD_(ULONG, Release)() override { return --refs; }
    STDMETHOD(Output)(ULONG Mask, PCSTR Text) override
    {
        (void)Mask;
        size_t n = strlen(Text);
        if (len + n < sizeof text) {
            memcpy(text + len, Text, n + 1);
            len += n;
        }
        return S_OK;
    }
};
static struct sink *sink_new(void) { return new sink(); }
static void sink_delete(struct sink *s) { delete s; }
static PDEBUG_OUTPUT_CALLBACKS sink_iface(struct sink *s) { return s; }
#else
struct sink {
    IDebugOutputCallbacks iface; /* first: the object's address is the interface's */
    ULONG refs;
    char text[16384];
    size_t len;
};
static HRESULT STDMETHODCALLTYPE sink_query(IDebugOutputCallbacks *This, REFIID iid, PVOID *out)
{
    if (IsEqualIID(iid, &IID_IUnknown) || IsEqualIID(iid, &IID_IDebugOutputCallbacks)) {
        *out = This;
        ((struct sink *)(void *)This)->refs++;
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}
static ULONG STDMETHODCALLTYPE sink_addref(IDebugOutputCallbacks *This)
{
    return ++((struct sink *)(void *)This)->refs;
}
static ULONG STDMETHODCALLTYPE sink_release(IDebugOutputCallbacks *This)
{
    return --((struct sink *)(void *)This)->refs;
}
static HRESULT STDMETHODCALLTYPE sink_output(IDebugOutputCallbacks *This, ULONG Mask, PCSTR Text)
{
    (void)Mask;
    struct sink *s = (struct sink *)(void *)This;
    size_t n = strlen(Text);
    if (s->len + n < sizeof s->text) {
        memcpy(s->text + s->len, Text, n + 1);
        s->len += n;
    }
    return S_OK;
}
static const IDebugOutputCallbacksVtbl sink_vtbl = { sink_query, sink_addref, sink_release,
                                                     sink_output };
static struct sink *sink_new(void)
{
    struct sink *s = calloc(1, sizeof *s);
    assert_non_null(s);
    s->iface.lpVtbl = &sink_vtbl;
    s->refs = 1;
    return s;
}
static void sink_delete(struct sink *s) { free(s); }
static PDEBUG_OUTPUT_CALLBACKS sink_iface(struct sink *s) { return &s->iface; }
#endif

static void sink_clear(struct sink *s)
{
    s->len = 0;
    s->text[0] = '\0';
}

/* ---- the same answers as the native API ----------------------------------- */

static bool readable(const MEMORY_BASIC_INFORMATION64 *m)
{
    return m->State == MEM_COMMIT && !(m->Protect & (PAGE_NOACCESS | PAGE_GUARD));
}

/* The target as a whole: machine, pointers, pages, threads, modules. */
static void same_target(struct engine *e, ds_target *t)
{
    ULONG u = 0, v = 0;
    assert_face(S_OK, COM(e->control, GetActualProcessorType, &u));
    assert_int_equal(u, ds_machine(t));
    assert_face(S_OK, COM(e->control, GetEffectiveProcessorType, &u));
    assert_int_equal(u, ds_machine(t));
    assert_face(ds_pointer_size(t) == 8 ? S_OK : S_FALSE, COM0(e->control, IsPointer64Bit));
    assert_face(S_OK, COM(e->control, GetPageSize, &u));
    assert_int_equal(u, ds_page_size(t));
    assert_face(S_OK, COM(e->control, GetExecutionStatus, &u));
    assert_int_equal(u, DEBUG_STATUS_BREAK);

    assert_face(S_OK, COM(e->system, GetCurrentProcessSystemId, &u));
    assert_int_equal(u, ds_process_id(t));
    assert_face(S_OK, COM(e->system, GetNumberProcesses, &u));
    assert_int_equal(u, 1);
    uint32_t threads = 0;
    assert_hr(S_OK, ds_get_number_threads(t, &threads), t);
    assert_face(S_OK, COM(e->system, GetNumberThreads, &u));
    assert_int_equal(u, threads);
    if (threads) {
        ULONG *ids = (ULONG *)calloc(threads, sizeof *ids);
        ULONG *sys = (ULONG *)calloc(threads, sizeof *sys);
        uint32_t *want = (uint32_t *)calloc(threads, sizeof *want);
        assert_non_null(ids), assert_non_null(sys), assert_non_null(want);
        assert_face(S_OK, COM(e->system, GetThreadIdsByIndex, 0, threads, ids, sys));
        assert_hr(S_OK, ds_get_thread_ids(t, 0, threads, want), t);
        for (uint32_t i = 0; i < threads; i++) {
            assert_int_equal(ids[i], i);
            assert_int_equal(sys[i], want[i]);
        }
        assert_face(S_OK, COM(e->system, GetCurrentThreadSystemId, &u));
        assert_int_equal(u, want[0]);
        for (uint32_t i = 0; i < threads; i++) {
            assert_face(S_OK, COM(e->system, GetThreadIdBySystemId, want[i], &u));
            assert_int_equal(u, i);
        }
        /* Another current thread, and back. */
        assert_face(S_OK, COM(e->system, SetCurrentThreadId, threads - 1));
        assert_face(S_OK, COM(e->system, GetCurrentThreadSystemId, &u));
        assert_int_equal(u, want[threads - 1]);
        assert_face(E_INVALIDARG, COM(e->system, SetCurrentThreadId, threads));
        assert_face(S_OK, COM(e->system, SetCurrentThreadId, 0));
        free(ids), free(sys), free(want);
    }

    uint32_t modules = 0;
    assert_hr(S_OK, ds_get_number_modules(t, &modules), t);
    assert_face(S_OK, COM(e->symbols, GetNumberModules, &u, &v));
    assert_int_equal(u, modules);
    assert_int_equal(v, 0);
    for (uint32_t i = 0; i < modules; i++) {
        uint64_t base = 0, size = 0;
        char want[4096], got[4096];
        assert_hr(S_OK, ds_get_module(t, i, &base, &size, want, sizeof want, NULL), t);
        ULONG64 b = 0;
        assert_face(S_OK, COM(e->symbols, GetModuleByIndex, i, &b));
        assert_int_equal(b, base);
        assert_face(S_OK, COM(e->symbols, GetModuleNameString, DEBUG_MODNAME_IMAGE, i, 0, got,
                              sizeof got, &u));
        assert_string_equal(got, want);
        assert_int_equal(u, strlen(want) + 1);
        DEBUG_MODULE_PARAMETERS p;
        assert_face(S_OK, COM(e->symbols, GetModuleParameters, 1, &b, 0, &p));
        assert_int_equal(p.Base, base);
        assert_int_equal(p.Size, size > UINT32_MAX ? UINT32_MAX : size);
        assert_int_equal(p.ImageNameSize, strlen(want) + 1);
        ULONG index = 0;
        if (size) {
            assert_face(S_OK, COM(e->symbols, GetModuleByOffset, base + size - 1, i, &index, &b));
            assert_int_equal(index, i);
            assert_int_equal(b, base);
        }
        /* The wide name: the same characters, in UTF-16. */
        WCHAR wide[4096];
        ULONG units = 0;
        assert_face(S_OK, COM(e->symbols, GetModuleNameStringWide, DEBUG_MODNAME_IMAGE, i, 0, wide,
                              4096, &units));
        assert_int_equal(units, strlen(want) + 1); /* the test's paths are ASCII */
        for (size_t k = 0; k < units; k++)
            assert_int_equal(wide[k], (unsigned char)want[k]);
        /* By its cdb name, from its own index on. */
        assert_face(S_OK, COM(e->symbols, GetModuleNameString, DEBUG_MODNAME_MODULE, DEBUG_ANY_ID,
                              base, got, sizeof got, NULL));
        if (got[0]) {
            assert_face(S_OK, COM(e->symbols, GetModuleByModuleName, got, i, &index, &b));
            assert_int_equal(b, base);
        }
    }
}

/* Bytes, strings, pointers, searches and validity at one address. */
static void same_bytes_at(struct engine *e, ds_target *t, uint64_t addr)
{
    uint8_t a[256], b[256];
    ULONG got = 0;
    uint32_t want = 0;
    HRESULT hr = ds_read_virtual(t, addr, b, sizeof b, &want);
    assert_face(hr, COM(e->data, ReadVirtual, addr, a, sizeof a, &got));
    assert_int_equal(got, want);
    assert_memory_equal(a, b, want);
    hr = ds_read_virtual_uncached(t, addr, b, sizeof b, &want);
    assert_face(hr, COM(e->data, ReadVirtualUncached, addr, a, sizeof a, &got));
    assert_int_equal(got, want);
    assert_memory_equal(a, b, want);

    ULONG64 p1[2] = { 0, 0 }, p2[2] = { 0, 0 };
    hr = ds_read_pointers_virtual(t, 2, addr, (uint64_t *)p2);
    assert_face(hr, COM(e->data, ReadPointersVirtual, 2, addr, p1));
    assert_memory_equal(p1, p2, sizeof p1);

    char s1[64], s2[64];
    uint32_t n2 = 0;
    ULONG n1 = 0;
    hr = ds_read_multi_byte_string_virtual(t, addr, 48, s2, sizeof s2, &n2);
    assert_face(hr, COM(e->data, ReadMultiByteStringVirtual, addr, 48, s1, sizeof s1, &n1));
    if (SUCCEEDED(hr)) {
        assert_int_equal(n1, n2);
        assert_string_equal(s1, s2);
    }

    ULONG64 m1 = 0, m2 = 0;
    if (want >= 4) {
        hr = ds_search_virtual(t, addr, 0x100000, b + 1, 3, 1, (uint64_t *)&m2);
        assert_face(hr, COM(e->data, SearchVirtual, addr, 0x100000, b + 1, 3, 1, &m1));
        assert_int_equal(m1, m2);
        hr = ds_search_virtual2(t, addr, 0x100000, DEBUG_VSEARCH_DEFAULT, b, 4, 4, (uint64_t *)&m2);
        assert_face(hr, COM(e->data, SearchVirtual2, addr, 0x100000, DEBUG_VSEARCH_DEFAULT, b, 4, 4,
                            &m1));
        assert_int_equal(m1, m2);
    }

    ULONG64 v1 = 0, v2 = 0;
    ULONG z1 = 0;
    uint32_t z2 = 0;
    hr = ds_get_valid_region_virtual(t, addr, 0x10000, (uint64_t *)&v2, &z2);
    assert_face(hr, COM(e->data, GetValidRegionVirtual, addr, 0x10000, &v1, &z1));
    assert_int_equal(v1, v2);
    assert_int_equal(z1, z2);
    hr = ds_get_next_differently_valid_offset_virtual(t, addr, (uint64_t *)&v2);
    assert_face(hr, COM(e->data, GetNextDifferentlyValidOffsetVirtual, addr, &v1));
    assert_int_equal(v1, v2);
    ULONG src1 = 0, src2 = 0;
    hr = ds_get_offset_information(t, DEBUG_DATA_SPACE_VIRTUAL, DEBUG_OFFSINFO_VIRTUAL_SOURCE, addr,
                                   &src2, sizeof src2, NULL);
    assert_face(hr, COM(e->data, GetOffsetInformation, DEBUG_DATA_SPACE_VIRTUAL,
                        DEBUG_OFFSINFO_VIRTUAL_SOURCE, addr, &src1, sizeof src1, NULL));
    assert_int_equal(src1, src2);
}

/* The address space, region by region (QueryVirtual), and the bytes at
   the start of the first readable ones (all of them when `bytes`). */
static void same_memory(struct engine *e, ds_target *t, bool bytes)
{
    uint64_t addr = 0;
    int regions = 0, read = 0;
    for (int i = 0; i < 100000; i++) {
        MEMORY_BASIC_INFORMATION64 a, b;
        memset(&a, 0xA5, sizeof a);
        memset(&b, 0xA5, sizeof b);
        HRESULT hr = ds_query_virtual(t, addr, &b);
        assert_face(hr, COM(e->data, QueryVirtual, addr, &a));
        if (FAILED(hr))
            break;
        assert_memory_equal(&a, &b, sizeof a);
        regions++;
        if (bytes && readable(&a) && read < 24) {
            same_bytes_at(e, t, a.BaseAddress);
            read++;
        }
        if (a.BaseAddress + a.RegionSize <= addr)
            break;
        addr = a.BaseAddress + a.RegionSize;
    }
    assert_true(regions > 0);
    assert_true(read > 0 || !bytes);
    /* Nothing mapped at 0. */
    same_bytes_at(e, t, 0);
}

/* Open `path` natively and through the face, then compare everything. */
static void same_answers_for_dump(const char *path, ULONG qualifier)
{
    ds_target *t = NULL;
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);
    struct engine e;
    engine_create(&e);
    assert_face(S_OK, COM(e.client, OpenDumpFile, path));
    assert_face(S_OK, COM(e.control, WaitForEvent, DEBUG_WAIT_DEFAULT, INFINITE));
    ULONG cls = 0, q = 0;
    assert_face(S_OK, COM(e.control, GetDebuggeeType, &cls, &q));
    assert_int_equal(cls, DEBUG_CLASS_USER_WINDOWS);
    assert_int_equal(q, qualifier);
    same_target(&e, t);
    same_memory(&e, t, true);
    assert_face(S_OK, COM(e.client, EndSession, DEBUG_END_PASSIVE));
    engine_release(&e);
    ds_close(t);
}

static void test_minidump_same_answers(void **state)
{
    (void)state;
    struct mdb *m = (struct mdb *)calloc(1, sizeof *m);
    assert_non_null(m);
    mdb_scene_windows_x64_info(m);
    mdb_build(m);
    same_answers_for_dump(mdb_write_file(m), DEBUG_USER_WINDOWS_SMALL_DUMP);
    mdb_free(m);
    free(m);
}

/* The standard core of the library's tests, as a file. */
static const char *write_core(char *path, size_t size)
{
    struct ecb b;
    struct ecb_layout layout;
    ecb_init(&b, ecb_arch("x86_64"), 4242);
    ecb_standard_process(&b, &layout);
    snprintf(path, size, "/tmp/test_dbgeng_core.%d", (int)getpid());
    assert_true(ecb_write(&b, path));
    ecb_free(&b);
    return path;
}

static void test_elfcore_same_answers(void **state)
{
    (void)state;
    char path[64];
    same_answers_for_dump(write_core(path, sizeof path), DEBUG_USER_WINDOWS_DUMP);
    unlink(path);
}

/* OpenDumpFileWide: the UTF-16 name of the same file. */
static void test_open_dump_wide(void **state)
{
    (void)state;
    char path[64];
    write_core(path, sizeof path);
    WCHAR wide[64];
    size_t i = 0;
    for (; path[i]; i++)
        wide[i] = (WCHAR)path[i];
    wide[i] = 0;
    struct engine e;
    engine_create(&e);
    assert_face(S_OK, COM(e.client, OpenDumpFileWide, wide, 0));
    assert_face(S_OK, COM(e.control, WaitForEvent, DEBUG_WAIT_DEFAULT, INFINITE));
    ULONG pid = 0;
    assert_face(S_OK, COM(e.system, GetCurrentProcessSystemId, &pid));
    assert_int_equal(pid, 4242);
    engine_release(&e); /* the last Release ends the session too */
    unlink(path);
}

/* A live process: the face attached without stopping it, the native API
   likewise, side by side. */
static void test_live_same_answers(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "layout", NULL);
    ds_target *t = NULL;
    assert_hr(S_OK, ds_attach(h.pid, DS_ATTACH_NONINVASIVE_NO_SUSPEND, &t), NULL);
    struct engine e;
    engine_create(&e);
    assert_face(S_OK, COM(e.client, AttachProcess, 0, (ULONG)h.pid,
                          DEBUG_ATTACH_NONINVASIVE | DEBUG_ATTACH_NONINVASIVE_NO_SUSPEND));
    assert_face(S_OK, COM(e.control, WaitForEvent, DEBUG_WAIT_DEFAULT, INFINITE));
    ULONG cls = 0, q = 1;
    assert_face(S_OK, COM(e.control, GetDebuggeeType, &cls, &q));
    assert_int_equal(q, DEBUG_USER_WINDOWS_PROCESS);
    same_target(&e, t);
    same_memory(&e, t, false); /* regions only: stacks change while it runs */
    same_bytes_at(&e, t, helper_value(&h, "hello"));
    same_bytes_at(&e, t, helper_value(&h, "rodata"));
    same_bytes_at(&e, t, helper_value(&h, "code"));
    char text[32];
    ULONG n = 0;
    assert_face(S_OK, COM(e.data, ReadMultiByteStringVirtual, helper_value(&h, "hello"), 32, text,
                          sizeof text, &n));
    assert_string_equal(text, "hello, dataspaces");
    assert_int_equal(n, sizeof "hello, dataspaces");
    assert_face(S_OK, COM0(e.client, DetachProcesses));
    engine_release(&e);
    ds_close(t);
    assert_true(helper_answers(&h, "ping", 5000));
    helper_stop(&h);
}

/* The default attach stops every thread; DetachProcesses lets it run. */
static void test_attach_stops_and_detach_resumes(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "layout", NULL);
    struct engine e;
    engine_create(&e);
    assert_face(S_OK, COM(e.client, AttachProcess, 0, (ULONG)h.pid, DEBUG_ATTACH_DEFAULT));
    assert_face(S_OK, COM(e.control, WaitForEvent, DEBUG_WAIT_DEFAULT, INFINITE));
    assert_int_equal(process_state(h.pid), 't');
    ULONG threads = 0;
    assert_face(S_OK, COM(e.system, GetNumberThreads, &threads));
    assert_int_equal(threads, helper_value(&h, "threads") + 1);
    uint32_t counter[2] = { 0, 0 };
    ULONG got = 0;
    assert_face(S_OK, COM(e.data, ReadVirtual, helper_value(&h, "counter"), &counter[0], 4, &got));
    assert_face(S_OK, COM0(e.client, DetachProcesses));
    assert_true(helper_answers(&h, "ping", 5000));
    engine_release(&e);
    helper_stop(&h);
}

/* CreateProcess starts a program stopped at its first instruction;
   TerminateProcesses kills it. */
static void test_create_and_terminate(void **state)
{
    (void)state;
    char line[4200];
    snprintf(line, sizeof line, "\"%s\" argument", helper_path("layout"));
    struct engine e;
    engine_create(&e);
    assert_face(S_OK, COM(e.client, CreateProcess, 0, line, DEBUG_ONLY_THIS_PROCESS));
    assert_face(S_OK, COM(e.control, WaitForEvent, DEBUG_WAIT_DEFAULT, INFINITE));
    ULONG pid = 0, index = 0;
    ULONG64 base = 0;
    assert_face(S_OK, COM(e.system, GetCurrentProcessSystemId, &pid));
    assert_true(pid > 0);
    assert_int_equal(process_state((pid_t)pid), 't');
    assert_face(S_OK, COM(e.symbols, GetModuleByModuleName, "layout", 0, &index, &base));
    ULONG64 found = 0;
    assert_face(S_OK, COM(e.data, SearchVirtual, base, 4096, (void *)"\177ELF", 4, 1, &found));
    assert_int_equal(found, base);
    assert_face(S_OK, COM0(e.client, TerminateProcesses));
    /* Gone, or a zombie nobody has reaped yet: either way, dead. */
    for (int i = 0; i < 500 && process_state((pid_t)pid) != 'Z' && kill((pid_t)pid, 0) == 0; i++)
        sleep_ms(10);
    assert_true(kill((pid_t)pid, 0) != 0 || process_state((pid_t)pid) == 'Z');
    ULONG status = 0;
    assert_face(S_OK, COM(e.control, GetExecutionStatus, &status));
    assert_int_equal(status, DEBUG_STATUS_NO_DEBUGGEE);

    /* CreateProcess2 cannot choose another directory. */
    assert_face(E_NOTIMPL, COM(e.client, CreateProcess2, 0, line, NULL, 0, "/", NULL));
    assert_non_null(strstr(ds_error_text(NULL), "InitialDirectory"));

    /* Released without EndSession: the started process dies with the engine. */
    assert_face(S_OK, COM(e.client, CreateProcessAndAttach2, 0, line, NULL, 0, NULL, NULL, 0, 0));
    assert_face(S_OK, COM(e.control, WaitForEvent, DEBUG_WAIT_DEFAULT, INFINITE));
    assert_face(S_OK, COM(e.system, GetCurrentProcessSystemId, &pid));
    engine_release(&e);
    for (int i = 0; i < 500 && process_state((pid_t)pid) != 'Z' && kill((pid_t)pid, 0) == 0; i++)
        sleep_ms(10);
    assert_true(kill((pid_t)pid, 0) != 0 || process_state((pid_t)pid) == 'Z');
}

/* ---- COM identity and reference counts ------------------------------------ */

static IUnknown *identity(IUnknown *p)
{
    IUnknown *u = NULL;
    assert_face(S_OK, COM(p, QueryInterface, IID_REF(IID_IUnknown), (void **)&u));
    COM0(u, Release);
    return u;
}

static void test_identity_and_refcounts(void **state)
{
    (void)state;
    static const GUID *const served[] = {
        &IID_IDebugClient,       &IID_IDebugClient2,      &IID_IDebugClient3,
        &IID_IDebugClient4,      &IID_IDebugClient5,      &IID_IDebugControl,
        &IID_IDebugControl2,     &IID_IDebugControl3,     &IID_IDebugControl4,
        &IID_IDebugDataSpaces,   &IID_IDebugDataSpaces2,  &IID_IDebugDataSpaces3,
        &IID_IDebugDataSpaces4,  &IID_IDebugSymbols,      &IID_IDebugSymbols2,
        &IID_IDebugSymbols3,     &IID_IDebugSystemObjects, &IID_IDebugSystemObjects2,
    };
    const size_t n = sizeof served / sizeof *served;
    /* Microsoft's values. */
    static const GUID ds4 = { 0xd98ada1f, 0x29e9, 0x4ef5, { 0xa6, 0xc0, 0xe5, 0x33, 0x49, 0x88, 0x32, 0x12 } };
    static const GUID client = { 0x27fe5639, 0x8407, 0x4f47, { 0x83, 0x64, 0xee, 0x11, 0x8f, 0xb0, 0x8a, 0xc8 } };
    assert_memory_equal(&IID_IDebugDataSpaces4, &ds4, sizeof ds4);
    assert_memory_equal(&IID_IDebugClient, &client, sizeof client);
    IUnknown *root = NULL;
    assert_face(S_OK, DebugCreate(IID_REF(IID_IUnknown), (void **)&root));
    IUnknown *p[sizeof served / sizeof *served];
    for (size_t i = 0; i < n; i++) {
        p[i] = NULL;
        assert_face(S_OK, COM(root, QueryInterface, IID_REF(*served[i]), (void **)&p[i]));
        assert_non_null(p[i]);
        /* Whichever interface it starts from, the same IUnknown. */
        assert_ptr_equal(identity(p[i]), root);
        /* Asking again from this one gives the same pointer. */
        IUnknown *again = NULL;
        assert_face(S_OK, COM(p[i], QueryInterface, IID_REF(*served[i]), (void **)&again));
        assert_ptr_equal(again, p[i]);
        COM0(again, Release);
    }
#ifndef __cplusplus
    /* Every slot of every vtable served is filled (a method or a stub). */
    static const size_t slots[] = { sizeof(IDebugClient5Vtbl), sizeof(IDebugControl4Vtbl),
                                    sizeof(IDebugDataSpaces4Vtbl), sizeof(IDebugSymbols3Vtbl),
                                    sizeof(IDebugSystemObjects2Vtbl) };
    static const size_t most_derived[] = { 4, 8, 12, 15, 17 };
    for (size_t k = 0; k < 5; k++) {
        void (*const *table)(void) = (void (*const *)(void))(const void *)p[most_derived[k]]->lpVtbl;
        for (size_t i = 0; i < slots[k] / sizeof(void (*)(void)); i++)
            assert_non_null(table[i]);
    }
#endif
    /* The versions of one family are one pointer (one vtable). */
    assert_ptr_equal(p[0], p[4]);
    assert_ptr_equal(p[9], p[12]);
    /* Counts: one for root, one per interface held. */
    assert_int_equal(COM0(root, AddRef), n + 2);
    assert_int_equal(COM0(root, Release), n + 1);
    /* Anything else: E_NOINTERFACE and NULL. */
    static const GUID other = { 0x12345678, 0x1234, 0x5678, { 1, 2, 3, 4, 5, 6, 7, 8 } };
    void *none = &none;
    assert_face(E_NOINTERFACE, COM(root, QueryInterface, IID_REF(other), &none));
    assert_null(none);
    assert_non_null(strstr(ds_error_text(NULL), "12345678-1234-5678-0102-030405060708"));
    none = &none;
    assert_face(E_NOINTERFACE, COM(root, QueryInterface, IID_REF(IID_IDebugRegisters), &none));
    assert_null(none);
    assert_face(E_POINTER, COM(root, QueryInterface, IID_REF(IID_IDebugClient), NULL));
    /* Release in any order: root first, then in a scattered order; the
       object answers through whatever is still held until the last goes. */
    assert_int_equal(COM0(root, Release), n);
    size_t order[sizeof served / sizeof *served];
    for (size_t k = 0; k < n; k++)
        order[k] = (k * 7 + 3) % n; /* 7 and n = 18 share no factor: each index once */
    for (size_t k = 0; k < n; k++) {
        ULONG left = COM0(p[order[k]], Release);
        assert_int_equal(left, n - 1 - k);
        if (k + 1 < n) {
            IDebugControl *c = NULL;
            assert_face(S_OK, COM(p[order[k + 1]], QueryInterface, IID_REF(IID_IDebugControl),
                                  (void **)&c));
            ULONG status = 0;
            assert_face(S_OK, COM(c, GetExecutionStatus, &status));
            assert_int_equal(status, DEBUG_STATUS_NO_DEBUGGEE);
            assert_int_equal(COM0(c, Release), n - 1 - k);
        }
    }
}

/* ---- output callbacks and Execute ------------------------------------------- */

struct text {
    char s[16384];
    size_t n;
};

static void collect(void *context, const char *text, size_t length)
{
    struct text *t = (struct text *)context;
    if (t->n + length < sizeof t->s) {
        memcpy(t->s + t->n, text, length);
        t->n += length;
        t->s[t->n] = '\0';
    }
}

static void test_output_and_execute(void **state)
{
    (void)state;
    struct sink *s = sink_new();
    struct engine e;
    engine_create(&e);
    assert_face(S_OK, COM(e.client, SetOutputCallbacks, sink_iface(s)));
    assert_int_equal(s->refs, 2); /* the client holds one */
    PDEBUG_OUTPUT_CALLBACKS back = NULL;
    assert_face(S_OK, COM(e.client, GetOutputCallbacks, &back));
    assert_ptr_equal(back, sink_iface(s));

    assert_face(S_OK, COM(e.control, Output, DEBUG_OUTPUT_NORMAL, "%s=%d\n", "x", 42));
    assert_string_equal(s->text, "x=42\n");
    assert_face(S_OK, COM(e.control, ControlledOutput, DEBUG_OUTCTL_IGNORE, DEBUG_OUTPUT_NORMAL, "no"));
    assert_face(S_OK, COM(e.control, ControlledOutput, DEBUG_OUTCTL_THIS_CLIENT, DEBUG_OUTPUT_NORMAL,
                          "%u", 7u));
    assert_string_equal(s->text, "x=42\n7");
    /* The output mask filters what the callbacks get. */
    assert_face(S_OK, COM(e.client, SetOutputMask, DEBUG_OUTPUT_ERROR));
    assert_face(S_OK, COM(e.control, Output, DEBUG_OUTPUT_NORMAL, "hidden"));
    assert_string_equal(s->text, "x=42\n7");
    assert_face(S_OK, COM(e.client, SetOutputMask, DEBUG_OUTPUT_NORMAL | DEBUG_OUTPUT_ERROR));
    sink_clear(s);
    /* No target yet: commands that need none still run. */
    assert_face(S_OK, COM(e.control, Execute, DEBUG_OUTCTL_THIS_CLIENT, "? 1+2", DEBUG_EXECUTE_DEFAULT));
    assert_non_null(strstr(s->text, "Evaluate expression: 3"));

    /* With a dump: the face's output is the command language's, byte for byte. */
    struct mdb *m = (struct mdb *)calloc(1, sizeof *m);
    assert_non_null(m);
    mdb_scene_windows_x64_info(m);
    mdb_build(m);
    const char *path = mdb_write_file(m);
    assert_face(S_OK, COM(e.client, OpenDumpFile, path));
    assert_face(S_OK, COM(e.control, WaitForEvent, DEBUG_WAIT_DEFAULT, INFINITE));
    sink_clear(s);
    const char *line = "lm; ? 7*6; db 7ff600000000 L20; dq 7ff600001000 L2";
    assert_face(S_OK, COM(e.control, Execute, DEBUG_OUTCTL_THIS_CLIENT, line, DEBUG_EXECUTE_DEFAULT));
    ds_target *t = NULL;
    ds_session *session = NULL;
    struct text want;
    want.n = 0;
    want.s[0] = '\0';
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);
    assert_hr(S_OK, ds_session_create(t, &session), t);
    assert_hr(S_OK, ds_execute(session, line, collect, &want), t);
    assert_non_null(strstr(want.s, "tiny"));
    assert_non_null(strstr(want.s, "4d 5a")); /* db shows the image's MZ */
    assert_string_equal(s->text, want.s);
    /* DEBUG_OUTCTL_IGNORE: it runs, nothing is shown. */
    sink_clear(s);
    assert_face(S_OK, COM(e.control, Execute, DEBUG_OUTCTL_IGNORE, "lm", DEBUG_EXECUTE_DEFAULT));
    assert_string_equal(s->text, "");
    /* A command that fails: its HRESULT, cdb's error line to the callbacks. */
    sink_clear(s);
    want.n = 0;
    HRESULT hr = ds_execute(session, "nosuchcommand", collect, &want);
    assert_true(FAILED(hr));
    assert_face(hr, COM(e.control, Execute, DEBUG_OUTCTL_THIS_CLIENT, "nosuchcommand",
                        DEBUG_EXECUTE_DEFAULT));
    assert_true(s->len > 0);
    /* ExecuteWide: the same command in UTF-16. */
    sink_clear(s);
    static const WCHAR wide[] = { '?', ' ', '5', 0 };
    assert_face(S_OK, COM(e.control, ExecuteWide, DEBUG_OUTCTL_THIS_CLIENT, wide, DEBUG_EXECUTE_DEFAULT));
    assert_non_null(strstr(s->text, "Evaluate expression: 5"));
    /* `q` ends the session, as in cdb. */
    assert_face(S_OK, COM(e.control, Execute, DEBUG_OUTCTL_THIS_CLIENT, "q", DEBUG_EXECUTE_DEFAULT));
    ULONG status = 0;
    assert_face(S_OK, COM(e.control, GetExecutionStatus, &status));
    assert_int_equal(status, DEBUG_STATUS_NO_DEBUGGEE);
    ds_session_destroy(session);
    ds_close(t);

    /* A dump that cannot be opened: the error line goes to the callbacks. */
    sink_clear(s);
    hr = ds_open_dump("/nonexistent/test_dbgeng.dmp", 0, &t);
    assert_true(FAILED(hr));
    assert_face(hr, COM(e.client, OpenDumpFile, "/nonexistent/test_dbgeng.dmp"));
    assert_non_null(strstr(s->text, "/nonexistent/test_dbgeng.dmp"));
    assert_non_null(strstr(ds_error_text(NULL), "/nonexistent/test_dbgeng.dmp"));

    assert_face(S_OK, COM(e.client, SetOutputCallbacks, NULL));
    assert_int_equal(s->refs, 1);
    engine_release(&e);
    mdb_free(m);
    free(m);
    sink_delete(s);
}

/* ---- bad input ------------------------------------------------------------------ */

static void test_bad_input(void **state)
{
    (void)state;
    assert_face(E_POINTER, DebugCreate(IID_REF(IID_IDebugClient), NULL));
    void *none = &none;
    assert_face(E_NOINTERFACE, DebugCreate(IID_REF(IID_IDebugBreakpoint), &none));
    assert_null(none);
    IDebugClient *c = NULL;
    assert_face(E_NOTIMPL, DebugConnect("tcp:port=5005", IID_REF(IID_IDebugClient), (void **)&c));
    assert_null(c);
    assert_non_null(strstr(ds_error_text(NULL), "DebugConnect"));

    struct engine e;
    engine_create(&e);
    uint8_t buf[16];
    ULONG got = 7;
    /* No target. */
    assert_face(E_UNEXPECTED, COM(e.data, ReadVirtual, 0x1000, buf, sizeof buf, &got));
    assert_non_null(strstr(ds_error_text(NULL), "ReadVirtual: no target"));
    assert_face(E_UNEXPECTED, COM(e.control, WaitForEvent, DEBUG_WAIT_DEFAULT, INFINITE));
    ULONG cls = 9, q = 9;
    assert_face(S_OK, COM(e.control, GetDebuggeeType, &cls, &q));
    assert_int_equal(cls, DEBUG_CLASS_UNINITIALIZED);

    char path[64];
    write_core(path, sizeof path);
    assert_face(S_OK, COM(e.client, OpenDumpFile, path));
    /* Before WaitForEvent the target does not answer. */
    assert_face(E_UNEXPECTED, COM(e.data, ReadVirtual, 0x1000, buf, sizeof buf, &got));
    assert_non_null(strstr(ds_error_text(NULL), "WaitForEvent"));
    ULONG64 base = 0;
    assert_face(E_UNEXPECTED, COM(e.symbols, GetModuleByIndex, 0, &base));
    ULONG status = 0;
    assert_face(S_OK, COM(e.control, GetExecutionStatus, &status));
    assert_int_equal(status, DEBUG_STATUS_GO);
    /* A second session while one is open. */
    assert_face(E_UNEXPECTED, COM(e.client, OpenDumpFile, path));
    assert_non_null(strstr(ds_error_text(NULL), "EndSession first"));
    assert_face(S_OK, COM(e.control, WaitForEvent, DEBUG_WAIT_DEFAULT, INFINITE));
    /* Waiting again: a dump never runs. */
    assert_face(E_UNEXPECTED, COM(e.control, WaitForEvent, DEBUG_WAIT_DEFAULT, INFINITE));
    assert_face(E_INVALIDARG, COM(e.control, WaitForEvent, 0x80, INFINITE));
    /* NULL out-pointers. */
    assert_face(E_INVALIDARG, COM(e.control, GetPageSize, NULL));
    assert_face(E_INVALIDARG, COM(e.symbols, GetNumberModules, NULL, NULL));
    assert_face(E_INVALIDARG, COM(e.data, QueryVirtual, 0, NULL));
    assert_face(E_INVALIDARG, COM(e.client, GetOutputCallbacks, NULL));
    /* A cut identity: S_FALSE, the size it needs, as much as fits. */
    char id[4];
    ULONG need = 0;
    assert_face(S_FALSE, COM(e.client, GetIdentity, id, sizeof id, &need));
    assert_int_equal(strlen(id), sizeof id - 1);
    assert_true(need > sizeof id);
    WCHAR wid[256];
    ULONG wneed = 0;
    assert_face(S_OK, COM(e.client, GetIdentityWide, wid, 256, &wneed));
    assert_int_equal(wneed, need);
    /* A module that is not there; a bad DEBUG_MODNAME_*. */
    ULONG index = 0;
    assert_face(E_INVALIDARG, COM(e.symbols, GetModuleByModuleName, "nosuchmodule", 0, &index, &base));
    assert_non_null(strstr(ds_error_text(NULL), "nosuchmodule"));
    char name[64];
    assert_face(E_INVALIDARG, COM(e.symbols, GetModuleNameString, 99, 0, 0, name, sizeof name, NULL));
    /* A method the face does not implement. */
    ULONG64 offset = 0;
    assert_face(E_NOTIMPL, COM(e.symbols, GetOffsetByName, "main", &offset));
    assert_non_null(strstr(ds_error_text(NULL), "IDebugSymbols3::GetOffsetByName"));
    assert_face(E_NOTIMPL, COM0(e.client, FlushCallbacks));
    /* After EndSession: no target again. */
    assert_face(S_OK, COM(e.client, EndSession, DEBUG_END_ACTIVE_DETACH));
    assert_face(E_UNEXPECTED, COM(e.data, ReadVirtual, 0x1000, buf, sizeof buf, &got));
    assert_non_null(strstr(ds_error_text(NULL), "no target"));
    assert_face(E_INVALIDARG, COM(e.client, EndSession, 0x1234));
    /* A new session may start after the last ended. */
    assert_face(S_OK, COM(e.client, OpenDumpFile, path));
    assert_face(S_OK, COM(e.control, WaitForEvent, DEBUG_WAIT_DEFAULT, INFINITE));
    ULONG threads = 0;
    assert_face(S_OK, COM(e.system, GetNumberThreads, &threads));
    assert_int_equal(threads, 3); /* the standard core: pid and two more */
    engine_release(&e);
    unlink(path);
}

/* ---- writing dumps and thread contexts (issue 20) ------------------------- */

/* The first committed bytes of t (up to 64), for comparing two targets. */
static uint64_t first_committed(ds_target *t, uint8_t *bytes, uint32_t *n)
{
    uint64_t at = 0;
    MEMORY_BASIC_INFORMATION64 m;
    for (int i = 0; i < 4096 && SUCCEEDED(ds_query_virtual(t, at, &m)); i++) {
        uint32_t got = 0;
        if (readable(&m) && SUCCEEDED(ds_read_virtual(t, m.BaseAddress, bytes, 64, &got)) && got) {
            *n = got;
            return m.BaseAddress;
        }
        at = m.BaseAddress + m.RegionSize;
    }
    fail_msg("no committed memory in the target");
    return 0;
}

static void expect_same_bytes_in(const char *file, uint64_t at, const uint8_t *want, uint32_t n)
{
    ds_target *t = NULL;
    assert_hr(S_OK, ds_open_dump(file, 0, &t), NULL);
    uint8_t got[64];
    uint32_t read = 0;
    assert_hr(S_OK, ds_read_virtual(t, at, got, n, &read), t);
    assert_int_equal(read, n);
    assert_memory_equal(got, want, n);
    ds_close(t);
}

/* WriteDumpFile, WriteDumpFile2, WriteDumpFileWide over a minidump, and
   GetThreadContext of the current thread against the native answer. */
static void test_write_dump_and_thread_context(void **state)
{
    (void)state;
    struct mdb *m = (struct mdb *)calloc(1, sizeof *m);
    assert_non_null(m);
    mdb_scene_windows_x64_info(m);
    m->threads[0].pc = 0x7ff600001234ull;
    m->threads[0].sp = 0x12e000ull;
    mdb_build(m);
    const char *source = mdb_write_file(m);
    ds_target *t = NULL;
    assert_hr(S_OK, ds_open_dump(source, 0, &t), NULL);
    uint8_t want[64];
    uint32_t n = 0;
    uint64_t at = first_committed(t, want, &n);

    struct sink *s = sink_new();
    struct engine e;
    engine_create(&e);
    IDebugAdvanced *adv = NULL;
    assert_face(S_OK, COM(e.client, QueryInterface, IID_REF(IID_IDebugAdvanced), (void **)&adv));
    uint8_t ctx[4096], native[4096];
    /* Before a session: E_UNEXPECTED, as every target call. */
    assert_face(E_UNEXPECTED, COM(adv, GetThreadContext, ctx, sizeof ctx));
    assert_face(S_OK, COM(e.client, SetOutputCallbacks, sink_iface(s)));
    assert_face(S_OK, COM(e.client, OpenDumpFile, source));
    assert_face(S_OK, COM(e.control, WaitForEvent, DEBUG_WAIT_DEFAULT, INFINITE));

    /* GetThreadContext: the current thread's CONTEXT, then the next one's. */
    uint32_t size = ds_thread_context_size(t);
    assert_int_equal(size, 1232);
    for (ULONG id = 0; id < 2; id++) {
        assert_face(S_OK, COM(e.system, SetCurrentThreadId, id));
        ULONG tid = 0;
        assert_face(S_OK, COM(e.system, GetCurrentThreadSystemId, &tid));
        memset(ctx, 0xcc, sizeof ctx);
        assert_face(S_OK, COM(adv, GetThreadContext, ctx, size));
        assert_hr(S_OK, ds_get_thread_context(t, tid, native, size), t);
        assert_memory_equal(ctx, native, size);
    }
    assert_face(S_OK, COM(e.system, SetCurrentThreadId, 0));
    assert_face(S_OK, COM(adv, GetThreadContext, ctx, size));
    uint64_t rip = 0;
    memcpy(&rip, ctx + 0xf8, 8); /* CONTEXT.Rip */
    assert_int_equal(rip, 0x7ff600001234ull);
    assert_face(E_INVALIDARG, COM(adv, GetThreadContext, ctx, size - 1));
    assert_face(E_INVALIDARG, COM(adv, GetThreadContext, NULL, size));
    assert_face(E_NOTIMPL, COM(adv, SetThreadContext, ctx, size));

    /* WriteDumpFile2: a full-memory minidump, the engine's lines. */
    char file[80];
    snprintf(file, sizeof file, "/tmp/test_dbgeng_written.%d.dmp", (int)getpid());
    unlink(file);
    sink_clear(s);
    assert_face(S_OK, COM(e.client, WriteDumpFile2, file, DEBUG_DUMP_SMALL,
                          DEBUG_FORMAT_USER_SMALL_FULL_MEMORY, "by test_dbgeng"));
    char lines[200];
    snprintf(lines, sizeof lines, "Creating %s - mini user dump\nDump successfully written\n", file);
    assert_string_equal(s->text, lines);
    expect_same_bytes_in(file, at, want, n);
    /* NO_OVERWRITE refuses the file now there; WriteDumpFile replaces it. */
    assert_face(HRESULT_FROM_WIN32(80), COM(e.client, WriteDumpFile2, file, DEBUG_DUMP_SMALL,
                                            DEBUG_FORMAT_NO_OVERWRITE, NULL));
    assert_face(S_OK, COM(e.client, WriteDumpFile, file, DEBUG_DUMP_DEFAULT));
    expect_same_bytes_in(file, at, want, n);
    /* Qualifiers and flags dbgeng refuses in user mode. */
    assert_face(E_INVALIDARG, COM(e.client, WriteDumpFile, file, DEBUG_DUMP_FULL));
    assert_face(E_INVALIDARG, COM(e.client, WriteDumpFile2, file, DEBUG_DUMP_DEFAULT,
                                  DEBUG_FORMAT_USER_SMALL_FULL_MEMORY, NULL));
    assert_face(E_INVALIDARG, COM(e.client, WriteDumpFile2, NULL, DEBUG_DUMP_SMALL, 0, NULL));
    /* WriteDumpFileWide: the UTF-16 name; a handle is not taken. */
    WCHAR wide[80], comment[8] = { 'w', 'i', 'd', 'e', 0 };
    size_t i = 0;
    for (; file[i]; i++)
        wide[i] = (WCHAR)file[i];
    wide[i] = 0;
    unlink(file);
    assert_face(S_OK, COM(e.client, WriteDumpFileWide, wide, 0, DEBUG_DUMP_SMALL,
                          DEBUG_FORMAT_USER_SMALL_FULL_MEMORY, comment));
    expect_same_bytes_in(file, at, want, n);
    assert_face(E_NOTIMPL, COM(e.client, WriteDumpFileWide, NULL, 5, DEBUG_DUMP_SMALL, 0, NULL));
    unlink(file);

    COM0(adv, Release);
    assert_face(S_OK, COM(e.client, SetOutputCallbacks, NULL));
    engine_release(&e);
    sink_delete(s);
    ds_close(t);
    mdb_free(m);
    free(m);
}

/* A live process stopped by the attach: GetThreadContext answers its
   registers, and the minidump WriteDumpFile2 writes holds the same. */
static void test_live_thread_context_and_dump(void **state)
{
    (void)state;
    struct helper h;
    helper_start(&h, "layout", NULL);
    struct engine e;
    engine_create(&e);
    IDebugAdvanced *adv = NULL;
    assert_face(S_OK, COM(e.client, QueryInterface, IID_REF(IID_IDebugAdvanced), (void **)&adv));
    assert_face(S_OK, COM(e.client, AttachProcess, 0, (ULONG)h.pid, DEBUG_ATTACH_DEFAULT));
    assert_face(S_OK, COM(e.control, WaitForEvent, DEBUG_WAIT_DEFAULT, INFINITE));
    uint8_t ctx[1232], stored[1232];
    assert_face(S_OK, COM(adv, GetThreadContext, ctx, sizeof ctx));
    uint64_t rip = 0, rsp = 0;
    memcpy(&rip, ctx + 0xf8, 8);
    memcpy(&rsp, ctx + 0x98, 8);
    assert_true(rip != 0 && rsp != 0);
    ULONG tid = 0;
    assert_face(S_OK, COM(e.system, GetCurrentThreadSystemId, &tid));
    char file[80];
    snprintf(file, sizeof file, "/tmp/test_dbgeng_live.%d.dmp", (int)getpid());
    unlink(file);
    assert_face(S_OK, COM(e.client, WriteDumpFile2, file, DEBUG_DUMP_SMALL, 0, NULL));
    ds_target *t = NULL;
    assert_hr(S_OK, ds_open_dump(file, 0, &t), NULL);
    assert_hr(S_OK, ds_get_thread_context(t, tid, stored, sizeof stored), t);
    assert_memory_equal(ctx, stored, sizeof ctx);
    ds_close(t);
    unlink(file);
    COM0(adv, Release);
    assert_face(S_OK, COM0(e.client, DetachProcesses));
    engine_release(&e);
    helper_stop(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minidump_same_answers),
        cmocka_unit_test(test_elfcore_same_answers),
        cmocka_unit_test(test_open_dump_wide),
        cmocka_unit_test(test_live_same_answers),
        cmocka_unit_test(test_attach_stops_and_detach_resumes),
        cmocka_unit_test(test_create_and_terminate),
        cmocka_unit_test(test_identity_and_refcounts),
        cmocka_unit_test(test_output_and_execute),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_write_dump_and_thread_context),
        cmocka_unit_test(test_live_thread_context_and_dump),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
