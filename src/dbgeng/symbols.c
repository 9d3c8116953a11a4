/*
 * symbols.c — IDebugSymbols..3, the module half: the library reads no
 * symbol files, so the module list (ds_get_number_modules, ds_get_module)
 * is what these methods answer; name and line look-ups are E_NOTIMPL.
 *
 * Names, by DEBUG_MODNAME_*: the image name, the loaded image name and
 * the mapped image name are the path the target records for the module;
 * the module name is cdb's (the base name without a Windows image
 * extension, other characters that cannot be in a name turned into '_':
 * libc.so.6 -> libc_so_6), the one `lm` and "module+0x10" use; there is no
 * symbol file name ("").
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commands/commands_internal.h"
#include "face.h"
#include "methods.h"

#define WITH_TARGET(method)                                                          \
    struct face *f = face_of_symbols(This);                                          \
    ds_target *t;                                                                    \
    HRESULT hr = face_target(f, (method), &t);                                       \
    if (FAILED(hr))                                                                  \
        return hr

struct module {
    uint64_t base, size;
    char path[4096];
    char name[256];
};

static HRESULT module_at(struct face *f, ds_target *t, uint32_t index, struct module *m)
{
    uint32_t need = 0;
    HRESULT hr = ds_get_module(t, index, &m->base, &m->size, m->path, sizeof m->path, &need);
    if (FAILED(hr))
        return face_pass(f, hr);
    if (cmd_module_name(m->path, m->name, sizeof m->name) != 0)
        m->name[0] = '\0';
    return S_OK;
}

/* The index of the module whose base is `base`: E_INVALIDARG if none. */
static HRESULT index_of_base(struct face *f, ds_target *t, uint64_t base, uint32_t *index,
                             const char *method)
{
    uint32_t n = 0;
    HRESULT hr = ds_get_number_modules(t, &n);
    if (FAILED(hr))
        return face_pass(f, hr);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t b = 0;
        if (SUCCEEDED(ds_get_module(t, i, &b, NULL, NULL, 0, NULL)) && b == base) {
            *index = i;
            return S_OK;
        }
    }
    return face_fail(E_INVALIDARG, "%s: no module has base 0x%llx", method,
                     (unsigned long long)base);
}

/* Copy s into the caller's buffer as dbgeng does: *size gets the bytes
   the whole string needs with its NUL; S_FALSE when the buffer cuts it. */
static HRESULT give_string(const char *s, PSTR buffer, ULONG buffer_size, PULONG size)
{
    size_t len = strlen(s);
    if (size)
        *size = (ULONG)len + 1;
    if (!buffer || !buffer_size)
        return buffer ? S_FALSE : S_OK;
    size_t k = len < buffer_size ? len : buffer_size - 1;
    memcpy(buffer, s, k);
    buffer[k] = '\0';
    return k < len ? S_FALSE : S_OK;
}

HRESULT STDMETHODCALLTYPE Symbols_GetNumberModules(IDebugSymbols3 *This, PULONG Loaded,
                                                   PULONG Unloaded)
{
    WITH_TARGET("GetNumberModules");
    if (!Loaded || !Unloaded)
        return face_fail(E_INVALIDARG, "GetNumberModules: Loaded or Unloaded is NULL");
    *Unloaded = 0; /* the targets record no unloaded modules */
    return face_pass(f, ds_get_number_modules(t, Loaded));
}

HRESULT STDMETHODCALLTYPE Symbols_GetModuleByIndex(IDebugSymbols3 *This, ULONG Index, PULONG64 Base)
{
    WITH_TARGET("GetModuleByIndex");
    if (!Base)
        return face_fail(E_INVALIDARG, "GetModuleByIndex: Base is NULL");
    return face_pass(f, ds_get_module(t, Index, Base, NULL, NULL, 0, NULL));
}

HRESULT STDMETHODCALLTYPE Symbols_GetModuleByOffset(IDebugSymbols3 *This, ULONG64 Offset,
                                                    ULONG StartIndex, PULONG Index, PULONG64 Base)
{
    WITH_TARGET("GetModuleByOffset");
    uint32_t n = 0;
    hr = ds_get_number_modules(t, &n);
    if (FAILED(hr))
        return face_pass(f, hr);
    for (uint32_t i = StartIndex; i < n; i++) {
        uint64_t b = 0, size = 0;
        if (SUCCEEDED(ds_get_module(t, i, &b, &size, NULL, 0, NULL)) && Offset >= b &&
            Offset - b < size) {
            if (Index)
                *Index = i;
            if (Base)
                *Base = b;
            return S_OK;
        }
    }
    return face_fail(E_INVALIDARG, "GetModuleByOffset: no module from index %u holds 0x%llx",
                     (unsigned)StartIndex, (unsigned long long)Offset);
}

