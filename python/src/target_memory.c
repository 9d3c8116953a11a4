/*
 * target_memory.c — Target's reads, writes and fills: bytes, typed
 * integers, pointers, strings, into a caller's buffer.
 *
 * The small calls (typed reads, reads under DS_PY_LARGE bytes) keep the
 * GIL: the library's cached read costs less than letting it go. Anything
 * larger lets it go (DS_PY_UNLOCKED's rule, ext.h), and so does any call
 * made while another thread is inside a GIL-released call on the same
 * target, since the library makes it wait for that one.
 */
#include "ext.h"

#include <string.h>

#define HR_READ_FAULT ((HRESULT)0x8007001E)
#define PIECE 0x40000000u  /* the library takes 32-bit sizes: 1 GiB a call */

typedef HRESULT (*read_fn)(ds_target *, uint64_t, void *, uint32_t, uint32_t *);
typedef HRESULT (*write_fn)(ds_target *, uint64_t, const void *, uint32_t, uint32_t *);

static PyObject *arg_count(const char *fn, Py_ssize_t want, Py_ssize_t got)
{
    PyErr_Format(PyExc_TypeError, "%s() takes exactly %zd argument%s (%zd given)", fn, want,
                 want == 1 ? "" : "s", got);
    return NULL;
}

/* One call of a span: a read into buf, or (rd NULL) a write from it. */
static HRESULT span_call(ds_target *t, read_fn rd, write_fn wr, uint64_t addr, char *buf,
                         uint32_t size, uint32_t *moved)
{
    return rd ? rd(t, addr, buf, size, moved) : wr(t, addr, buf, size, moved);
}

/* Move up to size bytes between buf and addr: read with rd, or write with
   wr when rd is NULL (the partial-read rule either way: the prefix that
   could be moved). Small spans keep the GIL; large ones, or any while
   another call is in flight or the target is remote, go in 1 GiB pieces
   without it. Returns the count, or -1 with Error set when not one byte
   could be moved. */
static Py_ssize_t move_span(TargetObject *self, ds_target *t, read_fn rd, write_fn wr,
                            uint64_t addr, char *buf, uint64_t size)
{
    HRESULT hr = S_OK;
    uint32_t got = 0;
    if (size < (uint64_t)DS_PY_LARGE && !self->inflight && !self->remote) {
        hr = span_call(t, rd, wr, addr, buf, (uint32_t)size, &got);
        if (FAILED(hr))
            return ds_py_raise(hr, ds_error_text(t)), -1;
        return got;
    }
    char text[DS_PY_TEXT] = "";
    uint64_t done = 0;
    self->inflight++;
    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&self->lock);
    while (done < size) {
        uint32_t piece = size - done > PIECE ? PIECE : (uint32_t)(size - done);
        got = 0;
        hr = span_call(t, rd, wr, addr + done, buf + done, piece, &got);
        if (FAILED(hr)) {
            snprintf(text, sizeof text, "%s", ds_error_text(t));
            break;
        }
        done += got;
        if (got < piece || addr + done < addr)  /* short, or at the top of memory */
            break;
    }
    pthread_mutex_unlock(&self->lock);
    Py_END_ALLOW_THREADS
    self->inflight--;
    if (done == 0 && FAILED(hr))
        return ds_py_raise(hr, text), -1;
    return (Py_ssize_t)done;
}

static PyObject *read_bytes(TargetObject *self, PyObject *const *args, Py_ssize_t nargs,
                            read_fn fn, const char *name)
{
    uint64_t addr, size;
    if (nargs != 2)
        return arg_count(name, 2, nargs);
    ds_target *t = ds_py_target(self);
    if (!t || ds_py_address(args[0], &addr, "address") < 0 || ds_py_size(args[1], &size, "size") < 0)
        return NULL;
    if (size > (uint64_t)PY_SSIZE_T_MAX)
        return PyErr_Format(PyExc_OverflowError, "size %llu is too large", (unsigned long long)size);
    PyObject *b = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)size);
    if (!b)
        return NULL;
    Py_ssize_t n = move_span(self, t, fn, NULL, addr, PyBytes_AS_STRING(b), size);
    if (n < 0) {
        Py_DECREF(b);
        return NULL;
    }
    if ((uint64_t)n < size && _PyBytes_Resize(&b, n) < 0)
        return NULL;
    return b;
}

