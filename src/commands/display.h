/*
 * display.h — what the memory display commands (cmd_display.c) share with
 * their helpers: a buffered writer of output text, a reader that fetches a
 * stretch of target memory in large reads and says which bytes could not be
 * read, and the formatters that turn both into WinDbg's lines.
 *
 *   display_output.c   the text buffer, addresses and numbers as cdb prints them
 *   display_reader.c   memory in chunks, holes marked byte by byte
 *   display_hex.c      db dw dW dd dq dc dyb dds dqs: fixed columns per line
 *   display_string.c   da du: quoted strings, 32 characters a line
 */
#ifndef DS_COMMANDS_DISPLAY_H
#define DS_COMMANDS_DISPLAY_H

#include <stddef.h>
#include <stdint.h>

#include "commands_internal.h"

/* ---- display_output.c ---------------------------------------------------- */

/* Lines are built here and handed to the session's sink in big pieces: a
 * 1 MiB `db` is 65536 lines, one sink call each would dominate its cost. */
struct display_out {
    struct ds_session *session;
    size_t used;
    char text[32768];
};

void display_out_init(struct display_out *o, struct ds_session *s);
void display_out_flush(struct display_out *o);
void display_out_text(struct display_out *o, const char *text, size_t length);
void display_out_char(struct display_out *o, char c);
void display_out_repeat(struct display_out *o, char c, size_t count);
/* Room for `length` (<= sizeof text) bytes at the end, to be written in
 * place; the caller fills all of them. */
char *display_out_reserve(struct display_out *o, size_t length);
/* `digits` lowercase hex digits of value (the low 4*digits bits). */
void display_out_hex(struct display_out *o, uint64_t value, unsigned digits);
/* An address as cdb prints it: "00007ff6`12340000" on a target with 8-byte
 * pointers, "12340000" (the low 32 bits) on one with 4-byte pointers. */
void display_out_address(struct display_out *o, uint64_t address, uint32_t pointer_size);
/* A 64-bit value as cdb's dq prints it: "00000000`00000001". */
void display_out_quad(struct display_out *o, uint64_t value);
/* The width display_out_address uses. */
unsigned display_address_width(uint32_t pointer_size);

/* ---- display_reader.c ---------------------------------------------------- */

/* One stretch of target memory, read through ds_read_virtual (the cache) in
 * as few calls as its holes allow; valid[i] says whether bytes[i] was read. */
struct display_reader {
    ds_target *target;
    uint64_t base;   /* address of bytes[0] */
    uint32_t length; /* bytes filled by the last display_reader_fill */
    uint32_t capacity;
    uint8_t *bytes;
    uint8_t *valid;
    /* The target's byte order: the session's display.byte_order, learnt
     * once from bytes that tell (little-endian until then). */
    int *byte_order;
};

/* A reader of s's target; 0 on success, -1 without memory. */
int display_reader_init(struct display_reader *r, struct ds_session *s, uint32_t capacity);
void display_reader_free(struct display_reader *r);
/* Read [address, address + length), length <= capacity; the caller keeps
 * address + length within 2^64. */
void display_reader_fill(struct display_reader *r, uint64_t address, uint32_t length);
/* Whether the `size` bytes at offset (from base) were all read. */
int display_reader_valid(const struct display_reader *r, uint32_t offset, uint32_t size);
/* The value of `size` (1, 2, 4 or 8) bytes at offset, in the target's order. */
uint64_t display_reader_value(const struct display_reader *r, uint32_t offset, uint32_t size);

/* ---- the formats --------------------------------------------------------- */

enum display_kind {
    DISPLAY_HEX,     /* db dw dd dq: hex columns (db adds its ASCII column) */
    DISPLAY_CHARS,   /* dc dW: double words or words, then their ASCII */
    DISPLAY_BINARY,  /* dyb: bits and bytes */
    DISPLAY_SYMBOLS, /* dds dqs: a value a line and the module it points into */
    DISPLAY_ASCII,   /* da */
    DISPLAY_UNICODE, /* du */
};

struct display_format {
    const char *name;        /* "db" ... (dp, dps resolve to dd/dq, dds/dqs) */
    enum display_kind kind;
    uint32_t unit;           /* bytes an element */
    uint32_t per_line;       /* elements a line */
    uint64_t default_count;  /* elements shown when only an address is given */
};

/* Show `count` elements from `start` (the range is already clipped to the
 * address space); *next gets where a bare command continues. S_OK, or
 * E_ABORT when ds_session_interrupt stopped it (checked every line). */
HRESULT display_hex(struct ds_session *s, const struct display_format *f, uint64_t start,
                    uint64_t count, uint64_t *next);
HRESULT display_string(struct ds_session *s, const struct display_format *f, uint64_t start,
                       uint64_t count, uint64_t *next);

#endif
