/*
 * address_usage.c — a region's usage for !address (address_usage.h).
 *
 * Windows' debugger knows heaps and stacks from the PEB and the TEBs; a
 * Linux process says the same things in /proc/PID/maps: [heap] is the brk
 * heap, [stack] the main thread's stack, [vdso]/[vvar]/[vsyscall] the
 * kernel's pages (Other), a path a mapped file. Cores and minidumps give
 * only QueryVirtual's type and the module list: MEM_IMAGE is Image,
 * MEM_MAPPED MappedFile, private memory <unknown> (as WinDbg calls the
 * busy memory it cannot attribute).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "address_usage.h"

#define USAGE_MAX_MAPPINGS 1000000

struct usage_mapping {
    uint64_t start, end;
    char *name; /* "" for anonymous memory */
};

struct usage_map {
    struct usage_mapping *entries;
    size_t count;
};

static void load_modules(struct usage_context *u)
{
    uint32_t n = cmd_module_count(u->s);
    if (n == 0)
        return;
    if (n > CMD_MAX_MODULES)
        n = CMD_MAX_MODULES;
    u->modules = calloc(n, sizeof *u->modules);
    if (!u->modules)
        return;
    for (uint32_t i = 0; i < n; i++)
        if (cmd_module_at(u->s, i, &u->modules[u->module_count]) == 0)
            u->module_count++;
}

/* /proc/PID/maps of a live target: each mapping's range and name. */
static void load_map(struct usage_context *u)
{
    const char *kind = ds_target_kind(u->t);
    uint32_t pid = ds_process_id(u->t);
    if (!kind || strcmp(kind, "live") != 0 || pid == 0)
        return;
    char path[64];
    snprintf(path, sizeof path, "/proc/%" PRIu32 "/maps", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    struct usage_map *map = calloc(1, sizeof *map);
    size_t capacity = 0;
    char line[4096 + 256];
    while (map && map->count < USAGE_MAX_MAPPINGS && fgets(line, sizeof line, f)) {
        uint64_t start, end;
        int name_at = 0;
        if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %*s %*s %*s %*s %n", &start, &end, &name_at) != 2 ||
            name_at == 0)
            continue;
        char *name = line + name_at;
        name[strcspn(name, "\n")] = '\0';
        if (map->count == capacity) {
            size_t grown = capacity ? 2 * capacity : 64;
            struct usage_mapping *e = realloc(map->entries, grown * sizeof *e);
            if (!e)
                break;
            map->entries = e;
            capacity = grown;
        }
        char *copy = strdup(name);
        if (!copy)
            break;
        map->entries[map->count++] = (struct usage_mapping){start, end, copy};
    }
    fclose(f);
    u->map = map;
}

void usage_begin(struct usage_context *u, struct ds_session *s, ds_target *t)
{
    memset(u, 0, sizeof *u);
    u->s = s;
    u->t = t;
    load_modules(u);
    load_map(u);
}

void usage_end(struct usage_context *u)
{
    if (u->map) {
        for (size_t i = 0; i < u->map->count; i++)
            free(u->map->entries[i].name);
        free(u->map->entries);
        free(u->map);
    }
    free(u->modules);
    memset(u, 0, sizeof *u);
}

static const struct usage_mapping *mapping_at(struct usage_context *u, uint64_t address)
{
    if (!u->map)
        return NULL;
    size_t lo = 0, hi = u->map->count; /* the kernel lists mappings in address order */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct usage_mapping *m = &u->map->entries[mid];
        if (address < m->start)
            hi = mid;
        else if (address >= m->end)
            lo = mid + 1;
        else
            return m;
    }
    return NULL;
}

const char *usage_file(struct usage_context *u, uint64_t address)
{
    const struct usage_mapping *m = mapping_at(u, address);
    return m && m->name[0] == '/' ? m->name : "";
}

/* 32-bit targets' addresses compare in 32 bits: the engine sign-extends
 * those above 2 GiB (0xfffffffff7700000), a module list may not. */
static uint64_t comparable(struct usage_context *u, uint64_t address)
{
    return ds_pointer_size(u->t) == 4 ? (uint32_t)address : address;
}

static const struct cmd_module *module_at(struct usage_context *u, uint64_t address)
{
    address = comparable(u, address);
    for (size_t i = 0; i < u->module_count; i++) {
        const struct cmd_module *m = &u->modules[i];
        uint64_t base = comparable(u, m->base);
        if (address >= base && address - base < m->size)
            return m;
    }
    return NULL;
}

const char *usage_of(struct usage_context *u, const MEMORY_BASIC_INFORMATION64 *mbi, char *detail,
                     size_t size, const struct cmd_module **module)
{
    detail[0] = '\0';
    *module = NULL;
    if (mbi->State == MEM_FREE)
        return "Free";
    const struct cmd_module *m = module_at(u, mbi->BaseAddress);
    const struct usage_mapping *map = mapping_at(u, mbi->BaseAddress);
    if (mbi->Type == MEM_IMAGE || m) {
        if (m) {
            snprintf(detail, size, "[%s; \"%s\"]", m->name, m->path);
            *module = m;
        } else if (map && map->name[0]) { /* an image the loader did not list: [vdso] */
            snprintf(detail, size, map->name[0] == '[' ? "%s" : "\"%s\"", map->name);
        }
        return "Image";
    }
    if (map && map->name[0] == '[') {
        snprintf(detail, size, "%s", map->name);
        if (strcmp(map->name, "[heap]") == 0)
            return "Heap";
        if (strncmp(map->name, "[stack", 6) == 0)
            return "Stack";
        return "Other";
    }
    if (map && map->name[0] == '/') {
        snprintf(detail, size, "\"%s\"", map->name);
        return "MappedFile";
    }
    if (mbi->Type == MEM_MAPPED)
        return "MappedFile";
    return "<unknown>";
}
