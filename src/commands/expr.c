/*
 * expr.c — MASM expressions as cdb evaluates them: numbers in the default
 * radix 16 (0x 0n 0t 0y prefixes, an `h` suffix, the backtick of 64-bit
 * numbers), the operators of cdb's MASM table with its precedence, the
 * memory operators (poi by wo dwo qwo) read through the target,
 * pseudo-registers (@$ptrsize ...) and module names as their base.
 * Arithmetic is on uint64_t and wraps, as cdb's ULONG64 arithmetic does.
 *
 * A recursive-descent parser whose depth is bounded by EXPR_MAX_DEPTH,
 * not by the input: nesting deeper than that is a syntax error.
 */
#include <ctype.h>
#include <string.h>

#include "commands_internal.h"

#define EXPR_MAX_DEPTH 64

struct parser {
    struct ds_session *s;
    const char *p;      /* the cursor */
    int depth;
    HRESULT failed;     /* S_OK until an error line has been written */
};

static void skip(struct parser *x)
{
    x->p = cmd_skip_blanks(x->p);
}

static int is_word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '$' || c == '!' || c == '`';
}

static HRESULT fail(struct parser *x, HRESULT hr)
{
    if (SUCCEEDED(x->failed))
        x->failed = hr;
    return hr;
}

/* cdb's expression errors: "<Kind> error at '<the rest of the line>'"
 * ("Numeric expression missing from '...'" for a missing operand). Only
 * the first error of an evaluation is written. */
static HRESULT error_at(struct parser *x, const char *kind, const char *at)
{
    if (FAILED(x->failed))
        return x->failed;
    int n;
    const char *text = cmd_error_text(x->s, at, &n);
    cmd_printf(x->s, "%s error at '%.*s'\n", kind, n, text);
    return fail(x, E_INVALIDARG);
}

static HRESULT syntax_at(struct parser *x, const char *at)
{
    return error_at(x, "Syntax", at);
}

static HRESULT missing_at(struct parser *x, const char *at)
{
    if (FAILED(x->failed))
        return x->failed;
    int n;
    const char *text = cmd_error_text(x->s, at, &n);
    cmd_printf(x->s, "Numeric expression missing from '%.*s'\n", n, text);
    return fail(x, E_INVALIDARG);
}

/* Whether the text at p is the word w (case-insensitive), not followed by
 * a character that would continue a word. */
static int word_is(const char *p, const char *w)
{
    size_t n = strlen(w);
    return strncasecmp(p, w, n) == 0 && !is_word_char(p[n]);
}

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return 99;
}

/* A number token [start, end): 0x/0n/0t/0y prefix or an h suffix, digits
 * of its radix and backticks. Returns 1 and the value when the whole
 * token is a number; 0 when it is not one (a name); -1 on overflow. */
static int parse_number(const char *start, const char *end, uint64_t *value)
{
    unsigned radix = 16;
    const char *p = start;
    if (end - p >= 2 && p[0] == '0') {
        switch (tolower((unsigned char)p[1])) {
        case 'x': radix = 16; p += 2; break;
        case 'n': radix = 10; p += 2; break;
        case 't': radix = 8; p += 2; break;
        case 'y': radix = 2; p += 2; break;
        default: break;
        }
    }
    if (radix == 16 && p == start && end - p >= 2 && tolower((unsigned char)end[-1]) == 'h') {
        /* "4ab3h": hexadecimal with a suffix, when all before it is hex */
        const char *q;
        for (q = p; q < end - 1; q++)
            if (*q != '`' && digit_value(*q) >= 16)
                break;
        if (q == end - 1 && digit_value(*p) < 16)
            end--;
    }
    uint64_t v = 0;
    int overflow = 0;
    for (; p < end; p++) {
        if (*p == '`')
            continue;
        unsigned d = (unsigned)digit_value(*p);
        if (d >= radix)
            return 0;
        if (v > (UINT64_MAX - d) / radix)
            overflow = 1;
        v = v * radix + d;
    }
    *value = v;
    return overflow ? -1 : 1;
}

static uint64_t little_endian(const uint8_t *bytes, uint32_t size)
{
    uint64_t v = 0;
    for (uint32_t i = size; i-- > 0;)
        v = v << 8 | bytes[i];
    return v;
}