PyDoc_STRVAR(read_doc,
"read(address, size) -> bytes\n\n"
"Read up to size bytes at address through the cache (ReadVirtual). The\n"
"result is shorter when the range runs into memory that cannot be read:\n"
"it is then the readable prefix, to the byte (the partial-read rule).\n"
"Raises ReadFault when not one byte can be read.");
static PyObject *t_read(TargetObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return read_bytes(self, args, nargs, ds_read_virtual, "read");
}

PyDoc_STRVAR(read_uncached_doc,
"read_uncached(address, size) -> bytes\n\n"
"As read(), straight from the target, neither using nor filling the cache\n"
"(ReadVirtualUncached).");
static PyObject *t_read_uncached(TargetObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return read_bytes(self, args, nargs, ds_read_virtual_uncached, "read_uncached");
}

PyDoc_STRVAR(read_into_doc,
"read_into(address, buffer) -> int\n\n"
"Read into any writable contiguous buffer (bytearray, memoryview, array,\n"
"numpy array) as many bytes as it holds; returns how many were read (the\n"
"partial-read rule: fewer when the range runs into unreadable memory).\n"
"Raises ReadFault when not one byte can be read, TypeError for a buffer\n"
"that cannot be written.");
static PyObject *t_read_into(TargetObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    uint64_t addr;
    Py_buffer view;
    if (nargs != 2)
        return arg_count("read_into", 2, nargs);
    ds_target *t = ds_py_target(self);
    if (!t || ds_py_address(args[0], &addr, "address") < 0)
        return NULL;
    if (PyObject_GetBuffer(args[1], &view, PyBUF_WRITABLE) < 0) {
        if (PyErr_ExceptionMatches(PyExc_BufferError) || PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError,
                         "read_into() needs a writable contiguous buffer (bytearray, "
                         "memoryview, array), not %.100s", Py_TYPE(args[1])->tp_name);
        }
        return NULL;
    }
    Py_ssize_t n = move_span(self, t, ds_read_virtual, NULL, addr, view.buf, (uint64_t)view.len);
    PyBuffer_Release(&view);
    return n < 0 ? NULL : PyLong_FromSsize_t(n);
}

/* ---- typed reads --------------------------------------------------------- */

static PyObject *read_int(TargetObject *self, PyObject *const *args, Py_ssize_t nargs,
                          unsigned width, int is_signed, const char *name)
{
    uint64_t addr;
    uint8_t b[8];
    uint32_t got = 0;
    HRESULT hr;
    if (nargs != 1)
        return arg_count(name, 1, nargs);
    ds_target *t = ds_py_target(self);
    if (!t || ds_py_address(args[0], &addr, "address") < 0)
        return NULL;
    if (!self->inflight && !self->remote) {
        hr = ds_read_virtual(t, addr, b, width, &got);
        if (FAILED(hr) || got < width)
            return ds_py_raise(FAILED(hr) ? hr : HR_READ_FAULT, ds_error_text(t));
    } else {
        char text[DS_PY_TEXT];
        DS_PY_UNLOCKED(self, t, hr, text, ds_read_virtual(t, addr, b, width, &got));
        if (FAILED(hr) || got < width)
            return ds_py_raise(FAILED(hr) ? hr : HR_READ_FAULT, text);
    }
    uint64_t v = 0;
    if (self->byte_order == DS_ORDER_BIG) {
        for (unsigned i = 0; i < width; i++)
            v = v << 8 | b[i];
    } else {
        for (unsigned i = width; i-- > 0;)
            v = v << 8 | b[i];
    }
    if (is_signed) {
        unsigned shift = 64 - 8 * width;
        return PyLong_FromLongLong((long long)(int64_t)(v << shift) >> shift);
    }
    return width < 8 ? PyLong_FromUnsignedLong((unsigned long)v) : PyLong_FromUnsignedLongLong(v);
}

