/*
 * address_usage.h — what a memory region is used for, in !address's words
 * (Free, Image, Stack, Heap, MappedFile, Other, <unknown>), from what the
 * public API says about it (QueryVirtual's type, the module list) and, on
 * a live Linux process, the name /proc/PID/maps gives its mapping
 * ([heap], [stack], [vdso], a file's path).
 */
#ifndef DS_COMMANDS_ADDRESS_USAGE_H
#define DS_COMMANDS_ADDRESS_USAGE_H

#include <stddef.h>
#include <stdint.h>

#include "commands_internal.h"

struct usage_map; /* /proc/PID/maps names, or nothing */

struct usage_context {
    struct ds_session *s;
    ds_target *t;
    struct cmd_module *modules; /* the core's list, with cdb's names */
    size_t module_count;
    struct usage_map *map;
};

/* Gather the module list and (live targets) the mapping names once for a
 * command; usage_end frees them. Never fails: what cannot be read is left
 * out, and regions are then named from their type alone. */
void usage_begin(struct usage_context *u, struct ds_session *s, ds_target *t);
void usage_end(struct usage_context *u);

/* The usage of a region (a static string) and, in detail (at most size
 * bytes), what !address prints after it: [module; "path"], "file",
 * [heap] ... ("" when nothing). *module is the module holding it or NULL. */
const char *usage_of(struct usage_context *u, const MEMORY_BASIC_INFORMATION64 *mbi, char *detail,
                     size_t size, const struct cmd_module **module);

/* The mapped file behind a region of a live target ("" when none). */
const char *usage_file(struct usage_context *u, uint64_t address);

#endif
