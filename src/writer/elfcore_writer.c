/*
 * elfcore_writer.c — any target as an ELF core (ET_CORE) that gdb,
 * eu-readelf and our own reader open: one PT_LOAD per readable stretch
 * of one region (its protection as p_flags), and a PT_NOTE with, as the
 * kernel writes them (linux/elfcore.h):
 *
 *   NT_PRPSINFO   the process id and name
 *   NT_AUXV       the auxiliary vector, where known (a live process)
 *   NT_FILE       one entry per module: its span, file offset 0, its name
 *   per thread    NT_PRSTATUS (pr_pid, pr_reg from its CONTEXT), then
 *                 NT_FPREGSET (and i386's NT_PRXFPREG): gdb gives a
 *                 register note to the NT_PRSTATUS before it
 *
 * for the machines whose registers a CONTEXT holds: x86-64, i386, ARM64.
 * Layout: ELF header, program headers, notes, then each PT_LOAD's bytes
 * at a file offset congruent to its address modulo the page size,
 * streamed in chunks.
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../context.h"
#include "../semantics.h"
#include "writer.h"

#define NT_FILE_TYPE 0x46494c45u
#define MAX_AUXV (1u << 20)
/* e_phnum is 16 bits; past 0xffff the PN_XNUM extension would be needed. */
#define MAX_LOADS 0xfffeu

struct core_load {
    uint64_t start, size, offset;
    uint32_t flags;  /* PF_* */
    bool no_bytes;   /* a region none of whose bytes can be read: p_filesz 0 */
};

struct core_layout {
    ds_target *t;
    bool is64;
    uint16_t em;
    uint64_t page;
    struct core_load *loads;
    size_t nloads, cap;
};

static uint32_t pf_of(uint32_t protect)
{
    uint32_t f = 0;
    switch (protect & 0xff) {
    case PAGE_READONLY: f = PF_R; break;
    case PAGE_READWRITE: case PAGE_WRITECOPY: f = PF_R | PF_W; break;
    case PAGE_EXECUTE_READ: f = PF_R | PF_X; break;
    case PAGE_EXECUTE_READWRITE: case PAGE_EXECUTE_WRITECOPY: f = PF_R | PF_W | PF_X; break;
    case PAGE_EXECUTE: f = PF_X; break;
    default: f = PF_R; break;
    }
    return f;
}

static HRESULT add_load(struct core_layout *l, uint64_t start, uint64_t size, uint32_t flags)
{
    if (l->nloads == MAX_LOADS)
        return ds_fail(l->t, E_FAIL, "WriteDumpFile2: %s has more than %u stretches of readable "
                       "memory, more than an ELF core's program header count holds", l->t->where,
                       MAX_LOADS);
    if (l->nloads == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        struct core_load *v = realloc(l->loads, cap * sizeof *v);
        if (!v)
            return ds_fail(l->t, E_OUTOFMEMORY, "WriteDumpFile2: out of memory listing the "
                           "segments of %s", l->t->where);
        l->loads = v;
        l->cap = cap;
    }
    l->loads[l->nloads++] = (struct core_load){ start, size, 0, flags, false };
    return S_OK;
}

