/*
 * target_type.c — the Target object: its life (open, close, the context
 * manager), the facts about the target (pointer size, modules, threads,
 * notes, the cache), and the Region and Module records.
 *
 * Closing: the library serializes calls per target and its ds_close waits
 * for a call in progress, but a call made during or after the close uses
 * freed memory. So close() first clears self->t (every later call raises
 * ValueError, checked with the GIL held), then waits until no call that
 * let go of the GIL is still running (self->inflight), then closes.
 */
#include "ext.h"

#include <sched.h>
#include <string.h>

PyTypeObject *DsRegion_Type, *DsModule_Type;

static PyStructSequence_Field region_fields[] = {
    { "base_address", "BaseAddress: the first address of the answer (the queried page)" },
    { "allocation_base", "AllocationBase: where the mapping (or image) starts; 0 in a gap" },
    { "allocation_protect", "AllocationProtect: PAGE_* the mapping was made with" },
    { "region_size", "RegionSize: bytes from base_address sharing these attributes" },
    { "state", "State: MEM_COMMIT, MEM_RESERVE or MEM_FREE" },
    { "protect", "Protect: PAGE_* of these pages" },
    { "type", "Type: MEM_IMAGE, MEM_MAPPED, MEM_PRIVATE (0 when free)" },
    { "name", "The path of the module (Target.modules) holding the region, or None" },
    { NULL, NULL },
};
static PyStructSequence_Desc region_desc = {
    "dataspaces.Region",
    "One answer of QueryVirtual: MEMORY_BASIC_INFORMATION64's fields in snake\n"
    "case, and the name of the module the region lies in (None outside modules:\n"
    "the library's public API names images, not other mappings).",
    region_fields, 8,
};

static PyStructSequence_Field module_fields[] = {
    { "base", "The image's lowest address" },
    { "size", "Bytes from base to the end of its last file mapping" },
    { "name", "Its path, as the process's map or the dump names it" },
    { NULL, NULL },
};
static PyStructSequence_Desc module_desc = {
    "dataspaces.Module", "A module (image) of the target: base, size, name.", module_fields, 3,
};

/* ---- records ------------------------------------------------------------------- */

static PyObject *module_record(uint64_t base, uint64_t size, const char *name)
{
    PyObject *m = PyStructSequence_New(DsModule_Type);
    if (!m)
        return NULL;
    PyObject *b = PyLong_FromUnsignedLongLong(base), *s = PyLong_FromUnsignedLongLong(size);
    PyObject *n = PyUnicode_DecodeFSDefault(name);
    if (!b || !s || !n) {
        Py_XDECREF(b);
        Py_XDECREF(s);
        Py_XDECREF(n);
        Py_DECREF(m);
        return NULL;
    }
    PyStructSequence_SET_ITEM(m, 0, b);
    PyStructSequence_SET_ITEM(m, 1, s);
    PyStructSequence_SET_ITEM(m, 2, n);
    return m;
}

PyObject *ds_py_modules(TargetObject *self)
{
    if (self->modules)
        return self->modules;
    ds_target *t = ds_py_target(self);
    uint32_t n = 0;
    HRESULT hr;
    char text[DS_PY_TEXT];
    if (!t)
        return NULL;
    DS_PY_UNLOCKED(self, t, hr, text, ds_get_number_modules(t, &n));
    if (FAILED(hr))
        return ds_py_raise(hr, text);
    PyObject *tuple = PyTuple_New(n);
    for (uint32_t i = 0; tuple && i < n; i++) {
        uint64_t base = 0, size = 0;
        uint32_t need = 0;
        char small[512], *name = small;
        hr = ds_get_module(t, i, &base, &size, small, sizeof small, &need);
        if (hr == S_FALSE && need > sizeof small) {  /* a longer path: ask again */
            name = PyMem_Malloc(need);
            hr = name ? ds_get_module(t, i, &base, &size, name, need, &need) : E_OUTOFMEMORY;
        }
        PyObject *rec = SUCCEEDED(hr) ? module_record(base, size, name)
                                      : ds_py_raise(hr, ds_error_text(t));
        if (name != small)
            PyMem_Free(name);
        if (!rec) {
            Py_CLEAR(tuple);
            break;
        }
        PyTuple_SET_ITEM(tuple, i, rec);
    }
    if (!tuple)
        return NULL;
    if (self->modules) {  /* another thread made it while the GIL was let go */
        Py_DECREF(tuple);
        return self->modules;
    }
    self->modules = tuple;
    return tuple;
}

