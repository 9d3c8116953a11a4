/*
 * display_output.c — the display commands' text: built in a buffer, given
 * to the session's sink a buffer at a time; hex numbers and addresses
 * written digit by digit (printf per byte would cost more than the read).
 */
#include <string.h>

#include "display.h"

static const char hex_digits[] = "0123456789abcdef";

void display_out_init(struct display_out *o, struct ds_session *s)
{
    o->session = s;
    o->used = 0;
}

void display_out_flush(struct display_out *o)
{
    if (o->used)
        cmd_write(o->session, o->text, o->used);
    o->used = 0;
}

void display_out_text(struct display_out *o, const char *text, size_t length)
{
    while (length) {
        if (o->used == sizeof o->text)
            display_out_flush(o);
        size_t room = sizeof o->text - o->used;
        size_t n = length < room ? length : room;
        memcpy(o->text + o->used, text, n);
        o->used += n;
        text += n;
        length -= n;
    }
}

void display_out_char(struct display_out *o, char c)
{
    if (o->used == sizeof o->text)
        display_out_flush(o);
    o->text[o->used++] = c;
}

char *display_out_reserve(struct display_out *o, size_t length)
{
    if (sizeof o->text - o->used < length)
        display_out_flush(o);
    char *at = o->text + o->used;
    o->used += length;
    return at;
}

void display_out_repeat(struct display_out *o, char c, size_t count)
{
    while (count--)
        display_out_char(o, c);
}

void display_out_hex(struct display_out *o, uint64_t value, unsigned digits)
{
    char tmp[16];
    if (digits > 16)
        digits = 16;
    for (unsigned i = 0; i < digits; i++)
        tmp[digits - 1 - i] = hex_digits[(value >> (4 * i)) & 0xf];
    display_out_text(o, tmp, digits);
}

void display_out_quad(struct display_out *o, uint64_t value)
{
    display_out_hex(o, value >> 32, 8);
    display_out_char(o, '`');
    display_out_hex(o, value, 8);
}

void display_out_address(struct display_out *o, uint64_t address, uint32_t pointer_size)
{
    if (pointer_size == 4)
        display_out_hex(o, address, 8);
    else
        display_out_quad(o, address);
}

unsigned display_address_width(uint32_t pointer_size)
{
    return pointer_size == 4 ? 8 : 17;
}
