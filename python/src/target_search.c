/*
 * target_search.c — the walks over a target's address space: search()
 * (SearchVirtual2, resumed after each hit), regions() (QueryVirtual from
 * region to region) and query(). Every library call here lets go of the
 * GIL: a search may scan gigabytes, and a live target's query reads
 * /proc/PID/maps.
 */
#include "ext.h"

#include <string.h>

#define HR_NO_MORE ((HRESULT)0x9000001A)   /* HRESULT_FROM_NT(STATUS_NO_MORE_ENTRIES) */
#define HR_INVALIDARG ((HRESULT)0x80070057)

/* ---- search ----------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    TargetObject *target;
    PyObject *pattern;     /* bytes */
    uint64_t next, left;   /* where the next search starts, bytes left from there */
    uint32_t granularity, flags;
    int done;
} SearchIter;

static void search_dealloc(SearchIter *it)
{
    Py_XDECREF(it->target);
    Py_XDECREF(it->pattern);
    PyObject_Free(it);
}

static PyObject *search_next(SearchIter *it)
{
    if (it->done)
        return NULL;
    ds_target *t = ds_py_target(it->target);
    if (!t)
        return NULL;
    uint64_t match = 0;
    HRESULT hr;
    char text[DS_PY_TEXT];
    const char *p = PyBytes_AS_STRING(it->pattern);
    uint32_t n = (uint32_t)PyBytes_GET_SIZE(it->pattern);
    DS_PY_UNLOCKED(it->target, t, hr, text,
                   ds_search_virtual2(t, it->next, it->left, it->flags, p, n, it->granularity, &match));
    if (hr == HR_NO_MORE) {
        it->done = 1;
        return NULL;
    }
    if (FAILED(hr)) {
        it->done = 1;
        return ds_py_raise(hr, text);
    }
    /* Resume one granule on (the match is a whole number of granules from
       the start, so the next candidates stay on the same grid). On a
       4-byte target the match may come back sign-extended: the walk runs
       in 32 bits, t_search having cut a sign-extended start the same way. */
    uint64_t m32 = ds_pointer_size(t) == 4 ? match & 0xFFFFFFFFu : match;
    uint64_t step = m32 - it->next + it->granularity;
    if (step >= it->left || m32 + it->granularity < m32)
        it->done = 1;
    else {
        it->next += step;
        it->left -= step;
    }
    return PyLong_FromUnsignedLongLong(match);
}

PyTypeObject DsSearchIter_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "dataspaces.SearchIterator",
    .tp_basicsize = sizeof(SearchIter),
    .tp_dealloc = (destructor)search_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Iterator over the addresses where a pattern matches (Target.search).",
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)search_next,
};

