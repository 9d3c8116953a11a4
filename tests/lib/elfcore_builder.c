/* elfcore_builder.c — see elfcore_builder.h. */
#include "elfcore_builder.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"

/* The sizes are those of real cores of each machine (readelf -n): struct
   elf_prstatus and struct elf_prpsinfo as each kernel lays them out. */
const struct ecb_arch ecb_arches[] = {
    { "x86_64", EM_X86_64, true, false, 0, 336, 136 },
    { "i386", EM_386, false, false, 0, 144, 124 },
    { "x32", EM_X86_64, false, false, 0, 296, 124 },
    { "aarch64", EM_AARCH64, true, false, 0, 392, 136 },
    { "arm", EM_ARM, false, false, 0x05000000, 148, 124 },
    { "ppc32", EM_PPC, false, true, 0, 268, 128 },
    { "ppc64", EM_PPC64, true, true, 1, 504, 136 },
    { "ppc64le", EM_PPC64, true, false, 2, 504, 136 },
    { "s390x", EM_S390, true, true, 0, 336, 136 },
    { "riscv64", EM_RISCV, true, false, 5, 376, 136 },
    { "mipsel", EM_MIPS, false, false, 0x70001007, 256, 128 },
    { "mips", EM_MIPS, false, true, 0x70001007, 256, 128 },
    { "mips64el", EM_MIPS, true, false, 0x80000007, 480, 136 },
};
const size_t ecb_narches = sizeof ecb_arches / sizeof ecb_arches[0];

const struct ecb_arch *ecb_arch(const char *name)
{
    for (size_t i = 0; i < ecb_narches; i++)
        if (strcmp(ecb_arches[i].name, name) == 0)
            return &ecb_arches[i];
    return NULL;
}

void ecb_put(const struct ecb *b, uint8_t *at, uint64_t value, unsigned size)
{
    for (unsigned i = 0; i < size; i++)
        at[b->arch->big_endian ? size - 1 - i : i] = (uint8_t)(value >> (8 * i));
}

uint64_t ecb_get(const struct ecb *b, const uint8_t *at, unsigned size)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint64_t)at[b->arch->big_endian ? size - 1 - i : i] << (8 * i);
    return v;
}

static void must(bool ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "elfcore_builder: %s\n", what);
        abort();
    }
}

void ecb_init(struct ecb *b, const struct ecb_arch *arch, uint32_t pid)
{
    must(arch != NULL, "unknown architecture");
    memset(b, 0, sizeof *b);
    b->arch = arch;
    b->pid = pid;
    b->tids[b->nthreads++] = pid;
}

void ecb_add_thread(struct ecb *b, uint32_t tid)
{
    must(b->nthreads < ECB_MAX_THREADS, "too many threads");
    b->tids[b->nthreads++] = tid;
}

uint8_t *ecb_add_load(struct ecb *b, uint64_t vaddr, uint64_t memsz, uint64_t filesz,
                      uint32_t flags)
{
    must(b->nloads < ECB_MAX_LOADS, "too many loads");
    must(filesz <= memsz && filesz <= (64u << 20), "bad load size");
    struct ecb_load *l = &b->loads[b->nloads++];
    *l = (struct ecb_load){ vaddr, memsz, filesz, flags, calloc(1, filesz ? filesz : 1), 0 };
    must(l->data != NULL, "out of memory");
    return l->data;
}

void ecb_add_file(struct ecb *b, uint64_t start, uint64_t end, uint64_t page_offset,
                  const char *name)
{
    must(b->nfiles < ECB_MAX_FILES, "too many files");
    struct ecb_file *f = &b->files[b->nfiles++];
    f->start = start, f->end = end, f->page_offset = page_offset;
    snprintf(f->name, sizeof f->name, "%s", name);
}

void ecb_add_auxv(struct ecb *b, uint64_t type, uint64_t value)
{
    must(b->nauxv < ECB_MAX_AUXV - 1, "too many auxv entries");
    b->auxv[b->nauxv][0] = type;
    b->auxv[b->nauxv++][1] = value;
}

void ecb_free(struct ecb *b)
{
    for (size_t i = 0; i < b->nloads; i++)
        free(b->loads[i].data);
    b->nloads = 0;
}