HRESULT STDMETHODCALLTYPE Symbols_GetModuleByModuleName(IDebugSymbols3 *This, PCSTR Name,
                                                        ULONG StartIndex, PULONG Index,
                                                        PULONG64 Base)
{
    WITH_TARGET("GetModuleByModuleName");
    if (!Name)
        return face_fail(E_INVALIDARG, "GetModuleByModuleName: Name is NULL");
    uint32_t n = 0;
    hr = ds_get_number_modules(t, &n);
    if (FAILED(hr))
        return face_pass(f, hr);
    struct module *m = malloc(sizeof *m);
    if (!m)
        return face_fail(E_OUTOFMEMORY, "GetModuleByModuleName: out of memory");
    hr = E_INVALIDARG;
    for (uint32_t i = StartIndex; i < n; i++) {
        if (FAILED(module_at(f, t, i, m)))
            continue;
        const char *file = strrchr(m->path, '/');
        file = file ? file + 1 : m->path;
        /* cdb's module name, case-insensitively as on Windows, or the file's name. */
        if (strcasecmp(m->name, Name) == 0 || strcmp(file, Name) == 0) {
            if (Index)
                *Index = i;
            if (Base)
                *Base = m->base;
            hr = S_OK;
            break;
        }
    }
    free(m);
    if (FAILED(hr))
        return face_fail(hr, "GetModuleByModuleName: no module named \"%s\" from index %u", Name,
                         (unsigned)StartIndex);
    return hr;
}

/* The module Index names, or (Index DEBUG_ANY_ID) the one at Base. */
static HRESULT find(struct face *f, ds_target *t, ULONG Index, ULONG64 Base, struct module *m,
                    const char *method)
{
    uint32_t i = Index;
    if (Index == DEBUG_ANY_ID) {
        HRESULT hr = index_of_base(f, t, Base, &i, method);
        if (FAILED(hr))
            return hr;
    }
    return module_at(f, t, i, m);
}

static HRESULT name_of(const struct module *m, ULONG which, const char **out)
{
    switch (which) {
    case DEBUG_MODNAME_IMAGE:
    case DEBUG_MODNAME_LOADED_IMAGE:
    case DEBUG_MODNAME_MAPPED_IMAGE: *out = m->path; return S_OK;
    case DEBUG_MODNAME_MODULE: *out = m->name; return S_OK;
    case DEBUG_MODNAME_SYMBOL_FILE: *out = ""; return S_OK;
    }
    return face_fail(E_INVALIDARG, "GetModuleNameString: unknown Which %u", (unsigned)which);
}

HRESULT STDMETHODCALLTYPE Symbols_GetModuleNames(
    IDebugSymbols3 *This, ULONG Index, ULONG64 Base, PSTR ImageNameBuffer,
    ULONG ImageNameBufferSize, PULONG ImageNameSize, PSTR ModuleNameBuffer,
    ULONG ModuleNameBufferSize, PULONG ModuleNameSize, PSTR LoadedImageNameBuffer,
    ULONG LoadedImageNameBufferSize, PULONG LoadedImageNameSize)
{
    WITH_TARGET("GetModuleNames");
    struct module *m = malloc(sizeof *m);
    if (!m)
        return face_fail(E_OUTOFMEMORY, "GetModuleNames: out of memory");
    hr = find(f, t, Index, Base, m, "GetModuleNames");
    if (SUCCEEDED(hr)) {
        HRESULT a = give_string(m->path, ImageNameBuffer, ImageNameBufferSize, ImageNameSize);
        HRESULT b = give_string(m->name, ModuleNameBuffer, ModuleNameBufferSize, ModuleNameSize);
        HRESULT c = give_string(m->path, LoadedImageNameBuffer, LoadedImageNameBufferSize,
                                LoadedImageNameSize);
        hr = (a == S_FALSE || b == S_FALSE || c == S_FALSE) ? S_FALSE : S_OK;
    }
    free(m);
    return hr;
}

HRESULT STDMETHODCALLTYPE Symbols_GetModuleNameString(IDebugSymbols3 *This, ULONG Which,
                                                      ULONG Index, ULONG64 Base, PSTR Buffer,
                                                      ULONG BufferSize, PULONG NameSize)
{
    WITH_TARGET("GetModuleNameString");
    struct module *m = malloc(sizeof *m);
    if (!m)
        return face_fail(E_OUTOFMEMORY, "GetModuleNameString: out of memory");
    const char *name = NULL;
    hr = find(f, t, Index, Base, m, "GetModuleNameString");
    if (SUCCEEDED(hr))
        hr = name_of(m, Which, &name);
    if (SUCCEEDED(hr))
        hr = give_string(name, Buffer, BufferSize, NameSize);
    free(m);
    return hr;
}

