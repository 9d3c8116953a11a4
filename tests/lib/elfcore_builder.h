/*
 * elfcore_builder.h — Linux ELF core files written byte by byte, in any
 * class and byte order, for tests that must know every byte of a core:
 * the machines this host cannot run (s390x, PowerPC, MIPS, RISC-V, ARM…),
 * big-endian ones above all. A core has what the kernel's has
 * (fs/binfmt_elf.c): one PT_NOTE with NT_PRSTATUS per thread (the size and
 * pr_pid offset of each architecture's struct elf_prstatus), NT_PRPSINFO,
 * NT_AUXV and NT_FILE, then page-aligned PT_LOADs whose p_filesz may be
 * less than p_memsz (memory the core leaves out).
 */
#ifndef DS_ELFCORE_BUILDER_H
#define DS_ELFCORE_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One architecture's core conventions. */
struct ecb_arch {
    const char *name;        /* "s390x", "ppc32", "x32"... */
    uint16_t machine;        /* e_machine (EM_*) */
    bool is64;               /* ELFCLASS64 */
    bool big_endian;         /* ELFDATA2MSB */
    uint32_t e_flags;        /* e_flags as that kernel writes them */
    uint32_t prstatus_size;  /* NT_PRSTATUS n_descsz (sizeof struct elf_prstatus) */
    uint32_t prpsinfo_size;  /* NT_PRPSINFO n_descsz */
};

/* Every architecture the builder knows, and one by name (NULL if unknown). */
extern const struct ecb_arch ecb_arches[];
extern const size_t ecb_narches;
const struct ecb_arch *ecb_arch(const char *name);

#define ECB_MAX_LOADS 32
#define ECB_MAX_THREADS 8
#define ECB_MAX_FILES 16
#define ECB_MAX_AUXV 16

struct ecb_load {
    uint64_t vaddr, memsz, filesz;
    uint32_t flags;          /* PF_R | PF_W | PF_X */
    uint8_t *data;           /* filesz bytes, zeroed by ecb_add_load */
    uint64_t offset;         /* p_offset, set by ecb_build */
};

struct ecb_file {
    uint64_t start, end, page_offset;
    char name[256];
};

struct ecb {
    const struct ecb_arch *arch;
    uint32_t pid;
    uint32_t tids[ECB_MAX_THREADS];
    size_t nthreads;
    struct ecb_load loads[ECB_MAX_LOADS];
    size_t nloads;
    struct ecb_file files[ECB_MAX_FILES];
    size_t nfiles;
    uint64_t auxv[ECB_MAX_AUXV][2];
    size_t nauxv;
    /* Registers planted per thread (index as in tids; NULL: none): pr_reg's
       bytes in NT_PRSTATUS (the machine's elf_gregset_t, cut to what the
       note holds) and an NT_FPREGSET note (after the thread's NT_PRSTATUS,
       for the first thread after NT_FILE, as the kernel orders them). */
    const uint8_t *gregs[ECB_MAX_THREADS];
    size_t gregs_size[ECB_MAX_THREADS];
    const uint8_t *fpregs[ECB_MAX_THREADS];
    size_t fpregs_size[ECB_MAX_THREADS];
    /* Where ecb_build put things, for tests that cut or edit the file. */
    uint64_t phoff, note_offset, note_size, first_note_end;
};

/* A core of the given architecture for process pid; its first thread is
   pid itself (the thread that dumped). */
void ecb_init(struct ecb *b, const struct ecb_arch *arch, uint32_t pid);
/* Another thread (NT_PRSTATUS of its own). */
void ecb_add_thread(struct ecb *b, uint32_t tid);
/* A PT_LOAD of memsz bytes at vaddr, the first filesz of them in the core;
   returns those bytes (zeroed) for the caller to fill. */
uint8_t *ecb_add_load(struct ecb *b, uint64_t vaddr, uint64_t memsz, uint64_t filesz,
                      uint32_t flags);
/* An NT_FILE entry: [start, end) maps name from page page_offset. */
void ecb_add_file(struct ecb *b, uint64_t start, uint64_t end, uint64_t page_offset,
                  const char *name);
/* An NT_AUXV entry (AT_NULL is added at the end). */
void ecb_add_auxv(struct ecb *b, uint64_t type, uint64_t value);
/* The file's bytes (malloc'd; *size set), and the offsets above filled. */
uint8_t *ecb_build(struct ecb *b, size_t *size);
/* Build and write to path; false when the file cannot be written. */
bool ecb_write(struct ecb *b, const char *path);
/* Build and write to a new file made from path (mkstemp's "...XXXXXX",
   rewritten in place to the file's name); the test fails when it cannot. */
void ecb_write_temp(struct ecb *b, char *path);
/* Free the loads' bytes. */
void ecb_free(struct ecb *b);

/* A process as a core shows one, the same on every machine but for the
   addresses (32-bit ones above 2 GiB for the library, so that they
   sign-extend):
     exe        executable text, R-X, 2 pages, only the first (its ELF
                header, of the core's class and order) in the core
     exe_data   1 page RW, right after: pointers at exe_data + 0x100
     heap       3 pages RW, anonymous
     lib        library text, R-X, 3 pages, only the first in the core
     lib_hole   1 page with no access (the loader's alignment gap)
     lib_rodata 1 page R, then lib_data 1 page RW, touching
     stack      2 pages RW
   NT_FILE names exe ("/usr/bin/made_by_test") and lib
   ("/usr/lib/libmade.so.1", hole and data included); two more threads
   (pid + 1, pid + 2). Every other byte is ecb_pattern(its address);
   pointers holds ECB_POINTERS words (the core's size and order), each the
   address of a byte of lib. */
#define ECB_POINTERS 4
struct ecb_layout {
    uint64_t exe, exe_data, heap, lib, lib_hole, lib_rodata, lib_data, stack, pointers;
    uint64_t pointer_values[ECB_POINTERS];
};
void ecb_standard_process(struct ecb *b, struct ecb_layout *out);
uint8_t ecb_pattern(uint64_t addr);

/* The layout of lldb's linux-x86_64.core (a kernel core of a small static
   program), to the byte offset: PT_NOTE at 0x190 (NT_PRSTATUS first),
   then PT_LOADs at file offsets 0x1000.. of a.out's page at 0x400000 (its
   ELF header, file offset 0x1000), the stack (0x7ffe0c026000, 3 pages, at
   0x2000), vdso (0x7ffe0c16b000, 2 pages, at 0x5000), vvar
   (0x7ffe0c16d000, 2 pages of 0x11, at 0x7000) and vsyscall
   (0xffffffffff600000, 1 page of 0xcc, at 0x9000); pid 32259, NT_FILE
   naming a.out. The file (malloc'd). */
uint8_t *ecb_lldb_like_x86_64(size_t *size);

/* A value in the core's byte order and word size, and back. */
void ecb_put(const struct ecb *b, uint8_t *at, uint64_t value, unsigned size);
uint64_t ecb_get(const struct ecb *b, const uint8_t *at, unsigned size);

#endif /* DS_ELFCORE_BUILDER_H */
