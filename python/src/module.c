/*
 * module.c — the module `dataspaces._dataspaces`: the openers (open,
 * attach, launch, connect), the constants, and the import.
 *
 * Every opener lets go of the GIL: attaching waits for threads to stop,
 * opening a dump maps and indexes it, connecting talks to a server.
 */
#include "ext.h"

#include <string.h>

/* The opener's failure: its sentence is ds_error_text(NULL), kept per
   thread, so it is read on the thread that made the call. */
static PyObject *opened(HRESULT hr, ds_target *t, const char *text)
{
    if (FAILED(hr) || !t)
        return ds_py_raise(FAILED(hr) ? hr : E_FAIL, text);
    return ds_py_target_new(t);
}

PyDoc_STRVAR(open_doc,
"open(spec, *, writable=False) -> Target\n\n"
"Open a target by its spec: a path to an ELF core or a Windows minidump\n"
"(told apart by magic), 'core:PATH', 'dump:PATH', 'pid:N' (attach) or\n"
"'gdb:HOST:PORT' (connect). spec may be a str, bytes or os.PathLike.\n"
"writable: writes to a dump land in a private copy (never in the file).");
static PyObject *m_open(PyObject *mod, PyObject *args, PyObject *kw)
{
    (void)mod;
    static char *kwlist[] = { "spec", "writable", NULL };
    PyObject *path = NULL;
    int writable = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O&|$p:open", kwlist, PyUnicode_FSConverter, &path,
                                     &writable))
        return NULL;
    const char *spec = PyBytes_AS_STRING(path);
    if ((size_t)PyBytes_GET_SIZE(path) != strlen(spec)) {
        Py_DECREF(path);
        return PyErr_Format(PyExc_ValueError, "spec must not contain a NUL character");
    }
    ds_target *t = NULL;
    HRESULT hr;
    char text[DS_PY_TEXT];
    Py_BEGIN_ALLOW_THREADS
    hr = ds_open(spec, writable ? DS_OPEN_WRITABLE_COPY : 0, &t);
    snprintf(text, sizeof text, "%s", ds_error_text(NULL));
    Py_END_ALLOW_THREADS
    Py_DECREF(path);
    return opened(hr, t, text);
}

PyDoc_STRVAR(attach_doc,
"attach(pid, *, noninvasive=False, suspend=True) -> Target\n\n"
"Attach to process pid (a thread id attaches its whole process). By\n"
"default every thread is stopped until close() lets it run again.\n"
"noninvasive: dbgeng's DEBUG_ATTACH_NONINVASIVE (the threads are\n"
"suspended just the same; there are no debug events in either mode).\n"
"suspend=False: read the process while it keeps running, no ptrace\n"
"(cdb's -pvr, DEBUG_ATTACH_NONINVASIVE_NO_SUSPEND; the cache is then off).");
static PyObject *m_attach(PyObject *mod, PyObject *args, PyObject *kw)
{
    (void)mod;
    static char *kwlist[] = { "pid", "noninvasive", "suspend", NULL };
    PyObject *pid_o;
    int noninvasive = 0, suspend = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|$pp:attach", kwlist, &pid_o, &noninvasive,
                                     &suspend))
        return NULL;
    if (!PyLong_Check(pid_o))
        return PyErr_Format(PyExc_TypeError, "pid must be an int, not %.100s", Py_TYPE(pid_o)->tp_name);
    int overflow = 0;
    long pid = PyLong_AsLongAndOverflow(pid_o, &overflow);
    if (pid == -1 && PyErr_Occurred())
        return NULL;
    if (overflow || pid <= 0 || pid > INT32_MAX)
        return PyErr_Format(PyExc_ValueError, "pid must be in 1 .. 2**31 - 1");
    unsigned flags = !suspend ? DS_ATTACH_NONINVASIVE_NO_SUSPEND : noninvasive ? DS_ATTACH_NONINVASIVE : 0;
    ds_target *t = NULL;
    HRESULT hr;
    char text[DS_PY_TEXT];
    Py_BEGIN_ALLOW_THREADS
    hr = ds_attach((int)pid, flags, &t);
    snprintf(text, sizeof text, "%s", ds_error_text(NULL));
    Py_END_ALLOW_THREADS
    return opened(hr, t, text);
}