PyObject *ds_py_region(TargetObject *self, const MEMORY_BASIC_INFORMATION64 *m)
{
    PyObject *mods = ds_py_modules(self);
    if (!mods)
        return NULL;
    PyObject *name = Py_None;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(mods); i++) {
        PyObject *rec = PyTuple_GET_ITEM(mods, i);
        uint64_t base = PyLong_AsUnsignedLongLong(PyStructSequence_GET_ITEM(rec, 0));
        uint64_t size = PyLong_AsUnsignedLongLong(PyStructSequence_GET_ITEM(rec, 1));
        if (m->State != MEM_FREE && m->BaseAddress - base < size) {
            name = PyStructSequence_GET_ITEM(rec, 2);
            break;
        }
    }
    PyObject *r = PyStructSequence_New(DsRegion_Type);
    if (!r)
        return NULL;
    uint64_t v[7] = { m->BaseAddress, m->AllocationBase, m->AllocationProtect, m->RegionSize,
                      m->State, m->Protect, m->Type };
    for (int i = 0; i < 7; i++) {
        PyObject *o = PyLong_FromUnsignedLongLong(v[i]);
        if (!o) {
            Py_DECREF(r);
            return NULL;
        }
        PyStructSequence_SET_ITEM(r, i, o);
    }
    Py_INCREF(name);
    PyStructSequence_SET_ITEM(r, 7, name);
    return r;
}

/* ---- byte order ---------------------------------------------------------------- */

/* The library reads pointers in the target's byte order and has no call
   that names the order: compare one pointer read both ways, at the first
   module's header (its magic differs read either way), else at the start
   of the first committed regions. Little-endian when nothing tells. */
/* DS_ORDER_* when the pointer at addr tells the orders apart, else -1. */
static int order_at(ds_target *t, uint64_t addr)
{
    uint32_t psize = ds_pointer_size(t), got = 0;
    uint8_t b[8];
    uint64_t p = 0, le = 0, be = 0;
    if (psize > sizeof b || FAILED(ds_read_virtual_uncached(t, addr, b, psize, &got)) ||
        got < psize || FAILED(ds_read_pointers_virtual(t, 1, addr, &p)))
        return -1;
    for (unsigned k = 0; k < psize; k++) {
        le |= (uint64_t)b[k] << (8 * k);
        be = be << 8 | b[k];
    }
    uint64_t mask = psize == 8 ? UINT64_MAX : 0xFFFFFFFFu;
    if ((le & mask) == (be & mask))
        return -1;
    return (p & mask) == (be & mask) ? DS_ORDER_BIG : DS_ORDER_LITTLE;
}

static int probe_order(ds_target *t)
{
    uint32_t n = 0;
    if (SUCCEEDED(ds_get_number_modules(t, &n)) && n > 0) {
        uint64_t base, size;
        uint32_t need;
        char name[8];
        int order;
        if (SUCCEEDED(ds_get_module(t, 0, &base, &size, name, sizeof name, &need)) &&
            (order = order_at(t, base)) >= 0)
            return order;
    }
    MEMORY_BASIC_INFORMATION64 m;
    uint64_t a = 0;
    for (int i = 0, tried = 0; i < 64 && tried < 16 && SUCCEEDED(ds_query_virtual(t, a, &m)); i++) {
        if (m.State == MEM_COMMIT && m.Protect != PAGE_NOACCESS) {
            int order = order_at(t, m.BaseAddress);
            if (order >= 0)
                return order;
            tried++;
        }
        if (m.BaseAddress + m.RegionSize <= a)
            break;
        a = m.BaseAddress + m.RegionSize;
    }
    return DS_ORDER_LITTLE;
}

