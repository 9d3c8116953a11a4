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

static HRESULT syntax_at(struct parser *x, const char *at)
{
    if (FAILED(x->failed))
        return x->failed;
    if (!*at)
        cmd_printf(x->s, "Numeric expression missing from '<EOL>'\n");
    else
        cmd_printf(x->s, "Syntax error at '%s'\n", at);
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

static HRESULT read_memory(struct parser *x, uint64_t address, uint32_t size, uint64_t *value,
                           const char *at)
{
    ds_target *t = x->s->target;
    uint8_t bytes[8] = { 0 };
    uint32_t got = 0;
    if (!t || FAILED(ds_read_virtual(t, address, bytes, size, &got)) || got != size) {
        cmd_memory_error(x->s, E_FAIL, at);
        return fail(x, HRESULT_FROM_WIN32(ERROR_READ_FAULT));
    }
    uint64_t v = 0;
    for (uint32_t i = size; i-- > 0;) /* little-endian: every target we read is */
        v = (v << 8) | bytes[i];
    *value = v;
    return S_OK;
}

static HRESULT parse_or(struct parser *x, uint64_t *value);

/* Pseudo-registers: what the target can answer. */
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
    if (t && strcmp(lower, "$tpid") == 0) {
        *value = ds_process_id(t);
        return S_OK;
    }
    if (t && strcmp(lower, "$tid") == 0) {
        uint32_t n = 0, tid = 0;
        if (SUCCEEDED(ds_get_number_threads(t, &n)) && n &&
            SUCCEEDED(ds_get_thread_ids(t, 0, 1, &tid))) {
            *value = tid;
            return S_OK;
        }
        return S_FALSE;
    }
    return S_FALSE;
}

/* A name: a pseudo-register, a module, or a number (hex digits may look
 * like a name: "abc" is 0xabc, as cdb reads it). */
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
        return syntax_at(x, start);

    if (!at_sign) {
        int number = parse_number(name, p, value);
        if (number == 1) {
            x->p = p;
            return S_OK;
        }
        if (number == -1) {
            cmd_printf(x->s, "Overflow error at '%s'\n", start);
            return fail(x, E_INVALIDARG);
        }
    }
    if (name[0] == '$') {
        if (pseudo_register(x, name, length, value) == S_OK) {
            x->p = p;
            return S_OK;
        }
        cmd_printf(x->s, "Bad register error at '%s'\n", start);
        return fail(x, E_INVALIDARG);
    }
    if (at_sign) { /* @rax ...: registers are not read (no thread context) */
        cmd_printf(x->s, "Bad register error at '%s'\n", start);
        return fail(x, E_INVALIDARG);
    }
    uint64_t base, size;
    if (memchr(name, '!', length) == NULL &&
        cmd_module_by_name(x->s, name, length, &base, &size) == S_OK) {
        *value = base;
        x->p = p;
        return S_OK;
    }
    cmd_resolve_error(x->s, E_INVALIDARG, start);
    return fail(x, E_INVALIDARG);
}

/* The memory operators and their widths (0: the target's pointer size). */
static const struct {
    const char *word;
    uint32_t size;
} memory_ops[] = { { "poi", 0 }, { "qwo", 8 }, { "dwo", 4 }, { "wo", 2 }, { "by", 1 } };

static HRESULT parse_unary(struct parser *x, uint64_t *value);

static HRESULT parse_primary(struct parser *x, uint64_t *value)
{
    skip(x);
    const char *start = x->p;
    if (*x->p == '(') {
        x->p++;
        HRESULT hr = parse_or(x, value);
        if (FAILED(hr))
            return hr;
        skip(x);
        if (*x->p != ')')
            return syntax_at(x, start);
        x->p++;
        return S_OK;
    }
    for (size_t i = 0; i < sizeof memory_ops / sizeof memory_ops[0]; i++) {
        size_t n = strlen(memory_ops[i].word);
        if (strncasecmp(x->p, memory_ops[i].word, n) == 0 &&
            *cmd_skip_blanks(x->p + n) == '(' && !is_word_char(x->p[n])) {
            x->p = cmd_skip_blanks(x->p + n) + 1;
            uint64_t address;
            HRESULT hr = parse_or(x, &address);
            if (FAILED(hr))
                return hr;
            skip(x);
            if (*x->p != ')')
                return syntax_at(x, start);
            uint32_t size = memory_ops[i].size;
            if (!size)
                size = x->s->target ? ds_pointer_size(x->s->target) : 8;
            hr = read_memory(x, address, size, value, x->p);
            if (FAILED(hr))
                return hr;
            x->p++;
            return S_OK;
        }
    }
    if (is_word_char(*x->p) || *x->p == '@')
        return parse_name(x, value);
    return syntax_at(x, start);
}

static HRESULT parse_unary(struct parser *x, uint64_t *value)
{
    if (++x->depth > EXPR_MAX_DEPTH) {
        x->depth--;
        return syntax_at(x, x->p);
    }
    skip(x);
    HRESULT hr;
    char op = 0;
    if (*x->p == '-' || *x->p == '+' || *x->p == '~' || (*x->p == '!' && !isalpha((unsigned char)x->p[1]))) {
        op = *x->p;
        x->p++;
    } else if (word_is(x->p, "not")) {
        op = 'n';
        x->p += 3;
    } else if (word_is(x->p, "hi") ) {
        op = 'h';
        x->p += 2;
    } else if (word_is(x->p, "low")) {
        op = 'l';
        x->p += 3;
    }
    if (op) {
        hr = parse_unary(x, value);
        if (SUCCEEDED(hr)) {
            switch (op) {
            case '-': *value = 0 - *value; break;
            case '~': *value = ~*value; break;
            case '!': case 'n': *value = *value == 0; break;
            case 'h': *value = (*value >> 16) & 0xffff; break;
            case 'l': *value &= 0xffff; break;
            default: break;
            }
        }
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
        if (*p == '|' && p[1] != '|') { *length = 1; return '|'; }
        if (word_is(p, "or")) { *length = 2; return '|'; }
        return 0;
    case LEVEL_XOR:
        if (*p == '^') { *length = 1; return '^'; }
        if (word_is(p, "xor")) { *length = 3; return '^'; }
        return 0;
    case LEVEL_AND:
        if (*p == '&' && p[1] != '&') { *length = 1; return '&'; }
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
        if (b == 0) {
            cmd_printf(x->s, "Divide by zero error at '%s'\n", right);
            return fail(x, E_INVALIDARG);
        }
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
    if (SUCCEEDED(hr) && *p) {
        hr = cmd_syntax_error(s, E_INVALIDARG, p);
    }
    s->current_command = saved;
    return hr;
}