static HRESULT read_memory(struct parser *x, uint64_t address, uint32_t size, uint64_t *value,
                           const char *at)
{
    ds_target *t = x->s->target;
    uint8_t bytes[8] = { 0 };
    uint32_t got = 0;
    if (!t || FAILED(ds_read_virtual(t, address, bytes, size, &got)) || got != size) {
        if (SUCCEEDED(x->failed))
            cmd_memory_error(x->s, E_FAIL, at);
        return fail(x, HRESULT_FROM_WIN32(ERROR_READ_FAULT));
    }
    *value = little_endian(bytes, size); /* every target we read is little-endian */
    return S_OK;
}

static HRESULT parse_or(struct parser *x, uint64_t *value);

/* The TEB of the current thread (the first: the library keeps no
 * register context to choose another): a Windows minidump records it. */
static int current_teb(ds_target *t, uint64_t *teb)
{
    uint32_t n = 0;
    if (!t || FAILED(ds_get_number_threads(t, &n)) || n == 0)
        return 0;
    return SUCCEEDED(ds_get_thread_data(t, 0, teb, NULL)) && *teb != 0;
}

/* The entry point of the first module (the program): a PE image's
 * AddressOfEntryPoint, an ELF image's e_entry (relative to its base for
 * a position-independent one). */
static int entry_point(struct ds_session *s, uint64_t *entry)
{
    struct cmd_module m;
    if (cmd_module_at(s, 0, &m) != 0)
        return 0;
    ds_target *t = s->target;
    IMAGE_NT_HEADERS64 nt;
    if (SUCCEEDED(ds_read_image_nt_headers(t, m.base, &nt))) {
        *entry = m.base + nt.OptionalHeader.AddressOfEntryPoint;
        return 1;
    }
    uint8_t e[64];
    uint32_t got = 0;
    if (FAILED(ds_read_virtual(t, m.base, e, sizeof e, &got)) || got < 32 ||
        memcmp(e, "\x7f" "ELF", 4) != 0 || e[5] != 1 /* little-endian */)
        return 0;
    uint64_t v = 0;
    uint16_t type = (uint16_t)(e[16] | e[17] << 8);
    if (e[4] == 2) { /* ELFCLASS64: e_entry at 24, 8 bytes */
        if (got < 32)
            return 0;
        for (int i = 7; i >= 0; i--)
            v = v << 8 | e[24 + i];
    } else {         /* ELFCLASS32: e_entry at 24, 4 bytes */
        for (int i = 3; i >= 0; i--)
            v = v << 8 | e[24 + i];
    }
    *entry = type == 3 /* ET_DYN */ ? m.base + v : v;
    return 1;
}

/* Pseudo-registers: what the target can answer. S_FALSE: not one the
 * target has (cdb's "Bad register error"). */
static HRESULT pseudo_register(struct parser *x, const char *name, size_t length, uint64_t *value)
{
    ds_target *t = x->s->target;
    char lower[32];
    if (length >= sizeof lower)
        return S_FALSE;
    for (size_t i = 0; i < length; i++)
        lower[i] = (char)tolower((unsigned char)name[i]);
    lower[length] = '\0';
    if (strcmp(lower, "$ptrsize") == 0) {
        *value = t ? ds_pointer_size(t) : 8;
        return S_OK;
    }
    if (strcmp(lower, "$pagesize") == 0) {
        *value = t ? ds_page_size(t) : 0x1000;
        return S_OK;
    }
    if (!t)
        return S_FALSE;
    if (strcmp(lower, "$tpid") == 0) {
        *value = ds_process_id(t);
        return S_OK;
    }
    if (strcmp(lower, "$tid") == 0) {
        uint32_t n = 0, tid = 0;
        if (SUCCEEDED(ds_get_number_threads(t, &n)) && n &&
            SUCCEEDED(ds_get_thread_ids(t, 0, 1, &tid))) {
            *value = tid;
            return S_OK;
        }
        return S_FALSE;
    }
    if (strcmp(lower, "$teb") == 0 || strcmp(lower, "$thread") == 0) {
        return current_teb(t, value) ? S_OK : S_FALSE;
    }
    if (strcmp(lower, "$peb") == 0 || strcmp(lower, "$proc") == 0) {
        /* TEB.ProcessEnvironmentBlock: at 0x60 in a 64-bit TEB, 0x30 in a
         * 32-bit one; the TEB's memory must be in the dump. */
        uint64_t teb;
        if (!current_teb(t, &teb))
            return S_FALSE;
        uint32_t pointer = ds_pointer_size(t);
        uint8_t bytes[8] = { 0 };
        uint32_t got = 0;
        if (FAILED(ds_read_virtual(t, teb + (pointer == 8 ? 0x60 : 0x30), bytes, pointer, &got)) ||
            got != pointer)
            return S_FALSE;
        uint64_t v = 0;
        for (uint32_t i = pointer; i-- > 0;)
            v = v << 8 | bytes[i];
        *value = v;
        return S_OK;
    }
    if (strcmp(lower, "$exentry") == 0)
        return entry_point(x->s, value) ? S_OK : S_FALSE;
    return S_FALSE;
}