/* ---- life ---------------------------------------------------------------------- */

PyObject *ds_py_target_new(ds_target *t)
{
    TargetObject *self = PyObject_GC_New(TargetObject, &DsTarget_Type);
    if (!self) {
        ds_close(t);
        return NULL;
    }
    self->t = t;
    self->inflight = 0;
    self->remote = strcmp(ds_target_kind(t), "gdbremote") == 0;
    self->modules = NULL;
    self->weakrefs = NULL;
    pthread_mutex_init(&self->lock, NULL);
    int order;
    Py_BEGIN_ALLOW_THREADS
    order = probe_order(t);
    Py_END_ALLOW_THREADS
    self->byte_order = order;
    PyObject_GC_Track(self);
    return (PyObject *)self;
}

/* Close self's target once no GIL-released call on it is running. */
static void close_target(TargetObject *self)
{
    ds_target *t = self->t;
    if (!t)
        return;
    self->t = NULL;  /* from here every new call raises ValueError */
    while (self->inflight) {
        Py_BEGIN_ALLOW_THREADS
        pthread_mutex_lock(&self->lock);  /* waits for the call holding it */
        pthread_mutex_unlock(&self->lock);
        sched_yield();
        Py_END_ALLOW_THREADS
    }
    Py_BEGIN_ALLOW_THREADS
    ds_close(t);
    Py_END_ALLOW_THREADS
}

static void target_dealloc(TargetObject *self)
{
    PyObject_GC_UnTrack(self);
    if (self->weakrefs)
        PyObject_ClearWeakRefs((PyObject *)self);
    close_target(self);
    Py_CLEAR(self->modules);
    pthread_mutex_destroy(&self->lock);
    PyObject_GC_Del(self);
}

static int target_traverse(TargetObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->modules);
    return 0;
}

static int target_clear(TargetObject *self)
{
    Py_CLEAR(self->modules);
    return 0;
}

static PyObject *target_repr(TargetObject *self)
{
    if (!self->t)
        return PyUnicode_FromString("<dataspaces.Target (closed)>");
    return PyUnicode_FromFormat("<dataspaces.Target %s, process %u, %u-byte pointers>",
                                ds_target_kind(self->t), (unsigned)ds_process_id(self->t),
                                (unsigned)ds_pointer_size(self->t));
}

PyDoc_STRVAR(close_doc,
"close() -> None\n\n"
"Release the target: a stopped process runs on (a launched one is killed),\n"
"a dump is unmapped. Waits for a call another thread has in progress on\n"
"it. Calls made afterwards raise ValueError; closing twice is harmless.");
static PyObject *t_close(TargetObject *self, PyObject *unused)
{
    (void)unused;
    close_target(self);
    Py_RETURN_NONE;
}

static PyObject *t_enter(TargetObject *self, PyObject *unused)
{
    (void)unused;
    if (!ds_py_target(self))
        return NULL;
    Py_INCREF(self);
    return (PyObject *)self;
}

static PyObject *t_exit(TargetObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)args;
    (void)nargs;
    close_target(self);
    Py_RETURN_FALSE;
}

PyDoc_STRVAR(flush_cache_doc,
"flush_cache() -> None\n\n"
"Forget everything the cache holds (WinDbg's .cache flushall), for memory\n"
"another process may have changed (shared mappings).");
static PyObject *t_flush_cache(TargetObject *self, PyObject *unused)
{
    (void)unused;
    ds_target *t = ds_py_target(self);
    HRESULT hr;
    char text[DS_PY_TEXT];
    if (!t)
        return NULL;
    DS_PY_UNLOCKED(self, t, hr, text, ds_cache_flush(t));
    if (FAILED(hr))
        return ds_py_raise(hr, text);
    Py_RETURN_NONE;
}