static int load_by_start(const void *a, const void *b)
{
    const struct core_load *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* QueryVirtual's regions below the first free one, walked once: they
   cut the readable runs into segments of one protection and name the
   regions without bytes. *regions malloc'd (NULL and 0 without query). */
static HRESULT list_regions(ds_target *t, struct ds_region **regions, size_t *n)
{
    *regions = NULL;
    *n = 0;
    if (!t->ops->query)
        return S_OK;
    size_t cap = 0;
    uint64_t addr = 0;
    for (uint32_t guard = 0; guard < DS_DUMP_MAX_RUNS; guard++) {
        struct ds_region r = { 0 };
        if (t->ops->query(t, addr, &r) != S_OK || !r.size || r.state == MEM_FREE)
            break;
        if (*n == cap) {
            cap = cap ? cap * 2 : 256;
            struct ds_region *v = realloc(*regions, cap * sizeof *v);
            if (!v) {
                free(*regions);
                *regions = NULL;
                *n = 0;
                return ds_fail(t, E_OUTOFMEMORY, "WriteDumpFile2: out of memory listing the "
                               "regions of %s", t->where);
            }
            *regions = v;
        }
        (*regions)[(*n)++] = r;
        if (r.base + r.size <= r.base || r.base + r.size <= addr)
            break;
        addr = r.base + r.size;
    }
    ds_clear_error(t);
    return S_OK;
}

/* Regions none of whose bytes the target can supply (PROT_NONE mappings,
   guard pages) as PT_LOADs without file bytes, as the kernel writes them,
   so that a reader of the core still sees the region. Both lists are in
   address order. */
static HRESULT plan_empty_loads(struct core_layout *l, const struct dump_run *runs, size_t nruns,
                                const struct ds_region *regions, size_t nregions)
{
    size_t j = 0;  /* the first run not wholly below the region */
    for (size_t i = 0; i < nregions; i++) {
        const struct ds_region *r = &regions[i];
        while (j < nruns && ds_last_byte(runs[j].start, runs[j].size) < r->base)
            j++;
        uint64_t start = j < nruns && runs[j].start > r->base ? runs[j].start : r->base;
        if (r->state != MEM_COMMIT || (j < nruns && start - r->base < r->size))
            continue;
        HRESULT hr = add_load(l, r->base, r->size, 0);
        if (FAILED(hr))
            return hr;
        l->loads[l->nloads - 1].no_bytes = true;
    }
    if (l->nloads > 1) /* qsort wants a real array, even for none */
        qsort(l->loads, l->nloads, sizeof *l->loads, load_by_start);
    return S_OK;
}

/* Each readable run, cut where QueryVirtual's regions change, so that a
   segment has one protection. */
static HRESULT plan_loads(struct core_layout *l, const struct dump_run *runs, size_t nruns,
                          const struct ds_region *regions, size_t nregions)
{
    size_t k = 0;  /* the first region not wholly below the piece */
    for (size_t i = 0; i < nruns; i++) {
        uint64_t at = runs[i].start, end = runs[i].start + runs[i].size;  /* end 0: the top */
        while (at < end || (end == 0 && at != 0)) {
            while (k < nregions && ds_last_byte(regions[k].base, regions[k].size) < at)
                k++;
            const struct ds_region *r = k < nregions ? &regions[k] : NULL;
            uint64_t piece_end = end;
            uint32_t flags = PF_R;
            if (r && r->base <= at) {
                uint64_t rend = r->base + r->size;
                if (rend > at && (end == 0 || rend < end))
                    piece_end = rend;
                flags = pf_of(r->protect) | PF_R;
            }
            HRESULT hr = add_load(l, at, piece_end - at, flags);
            if (FAILED(hr))
                return hr;
            if (piece_end == 0)
                break;
            at = piece_end;
        }
    }
    return S_OK;
}

static void add_note(struct dump_blob *b, uint32_t type, const void *desc, size_t size)
{
    uint64_t at = blob_add(b, NULL, 12, 4);
    blob_put32(b, at, 5);
    blob_put32(b, at + 4, (uint32_t)size);
    blob_put32(b, at + 8, type);
    blob_add(b, "CORE", 5, 1);
    blob_add(b, desc, size, 4);
    blob_add(b, NULL, 0, 4);
}

/* The program's name and arguments for NT_PRPSINFO: a live process's
   /proc/PID/comm and cmdline, else the first module's file name. */
static void process_names(ds_target *t, char fname[16], char psargs[80])
{
    memset(fname, 0, 16);
    memset(psargs, 0, 80);
    char path[64];
    if (strcmp(t->ops->name, "live") == 0) {
        snprintf(path, sizeof path, "/proc/%u/comm", t->pid);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            ssize_t n = read(fd, fname, 15);
            close(fd);
            if (n > 0 && fname[n - 1] == '\n')
                fname[n - 1] = 0;
        }
        snprintf(path, sizeof path, "/proc/%u/cmdline", t->pid);
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            ssize_t n = read(fd, psargs, 79);
            close(fd);
            for (ssize_t i = 0; i + 1 < n; i++)
                if (!psargs[i])
                    psargs[i] = ' ';
        }
        return;
    }
    const char *name = t->module_count && t->modules[0].name ? t->modules[0].name : "";
    const char *slash = strrchr(name, '/'), *bslash = strrchr(name, '\\');
    const char *base = slash && (!bslash || slash > bslash) ? slash + 1 : bslash ? bslash + 1 : name;
    snprintf(fname, 16, "%s", base);
    snprintf(psargs, 80, "%s", name);
}