PyDoc_STRVAR(search_doc,
"search(pattern, start=0, length=None, granularity=1, writable_only=False)\n"
"    -> Iterator[int]\n\n"
"The addresses in [start, start + length) where pattern (bytes-like) lies,\n"
"lowest first, each a multiple of granularity from start (SearchVirtual2,\n"
"resumed after each hit). Unreadable memory is skipped. length None: to\n"
"the top of the address space. writable_only: only writable committed\n"
"memory. len(pattern) must be a multiple of granularity.");
static PyObject *t_search(TargetObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = { "pattern", "start", "length", "granularity", "writable_only", NULL };
    PyObject *pat_o, *start_o = NULL, *len_o = Py_None, *gran_o = NULL;
    int writable_only = 0;
    uint64_t start = 0, length;
    uint32_t gran = 1;
    Py_buffer view;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OOOp:search", kwlist, &pat_o, &start_o, &len_o,
                                     &gran_o, &writable_only))
        return NULL;
    if (!ds_py_target(self))
        return NULL;
    if (PyUnicode_Check(pat_o))
        return PyErr_Format(PyExc_TypeError, "pattern must be bytes-like, not str (encode it)");
    if ((start_o && ds_py_address(start_o, &start, "start") < 0) ||
        (gran_o && ds_py_u32(gran_o, &gran, "granularity") < 0))
        return NULL;
    if (ds_pointer_size(self->t) == 4 && start >= 0xFFFFFFFF80000000u)
        start &= 0xFFFFFFFFu;
    if (len_o == Py_None)
        length = start ? UINT64_MAX - start + 1 : UINT64_MAX;
    else if (ds_py_size(len_o, &length, "length") < 0)
        return NULL;
    if (gran == 0)
        return PyErr_Format(PyExc_ValueError, "granularity must be at least 1");
    if (PyObject_GetBuffer(pat_o, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    PyObject *pattern = PyBytes_FromStringAndSize(view.buf, view.len);
    PyBuffer_Release(&view);
    if (!pattern)
        return NULL;
    Py_ssize_t plen = PyBytes_GET_SIZE(pattern);
    const char *bad = plen == 0 ? "pattern must not be empty"
                    : (uint64_t)plen > UINT32_MAX ? "pattern is longer than 2**32 - 1 bytes"
                    : plen % gran ? "len(pattern) must be a multiple of granularity" : NULL;
    if (bad) {
        Py_DECREF(pattern);
        return PyErr_Format(PyExc_ValueError, "%s", bad);
    }
    SearchIter *it = PyObject_New(SearchIter, &DsSearchIter_Type);
    if (!it) {
        Py_DECREF(pattern);
        return NULL;
    }
    Py_INCREF(self);
    it->target = self;
    it->pattern = pattern;
    it->next = start;
    it->left = length;
    it->granularity = gran;
    it->flags = writable_only ? DEBUG_VSEARCH_WRITABLE_ONLY : DEBUG_VSEARCH_DEFAULT;
    it->done = length == 0;
    return (PyObject *)it;
}

/* ---- regions ------------------------------------------------------------------ */

typedef struct {
    PyObject_HEAD
    TargetObject *target;
    uint64_t next, end;    /* end 0: to the last region */
    int done;
} RegionIter;

static void region_iter_dealloc(RegionIter *it)
{
    Py_XDECREF(it->target);
    PyObject_Free(it);
}

static PyObject *region_next(RegionIter *it)
{
    if (it->done)
        return NULL;
    ds_target *t = ds_py_target(it->target);
    if (!t)
        return NULL;
    MEMORY_BASIC_INFORMATION64 m;
    HRESULT hr;
    char text[DS_PY_TEXT];
    DS_PY_UNLOCKED(it->target, t, hr, text, ds_query_virtual(t, it->next, &m));
    if (hr == HR_INVALIDARG) {  /* above the last region: the walk is over */
        it->done = 1;
        return NULL;
    }
    if (FAILED(hr)) {
        it->done = 1;
        return ds_py_raise(hr, text);
    }
    uint64_t base = m.BaseAddress, top = base + m.RegionSize;
    if (ds_pointer_size(t) == 4) {  /* sign-extended answers: walk in 32 bits */
        base &= 0xFFFFFFFFu;
        top = base + m.RegionSize;
    }
    if (m.RegionSize == 0 || top <= it->next || top < base)
        it->done = 1;  /* the top of memory, or no progress: stop rather than loop */
    else
        it->next = top;
    if (it->end && it->next >= it->end)
        it->done = 1;
    return ds_py_region(it->target, &m);
}

PyTypeObject DsRegionIter_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "dataspaces.RegionIterator",
    .tp_basicsize = sizeof(RegionIter),
    .tp_dealloc = (destructor)region_iter_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Iterator over a target's regions (Target.regions).",
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)region_next,
};

PyDoc_STRVAR(regions_doc,
"regions(start=0, end=None) -> Iterator[Region]\n\n"
"Every region and gap from the one holding start up to end (None: the\n"
"last region), as QueryVirtual answers them one after the other: each\n"
"next query at base_address + region_size. Free gaps come too (state\n"
"MEM_FREE); filter on r.state == MEM_COMMIT for mapped memory.");
static PyObject *t_regions(TargetObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = { "start", "end", NULL };
    PyObject *start_o = NULL, *end_o = Py_None;
    uint64_t start = 0, end = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|OO:regions", kwlist, &start_o, &end_o))
        return NULL;
    if (!ds_py_target(self) || (start_o && ds_py_address(start_o, &start, "start") < 0) ||
        (end_o != Py_None && ds_py_address(end_o, &end, "end") < 0))
        return NULL;
    RegionIter *it = PyObject_New(RegionIter, &DsRegionIter_Type);
    if (!it)
        return NULL;
    Py_INCREF(self);
    it->target = self;
    it->next = start;
    it->end = end;
    it->done = end_o != Py_None && end <= start;
    return (PyObject *)it;
}

PyDoc_STRVAR(query_doc,
"query(address) -> Region\n\n"
"The region holding address (QueryVirtual): from address's page on, the\n"
"pages that share its attributes; a gap between regions is MEM_FREE.\n"
"Raises Error (E_INVALIDARG) above the last region.");
static PyObject *t_query(TargetObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    uint64_t addr;
    MEMORY_BASIC_INFORMATION64 m;
    HRESULT hr;
    char text[DS_PY_TEXT];
    if (nargs != 1)
        return PyErr_Format(PyExc_TypeError, "query() takes exactly 1 argument (%zd given)", nargs);
    ds_target *t = ds_py_target(self);
    if (!t || ds_py_address(args[0], &addr, "address") < 0)
        return NULL;
    DS_PY_UNLOCKED(self, t, hr, text, ds_query_virtual(t, addr, &m));
    if (FAILED(hr))
        return ds_py_raise(hr, text);
    return ds_py_region(self, &m);
}

PyMethodDef ds_py_search_methods[] = {
    { "search", (PyCFunction)(void (*)(void))t_search, METH_VARARGS | METH_KEYWORDS, search_doc },
    { "regions", (PyCFunction)(void (*)(void))t_regions, METH_VARARGS | METH_KEYWORDS, regions_doc },
    { "query", (PyCFunction)(void (*)(void))t_query, METH_FASTCALL, query_doc },
    { NULL, NULL, 0, NULL },
};
