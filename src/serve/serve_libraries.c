/*
 * serve_libraries.c — the target's modules as the debugger's shared
 * library list: qXfer:libraries-svr4:read for ELF targets (live processes,
 * ELF cores, a remote target whose first image is ELF), qXfer:libraries:read
 * for Windows ones (minidumps, a remote target whose first image is PE) and
 * for ELF ones too (gdb reads that one when its x86 architecture lacks the
 * Linux feature, its svr4 code then being off; see docs/serve.md).
 *
 * The list is ds_get_module's (what the CLI's `lm` shows); what gdb needs
 * beyond a name and a base is read from the images' headers in target
 * memory, every read bounded and checked:
 *
 * svr4   l_addr = the load bias: the module's base minus its first PT_LOAD's
 *        page-aligned p_vaddr (the base itself for an object linked at 0);
 *        l_ld = PT_DYNAMIC's p_vaddr + l_addr (0 when the header or the
 *        program headers cannot be read: gdb then trusts l_addr).
 *        lm = the module's struct link_map when the dynamic loader's list
 *        can be walked (main executable's DT_DEBUG -> r_debug.r_map, at
 *        most SERVE_MAX_LINK_MAPS entries, stopping at a repeat of the
 *        head), matched to the module by l_ld; otherwise a fake: the
 *        module's base (unique and nonzero). gdb uses lm only for TLS
 *        lookups, which a fake cannot serve, and as an identity.
 *        The main executable (the module whose dynamic section has a
 *        DT_DEBUG entry, else an ET_EXEC one, else the first module) is
 *        not listed: gdb takes it from its exec file; main-lm is r_map
 *        when the walk found it. The vDSO is no module of ds (no file).
 * ELF segments: the same modules, each with one <segment> where its first
 *        PT_LOAD's p_vaddr is loaded (solib-target maps the file's first
 *        segment there and moves the rest with it).
 * windows gdb's convention (gdb/windows-tdep.c windows_xfer_shared_library,
 *        read by solib-target.c): one <segment address> per library, the
 *        address of its first segment, .text: the base plus .text's RVA
 *        (what gdb's pe_text_section_offset reads from the file; here read
 *        from the image's section table in target memory), 0x1000 when the
 *        headers cannot be read or name no .text, as gdb defaults. Every
 *        module is listed, the executable too (gdb cannot learn it
 *        otherwise). lldb reads no <segment>, only the first <section>'s
 *        address as the image base: a session that asked qHostInfo (lldb)
 *        gets <section address=BASE>.
 *
 * Names are XML-escaped. The document is capped at SERVE_DOC_CAP and at
 * SERVE_MAX_MODULES modules; a library that does not fit whole is left out
 * (the document stays well-formed) and the cut is noted to the user.
 */
#include "serve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SERVE_MAX_LINK_MAPS 4096u
#define MAX_PHDRS 512u
#define MAX_DYN 1024u
#define MAX_PE_SECTIONS 96u      /* the PE loader's limit */
#define NAME_CAP 4096u

/* ---- reading target memory -------------------------------------------- */

static bool read_exact(ds_target *t, uint64_t addr, void *buf, uint32_t n)
{
    uint32_t got = 0;
    return SUCCEEDED(ds_read_virtual(t, addr, buf, n, &got)) && got == n;
}

/* Integers of the image's byte order. */
static uint64_t get(const uint8_t *p, unsigned size, bool big)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint64_t)p[big ? size - 1 - i : i] << (8 * i);
    return v;
}

/* ---- ELF images ----------------------------------------------------------- */

struct elf_facts {
    bool header;       /* an ELF header was read at the base */
    bool is64, big;
    uint16_t type;     /* e_type */
    uint64_t l_addr, l_ld;
    uint64_t segment;  /* where the first PT_LOAD's p_vaddr is loaded */
    bool has_debug;    /* the dynamic section has a DT_DEBUG entry */
    uint64_t debug;    /* its value: &r_debug once ld.so ran */
};

#define PT_LOAD_ 1u
#define PT_DYNAMIC_ 2u
#define DT_NULL_ 0u
#define DT_DEBUG_ 21u

