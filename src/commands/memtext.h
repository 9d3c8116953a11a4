/*
 * memtext.h — what the memory-changing and memory-searching families
 * (cmd_search.c, cmd_edit.c, cmd_memfile.c, cmd_address.c) share: cdb's
 * address text, its value and string arguments, words in target memory.
 */
#ifndef DS_COMMANDS_MEMTEXT_H
#define DS_COMMANDS_MEMTEXT_H

#include <stddef.h>
#include <stdint.h>

#include "commands_internal.h"

/* An address as cdb prints it (the core's cmd_format_pointer):
 * "00000000`0040f000" on a 64-bit target, "0040f000" on a 32-bit one. */
#define MEM_ADDR_TEXT 20
const char *mem_address_text(struct ds_session *s, uint64_t address, char buf[MEM_ADDR_TEXT]);

/* A 64-bit number as cdb prints sizes in 64-bit tables: "1`0000f000",
 * "0`00001000" (the high half bare, the low half in 8 digits). */
const char *mem_size_text(uint64_t size, char buf[MEM_ADDR_TEXT]);

/* One value at *cursor: a MASM expression, or a character constant in
 * single quotes ('H', 'VUTS': the first character the most significant,
 * as cdb reads them). On success *cursor is past it and its blanks.
 * `unit` (1, 2, 4 or 8 bytes) bounds the value: a larger one is cdb's
 * Overflow error; a negative one is taken in two's complement. */
HRESULT mem_parse_value(struct ds_session *s, const char **cursor, uint32_t unit,
                        uint64_t *value);

/* A string in double quotes at *cursor (no escapes, as cdb's e* and s -a
 * take it): *text points at its first character inside the quotes and
 * *length is its byte count; *cursor moves past the closing quote and
 * the blanks after it. A missing quote is a syntax error. */
HRESULT mem_parse_string(struct ds_session *s, const char **cursor, const char **text,
                         size_t *length);

/* A UTF-8 string as UTF-16 code units stored in the given byte order
 * (what eu, ezu and s -u write or look for): out holds at least
 * 2 * length bytes (two for a byte that stands for itself, four for a
 * four-byte sequence); returns how many bytes it wrote. A byte that is not
 * valid UTF-8 stands for itself (Latin-1). */
size_t mem_utf16_store(const char *text, size_t length, int big_endian, uint8_t *out);

/* An address as the memory walks compare them: on a 4-byte target its low
 * 32 bits (the engine hands addresses above 2 GiB out sign-extended,
 * ffffffff`f7700000, while a typed f7700000 is the same byte). */
uint64_t mem_flat(ds_target *t, uint64_t address);
/* The highest address of the target's space in that form. */
uint64_t mem_top(ds_target *t);

/* Whether the target stores words big-endian (s390x, PowerPC cores).
 * The public API says so only through ReadPointersVirtual, which answers
 * in the target's order: the first pointer-sized word that reads
 * differently either way, at the start of a committed region, tells; the
 * answer is kept for the session (display.byte_order, which the display
 * family learns and uses too). Little-endian when nothing tells. */
int mem_big_endian(struct ds_session *s, ds_target *t);

/* A value stored in `unit` bytes in the given byte order, and back. */
void mem_store(uint8_t *out, uint64_t value, uint32_t unit, int big_endian);
uint64_t mem_load(const uint8_t *in, uint32_t unit, int big_endian);

#endif