/* A name: a number (hex digits look like a name: "abc" is 0xabc, "ah"
 * is 0xa, as cdb reads them), a pseudo-register, or a module. "!name"
 * and "module!name" are symbols, which the library does not have. */
static HRESULT parse_name(struct parser *x, uint64_t *value)
{
    const char *start = x->p;
    const char *p = start;
    int at_sign = 0;
    if (*p == '@') {
        at_sign = 1;
        p++;
    }
    const char *name = p;
    while (is_word_char(*p) && !(*p == '!' && p[1] == '=')) /* "a!=b": not "a!" */
        p++;
    size_t length = (size_t)(p - name);
    if (length == 0)
        return at_sign ? error_at(x, "Bad register", start) : missing_at(x, start);
    if (*name == '`') /* a backtick separates digits; it cannot begin a number */
        return syntax_at(x, start);

    if (!at_sign && *name != '$' && *name != '!') {
        int number = parse_number(name, p, value);
        if (number == 1) {
            x->p = p;
            return S_OK;
        }
        if (number == -1)
            return error_at(x, "Overflow", start);
    }
    if (name[0] == '$') {
        if (pseudo_register(x, name, length, value) == S_OK) {
            x->p = p;
            return S_OK;
        }
        return error_at(x, "Bad register", start);
    }
    if (at_sign) /* @rax ...: the library keeps no register context */
        return error_at(x, "Bad register", start);
    uint64_t base, size;
    if (memchr(name, '!', length) == NULL && memchr(name, '`', length) == NULL &&
        cmd_module_by_name(x->s, name, length, &base, &size) == S_OK) {
        *value = base;
        x->p = p;
        return S_OK;
    }
    if (SUCCEEDED(x->failed))
        cmd_resolve_error(x->s, E_INVALIDARG, start);
    return fail(x, E_INVALIDARG);
}

/* The unary operators that are words, and what they do. The memory ones
 * read `size` bytes (0: the target's pointer size) at their operand. */
enum { OP_NOT = 1, OP_HI, OP_LOW, OP_MEMORY };
static const struct {
    const char *word;
    int op;
    uint32_t size;
} word_ops[] = {
    { "poi", OP_MEMORY, 0 }, { "qwo", OP_MEMORY, 8 }, { "dwo", OP_MEMORY, 4 },
    { "wo", OP_MEMORY, 2 },  { "by", OP_MEMORY, 1 },  { "not", OP_NOT, 0 },
    { "hi", OP_HI, 0 },      { "low", OP_LOW, 0 },
};

static HRESULT parse_unary(struct parser *x, uint64_t *value);

static HRESULT parse_primary(struct parser *x, uint64_t *value)
{
    skip(x);
    if (*x->p == '(') {
        x->p++;
        HRESULT hr = parse_or(x, value);
        if (FAILED(hr))
            return hr;
        skip(x);
        if (*x->p != ')')
            return syntax_at(x, x->p);
        x->p++;
        return S_OK;
    }
    if (is_word_char(*x->p) || *x->p == '@')
        return parse_name(x, value);
    return missing_at(x, x->p);
}