static void read_dynamic(ds_target *t, struct elf_facts *f)
{
    unsigned ps = f->is64 ? 8 : 4;
    uint8_t d[16];
    for (uint32_t i = 0; i < MAX_DYN; i++) {
        if (!read_exact(t, f->l_ld + (uint64_t)i * 2 * ps, d, 2 * ps))
            return;
        uint64_t tag = get(d, ps, f->big);
        if (tag == DT_NULL_)
            return;
        if (tag == DT_DEBUG_) {
            f->has_debug = true;
            f->debug = get(d + ps, ps, f->big);
            return;
        }
    }
}

static struct elf_facts elf_facts(ds_target *t, uint64_t base)
{
    struct elf_facts f = {.l_addr = base, .segment = base};
    uint8_t eh[64];
    if (!read_exact(t, base, eh, 52) || memcmp(eh, "\177ELF", 4) != 0 ||
        (eh[4] != 1 && eh[4] != 2) || (eh[5] != 1 && eh[5] != 2))
        return f;
    f.is64 = eh[4] == 2;
    f.big = eh[5] == 2;
    if (f.is64 && !read_exact(t, base, eh, 64))
        return f;
    f.header = true;
    f.type = (uint16_t)get(eh + 16, 2, f.big);
    uint64_t phoff = f.is64 ? get(eh + 32, 8, f.big) : get(eh + 28, 4, f.big);
    unsigned phentsize = (unsigned)get(eh + (f.is64 ? 54 : 42), 2, f.big);
    unsigned phnum = (unsigned)get(eh + (f.is64 ? 56 : 44), 2, f.big);
    unsigned want = f.is64 ? 56 : 32;
    if (phentsize != want || phnum > MAX_PHDRS || phoff > UINT32_MAX)
        return f;
    bool have_load = false, have_dyn = false;
    uint64_t load_vaddr = 0, dyn_vaddr = 0, first_vaddr = 0;
    uint64_t page = ds_page_size(t) ? ds_page_size(t) : 4096;
    for (unsigned i = 0; i < phnum; i++) {
        uint8_t ph[56];
        if (!read_exact(t, base + phoff + (uint64_t)i * phentsize, ph, want))
            return f;
        uint32_t type = (uint32_t)get(ph, 4, f.big);
        uint64_t vaddr = f.is64 ? get(ph + 16, 8, f.big) : get(ph + 8, 4, f.big);
        if (type == PT_LOAD_ && !have_load) {
            have_load = true;
            first_vaddr = vaddr;
            load_vaddr = vaddr & ~(page - 1);
        } else if (type == PT_DYNAMIC_ && !have_dyn) {
            have_dyn = true;
            dyn_vaddr = vaddr;
        }
    }
    if (have_load) {
        f.l_addr = base - load_vaddr;
        f.segment = f.l_addr + first_vaddr;
    }
    if (!f.is64) {
        f.l_addr &= 0xffffffffu;
        f.segment &= 0xffffffffu;
    }
    if (have_dyn) {
        f.l_ld = f.l_addr + dyn_vaddr;
        if (!f.is64)
            f.l_ld &= 0xffffffffu;
        read_dynamic(t, &f);
    }
    return f;
}

/* ---- PE images ------------------------------------------------------------ */

/* The RVA of .text from the image's headers in memory; 0x1000 (gdb's
   DEFAULT_COFF_PE_TEXT_SECTION_OFFSET) when they cannot tell. */
static uint64_t pe_text_rva(ds_target *t, uint64_t base)
{
    uint8_t b[40];
    if (!read_exact(t, base, b, 2) || b[0] != 'M' || b[1] != 'Z' ||
        !read_exact(t, base + 0x3c, b, 4)) /* e_lfanew */
        return 0x1000;
    uint64_t lfanew = get(b, 4, false);
    if (lfanew > 0x10000000u || !read_exact(t, base + lfanew, b, 24) ||
        memcmp(b, "PE\0\0", 4) != 0)
        return 0x1000;
    unsigned nsections = (unsigned)get(b + 6, 2, false);
    uint64_t opt_size = get(b + 20, 2, false);
    uint64_t sec = base + lfanew + 24 + opt_size;
    for (unsigned i = 0; i < nsections && i < MAX_PE_SECTIONS; i++) {
        if (!read_exact(t, sec + 40u * i, b, 40))
            break;
        if (memcmp(b, ".text\0\0\0", 8) == 0)
            return get(b + 12, 4, false);
    }
    return 0x1000;
}

