/*
 * output.c — the client's output callbacks: where IDebugControl::Output,
 * the engine's own error lines and Execute's command output go.
 *
 * As in dbgeng, a client holds one IDebugOutputCallbacks and one
 * IDebugOutputCallbacksWide (setting one replaces the other), keeps a
 * reference to it while it is set, and sends it only the DEBUG_OUTPUT_*
 * kinds its output mask selects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "face.h"
#include "methods.h"

void face_output_release(struct face *f)
{
    if (f->output)
        f->output->lpVtbl->Release(f->output);
    if (f->output_wide)
        f->output_wide->lpVtbl->Release(f->output_wide);
    f->output = NULL;
    f->output_wide = NULL;
}

size_t face_utf16_of(const char *s, size_t n, WCHAR *w)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp = 0xFFFD;
        size_t len = 1;
        if (c < 0x80)
            cp = c;
        else if ((c & 0xE0) == 0xC0 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80)
            cp = (uint32_t)(c & 0x1F) << 6 | (s[i + 1] & 0x3F), len = 2;
        else if ((c & 0xF0) == 0xE0 && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
                 (s[i + 2] & 0xC0) == 0x80)
            cp = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F),
            len = 3;
        else if ((c & 0xF8) == 0xF0 && i + 3 < n && (s[i + 1] & 0xC0) == 0x80 &&
                 (s[i + 2] & 0xC0) == 0x80 && (s[i + 3] & 0xC0) == 0x80)
            cp = (uint32_t)(c & 0x07) << 18 | (uint32_t)(s[i + 1] & 0x3F) << 12 |
                     (uint32_t)(s[i + 2] & 0x3F) << 6 | (s[i + 3] & 0x3F),
            len = 4;
        i += len;
        if (cp >= 0x10000) {
            w[k++] = (WCHAR)(0xD800 + ((cp - 0x10000) >> 10));
            w[k++] = (WCHAR)(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            w[k++] = (WCHAR)cp;
        }
    }
    w[k] = 0;
    return k;
}

void face_output(struct face *f, ULONG mask, const char *text, size_t length)
{
    if (!(f->output_mask & mask) || (!f->output && !f->output_wide))
        return;
    /* The callbacks take NUL-terminated text. */
    if (f->output) {
        char *copy = malloc(length + 1);
        if (!copy)
            return;
        memcpy(copy, text, length);
        copy[length] = '\0';
        f->output->lpVtbl->Output(f->output, mask, copy);
        free(copy);
    } else {
        WCHAR *w = malloc((length + 1) * sizeof *w); /* never more units than bytes */
        if (!w)
            return;
        face_utf16_of(text, length, w);
        f->output_wide->lpVtbl->Output(f->output_wide, mask, w);
        free(w);
    }
}

HRESULT STDMETHODCALLTYPE Client_GetOutputCallbacks(IDebugClient5 *This, PDEBUG_OUTPUT_CALLBACKS *Callbacks)
{
    struct face *f = face_of_client(This);
    if (!Callbacks)
        return face_fail(E_INVALIDARG, "GetOutputCallbacks: Callbacks is NULL");
    /* dbgeng hands out its pointer without a reference. */
    *Callbacks = f->output;
    return S_OK;
}

HRESULT STDMETHODCALLTYPE Client_SetOutputCallbacks(IDebugClient5 *This, PDEBUG_OUTPUT_CALLBACKS Callbacks)
{
    struct face *f = face_of_client(This);
    if (Callbacks)
        Callbacks->lpVtbl->AddRef(Callbacks);
    face_output_release(f);
    f->output = Callbacks;
    return S_OK;
}

HRESULT STDMETHODCALLTYPE Client_GetOutputCallbacksWide(IDebugClient5 *This,
                                                        PDEBUG_OUTPUT_CALLBACKS_WIDE *Callbacks)
{
    struct face *f = face_of_client(This);
    if (!Callbacks)
        return face_fail(E_INVALIDARG, "GetOutputCallbacksWide: Callbacks is NULL");
    *Callbacks = f->output_wide;
    return S_OK;
}