PyDoc_STRVAR(launch_doc,
"launch(argv) -> Target\n\n"
"Start argv[0] (searched in PATH) with the arguments argv[1:], stopped at\n"
"its first instruction. close() kills it. argv: a non-empty sequence of\n"
"str, bytes or os.PathLike.");
static PyObject *m_launch(PyObject *mod, PyObject *argv_o)
{
    (void)mod;
    if (PyUnicode_Check(argv_o) || PyBytes_Check(argv_o))
        return PyErr_Format(PyExc_TypeError, "argv must be a sequence of arguments, not a single string");
    PyObject *seq = PySequence_Fast(argv_o, "argv must be a sequence of str, bytes or os.PathLike");
    if (!seq)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    if (n == 0) {
        Py_DECREF(seq);
        return PyErr_Format(PyExc_ValueError, "argv must not be empty");
    }
    PyObject **items = PySequence_Fast_ITEMS(seq);
    PyObject *held = PyList_New(n);  /* the encoded arguments, alive for the call */
    char **argv = PyMem_Calloc((size_t)n + 1, sizeof *argv);
    PyObject *result = NULL;
    if (!held || !argv) {
        PyErr_NoMemory();
        goto out;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *b = NULL;
        if (!PyUnicode_FSConverter(items[i], &b))
            goto out;
        PyList_SET_ITEM(held, i, b);
        argv[i] = PyBytes_AS_STRING(b);
        if ((size_t)PyBytes_GET_SIZE(b) != strlen(argv[i])) {
            PyErr_Format(PyExc_ValueError, "argv[%zd] contains a NUL character", i);
            goto out;
        }
    }
    ds_target *t = NULL;
    HRESULT hr;
    char text[DS_PY_TEXT];
    Py_BEGIN_ALLOW_THREADS
    hr = ds_launch(argv, 0, &t);
    snprintf(text, sizeof text, "%s", ds_error_text(NULL));
    Py_END_ALLOW_THREADS
    result = opened(hr, t, text);
out:
    PyMem_Free(argv);
    Py_XDECREF(held);
    Py_DECREF(seq);
    return result;
}

PyDoc_STRVAR(connect_doc,
"connect(spec) -> Target\n\n"
"Connect to a GDB remote-protocol server (gdbserver, lldb-server, QEMU),\n"
"spec 'HOST:PORT', '[V6ADDR]:PORT' or 'unix:PATH', optionally followed by\n"
"',timeout=MS', ',pid=N', ',window=N'. Raises Error with the library's\n"
"sentence when the server cannot be reached or does not answer. Other\n"
"threads run while it connects (the GIL is released).");
static PyObject *m_connect(PyObject *mod, PyObject *spec_o)
{
    (void)mod;
    if (!PyUnicode_Check(spec_o))
        return PyErr_Format(PyExc_TypeError, "spec must be a str, not %.100s", Py_TYPE(spec_o)->tp_name);
    Py_ssize_t len;
    const char *spec = PyUnicode_AsUTF8AndSize(spec_o, &len);
    if (!spec)
        return NULL;
    if ((size_t)len != strlen(spec))
        return PyErr_Format(PyExc_ValueError, "spec must not contain a NUL character");
    ds_target *t = NULL;
    HRESULT hr;
    char text[DS_PY_TEXT];
    PyObject *keep = Py_NewRef(spec_o);  /* spec's UTF-8 lives as long as spec_o */
    Py_BEGIN_ALLOW_THREADS
    hr = ds_connect(spec, 0, &t);
    snprintf(text, sizeof text, "%s", ds_error_text(NULL));
    Py_END_ALLOW_THREADS
    Py_DECREF(keep);
    return opened(hr, t, text);
}