/* ---- which list ----------------------------------------------------------- */

enum serve_libs_kind serve_libraries_kind(ds_target *t)
{
    const char *kind = ds_target_kind(t);
    if (strcmp(kind, "live") == 0 || strcmp(kind, "elfcore") == 0)
        return SERVE_LIBS_SVR4;
    /* A minidump (Windows, or Breakpad's of a Linux process) or a remote
       target: what its first image's header says; without one in memory,
       a dump's module named by an absolute path is a Linux one. */
    uint32_t count = 0;
    uint64_t base, size;
    uint32_t need;
    char name[8] = "";
    uint8_t magic[4];
    bool dump = strcmp(kind, "minidump") == 0;
    if (FAILED(ds_get_number_modules(t, &count)) || count == 0 ||
        FAILED(ds_get_module(t, 0, &base, &size, name, sizeof name, &need)))
        return dump ? SERVE_LIBS_WINDOWS : SERVE_LIBS_NONE;
    if (read_exact(t, base, magic, sizeof magic)) {
        if (memcmp(magic, "\177ELF", 4) == 0)
            return SERVE_LIBS_SVR4;
        if (magic[0] == 'M' && magic[1] == 'Z')
            return SERVE_LIBS_WINDOWS;
    }
    if (dump)
        return name[0] == '/' ? SERVE_LIBS_SVR4 : SERVE_LIBS_WINDOWS;
    return SERVE_LIBS_NONE;
}

const char *serve_libraries_feature(ds_target *t)
{
    switch (serve_libraries_kind(t)) {
    case SERVE_LIBS_SVR4: /* both: which gdb asks depends on its solib ops */
        return ";qXfer:libraries-svr4:read+;qXfer:libraries:read+";
    case SERVE_LIBS_WINDOWS:
        return ";qXfer:libraries:read+";
    default:
        return "";
    }
}

/* ---- the document ------------------------------------------------------------ */

static void put_str(struct serve_text *d, const char *s)
{
    serve_text_put(d, s, strlen(s));
}

static void put_hex(struct serve_text *d, const char *attr, uint64_t v)
{
    char text[48];
    int n = snprintf(text, sizeof text, " %s=\"0x%llx\"", attr, (unsigned long long)v);
    serve_text_put(d, text, (size_t)n);
}

/* The length of the well-formed UTF-8 sequence at s (0: none). */
static size_t utf8_length(const unsigned char *s)
{
    unsigned c = s[0];
    size_t n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c <= 0xdf ? 2 : 0;
    if (n == 0 || c > 0xf4)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    /* Overlong, surrogate and beyond-U+10FFFF forms. */
    if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f) ||
        (c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] > 0x8f))
        return 0;
    return n;
}

/* An attribute value gdb's and lldb's XML parsers accept: the five
   specials escaped; tab, newline and carriage return as references (else
   attribute normalisation turns them into spaces); the control characters
   XML 1.0 forbids even as references as U+FFFD; a byte that starts no
   well-formed UTF-8 sequence (a Linux path need not be UTF-8) read as
   Latin-1. Such a name no longer opens its file, but the document parses
   and the other libraries load. */
static void put_escaped(struct serve_text *d, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    while (*s && !d->full) {
        const char *rep = NULL;
        char num[16];
        size_t take = 1;
        switch (*s) {
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '&': rep = "&amp;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&apos;"; break;
        case '\t': case '\n': case '\r':
            snprintf(num, sizeof num, "&#%u;", (unsigned)*s);
            rep = num;
            break;
        default:
            if (*s < 0x20) {
                rep = "&#xfffd;";
            } else if (*s >= 0x80) {
                take = utf8_length(s);
                if (take == 0) {
                    snprintf(num, sizeof num, "&#x%x;", (unsigned)*s);
                    rep = num;
                    take = 1;
                }
            }
        }
        if (rep)
            put_str(d, rep);
        else
            serve_text_put(d, (const char *)s, take);
        s += take;
    }
}