/* ---- a whole process ---------------------------------------------------- */

uint8_t ecb_pattern(uint64_t addr)
{
    return (uint8_t)(addr * 131u + (addr >> 9) + (addr >> 17) + 7u);
}

static uint8_t *patterned(struct ecb *b, uint64_t vaddr, uint64_t pages, uint64_t in_core,
                          uint32_t flags)
{
    uint8_t *d = ecb_add_load(b, vaddr, pages * 4096, in_core * 4096, flags);
    for (uint64_t i = 0; i < in_core * 4096; i++)
        d[i] = ecb_pattern(vaddr + i);
    return d;
}

/* An ELF header of the core's class and byte order (e_ident, e_type). */
static void elf_header(const struct ecb *b, uint8_t *at, uint16_t type)
{
    memset(at, 0, 64);
    memcpy(at, ELFMAG, SELFMAG);
    at[EI_CLASS] = b->arch->is64 ? ELFCLASS64 : ELFCLASS32;
    at[EI_DATA] = b->arch->big_endian ? ELFDATA2MSB : ELFDATA2LSB;
    at[EI_VERSION] = EV_CURRENT;
    ecb_put(b, at + 16, type, 2);
    ecb_put(b, at + 18, b->arch->machine, 2);
}

void ecb_standard_process(struct ecb *b, struct ecb_layout *L)
{
    const bool is64 = b->arch->is64;
    const unsigned w = is64 ? 8 : 4;
    L->exe = is64 ? 0x555555554000ull : 0x00400000u;
    L->exe_data = L->exe + 0x2000;
    L->heap = L->exe + 0x100000;
    L->lib = is64 ? 0x7f1234560000ull : 0xf7700000u;
    L->lib_hole = L->lib + 0x3000;
    L->lib_rodata = L->lib + 0x4000;
    L->lib_data = L->lib + 0x5000;
    L->stack = is64 ? 0x7ffc12340000ull : 0xffb40000u;
    L->pointers = L->exe_data + 0x100;

    elf_header(b, patterned(b, L->exe, 2, 1, PF_R | PF_X), ET_DYN);
    uint8_t *data = patterned(b, L->exe_data, 1, 1, PF_R | PF_W);
    for (unsigned i = 0; i < ECB_POINTERS; i++) {
        L->pointer_values[i] = L->lib + 0x10 + 0x1111 * i;
        ecb_put(b, data + 0x100 + i * w, L->pointer_values[i], w);
    }
    patterned(b, L->heap, 3, 3, PF_R | PF_W);
    elf_header(b, patterned(b, L->lib, 3, 1, PF_R | PF_X), ET_DYN);
    patterned(b, L->lib_hole, 1, 0, 0);
    patterned(b, L->lib_rodata, 1, 1, PF_R);
    patterned(b, L->lib_data, 1, 1, PF_R | PF_W);
    patterned(b, L->stack, 2, 2, PF_R | PF_W);

    ecb_add_file(b, L->exe, L->exe + 0x2000, 0, "/usr/bin/made_by_test");
    ecb_add_file(b, L->exe_data, L->exe_data + 0x1000, 2, "/usr/bin/made_by_test");
    ecb_add_file(b, L->lib, L->lib + 0x3000, 0, "/usr/lib/libmade.so.1");
    ecb_add_file(b, L->lib_hole, L->lib_hole + 0x1000, 3, "/usr/lib/libmade.so.1");
    ecb_add_file(b, L->lib_rodata, L->lib_rodata + 0x1000, 3, "/usr/lib/libmade.so.1");
    ecb_add_file(b, L->lib_data, L->lib_data + 0x1000, 4, "/usr/lib/libmade.so.1");
    ecb_add_thread(b, b->pid + 1);
    ecb_add_thread(b, b->pid + 2);
    ecb_add_auxv(b, AT_PAGESZ, 4096);
    ecb_add_auxv(b, AT_PHDR, L->exe + 64);
    ecb_add_auxv(b, AT_ENTRY, L->exe + 0x1000);
    ecb_add_auxv(b, AT_BASE, L->lib);
}