static void put_word(struct dump_blob *b, uint64_t at, bool is64, uint64_t v)
{
    if (is64)
        blob_put64(b, at, v);
    else
        blob_put32(b, at, (uint32_t)v);
}

static void write_prpsinfo(struct dump_blob *b, const struct core_layout *l)
{
    uint8_t d[136];
    memset(d, 0, sizeof d);
    char fname[16], psargs[80];
    process_names(l->t, fname, psargs);
    size_t pid_at = l->is64 ? 24 : 12, names_at = l->is64 ? 40 : 28;
    d[1] = 'R';
    for (int i = 0; i < 4; i++)
        d[pid_at + i] = (uint8_t)(l->t->pid >> (8 * i));
    memcpy(d + names_at, fname, 16);
    memcpy(d + names_at + 16, psargs, 80);
    add_note(b, NT_PRPSINFO, d, l->is64 ? 136 : 124);
}

static void write_auxv(struct dump_blob *b, ds_target *t)
{
    if (strcmp(t->ops->name, "live") != 0)
        return;
    char path[64];
    snprintf(path, sizeof path, "/proc/%u/auxv", t->pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    uint8_t *buf = malloc(MAX_AUXV);
    size_t len = 0;
    ssize_t n;
    while (buf && len < MAX_AUXV && (n = read(fd, buf + len, MAX_AUXV - len)) > 0)
        len += (size_t)n;
    close(fd);
    if (buf && len)
        add_note(b, NT_AUXV, buf, len);
    free(buf);
}

/* NT_FILE: count, page size, then (start, end, offset in pages) per
   entry, then the names; words of the core's class. */
static void write_nt_file(struct dump_blob *b, const struct core_layout *l)
{
    ds_target *t = l->t;
    unsigned w = l->is64 ? 8 : 4;
    uint32_t n = 0;
    size_t names = 0;
    for (uint32_t i = 0; i < t->module_count; i++)
        if (t->modules[i].name && t->modules[i].size) {
            n++;
            names += strlen(t->modules[i].name) + 1;
        }
    if (!n)
        return;
    size_t size = 2 * w + (size_t)n * 3 * w + names;
    uint8_t *d = calloc(1, size);
    if (!d) {
        b->failed = true;
        return;
    }
    struct dump_blob db = { .p = d, .len = size, .cap = size };
    put_word(&db, 0, l->is64, n);
    put_word(&db, w, l->is64, l->page);
    size_t e = 2 * w, s = 2 * w + (size_t)n * 3 * w;
    for (uint32_t i = 0; i < t->module_count; i++) {
        const struct ds_module *m = &t->modules[i];
        if (!m->name || !m->size)
            continue;
        put_word(&db, e, l->is64, m->base);
        put_word(&db, e + w, l->is64, m->base + m->size);
        put_word(&db, e + 2 * w, l->is64, 0);
        e += 3 * w;
        size_t len = strlen(m->name) + 1;
        memcpy(d + s, m->name, len);
        s += len;
    }
    add_note(b, NT_FILE_TYPE, d, size);
    free(d);
}

/* elf_prstatus: pr_pid at 32 (24 on i386), pr_reg at 112 (72), then
   pr_fpvalid. */
static void write_thread_notes(struct dump_blob *b, const struct core_layout *l,
                               const struct dump_thread *th)
{
    uint8_t d[512], regs[528];
    memset(d, 0, sizeof d);
    size_t pid_at = l->is64 ? 32 : 24, reg_at = l->is64 ? 112 : 72;
    size_t nreg = th->have_context ? ds_linux_gregs_from_context(l->t->machine, th->context, regs)
                                   : ds_linux_gregs_size(l->t->machine);
    if (!th->have_context)
        memset(regs, 0, nreg);
    for (int i = 0; i < 4; i++) {
        d[pid_at + i] = (uint8_t)(th->tid >> (8 * i));
        d[pid_at + 4 + i] = 0;
    }
    memcpy(d + reg_at, regs, nreg);
    size_t fp = th->have_context ? ds_linux_fpregs_from_context(l->t->machine, th->context, regs)
                                 : 0;
    d[reg_at + nreg] = fp != 0;  /* pr_fpvalid */
    size_t size = reg_at + nreg + 4;
    if (l->is64)
        size = (size + 7) & ~(size_t)7;
    add_note(b, NT_PRSTATUS, d, size);
    if (fp)
        add_note(b, NT_FPREGSET, regs, fp);
    size_t xfp = th->have_context ? ds_linux_xfpregs_from_context(l->t->machine, th->context, regs)
                                  : 0;
    if (xfp)
        add_note(b, DS_NT_PRXFPREG, regs, xfp);
}

static void write_headers(struct dump_blob *b, const struct core_layout *l, uint64_t notes_off,
                          uint64_t notes_size)
{
    bool is64 = l->is64;
    size_t eh = is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
    size_t ph = is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
    uint8_t *p = b->p;
    memcpy(p, ELFMAG, SELFMAG);
    p[EI_CLASS] = is64 ? ELFCLASS64 : ELFCLASS32;
    p[EI_DATA] = ELFDATA2LSB;
    p[EI_VERSION] = EV_CURRENT;
    p[EI_OSABI] = ELFOSABI_NONE;
    blob_put16(b, 16, ET_CORE);
    blob_put16(b, 18, l->em);
    blob_put32(b, 20, EV_CURRENT);
    if (is64) {
        blob_put64(b, 32, eh);           /* e_phoff */
        blob_put16(b, 52, (uint16_t)eh); /* e_ehsize */
        blob_put16(b, 54, (uint16_t)ph);
        blob_put16(b, 56, (uint16_t)(l->nloads + 1));
    } else {
        blob_put32(b, 28, (uint32_t)eh);
        blob_put16(b, 40, (uint16_t)eh);
        blob_put16(b, 42, (uint16_t)ph);
        blob_put16(b, 44, (uint16_t)(l->nloads + 1));
    }
    /* PT_NOTE, then the loads. */
    for (size_t i = 0; i <= l->nloads; i++) {
        uint64_t at = eh + i * ph;
        uint32_t type = i ? PT_LOAD : PT_NOTE;
        uint64_t off = i ? l->loads[i - 1].offset : notes_off;
        uint64_t va = i ? l->loads[i - 1].start : 0;
        uint64_t sz = i ? l->loads[i - 1].size : notes_size;
        uint64_t filesz = i && l->loads[i - 1].no_bytes ? 0 : sz;
        uint32_t flags = i ? l->loads[i - 1].flags : PF_R;
        uint64_t align = i ? l->page : 4;
        if (is64) {
            blob_put32(b, at, type);
            blob_put32(b, at + 4, flags);
            blob_put64(b, at + 8, off);
            blob_put64(b, at + 16, va);
            blob_put64(b, at + 24, 0);  /* p_paddr */
            blob_put64(b, at + 32, filesz);
            blob_put64(b, at + 40, sz);
            blob_put64(b, at + 48, align);
        } else {
            blob_put32(b, at, type);
            blob_put32(b, at + 4, (uint32_t)off);
            blob_put32(b, at + 8, (uint32_t)va);
            blob_put32(b, at + 12, 0);
            blob_put32(b, at + 16, (uint32_t)filesz);
            blob_put32(b, at + 20, (uint32_t)sz);
            blob_put32(b, at + 24, flags);
            blob_put32(b, at + 28, (uint32_t)align);
        }
    }
}

HRESULT elfcore_write(struct dump_out *o, uint32_t flags)
{
    (void)flags;  /* an ELF core always holds every readable byte */
    ds_target *t = o->t;
    struct core_layout l = { .t = t, .page = ds_page_bytes(t) };
    switch (t->machine) {
    case IMAGE_FILE_MACHINE_AMD64: l.em = EM_X86_64, l.is64 = true; break;
    case IMAGE_FILE_MACHINE_ARM64: l.em = EM_AARCH64, l.is64 = true; break;
    case IMAGE_FILE_MACHINE_I386: l.em = EM_386, l.is64 = false; break;
    default:
        return ds_fail(t, E_NOTIMPL, "WriteDumpFile2: %s is a machine of type 0x%x; ELF cores "
                       "are written for x86-64, x86 and ARM64 only", t->where, t->machine);
    }
    struct dump_run *runs = NULL;
    struct ds_region *regions = NULL;
    struct dump_thread *threads = NULL;
    size_t nruns = 0, nregions = 0, nthreads = 0;
    struct dump_blob b = { 0 }, notes = { 0 };
    uint8_t *chunk = NULL;
    HRESULT hr = dump_readable_runs(t, &runs, &nruns);
    if (SUCCEEDED(hr))
        hr = list_regions(t, &regions, &nregions);
    if (SUCCEEDED(hr))
        hr = plan_loads(&l, runs, nruns, regions, nregions);
    if (SUCCEEDED(hr))
        hr = plan_empty_loads(&l, runs, nruns, regions, nregions);
    if (SUCCEEDED(hr))
        hr = dump_threads(t, &threads, &nthreads);
    if (FAILED(hr))
        goto done;
    if (!l.is64 && nruns && runs[nruns - 1].start + runs[nruns - 1].size - 1 > UINT32_MAX) {
        hr = ds_fail(t, E_FAIL, "WriteDumpFile2: %s has memory above 4 GiB, which a 32-bit "
                     "ELF core cannot place", t->where);
        goto done;
    }

    write_prpsinfo(&notes, &l);
    write_auxv(&notes, t);
    write_nt_file(&notes, &l);
    for (size_t i = 0; i < nthreads; i++)
        write_thread_notes(&notes, &l, &threads[i]);

    size_t eh = l.is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
    size_t ph = l.is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
    uint64_t notes_off = eh + (l.nloads + 1) * ph;
    uint64_t off = notes_off + notes.len;
    for (size_t i = 0; i < l.nloads; i++) {
        if (l.loads[i].no_bytes) {
            l.loads[i].offset = off;
            continue;
        }
        uint64_t want = l.loads[i].start % l.page;
        off = (off - want + l.page - 1) / l.page * l.page + want;  /* off = start (mod page) */
        l.loads[i].offset = off;
        off += l.loads[i].size;
        o->mem_total += l.loads[i].size;
    }
    if (!l.is64 && off > UINT32_MAX) {
        hr = ds_fail(t, E_FAIL, "WriteDumpFile2: %s would be larger than a 32-bit ELF core's "
                     "4 GiB of offsets", o->path);
        goto done;
    }
    blob_add(&b, NULL, notes_off, 1);
    if (b.failed || notes.failed) {
        hr = ds_fail(t, E_OUTOFMEMORY, "WriteDumpFile2: out of memory laying out %s", o->path);
        goto done;
    }
    write_headers(&b, &l, notes_off, notes.len);
    chunk = malloc(DS_DUMP_CHUNK);
    if (!chunk) {
        hr = ds_fail(t, E_OUTOFMEMORY, "WriteDumpFile2: out of memory writing %s", o->path);
        goto done;
    }
    hr = dump_out_pwrite(o, b.p, b.len, 0);
    if (SUCCEEDED(hr))
        hr = dump_out_pwrite(o, notes.p, notes.len, notes_off);
    uint64_t zeroed = 0;
    for (size_t i = 0; i < l.nloads && SUCCEEDED(hr); i++)
        if (!l.loads[i].no_bytes)
            hr = dump_out_memory(o, l.loads[i].start, l.loads[i].size, l.loads[i].offset, chunk,
                             &zeroed);
done:
    free(l.loads);
    free(regions);
    free(runs);
    free(threads);
    free(b.p);
    free(notes.p);
    free(chunk);
    return hr;
}