/* A memory operator's read: `size` bytes at `address`; the error names
 * `at` (the ')' of "poi(...)", the operand of "poi 1000"). */
static HRESULT apply_memory(struct parser *x, uint32_t size, uint64_t address, uint64_t *value,
                            const char *at)
{
    if (!size)
        size = x->s->target ? ds_pointer_size(x->s->target) : 8;
    return read_memory(x, address, size, value, at);
}

static HRESULT parse_unary(struct parser *x, uint64_t *value)
{
    if (++x->depth > EXPR_MAX_DEPTH) {
        x->depth--;
        return syntax_at(x, x->p);
    }
    skip(x);
    HRESULT hr;
    const char *op_at = x->p;
    int op = 0;
    uint32_t size = 0;
    if (*x->p == '-' || *x->p == '+' || *x->p == '~') {
        op = *x->p;
        x->p++;
    } else {
        for (size_t i = 0; i < sizeof word_ops / sizeof word_ops[0]; i++) {
            size_t n = strlen(word_ops[i].word);
            if (strncasecmp(x->p, word_ops[i].word, n) == 0 && !is_word_char(x->p[n]) &&
                x->p[n] != '@') {
                op = word_ops[i].op;
                size = word_ops[i].size;
                x->p += n;
                break;
            }
        }
    }
    if (op == OP_MEMORY && *cmd_skip_blanks(x->p) == '(') {
        /* "poi(EXPR)": the read fails at its ')', as cdb reports it */
        x->p = cmd_skip_blanks(x->p) + 1;
        uint64_t address;
        hr = parse_or(x, &address);
        if (SUCCEEDED(hr)) {
            skip(x);
            if (*x->p != ')')
                hr = syntax_at(x, x->p);
            else
                hr = apply_memory(x, size, address, value, x->p);
            if (SUCCEEDED(hr))
                x->p++;
        }
    } else if (op) {
        const char *operand = cmd_skip_blanks(x->p);
        hr = parse_unary(x, value);
        if (SUCCEEDED(hr)) {
            switch (op) {
            case '-': *value = 0 - *value; break;
            case '~': *value = ~*value; break;
            case OP_NOT: *value = *value == 0; break;
            case OP_HI: *value = (*value >> 16) & 0xffff; break;
            case OP_LOW: *value &= 0xffff; break;
            case OP_MEMORY: hr = apply_memory(x, size, *value, value, operand); break;
            default: break;
            }
        }
        (void)op_at;
    } else {
        hr = parse_primary(x, value);
    }
    x->depth--;
    return hr;
}

/* The binary operators, by precedence level (0 binds least). */
enum { LEVEL_OR, LEVEL_XOR, LEVEL_AND, LEVEL_COMPARE, LEVEL_SHIFT, LEVEL_ADD, LEVEL_MUL, LEVELS };

/* The binary operator at p of the given level: its code and length. */
static int binary_op(const char *p, int level, int *length)
{
    switch (level) {
    case LEVEL_OR:
        if (*p == '|') { *length = 1; return '|'; } /* MASM has no || nor && */
        if (word_is(p, "or")) { *length = 2; return '|'; }
        return 0;
    case LEVEL_XOR:
        if (*p == '^') { *length = 1; return '^'; }
        if (word_is(p, "xor")) { *length = 3; return '^'; }
        return 0;
    case LEVEL_AND:
        if (*p == '&') { *length = 1; return '&'; }
        if (word_is(p, "and")) { *length = 3; return '&'; }
        return 0;
    case LEVEL_COMPARE:
        if (p[0] == '=' && p[1] == '=') { *length = 2; return 'e'; }
        if (p[0] == '=') { *length = 1; return 'e'; }
        if (p[0] == '!' && p[1] == '=') { *length = 2; return 'n'; }
        if (p[0] == '<' && p[1] == '=') { *length = 2; return 'l'; }
        if (p[0] == '>' && p[1] == '=') { *length = 2; return 'g'; }
        if (p[0] == '<' && p[1] != '<') { *length = 1; return '<'; }
        if (p[0] == '>' && p[1] != '>') { *length = 1; return '>'; }
        return 0;
    case LEVEL_SHIFT:
        if (p[0] == '<' && p[1] == '<') { *length = 2; return 'L'; }
        if (p[0] == '>' && p[1] == '>' && p[2] == '>') { *length = 3; return 'A'; }
        if (p[0] == '>' && p[1] == '>') { *length = 2; return 'R'; }
        return 0;
    case LEVEL_ADD:
        if (*p == '+' || *p == '-') { *length = 1; return *p; }
        return 0;
    case LEVEL_MUL:
        if (*p == '*' || *p == '/' || *p == '%') { *length = 1; return *p; }
        if (word_is(p, "mod")) { *length = 3; return '%'; }
        return 0;
    default:
        return 0;
    }
}