#define TYPED(fn, width, sign, doc)                                                         \
    PyDoc_STRVAR(fn##_doc, #fn "(address) -> int\n\n" doc                                   \
                 "\nin the target's byte order. Raises ReadFault unless every byte\n"      \
                 "can be read.");                                                           \
    static PyObject *t_##fn(TargetObject *self, PyObject *const *args, Py_ssize_t nargs)    \
    {                                                                                       \
        return read_int(self, args, nargs, width, sign, #fn);                               \
    }
TYPED(read_u8, 1, 0, "The unsigned 8-bit integer at address,")
TYPED(read_u16, 2, 0, "The unsigned 16-bit integer at address,")
TYPED(read_u32, 4, 0, "The unsigned 32-bit integer at address,")
TYPED(read_u64, 8, 0, "The unsigned 64-bit integer at address,")
TYPED(read_i8, 1, 1, "The signed 8-bit integer at address,")
TYPED(read_i16, 2, 1, "The signed 16-bit integer at address,")
TYPED(read_i32, 4, 1, "The signed 32-bit integer at address,")
TYPED(read_i64, 8, 1, "The signed 64-bit integer at address,")

/* ---- pointers -------------------------------------------------------------- */

PyDoc_STRVAR(read_pointer_doc,
"read_pointer(address) -> int\n\n"
"The pointer at address, of the target's size and byte order, widened to\n"
"64 bits (sign-extended on 4-byte targets, as dbgeng hands addresses\n"
"out). Raises ReadFault unless all of it can be read.");
static PyObject *t_read_pointer(TargetObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    uint64_t addr, p = 0;
    HRESULT hr;
    if (nargs != 1)
        return arg_count("read_pointer", 1, nargs);
    ds_target *t = ds_py_target(self);
    if (!t || ds_py_address(args[0], &addr, "address") < 0)
        return NULL;
    if (!self->inflight && !self->remote) {
        hr = ds_read_pointers_virtual(t, 1, addr, &p);
        if (FAILED(hr))
            return ds_py_raise(hr, ds_error_text(t));
    } else {
        char text[DS_PY_TEXT];
        DS_PY_UNLOCKED(self, t, hr, text, ds_read_pointers_virtual(t, 1, addr, &p));
        if (FAILED(hr))
            return ds_py_raise(hr, text);
    }
    return PyLong_FromUnsignedLongLong(p);
}

PyDoc_STRVAR(read_pointers_doc,
"read_pointers(address, count) -> list[int]\n\n"
"count pointers from address (ReadPointersVirtual): all of them or\n"
"ReadFault, never a partial list.");
static PyObject *t_read_pointers(TargetObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    uint64_t addr;
    uint32_t count;
    HRESULT hr;
    char text[DS_PY_TEXT];
    if (nargs != 2)
        return arg_count("read_pointers", 2, nargs);
    ds_target *t = ds_py_target(self);
    if (!t || ds_py_address(args[0], &addr, "address") < 0 || ds_py_u32(args[1], &count, "count") < 0)
        return NULL;
    uint64_t *p = PyMem_Malloc(((size_t)count + 1) * sizeof *p);
    if (!p)
        return PyErr_NoMemory();
    if (count < 4096 && !self->inflight && !self->remote) {
        hr = ds_read_pointers_virtual(t, count, addr, p);
        if (FAILED(hr))
            snprintf(text, sizeof text, "%s", ds_error_text(t));
    } else {
        DS_PY_UNLOCKED(self, t, hr, text, ds_read_pointers_virtual(t, count, addr, p));
    }
    if (FAILED(hr)) {
        PyMem_Free(p);
        return ds_py_raise(hr, text);
    }
    PyObject *list = PyList_New(count);
    for (uint32_t i = 0; list && i < count; i++) {
        PyObject *v = PyLong_FromUnsignedLongLong(p[i]);
        if (!v) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, v);
    }
    PyMem_Free(p);
    return list;
}

/* ---- strings --------------------------------------------------------------- */

/* The first try's buffer: strings are short; a longer one is read again
   into a buffer of the size the library said it has. */
#define STRING_FIRST 4096u