static PyMethodDef module_methods[] = {
    { "open", (PyCFunction)(void (*)(void))m_open, METH_VARARGS | METH_KEYWORDS, open_doc },
    { "attach", (PyCFunction)(void (*)(void))m_attach, METH_VARARGS | METH_KEYWORDS, attach_doc },
    { "launch", (PyCFunction)m_launch, METH_O, launch_doc },
    { "connect", (PyCFunction)m_connect, METH_O, connect_doc },
    { NULL, NULL, 0, NULL },
};

static int add_constants(PyObject *m)
{
    static const struct { const char *name; uint32_t value; } k[] = {
        { "MEM_COMMIT", MEM_COMMIT }, { "MEM_RESERVE", MEM_RESERVE }, { "MEM_FREE", MEM_FREE },
        { "MEM_PRIVATE", MEM_PRIVATE }, { "MEM_MAPPED", MEM_MAPPED }, { "MEM_IMAGE", MEM_IMAGE },
        { "PAGE_NOACCESS", PAGE_NOACCESS }, { "PAGE_READONLY", PAGE_READONLY },
        { "PAGE_READWRITE", PAGE_READWRITE }, { "PAGE_WRITECOPY", PAGE_WRITECOPY },
        { "PAGE_EXECUTE", PAGE_EXECUTE }, { "PAGE_EXECUTE_READ", PAGE_EXECUTE_READ },
        { "PAGE_EXECUTE_READWRITE", PAGE_EXECUTE_READWRITE },
        { "PAGE_EXECUTE_WRITECOPY", PAGE_EXECUTE_WRITECOPY }, { "PAGE_GUARD", PAGE_GUARD },
        { "IMAGE_FILE_MACHINE_UNKNOWN", IMAGE_FILE_MACHINE_UNKNOWN },
        { "IMAGE_FILE_MACHINE_I386", IMAGE_FILE_MACHINE_I386 },
        { "IMAGE_FILE_MACHINE_ARMNT", IMAGE_FILE_MACHINE_ARMNT },
        { "IMAGE_FILE_MACHINE_AMD64", IMAGE_FILE_MACHINE_AMD64 },
        { "IMAGE_FILE_MACHINE_ARM64", IMAGE_FILE_MACHINE_ARM64 },
        { "S_OK", (uint32_t)S_OK }, { "S_FALSE", (uint32_t)S_FALSE },
        { "E_NOTIMPL", (uint32_t)E_NOTIMPL }, { "E_NOINTERFACE", (uint32_t)E_NOINTERFACE },
        { "E_FAIL", (uint32_t)E_FAIL }, { "E_UNEXPECTED", (uint32_t)E_UNEXPECTED },
        { "E_ACCESSDENIED", (uint32_t)E_ACCESSDENIED }, { "E_OUTOFMEMORY", (uint32_t)E_OUTOFMEMORY },
        { "E_INVALIDARG", (uint32_t)E_INVALIDARG },
        { "HRESULT_READ_FAULT", 0x8007001Eu }, { "HRESULT_WRITE_FAULT", 0x8007001Du },
        { "HRESULT_NO_MORE_ENTRIES", 0x9000001Au }, { "HRESULT_IN_PAGE_ERROR", 0xD0000006u },
    };
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++)
        if (PyModule_AddObject(m, k[i].name, PyLong_FromUnsignedLong(k[i].value)) < 0)
            return -1;
    return 0;
}

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "dataspaces._dataspaces",
    .m_doc = "The C half of the dataspaces package (import dataspaces instead).",
    .m_size = -1,
    .m_methods = module_methods,
};

PyMODINIT_FUNC PyInit__dataspaces(void);
PyMODINIT_FUNC PyInit__dataspaces(void)
{
    PyObject *m = PyModule_Create(&module_def);
    if (!m)
        return NULL;
    if (ds_py_errors_init(m) < 0 || ds_py_types_init(m) < 0 || add_constants(m) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