/* An entry that did not fit whole is taken back: the document stays
   well-formed, one library short. */
static void end_entry(struct serve_text *d, size_t start)
{
    if (d->full && d->text) {
        d->len = start;
        d->text[start] = '\0';
    }
}

/* The closing tag goes in past the body's limit (which left room for it). */
static void close_doc(struct serve_text *d, const char *tag)
{
    bool full = d->full;
    d->full = false;
    d->limit = SERVE_DOC_CAP;
    put_str(d, tag);
    d->full = d->full || full;
}

struct module {
    uint64_t base, size;
    char name[NAME_CAP];
};

static bool get_module(ds_target *t, uint32_t i, struct module *m)
{
    uint32_t need = 0;
    if (FAILED(ds_get_module(t, i, &m->base, &m->size, m->name, sizeof m->name, &need)))
        return false;
    m->name[sizeof m->name - 1] = '\0';
    return true;
}

static uint32_t module_count(struct serve_session *s)
{
    uint32_t count = 0;
    if (FAILED(ds_get_number_modules(s->t, &count)))
        return 0;
    if (count > SERVE_MAX_MODULES) {
        if (s->note)
            s->note(s->note_ctx, "the library list holds only the first 65536 modules");
        count = SERVE_MAX_MODULES;
    }
    return count;
}

/* The loader's list, read once: (l_ld, link_map address) pairs, sorted by
   l_ld for the lookups. */
struct link_maps {
    struct lm_entry {
        uint64_t l_ld, lm;
    } *v;
    size_t n;
    uint64_t head;  /* r_debug.r_map: the executable's entry */
};

static int by_l_ld(const void *a, const void *b)
{
    const struct lm_entry *x = a, *y = b;
    return x->l_ld < y->l_ld ? -1 : x->l_ld > y->l_ld;
}

/* Walk r_debug.r_map's list: at most SERVE_MAX_LINK_MAPS entries, ending at
   a null l_next, an unreadable entry, or a return to the head (a cycle
   elsewhere ends at the bound). What was read is kept. */
static void read_link_maps(ds_target *t, const struct elf_facts *exe, struct link_maps *out)
{
    *out = (struct link_maps){0};
    if (!exe || !exe->has_debug || exe->debug == 0)
        return;
    unsigned ps = exe->is64 ? 8 : 4;
    uint8_t b[8];
    if (!read_exact(t, exe->debug + ps, b, ps)) /* r_debug.r_map */
        return;
    out->head = get(b, ps, exe->big);
    if (out->head == 0 || !(out->v = calloc(SERVE_MAX_LINK_MAPS, sizeof *out->v)))
        return;
    uint64_t lm = out->head;
    while (lm != 0 && out->n < SERVE_MAX_LINK_MAPS) {
        uint8_t e[32];
        if (!read_exact(t, lm, e, 4u * ps)) /* l_addr, l_name, l_ld, l_next */
            break;
        out->v[out->n++] = (struct lm_entry){get(e + 2 * ps, ps, exe->big), lm};
        lm = get(e + 3 * ps, ps, exe->big);
        if (lm == out->head)
            break;
    }
    qsort(out->v, out->n, sizeof *out->v, by_l_ld);
}

/* The link_map whose l_ld is l_ld (0: none). */
static uint64_t find_lm(const struct link_maps *maps, uint64_t l_ld)
{
    if (l_ld == 0 || maps->n == 0)
        return 0;
    struct lm_entry key = {l_ld, 0};
    const struct lm_entry *hit = bsearch(&key, maps->v, maps->n, sizeof key, by_l_ld);
    return hit ? hit->lm : 0;
}

/* An ELF target's list: the svr4 document (svr4) or the segment one that
   gdb's solib-target reads when its architecture has no svr4 support (an
   x86 target description without the org.gnu.gdb.i386.linux feature). */
