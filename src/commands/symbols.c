/*
 * symbols.c — modules by cdb's name and by address. The library keeps no
 * symbols, so a module's name stands for its base and an address inside
 * one prints as "module+0xoffset", as cdb prints it without symbols.
 *
 * cdb's names: the file's base name without a Windows image extension
 * (ntdll.dll -> ntdll), every other character that cannot be in a MASM
 * name turned into '_' (libc.so.6 -> libc_so_6); a name that two modules
 * share gets "_<base in hex>" on the second one, as cdb does.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commands_internal.h"

static const char *const image_extensions[] = { ".dll", ".exe", ".sys", ".drv", ".ocx",
                                                ".cpl", ".scr", ".efi", ".winmd", NULL };

int cmd_module_name(const char *path, char *name, size_t name_size)
{
    if (!path || !name || name_size == 0)
        return -1;
    const char *base = path;
    for (const char *p = path; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    size_t length = strlen(base);
    for (size_t i = 0; image_extensions[i]; i++) {
        size_t n = strlen(image_extensions[i]);
        if (length > n && strcasecmp(base + length - n, image_extensions[i]) == 0) {
            length -= n;
            break;
        }
    }
    if (length == 0 || length >= name_size) {
        name[0] = '\0';
        return -1;
    }
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)base[i];
        name[i] = (isalnum(c) || c == '_') ? (char)c : '_';
    }
    name[length] = '\0';
    return 0;
}

/* The module list with cdb's names, made once per ds_execute (a live
 * target loads and unloads between commands) and kept in the session. */
static int load_modules(struct ds_session *s)
{
    if (s->modules_loaded)
        return 0;
    free(s->modules);
    s->modules = NULL;
    s->module_total = 0;
    ds_target *t = s->target;
    uint32_t n = 0;
    if (!t || FAILED(ds_get_number_modules(t, &n)) || n == 0) {
        s->modules_loaded = 1;
        return 0;
    }
    if (n > CMD_MAX_MODULES)
        n = CMD_MAX_MODULES;
    struct cmd_module *list = calloc(n, sizeof *list);
    if (!list)
        return -1; /* not loaded: the next call tries again */
    uint32_t count = 0;
    for (uint32_t i = 0; i < n; i++) {
        struct cmd_module *m = &list[count];
        char path[CMD_MODULE_PATH];
        uint32_t needed = 0;
        if (FAILED(ds_get_module(t, i, &m->base, &m->size, path, sizeof path, &needed)))
            continue;
        snprintf(m->path, sizeof m->path, "%s", path);
        if (cmd_module_name(path, m->name, sizeof m->name) != 0)
            snprintf(m->name, sizeof m->name, "module_%llx", (unsigned long long)m->base);
        for (uint32_t j = 0; j < count; j++) {
            if (strcasecmp(list[j].name, m->name) == 0) {
                char unique[CMD_MODULE_NAME];
                snprintf(unique, sizeof unique, "%.*s_%llx", CMD_MODULE_NAME - 20, m->name,
                         (unsigned long long)m->base);
                memcpy(m->name, unique, sizeof unique);
                break;
            }
        }
        count++;
    }
    s->modules = list;
    s->module_total = count;
    s->modules_loaded = 1;
    return 0;
}

void cmd_forget_modules(struct ds_session *s)
{
    free(s->modules);
    s->modules = NULL;
    s->module_total = 0;
    s->modules_loaded = 0;
}

uint32_t cmd_module_count(struct ds_session *s)
{
    load_modules(s);
    return s->module_total;
}

int cmd_module_at(struct ds_session *s, uint32_t index, struct cmd_module *m)
{
    if (load_modules(s) != 0 || index >= s->module_total) {
        memset(m, 0, sizeof *m);
        return -1;
    }
    *m = s->modules[index];
    return 0;
}

HRESULT cmd_module_by_name(struct ds_session *s, const char *name, size_t name_length,
                           uint64_t *base, uint64_t *size)
{
    uint32_t n = cmd_module_count(s);
    if (name_length == 0 || name_length >= CMD_MODULE_NAME)
        return S_FALSE;
    for (uint32_t i = 0; i < n; i++) {
        const struct cmd_module *m = &s->modules[i];
        if (strlen(m->name) == name_length && strncasecmp(m->name, name, name_length) == 0) {
            *base = m->base;
            *size = m->size;
            return S_OK;
        }
    }
    return S_FALSE;
}

HRESULT cmd_symbolize(struct ds_session *s, uint64_t address, char *buffer, size_t size)
{
    if (size)
        buffer[0] = '\0';
    uint32_t n = cmd_module_count(s);
    for (uint32_t i = 0; i < n; i++) {
        const struct cmd_module *m = &s->modules[i];
        if (address >= m->base && address - m->base < m->size) {
            if (address == m->base)
                snprintf(buffer, size, "%s", m->name);
            else
                snprintf(buffer, size, "%s+0x%llx", m->name,
                         (unsigned long long)(address - m->base));
            return S_OK;
        }
    }
    return S_FALSE;
}

HRESULT ds_session_symbolize(ds_session *s, uint64_t address, char *buffer, size_t buffer_size)
{
    if (!s || !buffer || buffer_size == 0)
        return E_INVALIDARG;
    return cmd_symbolize(s, address, buffer, buffer_size);
}

void ds_session_format_address(ds_session *s, uint64_t address, char *buffer, size_t buffer_size)
{
    if (s && buffer && buffer_size)
        cmd_format_pointer(s, address, buffer, buffer_size);
}