uint8_t *ecb_lldb_like_x86_64(size_t *size)
{
    struct ecb b;
    ecb_init(&b, ecb_arch("x86_64"), 32259);
    uint8_t *exe = ecb_add_load(&b, 0x400000, 0x1000, 0x1000, PF_R | PF_X);
    elf_header(&b, exe, ET_EXEC);
    for (int i = 0x40; i < 0x1000; i++)
        exe[i] = ecb_pattern(0x400000u + (unsigned)i);
    uint8_t *stack = ecb_add_load(&b, 0x7ffe0c026000, 0x3000, 0x3000, PF_R | PF_W);
    for (int i = 0; i < 0x3000; i++)
        stack[i] = ecb_pattern(0x7ffe0c026000 + (unsigned)i);
    elf_header(&b, ecb_add_load(&b, 0x7ffe0c16b000, 0x2000, 0x2000, PF_R | PF_X), ET_DYN);
    memset(ecb_add_load(&b, 0x7ffe0c16d000, 0x2000, 0x2000, PF_R), 0x11, 0x2000);
    memset(ecb_add_load(&b, 0xffffffffff600000, 0x1000, 0x1000, PF_R | PF_X), 0xcc, 0x1000);
    ecb_add_file(&b, 0x400000, 0x401000, 0, "/tmp/a.out");
    ecb_add_auxv(&b, AT_PAGESZ, 4096);
    uint8_t *data = ecb_build(&b, size);
    must(b.note_offset == 0x190 && b.loads[0].offset == 0x1000 && b.loads[2].offset == 0x5000,
         "the lldb-like layout moved");
    ecb_free(&b);
    return data;
}

/* ---- writing ------------------------------------------------------------ */

struct out {
    uint8_t *p;
    size_t size, cap;
};

static uint8_t *grow(struct out *o, size_t n)
{
    if (o->size + n > o->cap) {
        size_t cap = o->cap ? o->cap : 4096;
        while (cap < o->size + n)
            cap *= 2;
        o->p = realloc(o->p, cap);
        must(o->p != NULL, "out of memory");
        memset(o->p + o->cap, 0, cap - o->cap);
        o->cap = cap;
    }
    uint8_t *at = o->p + o->size;
    o->size += n;
    return at;
}

static void pad_to(struct out *o, size_t align)
{
    size_t n = (align - o->size % align) % align;
    grow(o, n);
}

/* One note: n_namesz, n_descsz, n_type, "CORE\0" padded to 4, then desc
   (zeroed, returned for the caller to fill) padded to 4. */
static uint8_t *note(const struct ecb *b, struct out *o, uint32_t type, size_t descsz)
{
    uint8_t *h = grow(o, 12);
    ecb_put(b, h, 5, 4);
    ecb_put(b, h + 4, descsz, 4);
    ecb_put(b, h + 8, type, 4);
    memcpy(grow(o, 8), "CORE", 5);
    size_t at = o->size;
    grow(o, (descsz + 3) & ~(size_t)3);
    return o->p + at;
}

/* struct elf_prstatus: elf_siginfo (si_signo, si_code, si_errno), short
   pr_cursig, then pr_sigpend and pr_sighold (unsigned long), then pid_t
   pr_pid, pr_ppid, pr_pgrp, pr_sid. Everything before pr_pid is non-zero,
   so that a reader looking at the wrong offset reads something else. */
static void prstatus(const struct ecb *b, struct out *o, size_t thread)
{
    const uint32_t tid = b->tids[thread];
    const unsigned w = b->arch->is64 ? 8 : 4, pid_at = b->arch->is64 ? 32 : 24;
    size_t at = o->size;
    note(b, o, NT_PRSTATUS, b->arch->prstatus_size);
    uint8_t *d = o->p + at + 20;
    ecb_put(b, d, 11, 4);        /* si_signo: SIGSEGV */
    ecb_put(b, d + 4, 1, 4);     /* si_code */
    ecb_put(b, d + 12, 11, 2);   /* pr_cursig */
    ecb_put(b, d + pid_at - 2 * w, 0x5a5a5a5a, w);  /* pr_sigpend */
    ecb_put(b, d + pid_at - w, 0xa5a5a5a5, w);      /* pr_sighold */
    ecb_put(b, d + pid_at, tid, 4);
    ecb_put(b, d + pid_at + 4, 1, 4);               /* pr_ppid */
    ecb_put(b, d + pid_at + 8, b->pid, 4);          /* pr_pgrp */
    ecb_put(b, d + pid_at + 12, b->pid, 4);         /* pr_sid */
    /* pr_reg after the four timevals (two words each). */
    size_t reg_at = pid_at + 16 + 8 * w;
    if (b->gregs[thread] && reg_at < b->arch->prstatus_size) {
        size_t room = b->arch->prstatus_size - reg_at;
        memcpy(d + reg_at, b->gregs[thread],
               b->gregs_size[thread] < room ? b->gregs_size[thread] : room);
    }
}