static void build_elf(struct serve_session *s, struct serve_text *d, bool svr4)
{
    uint32_t count = module_count(s);
    struct module *m = malloc(sizeof *m);
    struct elf_facts *facts = count ? calloc(count, sizeof *facts) : NULL;
    if (!m || (count && !facts)) {
        free(m);
        free(facts);
        d->full = true;
        return;
    }
    /* The main executable: DT_DEBUG marks it; else the ET_EXEC image. */
    uint32_t exe = UINT32_MAX;
    for (uint32_t i = 0; i < count; i++) {
        if (!get_module(s->t, i, m))
            continue;
        facts[i] = elf_facts(s->t, m->base);
        if (facts[i].has_debug && exe == UINT32_MAX)
            exe = i;
    }
    for (uint32_t i = 0; i < count && exe == UINT32_MAX; i++)
        if (facts[i].header && facts[i].type == 2 /* ET_EXEC */)
            exe = i;
    /* Else the first: ds lists images by address and Linux maps the
       executable below its libraries (0x400000, 0x55..., below mmap's). */
    if (exe == UINT32_MAX && count > 0)
        exe = 0;
    const struct elf_facts *ef = exe != UINT32_MAX ? &facts[exe] : NULL;

    struct link_maps maps = {0};
    if (svr4) {
        read_link_maps(s->t, ef, &maps);
        put_str(d, "<library-list-svr4 version=\"1.0\"");
        if (maps.head)
            put_hex(d, "main-lm", maps.head);
        put_str(d, ">\n");
    } else {
        put_str(d, "<library-list version=\"1.0\">\n");
    }
    for (uint32_t i = 0; i < count && !d->full; i++) {
        if (i == exe || !get_module(s->t, i, m))
            continue;
        size_t start = d->len;
        put_str(d, "  <library name=\"");
        put_escaped(d, m->name);
        put_str(d, "\"");
        if (svr4) {
            uint64_t lm = find_lm(&maps, facts[i].l_ld);
            put_hex(d, "lm", lm ? lm : m->base);
            put_hex(d, "l_addr", facts[i].l_addr);
            put_hex(d, "l_ld", facts[i].l_ld);
            /* gdb 13's DTD requires the namespace: the default one, 0. */
            put_hex(d, "lmid", 0);
            put_str(d, "/>\n");
        } else {
            put_str(d, "><segment");
            put_hex(d, "address", facts[i].segment);
            put_str(d, "/></library>\n");
        }
        end_entry(d, start);
    }
    close_doc(d, svr4 ? "</library-list-svr4>\n" : "</library-list>\n");
    free(maps.v);
    free(m);
    free(facts);
}

static void build_windows(struct serve_session *s, struct serve_text *d)
{
    uint32_t count = module_count(s);
    struct module *m = malloc(sizeof *m);
    if (!m) {
        d->full = true;
        return;
    }
    put_str(d, "<library-list version=\"1.0\">\n");
    for (uint32_t i = 0; i < count && !d->full; i++) {
        if (!get_module(s->t, i, m))
            continue;
        size_t start = d->len;
        put_str(d, "  <library name=\"");
        put_escaped(d, m->name);
        if (s->lldb) {
            put_str(d, "\"><section");
            put_hex(d, "address", m->base);
        } else {
            put_str(d, "\"><segment");
            put_hex(d, "address", m->base + pe_text_rva(s->t, m->base));
        }
        put_str(d, "/></library>\n");
        end_entry(d, start);
    }
    close_doc(d, "</library-list>\n");
    free(m);
}

const char *serve_libraries_doc(struct serve_session *s, bool svr4, size_t *len)
{
    enum serve_libs_kind kind = serve_libraries_kind(s->t);
    if (kind == SERVE_LIBS_NONE || (svr4 && kind != SERVE_LIBS_SVR4))
        return NULL;
    struct serve_doc *cached = svr4 ? &s->libraries_svr4 : &s->libraries;
    if (!cached->built) {
        struct serve_text d = {.limit = SERVE_DOC_CAP - 64};
        if (kind == SERVE_LIBS_SVR4)
            build_elf(s, &d, svr4);
        else
            build_windows(s, &d);
        if (d.full && s->note)
            s->note(s->note_ctx, "the library list was cut short at its size limit");
        cached->text = d.text;
        cached->len = d.text ? d.len : 0;
        cached->built = true;
    }
    *len = cached->len;
    return cached->text ? cached->text : "";
}