/* ---- properties ------------------------------------------------------------------ */

#define FACT(name, expr)                                                  \
    static PyObject *get_##name(TargetObject *self, void *closure)        \
    {                                                                     \
        (void)closure;                                                    \
        ds_target *t = ds_py_target(self);                                \
        return t ? (expr) : NULL;                                         \
    }
FACT(pointer_size, PyLong_FromUnsignedLong(ds_pointer_size(t)))
FACT(page_size, PyLong_FromUnsignedLong(ds_page_size(t)))
FACT(machine, PyLong_FromUnsignedLong(ds_machine(t)))
FACT(kind, PyUnicode_FromString(ds_target_kind(t)))
FACT(process_id, PyLong_FromUnsignedLong(ds_process_id(t)))
FACT(notes, PyUnicode_DecodeUTF8(ds_open_notes(t), (Py_ssize_t)strlen(ds_open_notes(t)), "replace"))
FACT(cache_size, PyLong_FromUnsignedLongLong(ds_cache_get_size(t)))

static PyObject *get_closed(TargetObject *self, void *closure)
{
    (void)closure;
    return PyBool_FromLong(self->t == NULL);
}

static PyObject *get_byte_order(TargetObject *self, void *closure)
{
    (void)closure;
    return ds_py_target(self) ? PyUnicode_FromString(self->byte_order == DS_ORDER_BIG ? "big" : "little")
                              : NULL;
}

static int set_cache_size(TargetObject *self, PyObject *value, void *closure)
{
    (void)closure;
    uint64_t bytes;
    HRESULT hr;
    char text[DS_PY_TEXT];
    if (!value) {
        PyErr_SetString(PyExc_AttributeError, "cache_size cannot be deleted (set it to 0)");
        return -1;
    }
    ds_target *t = ds_py_target(self);
    if (!t || ds_py_size(value, &bytes, "cache_size") < 0)
        return -1;
    DS_PY_UNLOCKED(self, t, hr, text, ds_cache_set_size(t, bytes));
    if (FAILED(hr)) {
        ds_py_raise(hr, text);
        return -1;
    }
    return 0;
}

static PyObject *get_modules(TargetObject *self, void *closure)
{
    (void)closure;
    PyObject *mods = ds_py_modules(self);
    return mods ? PySequence_List(mods) : NULL;
}

static PyObject *get_threads(TargetObject *self, void *closure)
{
    (void)closure;
    ds_target *t = ds_py_target(self);
    uint32_t n = 0;
    HRESULT hr;
    char text[DS_PY_TEXT];
    if (!t)
        return NULL;
    DS_PY_UNLOCKED(self, t, hr, text, ds_get_number_threads(t, &n));
    if (FAILED(hr))
        return ds_py_raise(hr, text);
    uint32_t *ids = PyMem_Malloc(((size_t)n + 1) * sizeof *ids);
    if (!ids)
        return PyErr_NoMemory();
    DS_PY_UNLOCKED(self, t, hr, text, n ? ds_get_thread_ids(t, 0, n, ids) : S_OK);
    if (FAILED(hr)) {
        PyMem_Free(ids);
        return ds_py_raise(hr, text);
    }
    PyObject *list = PyList_New(n);
    for (uint32_t i = 0; list && i < n; i++) {
        PyObject *v = PyLong_FromUnsignedLong(ids[i]);
        if (!v) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, v);
    }
    PyMem_Free(ids);
    return list;
}