/* NT_FPREGSET of a thread, when the test planted one. */
static void fpregset(const struct ecb *b, struct out *o, size_t thread)
{
    if (!b->fpregs[thread])
        return;
    size_t at = o->size;
    note(b, o, 2 /* NT_FPREGSET */, b->fpregs_size[thread]);
    memcpy(o->p + at + 20, b->fpregs[thread], b->fpregs_size[thread]);
}

/* struct elf_prpsinfo: pr_state, pr_sname, pr_zomb, pr_nice, unsigned long
   pr_flag, pr_uid, pr_gid (16 bits where the size says so), pr_pid...,
   then pr_fname[16] and pr_psargs[80] at the end. */
static void prpsinfo(const struct ecb *b, struct out *o)
{
    size_t size = b->arch->prpsinfo_size, at = o->size;
    size_t pid_at = size == 136 ? 24 : size == 128 ? 16 : 12;
    size_t id_size = size == 124 ? 2 : 4;
    note(b, o, NT_PRPSINFO, size);
    uint8_t *d = o->p + at + 20;
    d[1] = 'R';
    ecb_put(b, d + pid_at - 2 * id_size, 1000, id_size);  /* pr_uid */
    ecb_put(b, d + pid_at - id_size, 1000, id_size);      /* pr_gid */
    ecb_put(b, d + pid_at, b->pid, 4);
    ecb_put(b, d + pid_at + 4, 1, 4);
    memcpy(d + size - 96, "made_by_test", 12);
    memcpy(d + size - 80, "made_by_test --core", 19);
}

static void auxv(const struct ecb *b, struct out *o)
{
    const unsigned w = b->arch->is64 ? 8 : 4;
    size_t at = o->size;
    note(b, o, NT_AUXV, (b->nauxv + 1) * 2 * w);
    uint8_t *d = o->p + at + 20;
    for (size_t i = 0; i < b->nauxv; i++) {
        ecb_put(b, d + 2 * w * i, b->auxv[i][0], w);
        ecb_put(b, d + 2 * w * i + w, b->auxv[i][1], w);
    }
}

static void nt_file(const struct ecb *b, struct out *o)
{
    const unsigned w = b->arch->is64 ? 8 : 4;
    size_t names = 0;
    for (size_t i = 0; i < b->nfiles; i++)
        names += strlen(b->files[i].name) + 1;
    size_t at = o->size;
    note(b, o, NT_FILE, 2 * w + b->nfiles * 3 * w + names);
    uint8_t *d = o->p + at + 20;
    ecb_put(b, d, b->nfiles, w);
    ecb_put(b, d + w, 4096, w);
    char *name = (char *)d + 2 * w + b->nfiles * 3 * w;
    for (size_t i = 0; i < b->nfiles; i++) {
        uint8_t *e = d + 2 * w + i * 3 * w;
        ecb_put(b, e, b->files[i].start, w);
        ecb_put(b, e + w, b->files[i].end, w);
        ecb_put(b, e + 2 * w, b->files[i].page_offset, w);
        size_t len = strlen(b->files[i].name) + 1;
        memcpy(name, b->files[i].name, len);
        name += len;
    }
}

/* Program header i: Elf64_Phdr (type flags offset vaddr paddr filesz memsz
   align) or Elf32_Phdr (type offset vaddr paddr filesz memsz flags align). */
