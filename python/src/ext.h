/*
 * ext.h — what the files of the CPython extension `dataspaces._dataspaces`
 * share: the Target object, the exception classes, argument conversion and
 * the rule for calls that let go of the GIL.
 *
 * Only the library's public header is used (include/dataspaces/dataspaces.h).
 */
#ifndef DS_PYTHON_EXT_H
#define DS_PYTHON_EXT_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structseq.h>

#include <pthread.h>
#include <stdint.h>

#include <dataspaces/dataspaces.h>

/* Reads, writes and fills at least this long let go of the GIL: below it
   the library's call is shorter than the GIL's hand-over. */
#define DS_PY_LARGE ((Py_ssize_t)64 * 1024)
/* The longest sentence kept from ds_error_text (they are one line). */
#define DS_PY_TEXT 1024

/* Byte order of the target's integers, learned at open (target_type.c). */
enum { DS_ORDER_LITTLE = 0, DS_ORDER_BIG = 1 };

typedef struct {
    PyObject_HEAD
    /* NULL once closed: every call checks it with the GIL held. */
    ds_target *t;
    /* Calls on this target running with the GIL released (read and written
       with the GIL held). close() waits for them; a small call made while
       one runs lets go of the GIL too, so that it waits for the library's
       per-target serialization without holding every Python thread. */
    int inflight;
    /* Held around each GIL-released library call and the copy of its error
       sentence, so that another thread's call cannot replace the sentence
       between the two (the library keeps one per target). */
    pthread_mutex_t lock;
    int byte_order;
    /* A remote target (gdbremote): a small call that misses the cache waits
       for the server (a round trip, at worst its timeout), so every call
       lets go of the GIL. */
    int remote;
    PyObject *modules;   /* tuple of Module, read once (the list is fixed at open) */
    PyObject *weakrefs;
} TargetObject;

extern PyTypeObject DsTarget_Type;
extern PyTypeObject DsSearchIter_Type;
extern PyTypeObject DsRegionIter_Type;
extern PyTypeObject *DsRegion_Type;
extern PyTypeObject *DsModule_Type;
extern PyObject *DsError, *DsReadFault, *DsWriteFault;

/* errors.c */
int ds_py_errors_init(PyObject *module);
/* Raise Error (ReadFault, WriteFault by hr) carrying hr and text. NULL. */
PyObject *ds_py_raise(HRESULT hr, const char *text);
/* The target, or NULL with ValueError when it is closed. */
ds_target *ds_py_target(TargetObject *self);

/* args.c: each returns 0, or -1 with TypeError / OverflowError / ValueError. */
int ds_py_address(PyObject *o, uint64_t *out, const char *what);
int ds_py_size(PyObject *o, uint64_t *out, const char *what);
int ds_py_u32(PyObject *o, uint32_t *out, const char *what);
/* Keyword-capable parsing for the few methods that take options. */
int ds_py_no_kwargs(const char *fn, PyObject *kwnames);

/* The GIL-released call: count it, let go, hold the target's lock while
   the library runs and its sentence is copied. `text` gets the sentence
   when the call failed or came back short (len DS_PY_TEXT). */
#define DS_PY_UNLOCKED(self, t, hr, text, call)                               \
    do {                                                                       \
        (self)->inflight++;                                                    \
        Py_BEGIN_ALLOW_THREADS                                                 \
        pthread_mutex_lock(&(self)->lock);                                     \
        hr = (call);                                                           \
        snprintf((text), DS_PY_TEXT, "%s", ds_error_text(t));                  \
        pthread_mutex_unlock(&(self)->lock);                                   \
        Py_END_ALLOW_THREADS                                                   \
        (self)->inflight--;                                                    \
    } while (0)

/* target_type.c */
PyObject *ds_py_target_new(ds_target *t);
PyObject *ds_py_modules(TargetObject *self);  /* borrowed tuple, or NULL */
PyObject *ds_py_region(TargetObject *self, const MEMORY_BASIC_INFORMATION64 *m);
int ds_py_types_init(PyObject *module);

/* target_memory.c, target_search.c: the methods (tables joined in target_type.c) */
extern PyMethodDef ds_py_memory_methods[];
extern PyMethodDef ds_py_search_methods[];

#endif
