/*
 * elfcore_notes.c — the PT_NOTE walk of a core (elf(5) "Notes", core(5)):
 * NT_PRSTATUS gives each thread's id, NT_PRPSINFO the process id and
 * NT_FILE the file behind each mapping; on NetBSD and OpenBSD cores, the
 * procinfo note gives the process id and each thread's notes its id.
 *
 * libelf turns a note segment into host byte order (elf_getdata_rawchunk
 * with ELF_T_NHDR converts the headers) and gelf_getnote checks each
 * note's name and descriptor against the segment, so a note whose sizes
 * run past its segment ends the walk of that segment instead of derailing
 * it. The descriptors stay in the file's byte order and are read here
 * field by field, each size checked first.
 */
#include <stdlib.h>
#include <string.h>

#include "../image_extent.h"
#include "elfcore.h"

/* Real cores have one PT_NOTE; these bound what a hostile file can make
   libelf copy (a foreign-endian note segment is converted into a copy). */
#define MAX_NOTE_SEGMENTS 64
#define MAX_NOTE_BYTES (256u << 20)

struct file_entry {
    uint64_t start, end, offset;
    const char *name;  /* inside the note; not NUL-terminated when cut */
    size_t name_len;
    size_t order;      /* position in NT_FILE, to keep sorting stable */
    bool starts_image; /* the first mapping of an image (group_images) */
};

struct note_walk {
    unsigned machine;         /* e_machine */
    bool have_pid, have_file;
    uint32_t pid;             /* from NT_PRPSINFO or a BSD procinfo */
    bool have_last_tid;       /* BSD: the thread of the previous note */
    uint32_t last_tid;
    bool bad_tid_noted;
    char other_owner[24];     /* the first owner name not read, or "" */
};

/* ---- NT_FILE ------------------------------------------------------------- */