static void phdr(const struct ecb *b, uint8_t *ph, uint32_t type, uint32_t flags,
                 uint64_t offset, uint64_t vaddr, uint64_t filesz, uint64_t memsz,
                 uint64_t align)
{
    if (b->arch->is64) {
        ecb_put(b, ph, type, 4);
        ecb_put(b, ph + 4, flags, 4);
        ecb_put(b, ph + 8, offset, 8);
        ecb_put(b, ph + 16, vaddr, 8);
        ecb_put(b, ph + 32, filesz, 8);
        ecb_put(b, ph + 40, memsz, 8);
        ecb_put(b, ph + 48, align, 8);
    } else {
        ecb_put(b, ph, type, 4);
        ecb_put(b, ph + 4, offset, 4);
        ecb_put(b, ph + 8, vaddr, 4);
        ecb_put(b, ph + 16, filesz, 4);
        ecb_put(b, ph + 20, memsz, 4);
        ecb_put(b, ph + 24, flags, 4);
        ecb_put(b, ph + 28, align, 4);
    }
}

uint8_t *ecb_build(struct ecb *b, size_t *size)
{
    const bool is64 = b->arch->is64;
    const size_t ehsize = is64 ? 64 : 52, phentsize = is64 ? 56 : 32;
    const size_t phnum = 1 + b->nloads;
    struct out o = { 0 };
    grow(&o, ehsize + phnum * phentsize);

    /* The notes, in the kernel's order: the dumping thread's NT_PRSTATUS,
       NT_PRPSINFO, NT_AUXV, NT_FILE, then the other threads. */
    b->phoff = ehsize;
    b->note_offset = o.size;
    prstatus(b, &o, 0);
    b->first_note_end = o.size;
    prpsinfo(b, &o);
    auxv(b, &o);
    if (b->nfiles)
        nt_file(b, &o);
    fpregset(b, &o, 0);
    for (size_t i = 1; i < b->nthreads; i++) {
        prstatus(b, &o, i);
        fpregset(b, &o, i);
    }
    b->note_size = o.size - b->note_offset;

    for (size_t i = 0; i < b->nloads; i++) {
        pad_to(&o, 4096);
        b->loads[i].offset = o.size;
        if (b->loads[i].filesz)
            memcpy(grow(&o, b->loads[i].filesz), b->loads[i].data, b->loads[i].filesz);
    }

    uint8_t *eh = o.p;
    memcpy(eh, ELFMAG, SELFMAG);
    eh[EI_CLASS] = is64 ? ELFCLASS64 : ELFCLASS32;
    eh[EI_DATA] = b->arch->big_endian ? ELFDATA2MSB : ELFDATA2LSB;
    eh[EI_VERSION] = EV_CURRENT;
    ecb_put(b, eh + 16, ET_CORE, 2);
    ecb_put(b, eh + 18, b->arch->machine, 2);
    ecb_put(b, eh + 20, EV_CURRENT, 4);
    /* e_entry 0; e_phoff; e_shoff 0; e_flags; e_ehsize; e_phentsize; e_phnum */
    size_t at = is64 ? 32 : 28, w = is64 ? 8 : 4;
    ecb_put(b, eh + at, b->phoff, (unsigned)w);
    at += 2 * w;
    ecb_put(b, eh + at, b->arch->e_flags, 4);
    ecb_put(b, eh + at + 4, ehsize, 2);
    ecb_put(b, eh + at + 6, phentsize, 2);
    ecb_put(b, eh + at + 8, phnum, 2);

    uint8_t *ph = o.p + b->phoff;
    phdr(b, ph, PT_NOTE, 0, b->note_offset, 0, b->note_size, 0, 4);
    for (size_t i = 0; i < b->nloads; i++) {
        const struct ecb_load *l = &b->loads[i];
        phdr(b, ph + (i + 1) * phentsize, PT_LOAD, l->flags, l->offset, l->vaddr, l->filesz,
             l->memsz, 4096);
    }
    *size = o.size;
    return o.p;
}

bool ecb_write(struct ecb *b, const char *path)
{
    size_t size;
    uint8_t *data = ecb_build(b, &size);
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(data, 1, size, f) == size;
    if (f && fclose(f) != 0)
        ok = false;
    free(data);
    return ok;
}

void ecb_write_temp(struct ecb *b, char *path)
{
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_true(ecb_write(b, path));
}