PyDoc_STRVAR(read_string_doc,
"read_string(address, max=4096, encoding='utf-8', errors='strict') -> str\n\n"
"The NUL-terminated byte string at address (ReadMultiByteStringVirtual),\n"
"reading at most max bytes, decoded with encoding (None: the bytes\n"
"themselves). Raises Error (E_INVALIDARG) when there is no NUL within max\n"
"bytes, ReadFault when the first byte cannot be read.");
static PyObject *t_read_string(TargetObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = { "address", "max", "encoding", "errors", NULL };
    PyObject *addr_o, *max_o = NULL;
    const char *encoding = "utf-8", *errors = "strict";
    uint64_t addr;
    uint32_t max = 4096, size = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|Ozz:read_string", kwlist, &addr_o, &max_o,
                                     &encoding, &errors))
        return NULL;
    ds_target *t = ds_py_target(self);
    if (!t || ds_py_address(addr_o, &addr, "address") < 0 ||
        (max_o && ds_py_u32(max_o, &max, "max") < 0))
        return NULL;
    if (max == 0)
        return PyErr_Format(PyExc_ValueError, "max must be at least 1");
    uint32_t cap = max < STRING_FIRST ? max : STRING_FIRST;
    for (int pass = 0; pass < 2; pass++) {
        char *buf = PyMem_Malloc(cap);
        char text[DS_PY_TEXT];
        HRESULT hr;
        if (!buf)
            return PyErr_NoMemory();
        DS_PY_UNLOCKED(self, t, hr, text,
                       ds_read_multi_byte_string_virtual(t, addr, max, buf, cap, &size));
        if (FAILED(hr)) {
            PyMem_Free(buf);
            return ds_py_raise(hr, text);
        }
        if (hr == S_OK || pass == 1 || size <= cap) {
            Py_ssize_t n = size ? (Py_ssize_t)size - 1 : 0;
            if (n > (Py_ssize_t)cap - 1)
                n = (Py_ssize_t)cap - 1;
            PyObject *r = encoding ? PyUnicode_Decode(buf, n, encoding, errors)
                                   : PyBytes_FromStringAndSize(buf, n);
            PyMem_Free(buf);
            return r;
        }
        PyMem_Free(buf);
        cap = size;  /* S_FALSE: cut to fit; size is what it needs */
    }
    Py_RETURN_NONE;  /* not reached */
}

PyDoc_STRVAR(read_wstring_doc,
"read_wstring(address, max=4096, errors='strict') -> str\n\n"
"The NUL-terminated UTF-16 string at address, in the target's byte order\n"
"(ReadUnicodeStringVirtualWide), reading at most max bytes. Raises Error\n"
"(E_INVALIDARG) when there is no NUL unit within max bytes.");
static PyObject *t_read_wstring(TargetObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = { "address", "max", "errors", NULL };
    PyObject *addr_o, *max_o = NULL;
    const char *errors = "strict";
    uint64_t addr;
    uint32_t max = 4096, size = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|Oz:read_wstring", kwlist, &addr_o, &max_o,
                                     &errors))
        return NULL;
    ds_target *t = ds_py_target(self);
    if (!t || ds_py_address(addr_o, &addr, "address") < 0 ||
        (max_o && ds_py_u32(max_o, &max, "max") < 0))
        return NULL;
    if (max < 2)
        return PyErr_Format(PyExc_ValueError, "max must be at least 2 (one UTF-16 unit)");
    uint32_t cap = (max < STRING_FIRST ? max : STRING_FIRST) / 2;  /* in units */
    for (int pass = 0; pass < 2; pass++) {
        WCHAR *buf = PyMem_Malloc((size_t)cap * sizeof *buf);
        char text[DS_PY_TEXT];
        HRESULT hr;
        if (!buf)
            return PyErr_NoMemory();
        DS_PY_UNLOCKED(self, t, hr, text,
                       ds_read_unicode_string_virtual_wide(t, addr, max, buf, cap, &size));
        if (FAILED(hr)) {
            PyMem_Free(buf);
            return ds_py_raise(hr, text);
        }
        if (hr == S_OK || pass == 1 || size / 2 <= cap) {
            Py_ssize_t units = size >= 2 ? (Py_ssize_t)size / 2 - 1 : 0;
            if (units > (Py_ssize_t)cap - 1)
                units = (Py_ssize_t)cap - 1;
            int order = PY_LITTLE_ENDIAN ? -1 : 1;  /* the WCHARs come in host order */
            PyObject *r = PyUnicode_DecodeUTF16((const char *)buf, units * 2, errors, &order);
            PyMem_Free(buf);
            return r;
        }
        PyMem_Free(buf);
        cap = size / 2;
    }
    Py_RETURN_NONE;
}

