/*
 * errors.c — the exception classes: Error (an OSError) carrying the
 * HRESULT and the library's sentence, ReadFault and WriteFault for the two
 * codes a caller most often tells apart.
 */
#include "ext.h"

PyObject *DsError, *DsReadFault, *DsWriteFault;

#define HR_READ_FAULT ((HRESULT)0x8007001E)   /* HRESULT_FROM_WIN32(ERROR_READ_FAULT) */
#define HR_WRITE_FAULT ((HRESULT)0x8007001D)  /* HRESULT_FROM_WIN32(ERROR_WRITE_FAULT) */

int ds_py_errors_init(PyObject *module)
{
    DsError = PyErr_NewExceptionWithDoc(
        "dataspaces.Error",
        "A call on a target failed.\n\n"
        "str(e) is the library's sentence (what failed, where, why); e.hresult is\n"
        "the HRESULT as an unsigned 32-bit int (0x80070057 for E_INVALIDARG).",
        PyExc_OSError, NULL);
    if (!DsError)
        return -1;
    DsReadFault = PyErr_NewExceptionWithDoc(
        "dataspaces.ReadFault",
        "Not one byte could be read (HRESULT_FROM_WIN32(ERROR_READ_FAULT), or a\n"
        "typed read that could not get all of its bytes).",
        DsError, NULL);
    if (!DsReadFault)
        return -1;
    DsWriteFault = PyErr_NewExceptionWithDoc(
        "dataspaces.WriteFault",
        "Not one byte could be written (HRESULT_FROM_WIN32(ERROR_WRITE_FAULT)).",
        DsError, NULL);
    if (!DsWriteFault)
        return -1;
    if (PyModule_AddObjectRef(module, "Error", DsError) < 0 ||
        PyModule_AddObjectRef(module, "ReadFault", DsReadFault) < 0 ||
        PyModule_AddObjectRef(module, "WriteFault", DsWriteFault) < 0)
        return -1;
    return 0;
}

PyObject *ds_py_raise(HRESULT hr, const char *text)
{
    PyObject *cls = hr == HR_READ_FAULT ? DsReadFault : hr == HR_WRITE_FAULT ? DsWriteFault : DsError;
    PyObject *msg = PyUnicode_DecodeUTF8(text, (Py_ssize_t)strlen(text), "replace");
    if (!msg)
        return NULL;
    PyObject *exc = PyObject_CallOneArg(cls, msg);
    Py_DECREF(msg);
    if (!exc)
        return NULL;
    PyObject *code = PyLong_FromUnsignedLong((uint32_t)hr);
    if (!code || PyObject_SetAttrString(exc, "hresult", code) < 0) {
        Py_XDECREF(code);
        Py_DECREF(exc);
        return NULL;
    }
    Py_DECREF(code);
    PyErr_SetObject(cls, exc);
    Py_DECREF(exc);
    return NULL;
}

ds_target *ds_py_target(TargetObject *self)
{
    if (!self->t)
        PyErr_SetString(PyExc_ValueError, "operation on a closed target");
    return self->t;
}