static int entry_by_start(const void *a, const void *b)
{
    const struct file_entry *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static bool same_name(const struct file_entry *a, const struct file_entry *b)
{
    return a->name && b->name && a->name_len == b->name_len &&
           memcmp(a->name, b->name, a->name_len) == 0;
}

/* The extent rule of image_extent.c over NT_FILE: the header is read
   from the core's own bytes at the mapping (bit 4 of coredump_filter,
   "ELF headers", on by default, and gcore copies each image's first page);
   NT_FILE names the file, and lists no anonymous mapping. */
struct grouping {
    struct elfcore_target *et;
    const struct file_entry *e;  /* the sorted entries */
    size_t head;                 /* the entry that may hold a header */
};

/* Only from the header's own mapping, as image_extent.c promises: the
   entries are disjoint, so the header reads of a hostile NT_FILE copy
   each byte of the core once at most, however many entries point at
   ELF headers (without this, 16 KiB of program headers per entry). */
static bool read_from_core(void *ctx, uint64_t offset, void *buf, size_t size)
{
    const struct grouping *g = ctx;
    const struct file_entry *head = &g->e[g->head];
    uint64_t base = head->start, len = head->end - head->start;
    return size <= len && offset <= len - size &&
           elfcore_copy(g->et, base + offset, buf, size, false) == size;
}

static void entry_at(void *ctx, size_t first, size_t k, struct ds_image_mapping *out)
{
    const struct grouping *g = ctx;
    *out = (struct ds_image_mapping){
        .start = g->e[k].start,
        .end = g->e[k].end,
        .offset = g->e[k].offset,
        .same_file = same_name(&g->e[k], &g->e[first]),
    };
}

/* Mark where each image starts: at an ELF header, the mappings its
   program headers place (as a live process's module list has them); at
   any other mapping, the file's following mappings up to its next one at
   offset 0. Returns the number of images. */
static size_t group_images(struct elfcore_target *et, struct file_entry *e, size_t n)
{
    size_t images = 0;
    for (size_t i = 0; i < n;) {
        struct grouping g = { et, e, i };
        struct ds_image_layout layout = { 0 };
        if (!e[i].name || e[i].offset != 0 ||
            !ds_image_read_header(read_from_core, &g, et->base.page_size, &layout))
            layout.known = false;
        size_t last = ds_image_last_mapping(&layout, i, n, entry_at, &g);
        e[i].starts_image = true;
        images++;
        i = last + 1;
    }
    return images;
}

/* Group the sorted entries into images and mappings. */
static HRESULT build_images(struct elfcore_target *et, struct file_entry *e, size_t n)
{
    size_t runs = group_images(et, e, n);
    et->images = calloc(runs ? runs : 1, sizeof *et->images);
    et->mappings = calloc(n ? n : 1, sizeof *et->mappings);
    if (!et->images || !et->mappings)
        return ds_fail(NULL, E_OUTOFMEMORY, "out of memory reading NT_FILE of %s", et->path);
    for (size_t k = 0; k < n; k++) {
        if (e[k].starts_image) {
            struct core_image *img = &et->images[et->nimages++];
            if (e[k].name && e[k].name_len) {
                img->name = strndup(e[k].name, e[k].name_len);
                if (!img->name)
                    return ds_fail(NULL, E_OUTOFMEMORY, "out of memory reading NT_FILE of %s",
                                   et->path);
            }
            img->base = e[k].start;
            img->first_mapping = (uint32_t)k;
        }
        struct core_image *img = &et->images[et->nimages - 1];
        img->end = e[k].end;
        img->mapping_count++;
        et->mappings[k] = (struct core_mapping){
            .start = e[k].start,
            .end = e[k].end,
            .file_offset = e[k].offset,
            .image = (uint32_t)(et->nimages - 1),
        };
    }
    et->nmappings = n;
    return S_OK;
}

/* File offset in bytes of an entry, or ELFCORE_NO_OFFSET when the page
   size is absurd or the offset would overflow. */
static uint64_t entry_offset(uint64_t pages, uint64_t page_size, uint64_t length)
{
    if (!page_size || pages > UINT64_MAX / page_size)
        return ELFCORE_NO_OFFSET;
    uint64_t offset = pages * page_size;
    return offset > UINT64_MAX - length ? ELFCORE_NO_OFFSET : offset;
}

/*
 * NT_FILE (fs/binfmt_elf.c fill_files_note): long count, long page_size,
 * count x {long start, long end, long file_ofs in pages}, then count
 * NUL-terminated names; "long" is the class's word. A table that does not
 * fit in the descriptor keeps the entries that do (without names); names
 * missing at the end (a descsz edited by hand) leave their entries
 * unnamed.
 */
static HRESULT parse_nt_file(struct elfcore_target *et, const uint8_t *d, size_t size)
{
    const unsigned w = et->is64 ? 8 : 4;
    if (size < 2u * w)
        return S_OK;
    uint64_t count = elfcore_get(d, w, et->big_endian);
    uint64_t page = elfcore_get(d + w, w, et->big_endian);
    size_t fit = (size - 2u * w) / (3u * w);
    size_t n = count <= fit ? (size_t)count : fit;
    size_t names_at = 2u * w + n * 3u * w;
    size_t names_left = count <= fit ? size - names_at : 0;
    if (count > fit)
        ds_target_note(&et->base, "NT_FILE declares %llu mappings but its %zu bytes hold %zu; "
                       "the rest and every name are ignored", (unsigned long long)count, size, fit);
    bool page_ok = page && (page & (page - 1)) == 0 && page <= (1u << 30);
    if (page_ok && page >= 1024)
        et->base.page_size = (uint32_t)page;

    struct file_entry *e = calloc(n ? n : 1, sizeof *e);
    if (!e)
        return ds_fail(NULL, E_OUTOFMEMORY, "out of memory reading NT_FILE of %s", et->path);
    size_t kept = 0;
    const char *names = (const char *)d + names_at;
    for (size_t k = 0; k < n; k++) {
        const uint8_t *p = d + 2u * w + k * 3u * w;
        struct file_entry f = {
            .start = elfcore_get(p, w, et->big_endian),
            .end = elfcore_get(p + w, w, et->big_endian),
            .order = k,
        };
        f.offset = page_ok ? entry_offset(elfcore_get(p + 2u * w, w, et->big_endian), page,
                                          f.end - f.start)
                           : ELFCORE_NO_OFFSET;
        if (names_left) {
            f.name = names;
            f.name_len = strnlen(names, names_left);
            size_t used = f.name_len < names_left ? f.name_len + 1 : names_left;
            names += used;
            names_left -= used;
        }
        if (f.start < f.end)
            e[kept++] = f;
    }
    if (kept > 1) /* qsort wants a real array, even for none */
        qsort(e, kept, sizeof *e, entry_by_start);
    /* The kernel writes them sorted and disjoint; drop any that overlap. */
    size_t out = 0;
    for (size_t k = 0; k < kept; k++)
        if (out == 0 || e[k].start >= e[out - 1].end)
            e[out++] = e[k];
    HRESULT hr = build_images(et, e, out);
    free(e);
    return hr;
}

/* ---- NT_PRSTATUS, NT_PRPSINFO ------------------------------------------- */

/* struct elf_prstatus (linux/elfcore.h): struct elf_siginfo (3 ints),
   short pr_cursig, unsigned long pr_sigpend and pr_sighold, pid_t pr_pid,
   pr_ppid, pr_pgrp and pr_sid, four struct timevals (two longs each),
   elf_gregset_t pr_reg, int pr_fpvalid. Longs are aligned to the word:
   pr_pid at 32 and pr_reg at 112 with 8-byte words, 24 and 72 with 4.
   m68k aligns longs and ints to 2 bytes only: pr_sigpend follows pr_cursig
   at 14, pr_pid is at 22, the timevals at 38..70, pr_reg (20 registers)
   at 70 and pr_fpvalid at 150: 154 bytes, a size no 4-byte-aligned
   layout can have. */
static size_t prstatus_pid_offset(const struct elfcore_target *et, const struct note_walk *w,
                                  size_t descsz)
{
    if (et->is64)
        return 32;
    return w->machine == EM_68K || descsz == 154 ? 22 : 24;
}

/* struct elf_prpsinfo: 4 chars, unsigned long pr_flag, pr_uid and pr_gid
   (16-bit on i386, ARM, m68k and x32's compat layout, 32-bit elsewhere),
   then pid_t pr_pid. The three layouts have three sizes (m68k's 2-byte
   alignment changes nothing here: every field already sits aligned). */
static size_t prpsinfo_pid_offset(size_t descsz)
{
    switch (descsz) {
    case 136: return 24; /* 64-bit */
    case 128: return 16; /* 32-bit words, 32-bit ids (ppc32, MIPS o32) */
    case 124: return 12; /* 32-bit words, 16-bit ids (i386, ARM, m68k, x32) */
    default: return 0;
    }
}

/* ---- note owners ---------------------------------------------------------- */

/* Who wrote a note, from its name: Linux ("CORE"), NetBSD ("NetBSD-CORE"
   for the process, "NetBSD-CORE@LWPID" for each LWP's registers) or
   OpenBSD ("OpenBSD", "OpenBSD@TID"); a BSD name may carry a thread id. */
enum note_owner { OWNER_OTHER, OWNER_LINUX, OWNER_NETBSD, OWNER_OPENBSD };

struct note_name {
    enum note_owner owner;
    bool has_tid;     /* "@digits" followed the owner */
    bool bad_tid;     /* "@" followed by something else */
    uint32_t tid;
};

/* A decimal thread id of 1 to 10 digits, at most INT32_MAX (lwpid_t and
   pid_t are int). */
static bool parse_tid(const char *s, size_t len, uint32_t *out)
{
    if (len == 0 || len > 10)
        return false;
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    if (v > INT32_MAX)
        return false;
    *out = (uint32_t)v;
    return true;
}

static struct note_name classify(const GElf_Nhdr *nh, const char *name)
{
    static const struct { const char *prefix; enum note_owner owner; } bsd[] = {
        { "NetBSD-CORE", OWNER_NETBSD },
        { "OpenBSD", OWNER_OPENBSD },
    };
    struct note_name n = { OWNER_OTHER, false, false, 0 };
    /* The name is n_namesz bytes (gelf_getnote checked they are in the
       segment), normally with its NUL. */
    size_t len = strnlen(name, nh->n_namesz);
    if (len == 4 && memcmp(name, "CORE", 4) == 0) {
        n.owner = OWNER_LINUX;
        return n;
    }
    for (size_t i = 0; i < sizeof bsd / sizeof bsd[0]; i++) {
        size_t plen = strlen(bsd[i].prefix);
        if (len < plen || memcmp(name, bsd[i].prefix, plen) != 0 ||
            (len > plen && name[plen] != '@'))
            continue;
        n.owner = bsd[i].owner;
        if (len > plen) {
            n.has_tid = parse_tid(name + plen + 1, len - plen - 1, &n.tid);
            n.bad_tid = !n.has_tid;
        }
        return n;
    }
    return n;
}

static HRESULT add_thread(struct elfcore_target *et, uint32_t tid)
{
    HRESULT hr = ds_target_add_thread(&et->base, tid);
    return FAILED(hr) ? ds_fail(NULL, hr, "%s (reading %s)", et->base.error, et->path) : hr;
}

static void take_pid(struct note_walk *w, uint32_t pid)
{
    if (!w->have_pid) {
        w->pid = pid;
        w->have_pid = true;
    }
}

/* pr_reg's offset in elf_prstatus: after the 8-byte-word layout's 112
   bytes of header, or the 4-byte one's 72 (x86-64, i386, ARM64 only:
   the machines whose registers become a CONTEXT). */
static HRESULT keep_thread_regs(struct elfcore_target *et, uint32_t tid, const uint8_t *desc,
                                size_t descsz)
{
    size_t at = et->is64 ? 112 : 72;
    if (descsz <= at)
        return S_OK;
    struct core_thread_regs *v =
        realloc(et->thread_regs, (et->nthread_regs + 1) * sizeof *et->thread_regs);
    if (!v)
        return ds_fail(NULL, E_OUTOFMEMORY, "out of memory keeping the registers of thread %u "
                       "of %s", tid, et->path);
    et->thread_regs = v;
    struct core_thread_regs *r = &v[et->nthread_regs++];
    memset(r, 0, sizeof *r);
    r->tid = tid;
    r->sets.gregs = desc + at;
    r->sets.gregs_len = descsz - at;
    return S_OK;
}

/* A register note after NT_PRSTATUS belongs to that thread (the kernel
   and gdb write each thread's notes together, NT_PRSTATUS first). */
static void keep_other_regs(struct elfcore_target *et, uint32_t type, const uint8_t *desc,
                            size_t descsz)
{
    if (!et->nthread_regs)
        return;
    struct ds_linux_regsets *s = &et->thread_regs[et->nthread_regs - 1].sets;
    const uint8_t **slot = type == DS_NT_FPREGSET ? &s->fpregs
                           : type == DS_NT_PRXFPREG ? &s->xfpregs : &s->xstate;
    size_t *len = type == DS_NT_FPREGSET ? &s->fpregs_len
                  : type == DS_NT_PRXFPREG ? &s->xfpregs_len : &s->xstate_len;
    if (!*slot) {
        *slot = desc;
        *len = descsz;
    }
}

HRESULT elfcore_thread_context(ds_target *t, uint32_t tid, void *ctx, uint32_t size)
{
    struct elfcore_target *et = (struct elfcore_target *)t;
    for (size_t i = 0; i < et->nthread_regs; i++)
        if (et->thread_regs[i].tid == tid)
            return ds_context_from_linux(t, tid, &et->thread_regs[i].sets, ctx, size);
    return ds_fail(t, E_FAIL, "GetThreadContext: %s has no NT_PRSTATUS registers for thread %u",
                   t->where, tid);
}

static HRESULT take_linux_note(struct elfcore_target *et, const GElf_Nhdr *nh,
                               const uint8_t *desc, struct note_walk *w)
{
    if (nh->n_type == NT_PRSTATUS) {
        size_t at = prstatus_pid_offset(et, w, nh->n_descsz);
        if (nh->n_descsz < at + 4)
            return S_OK;
        uint32_t tid = (uint32_t)elfcore_get(desc + at, 4, et->big_endian);
        HRESULT hr = add_thread(et, tid);
        if (SUCCEEDED(hr))
            hr = keep_thread_regs(et, tid, desc, nh->n_descsz);
        return hr;
    }
    if (nh->n_type == DS_NT_FPREGSET || nh->n_type == DS_NT_PRXFPREG ||
        nh->n_type == DS_NT_X86_XSTATE) {
        keep_other_regs(et, nh->n_type, desc, nh->n_descsz);
        return S_OK;
    }
    if (nh->n_type == NT_PRPSINFO) {
        size_t at = prpsinfo_pid_offset(nh->n_descsz);
        if (at)
            take_pid(w, (uint32_t)elfcore_get(desc + at, 4, et->big_endian));
        return S_OK;
    }
    if (nh->n_type == NT_FILE && !w->have_file) {
        w->have_file = true;
        return parse_nt_file(et, desc, nh->n_descsz);
    }
    return S_OK;
}

/*
 * NetBSD (sys/exec_elf.h) and OpenBSD (the same design, OpenBSD's own
 * numbers). The process note holds a procinfo, version first:
 *   NetBSD  "NetBSD-CORE" type 1, struct netbsd_elfcore_procinfo: 4
 *           uint32s, then four sigset_t (4 uint32s each), int32 cpi_pid
 *           at 80;
 *   OpenBSD "OpenBSD" type 10 (NT_OPENBSD_PROCINFO), struct
 *           elfcore_procinfo: 8 uint32s, int32 cpi_pid at 32.
 * Each thread's notes (registers first, then FP registers and the like)
 * are named OWNER@TID, the thread that dumped first; a thread is listed
 * once for its run of notes.
 */
#define NETBSD_PROCINFO 1
#define NETBSD_PROCINFO_PID_AT 80
#define OPENBSD_PROCINFO 10
#define OPENBSD_PROCINFO_PID_AT 32

static HRESULT take_bsd_note(struct elfcore_target *et, const GElf_Nhdr *nh,
                             const struct note_name *n, const uint8_t *desc,
                             struct note_walk *w)
{
    if (n->bad_tid) {
        if (!w->bad_tid_noted)
            ds_target_note(&et->base, "a %s note whose name has no thread id after its '@' "
                           "is ignored", n->owner == OWNER_NETBSD ? "NetBSD-CORE" : "OpenBSD");
        w->bad_tid_noted = true;
        return S_OK;
    }
    if (n->has_tid) {
        if (w->have_last_tid && w->last_tid == n->tid)
            return S_OK;
        w->have_last_tid = true;
        w->last_tid = n->tid;
        return add_thread(et, n->tid);
    }
    uint32_t type = n->owner == OWNER_NETBSD ? NETBSD_PROCINFO : OPENBSD_PROCINFO;
    size_t at = n->owner == OWNER_NETBSD ? NETBSD_PROCINFO_PID_AT : OPENBSD_PROCINFO_PID_AT;
    if (nh->n_type == type && nh->n_descsz >= at + 4 &&
        elfcore_get(desc, 4, et->big_endian) >= 1 /* cpi_version */)
        take_pid(w, (uint32_t)elfcore_get(desc + at, 4, et->big_endian));
    return S_OK;
}

static HRESULT take_note(struct elfcore_target *et, const GElf_Nhdr *nh, const char *name,
                         const uint8_t *desc, struct note_walk *w)
{
    struct note_name n = classify(nh, name);
    switch (n.owner) {
    case OWNER_LINUX: return take_linux_note(et, nh, desc, w);
    case OWNER_NETBSD:
    case OWNER_OPENBSD: return take_bsd_note(et, nh, &n, desc, w);
    case OWNER_OTHER: break;
    }
    if (!w->other_owner[0] && nh->n_namesz) {
        /* Remembered for the sentence about threads nobody could list. */
        size_t len = strnlen(name, nh->n_namesz);
        len = len < sizeof w->other_owner - 1 ? len : sizeof w->other_owner - 1;
        for (size_t i = 0; i < len; i++)
            w->other_owner[i] = name[i] > ' ' && name[i] < 0x7f ? name[i] : '?';
    }
    return S_OK;
}

static HRESULT walk_segment(struct elfcore_target *et, const Elf_Data *d, uint64_t file_offset,
                            struct note_walk *w)
{
    size_t offset = 0, next;
    GElf_Nhdr nh;
    size_t name_at, desc_at;
    /* gelf_getnote returns 0 for a note that does not fit, and otherwise
       an offset at least one header further on: the walk always ends. */
    while (offset < d->d_size &&
           (next = gelf_getnote((Elf_Data *)d, offset, &nh, &name_at, &desc_at)) > offset) {
        const char *base = d->d_buf;
        HRESULT hr = take_note(et, &nh, base + name_at, (const uint8_t *)base + desc_at, w);
        if (FAILED(hr))
            return hr;
        offset = next;
    }
    if (offset < d->d_size)
        ds_target_note(&et->base, "the note at file offset 0x%llx does not fit its PT_NOTE "
                       "segment; the %zu bytes from there on are ignored",
                       (unsigned long long)(file_offset + offset), d->d_size - offset);
    return S_OK;
}

HRESULT elfcore_read_notes(struct elfcore_target *et, size_t phnum)
{
    struct note_walk w = { 0 };
    GElf_Ehdr eh;
    if (gelf_getehdr(et->elf, &eh))
        w.machine = eh.e_machine;
    uint64_t budget = MAX_NOTE_BYTES;
    unsigned segments = 0;
    for (size_t i = 0; i < phnum && segments < MAX_NOTE_SEGMENTS && budget; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(et->elf, (int)i, &ph) || ph.p_type != PT_NOTE)
            continue;
        segments++;
        if (ph.p_offset >= et->map_size || ph.p_filesz == 0)
            continue;
        uint64_t size = ph.p_filesz;
        if (size > et->map_size - ph.p_offset) {
            size = et->map_size - ph.p_offset;  /* cut file: what is left */
            ds_target_note(&et->base, "PT_NOTE at file offset 0x%llx is cut by the end of the "
                           "file", (unsigned long long)ph.p_offset);
        }
        if (size > budget)
            size = budget;
        budget -= size;
        Elf_Type type = ph.p_align == 8 ? ELF_T_NHDR8 : ELF_T_NHDR;
        Elf_Data *d = elf_getdata_rawchunk(et->elf, (int64_t)ph.p_offset, (size_t)size, type);
        if (!d) {
            /* libelf refused the chunk: the memory is still there */
            ds_target_note(&et->base, "PT_NOTE at file offset 0x%llx ignored: %s",
                           (unsigned long long)ph.p_offset, elf_errmsg(-1));
            continue;
        }
        HRESULT hr = walk_segment(et, d, ph.p_offset, &w);
        if (FAILED(hr))
            return hr;
    }
    if (w.have_pid && w.pid)
        et->base.pid = w.pid;
    else if (et->base.thread_count)
        et->base.pid = et->base.thread_ids[0];  /* the thread that dumped */
    if (!et->base.thread_count)
        ds_target_note(&et->base, "no thread ids: the core has no NT_PRSTATUS, NetBSD-CORE@ "
                       "or OpenBSD@ notes%s%s%s", w.other_owner[0] ? " (its \"" : "",
                       w.other_owner, w.other_owner[0] ? "\" notes are not read)" : "");
    return S_OK;
}