/* ---- writes ---------------------------------------------------------------- */

PyDoc_STRVAR(write_doc,
"write(address, data) -> int\n\n"
"Write the bytes of data (any bytes-like object) at address, through to\n"
"the target and then the cache (WriteVirtual). Returns how many were\n"
"written: fewer when the range runs into memory that refuses writes.\n"
"Raises WriteFault when not one byte can be written (and on a dump not\n"
"opened writable).");
static PyObject *t_write(TargetObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    uint64_t addr;
    Py_buffer view;
    if (nargs != 2)
        return arg_count("write", 2, nargs);
    ds_target *t = ds_py_target(self);
    if (!t || ds_py_address(args[0], &addr, "address") < 0)
        return NULL;
    if (PyObject_GetBuffer(args[1], &view, PyBUF_SIMPLE) < 0)
        return NULL;
    Py_ssize_t n = move_span(self, t, NULL, ds_write_virtual, addr, view.buf, (uint64_t)view.len);
    PyBuffer_Release(&view);
    return n < 0 ? NULL : PyLong_FromSsize_t(n);
}

PyDoc_STRVAR(fill_doc,
"fill(address, size, pattern) -> int\n\n"
"Write pattern (bytes-like, not empty) again and again over\n"
"[address, address + size), stopping at the first byte that cannot be\n"
"written (FillVirtual). Returns the bytes written; raises WriteFault when\n"
"not one could be.");
static PyObject *t_fill(TargetObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    uint64_t addr, size, done = 0;
    Py_buffer view;
    HRESULT hr = S_OK;
    char text[DS_PY_TEXT] = "";
    if (nargs != 3)
        return arg_count("fill", 3, nargs);
    ds_target *t = ds_py_target(self);
    if (!t || ds_py_address(args[0], &addr, "address") < 0 || ds_py_size(args[1], &size, "size") < 0)
        return NULL;
    if (PyObject_GetBuffer(args[2], &view, PyBUF_SIMPLE) < 0)
        return NULL;
    if (view.len == 0 || (uint64_t)view.len > UINT32_MAX) {
        PyBuffer_Release(&view);
        return PyErr_Format(view.len ? PyExc_OverflowError : PyExc_ValueError,
                            view.len ? "pattern is longer than 2**32 - 1 bytes"
                                     : "pattern must not be empty");
    }
    /* Pieces that are whole multiples of the pattern keep its phase. */
    uint32_t psize = (uint32_t)view.len, most = UINT32_MAX / psize * psize;
    self->inflight++;
    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&self->lock);
    while (done < size) {
        uint32_t piece = size - done > most ? most : (uint32_t)(size - done), filled = 0;
        hr = ds_fill_virtual(t, addr + done, piece, view.buf, psize, &filled);
        if (FAILED(hr)) {
            snprintf(text, sizeof text, "%s", ds_error_text(t));
            break;
        }
        done += filled;
        if (filled < piece || addr + done < addr)
            break;
    }
    pthread_mutex_unlock(&self->lock);
    Py_END_ALLOW_THREADS
    self->inflight--;
    PyBuffer_Release(&view);
    if (done == 0 && FAILED(hr))
        return ds_py_raise(hr, text);
    return PyLong_FromUnsignedLongLong(done);
}

#define FAST(name) { #name, (PyCFunction)(void (*)(void))t_##name, METH_FASTCALL, name##_doc }
#define KW(name) { #name, (PyCFunction)(void (*)(void))t_##name, METH_VARARGS | METH_KEYWORDS, name##_doc }
PyMethodDef ds_py_memory_methods[] = {
    FAST(read), FAST(read_uncached), FAST(read_into),
    FAST(read_u8), FAST(read_u16), FAST(read_u32), FAST(read_u64),
    FAST(read_i8), FAST(read_i16), FAST(read_i32), FAST(read_i64),
    FAST(read_pointer), FAST(read_pointers),
    KW(read_string), KW(read_wstring),
    FAST(write), FAST(fill),
    { NULL, NULL, 0, NULL },
};
