/*
 * face.h — the client object of the dbgeng face (src/dbgeng/), shared by its
 * files. Nothing here is public.
 *
 * One object per DebugCreate: it holds one vtable pointer per interface
 * family, and QueryInterface hands out the address of the matching member
 * (IDebugDataSpaces..4 all get &data: IDebugDataSpaces4's vtable begins with
 * the slots of every earlier version). &client is the object's identity:
 * QueryInterface(IID_IUnknown) answers it from whichever interface.
 */
#ifndef DS_DBGENG_FACE_H
#define DS_DBGENG_FACE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "dataspaces/commands.h"
#include "dataspaces/dbgeng.h"
#include "target.h"

/* Where the session is. dbgeng makes a target usable only after the
   first WaitForEvent that follows OpenDumpFile / AttachProcess /
   CreateProcess; EndSession ends it, after which a new one may start. */
enum face_state {
    FACE_NO_TARGET,  /* nothing opened yet, or the last session ended */
    FACE_PENDING,    /* opened; WaitForEvent not yet called */
    FACE_ACTIVE,     /* WaitForEvent returned: the target answers */
};

struct face {
    IDebugClient5 client;  /* first: the identity pointer */
    IDebugControl4 control;
    IDebugDataSpaces4 data;
    IDebugSymbols3 symbols;
    IDebugSystemObjects2 system;
    IDebugAdvanced advanced;
    _Atomic ULONG refs;
    enum face_state state;
    ds_target *target;             /* NULL in FACE_NO_TARGET */
    bool launched;                 /* the engine started the process (CreateProcess) */
    ULONG current_thread;          /* engine id (index) of the current thread */
    PDEBUG_OUTPUT_CALLBACKS output;      /* one reference held while set */
    PDEBUG_OUTPUT_CALLBACKS_WIDE output_wide;
    ULONG output_mask;             /* DEBUG_OUTPUT_* the callbacks get */
    ds_session *session;           /* Execute's command session, made on first use */
    ds_target *session_target;     /* the target it was made over (NULL: none) */
};

/* The object behind an interface pointer of each family. */
#define FACE_OF(ptr, member) ((struct face *)(void *)((char *)(ptr) - offsetof(struct face, member)))
static inline struct face *face_of_client(IDebugClient5 *p) { return FACE_OF(p, client); }
static inline struct face *face_of_control(IDebugControl4 *p) { return FACE_OF(p, control); }
static inline struct face *face_of_dataspaces(IDebugDataSpaces4 *p) { return FACE_OF(p, data); }
static inline struct face *face_of_symbols(IDebugSymbols3 *p) { return FACE_OF(p, symbols); }
static inline struct face *face_of_systemobjects(IDebugSystemObjects2 *p) { return FACE_OF(p, system); }
static inline struct face *face_of_advanced(IDebugAdvanced *p) { return FACE_OF(p, advanced); }

/* The vtables (vtables.c, generated). */
extern const IDebugClient5Vtbl face_client_vtbl;
extern const IDebugControl4Vtbl face_control_vtbl;
extern const IDebugDataSpaces4Vtbl face_dataspaces_vtbl;
extern const IDebugSymbols3Vtbl face_symbols_vtbl;
extern const IDebugSystemObjects2Vtbl face_systemobjects_vtbl;
extern const IDebugAdvancedVtbl face_advanced_vtbl;

/* IUnknown, the same for every interface (object.c). */
HRESULT face_query_interface(struct face *f, REFIID iid, PVOID *out);
ULONG face_addref(struct face *f);
ULONG face_release(struct face *f);

/* A slot the face does not implement: E_NOTIMPL, and a sentence naming
   the method for ds_error_text(NULL). */
HRESULT face_not_implemented(const char *method);

/* The face's errors go where ds_error_text(NULL) reads them (the calling
   thread's last failure): a sentence of the face's own ... */
HRESULT face_fail(HRESULT hr, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* ... or, after a failed native call on the target, the target's sentence. */
HRESULT face_pass(struct face *f, HRESULT hr);

/* The target, when the session lets the data-space methods reach it:
   S_OK, or dbgeng's E_UNEXPECTED with a sentence naming the method (no
   target yet, WaitForEvent not called yet, session ended). */
HRESULT face_target(struct face *f, const char *method, ds_target **out);

/* Send text to the output callbacks whose mask has `mask` (output.c). */
void face_output(struct face *f, ULONG mask, const char *text, size_t length);
/* Release the callbacks (the object's last Release). */
void face_output_release(struct face *f);
/* UTF-16 to a malloc'd UTF-8 string (lone surrogates: U+FFFD); NULL when
   out of memory (client.c). */
char *face_utf8_of(PCWSTR w);
/* The n bytes of UTF-8 at s as UTF-16 in w (room for n + 1 units: never
   more units than bytes), NUL-terminated; invalid bytes become U+FFFD.
   The units written, without the NUL (output.c). */
size_t face_utf16_of(const char *s, size_t n, WCHAR *w);
/* A UTF-8 string given as dbgeng gives strings, in UTF-16: *size (if not
   NULL) gets the units the whole string needs with its NUL; S_FALSE when
   the buffer cuts it (symbols.c). */
HRESULT face_give_wide(const char *s, PWSTR buffer, ULONG buffer_size, PULONG size);
/* End the session as EndSession(DEBUG_END_PASSIVE) does (the object's
   last Release too): a process the engine started is killed (client.c). */
HRESULT face_end_passive(struct face *f);
/* End the session: close the target and the command session. */
void face_end_session(struct face *f);

#endif