static HRESULT apply(struct parser *x, int op, uint64_t a, uint64_t b, uint64_t *out,
                     const char *right)
{
    switch (op) {
    case '|': *out = a | b; return S_OK;
    case '^': *out = a ^ b; return S_OK;
    case '&': *out = a & b; return S_OK;
    case 'e': *out = a == b; return S_OK;
    case 'n': *out = a != b; return S_OK;
    /* MASM compares as signed 64-bit numbers */
    case '<': *out = (int64_t)a < (int64_t)b; return S_OK;
    case '>': *out = (int64_t)a > (int64_t)b; return S_OK;
    case 'l': *out = (int64_t)a <= (int64_t)b; return S_OK;
    case 'g': *out = (int64_t)a >= (int64_t)b; return S_OK;
    case 'L': *out = b >= 64 ? 0 : a << b; return S_OK;
    case 'R': *out = b >= 64 ? 0 : a >> b; return S_OK;
    case 'A': *out = (uint64_t)((int64_t)a >> (b >= 64 ? 63 : b)); return S_OK;
    case '+': *out = a + b; return S_OK;
    case '-': *out = a - b; return S_OK;
    case '*': *out = a * b; return S_OK;
    case '/':
    case '%':
        if (b == 0)
            return error_at(x, "Divide by zero", right);
        *out = op == '/' ? a / b : a % b;
        return S_OK;
    default:
        return syntax_at(x, right);
    }
}

/* One precedence level, left to right; the recursion is over the fixed
 * number of levels, not over the input. */
static HRESULT parse_level(struct parser *x, int level, uint64_t *value)
{
    if (level == LEVELS)
        return parse_unary(x, value);
    HRESULT hr = parse_level(x, level + 1, value);
    while (SUCCEEDED(hr)) {
        const char *before = x->p;
        skip(x);
        int length = 0;
        int op = binary_op(x->p, level, &length);
        if (!op) {
            x->p = before;
            break;
        }
        x->p += length;
        const char *right = cmd_skip_blanks(x->p);
        uint64_t b;
        hr = parse_level(x, level + 1, &b);
        if (FAILED(hr))
            break;
        hr = apply(x, op, *value, b, value, right);
    }
    return hr;
}

static HRESULT parse_or(struct parser *x, uint64_t *value)
{
    if (++x->depth > EXPR_MAX_DEPTH) {
        x->depth--;
        return syntax_at(x, x->p);
    }
    HRESULT hr = parse_level(x, LEVEL_OR, value);
    x->depth--;
    return hr;
}

HRESULT cmd_eval(struct ds_session *s, const char **cursor, uint64_t *value)
{
    struct parser x = { s, cmd_skip_blanks(*cursor), 0, S_OK };
    uint64_t v = 0;
    if (!*x.p) {
        cmd_printf(s, "Numeric expression missing from '<EOL>'\n");
        return E_INVALIDARG;
    }
    HRESULT hr = parse_or(&x, &v);
    if (FAILED(hr))
        return hr;
    *value = v;
    *cursor = cmd_skip_blanks(x.p);
    return S_OK;
}

HRESULT ds_session_evaluate(ds_session *s, const char *text, uint64_t *value)
{
    if (!s || !text || !value)
        return E_INVALIDARG;
    const char *saved = s->current_command;
    if (!s->current_command)
        s->current_command = text;
    const char *p = text;
    HRESULT hr = cmd_eval(s, &p, value);
    if (SUCCEEDED(hr) && *p)
        hr = cmd_caret_error(s, E_INVALIDARG, "Extra character", p);
    s->current_command = saved;
    return hr;
}