HRESULT STDMETHODCALLTYPE Client_SetOutputCallbacksWide(IDebugClient5 *This,
                                                        PDEBUG_OUTPUT_CALLBACKS_WIDE Callbacks)
{
    struct face *f = face_of_client(This);
    if (Callbacks)
        Callbacks->lpVtbl->AddRef(Callbacks);
    face_output_release(f);
    f->output_wide = Callbacks;
    return S_OK;
}

HRESULT STDMETHODCALLTYPE Client_GetOutputMask(IDebugClient5 *This, PULONG Mask)
{
    if (!Mask)
        return face_fail(E_INVALIDARG, "GetOutputMask: Mask is NULL");
    *Mask = face_of_client(This)->output_mask;
    return S_OK;
}

HRESULT STDMETHODCALLTYPE Client_SetOutputMask(IDebugClient5 *This, ULONG Mask)
{
    face_of_client(This)->output_mask = Mask;
    return S_OK;
}

/* ---- IDebugControl::Output ------------------------------------------------ */

HRESULT STDMETHODCALLTYPE Control_OutputVaList(IDebugControl4 *This, ULONG Mask, PCSTR Format,
                                               va_list Args)
{
    struct face *f = face_of_control(This);
    if (!Format)
        return face_fail(E_INVALIDARG, "Output: Format is NULL");
    /* Format is the caller's, as OutputVaList's contract has it: the
       compiler cannot see a literal, so its check is off here only. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    char small[512];
    va_list again;
    va_copy(again, Args);
    int n = vsnprintf(small, sizeof small, Format, Args);
    if (n < 0) {
        va_end(again);
        return face_fail(E_INVALIDARG, "Output: Format \"%s\" cannot be formatted", Format);
    }
    if ((size_t)n < sizeof small) {
        face_output(f, Mask, small, (size_t)n);
    } else {
        char *big = malloc((size_t)n + 1);
        if (!big) {
            va_end(again);
            return face_fail(E_OUTOFMEMORY, "Output: out of memory for %d bytes of text", n);
        }
        vsnprintf(big, (size_t)n + 1, Format, again);
        face_output(f, Mask, big, (size_t)n);
        free(big);
    }
    va_end(again);
#pragma GCC diagnostic pop
    return S_OK;
}

HRESULT STDMETHODVCALLTYPE Control_Output(IDebugControl4 *This, ULONG Mask, PCSTR Format, ...)
{
    va_list ap;
    va_start(ap, Format);
    HRESULT hr = Control_OutputVaList(This, Mask, Format, ap);
    va_end(ap);
    return hr;
}

/* One client, so every DEBUG_OUTCTL_* but IGNORE and LOG_ONLY (there is no
   log) means this client's callbacks. */
HRESULT STDMETHODCALLTYPE Control_ControlledOutputVaList(IDebugControl4 *This, ULONG OutputControl,
                                                         ULONG Mask, PCSTR Format, va_list Args)
{
    ULONG send = OutputControl & DEBUG_OUTCTL_SEND_MASK;
    if (OutputControl != DEBUG_OUTCTL_AMBIENT &&
        (send == DEBUG_OUTCTL_IGNORE || send == DEBUG_OUTCTL_LOG_ONLY))
        return Format ? S_OK : face_fail(E_INVALIDARG, "ControlledOutput: Format is NULL");
    return Control_OutputVaList(This, Mask, Format, Args);
}

HRESULT STDMETHODVCALLTYPE Control_ControlledOutput(IDebugControl4 *This, ULONG OutputControl,
                                                    ULONG Mask, PCSTR Format, ...)
{
    va_list ap;
    va_start(ap, Format);
    HRESULT hr = Control_ControlledOutputVaList(This, OutputControl, Mask, Format, ap);
    va_end(ap);
    return hr;
}