HRESULT STDMETHODCALLTYPE Symbols_GetModuleParameters(IDebugSymbols3 *This, ULONG Count,
                                                      PULONG64 Bases, ULONG Start,
                                                      PDEBUG_MODULE_PARAMETERS Params)
{
    WITH_TARGET("GetModuleParameters");
    if (!Params && Count)
        return face_fail(E_INVALIDARG, "GetModuleParameters: Params is NULL");
    struct module *m = malloc(sizeof *m);
    if (!m)
        return face_fail(E_OUTOFMEMORY, "GetModuleParameters: out of memory");
    hr = S_OK;
    for (ULONG k = 0; k < Count; k++) {
        DEBUG_MODULE_PARAMETERS *p = &Params[k];
        memset(p, 0, sizeof *p);
        HRESULT one = Bases ? find(f, t, DEBUG_ANY_ID, Bases[k], m, "GetModuleParameters")
                            : module_at(f, t, Start + k, m);
        if (FAILED(one)) {
            /* dbgeng's mark for a module it does not know; the call goes on. */
            p->Base = DEBUG_INVALID_OFFSET;
            hr = one;
            continue;
        }
        p->Base = m->base;
        p->Size = m->size > UINT32_MAX ? UINT32_MAX : (ULONG)m->size;
        p->Flags = DEBUG_MODULE_LOADED;
        p->SymbolType = DEBUG_SYMTYPE_NONE;
        p->ImageNameSize = p->LoadedImageNameSize = p->MappedImageNameSize =
            (ULONG)strlen(m->path) + 1;
        p->ModuleNameSize = (ULONG)strlen(m->name) + 1;
        p->SymbolFileNameSize = 0;
    }
    free(m);
    return hr;
}

/* The ...2 forms take DEBUG_GETMOD_* flags: every module here is loaded,
   so DEBUG_GETMOD_NO_LOADED_MODULES finds none. */
HRESULT STDMETHODCALLTYPE Symbols_GetModuleByModuleName2(IDebugSymbols3 *This, PCSTR Name,
                                                         ULONG StartIndex, ULONG Flags,
                                                         PULONG Index, PULONG64 Base)
{
    if (Flags & DEBUG_GETMOD_NO_LOADED_MODULES)
        return face_fail(E_INVALIDARG, "GetModuleByModuleName2: no unloaded modules are recorded");
    return Symbols_GetModuleByModuleName(This, Name, StartIndex, Index, Base);
}

HRESULT STDMETHODCALLTYPE Symbols_GetModuleByOffset2(IDebugSymbols3 *This, ULONG64 Offset,
                                                     ULONG StartIndex, ULONG Flags, PULONG Index,
                                                     PULONG64 Base)
{
    if (Flags & DEBUG_GETMOD_NO_LOADED_MODULES)
        return face_fail(E_INVALIDARG, "GetModuleByOffset2: no unloaded modules are recorded");
    return Symbols_GetModuleByOffset(This, Offset, StartIndex, Index, Base);
}

HRESULT face_give_wide(const char *s, PWSTR buffer, ULONG buffer_size, PULONG size)
{
    size_t n = strlen(s);
    WCHAR *w = malloc((n + 1) * sizeof *w);
    if (!w)
        return face_fail(E_OUTOFMEMORY, "out of memory converting \"%s\" to UTF-16", s);
    size_t units = face_utf16_of(s, n, w);
    if (size)
        *size = (ULONG)units + 1;
    HRESULT hr = S_OK;
    if (buffer && buffer_size) {
        size_t k = units < buffer_size ? units : buffer_size - 1;
        memcpy(buffer, w, k * sizeof *w);
        buffer[k] = 0;
        hr = k < units ? S_FALSE : S_OK;
    } else if (buffer) {
        hr = S_FALSE;
    }
    free(w);
    return hr;
}

HRESULT STDMETHODCALLTYPE Symbols_GetModuleNameStringWide(IDebugSymbols3 *This, ULONG Which,
                                                          ULONG Index, ULONG64 Base, PWSTR Buffer,
                                                          ULONG BufferSize, PULONG NameSize)
{
    WITH_TARGET("GetModuleNameStringWide");
    struct module *m = malloc(sizeof *m);
    if (!m)
        return face_fail(E_OUTOFMEMORY, "GetModuleNameStringWide: out of memory");
    const char *name = NULL;
    hr = find(f, t, Index, Base, m, "GetModuleNameStringWide");
    if (SUCCEEDED(hr))
        hr = name_of(m, Which, &name);
    if (SUCCEEDED(hr))
        hr = face_give_wide(name, Buffer, BufferSize, NameSize);
    free(m);
    return hr;
}

HRESULT STDMETHODCALLTYPE Symbols_GetModuleByModuleNameWide(IDebugSymbols3 *This, PCWSTR Name,
                                                            ULONG StartIndex, PULONG Index,
                                                            PULONG64 Base)
{
    if (!Name)
        return face_fail(E_INVALIDARG, "GetModuleByModuleNameWide: Name is NULL");
    char *name = face_utf8_of(Name);
    if (!name)
        return face_fail(E_OUTOFMEMORY, "GetModuleByModuleNameWide: out of memory");
    HRESULT hr = Symbols_GetModuleByModuleName(This, name, StartIndex, Index, Base);
    free(name);
    return hr;
}

HRESULT STDMETHODCALLTYPE Symbols_GetModuleByModuleName2Wide(IDebugSymbols3 *This, PCWSTR Name,
                                                             ULONG StartIndex, ULONG Flags,
                                                             PULONG Index, PULONG64 Base)
{
    if (Flags & DEBUG_GETMOD_NO_LOADED_MODULES)
        return face_fail(E_INVALIDARG, "GetModuleByModuleName2Wide: no unloaded modules are "
                                       "recorded");
    return Symbols_GetModuleByModuleNameWide(This, Name, StartIndex, Index, Base);
}