static PyGetSetDef target_getset[] = {
    { "pointer_size", (getter)get_pointer_size, NULL, "Pointer size in bytes: 4 or 8.", NULL },
    { "page_size", (getter)get_page_size, NULL, "Page size of the target in bytes.", NULL },
    { "machine", (getter)get_machine, NULL, "IMAGE_FILE_MACHINE_* of the target (0: unknown).", NULL },
    { "kind", (getter)get_kind, NULL, "The backend: 'live', 'elfcore', 'minidump', 'gdbremote'.", NULL },
    { "process_id", (getter)get_process_id, NULL, "The process's id (0 when a dump does not say).", NULL },
    { "byte_order", (getter)get_byte_order, NULL,
      "'little' or 'big': the order of the typed reads (read_u16 ... read_i64).", NULL },
    { "notes", (getter)get_notes, NULL,
      "What opening a damaged dump ignored, '; '-separated ('' when nothing).", NULL },
    { "cache_size", (getter)get_cache_size, (setter)set_cache_size,
      "The cache's size in bytes (0: off). Setting it flushes the cache.", NULL },
    { "modules", (getter)get_modules, NULL,
      "The modules (images) of the target, in address order: list[Module].", NULL },
    { "threads", (getter)get_threads, NULL, "The system ids (TIDs) of the target's threads.", NULL },
    { "closed", (getter)get_closed, NULL, "True once close() was called.", NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

static PyMethodDef life_methods[] = {
    { "close", (PyCFunction)t_close, METH_NOARGS, close_doc },
    { "flush_cache", (PyCFunction)t_flush_cache, METH_NOARGS, flush_cache_doc },
    { "__enter__", (PyCFunction)t_enter, METH_NOARGS, "Return the target (for `with`)." },
    { "__exit__", (PyCFunction)(void (*)(void))t_exit, METH_FASTCALL, "Close the target." },
    { NULL, NULL, 0, NULL },
};

/* The three files' tables, joined once at import. */
static PyMethodDef all_methods[64];

PyTypeObject DsTarget_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "dataspaces.Target",
    .tp_basicsize = sizeof(TargetObject),
    .tp_dealloc = (destructor)target_dealloc,
    .tp_repr = (reprfunc)target_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "An open target: a process, a core file, a minidump or a remote stub.\n\n"
              "Made by open(), attach(), launch() or connect(); a context manager\n"
              "that closes it. Calls from several threads are serialized by the\n"
              "library; the long ones let go of the GIL.",
    .tp_traverse = (traverseproc)target_traverse,
    .tp_clear = (inquiry)target_clear,
    .tp_weaklistoffset = offsetof(TargetObject, weakrefs),
    .tp_methods = all_methods,
    .tp_getset = target_getset,
};

static size_t join(size_t at, const PyMethodDef *table)
{
    for (; table->ml_name; table++)
        all_methods[at++] = *table;
    return at;
}

int ds_py_types_init(PyObject *module)
{
    size_t n = join(0, life_methods);
    n = join(n, ds_py_memory_methods);
    n = join(n, ds_py_search_methods);
    if (n >= sizeof all_methods / sizeof all_methods[0])
        return PyErr_SetString(PyExc_SystemError, "dataspaces: method table too small"), -1;
    DsRegion_Type = PyStructSequence_NewType(&region_desc);
    DsModule_Type = PyStructSequence_NewType(&module_desc);
    if (!DsRegion_Type || !DsModule_Type || PyType_Ready(&DsTarget_Type) < 0 ||
        PyType_Ready(&DsSearchIter_Type) < 0 || PyType_Ready(&DsRegionIter_Type) < 0)
        return -1;
    if (PyModule_AddObjectRef(module, "Target", (PyObject *)&DsTarget_Type) < 0 ||
        PyModule_AddObjectRef(module, "Region", (PyObject *)DsRegion_Type) < 0 ||
        PyModule_AddObjectRef(module, "Module", (PyObject *)DsModule_Type) < 0)
        return -1;
    return 0;
}
