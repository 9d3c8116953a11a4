/*
 * args.c — Python ints to the library's integer widths: a wrong type is a
 * TypeError, a negative or too large value an OverflowError or ValueError,
 * never a silent wrap.
 */
#include "ext.h"

/* o as an unsigned 64-bit value; ints and anything with __index__. */
static int as_u64(PyObject *o, uint64_t *out, const char *what)
{
    if (PyLong_CheckExact(o)) {
        unsigned long long v = PyLong_AsUnsignedLongLong(o);
        if (v == (unsigned long long)-1 && PyErr_Occurred())
            goto range;
        *out = v;
        return 0;
    }
    if (!PyIndex_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s must be an int, not %.100s", what, Py_TYPE(o)->tp_name);
        return -1;
    }
    PyObject *i = PyNumber_Index(o);
    if (!i)
        return -1;
    unsigned long long v = PyLong_AsUnsignedLongLong(i);
    Py_DECREF(i);
    if (v == (unsigned long long)-1 && PyErr_Occurred())
        goto range;
    *out = v;
    return 0;
range:
    if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
        PyErr_Clear();
        PyErr_Format(PyExc_OverflowError, "%s must be in 0 .. 2**64 - 1", what);
    }
    return -1;
}

int ds_py_address(PyObject *o, uint64_t *out, const char *what)
{
    return as_u64(o, out, what);
}

/* o < 0, for an int; 0 for anything else (or when the compare fails). */
static int is_negative(PyObject *o)
{
    PyObject *zero = PyLong_FromLong(0);
    int neg = zero && PyLong_Check(o) ? PyObject_RichCompareBool(o, zero, Py_LT) : 0;
    Py_XDECREF(zero);
    return neg > 0;
}

int ds_py_size(PyObject *o, uint64_t *out, const char *what)
{
    if (as_u64(o, out, what) == 0)
        return 0;
    if (!PyErr_ExceptionMatches(PyExc_OverflowError) || !PyLong_Check(o))
        return -1;
    /* A negative size is a wrong value rather than a wide one. */
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    if (is_negative(o)) {
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
        PyErr_Format(PyExc_ValueError, "%s must not be negative", what);
        return -1;
    }
    PyErr_Restore(type, value, tb);
    return -1;
}

int ds_py_u32(PyObject *o, uint32_t *out, const char *what)
{
    uint64_t v;
    if (ds_py_size(o, &v, what) < 0)
        return -1;
    if (v > UINT32_MAX) {
        PyErr_Format(PyExc_OverflowError, "%s must be at most 2**32 - 1", what);
        return -1;
    }
    *out = (uint32_t)v;
    return 0;
}

int ds_py_no_kwargs(const char *fn, PyObject *kwnames)
{
    if (kwnames && PyTuple_GET_SIZE(kwnames)) {
        PyErr_Format(PyExc_TypeError, "%s() takes no keyword arguments", fn);
        return -1;
    }
    return 0;
}
