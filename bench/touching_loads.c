/*
 * touching_loads — the cost of one GetValidRegionVirtual and of one
 * GetNextDifferentlyValidOffsetVirtual call on a core of 131,070 touching
 * PT_LOADs (issue 15: 1.4 ms a call before the runs were merged at open;
 * goal 20 µs). The core is built here, byte by byte, in a temporary file:
 * 32-byte segments that touch, so the whole core is one run of valid
 * memory, and a call must not walk it segment by segment.
 *
 *   touching_loads [CALLS]   prints "I ..." lines (bench/report.py's info)
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <dataspaces/dataspaces.h>

#define LOADS 131070u
#define LOAD_BYTES 32u
#define BASE 0x10000000ull

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void write_core(FILE *f)
{
    size_t shoff = sizeof(Elf64_Ehdr), phoff = shoff + sizeof(Elf64_Shdr);
    size_t data = phoff + (size_t)LOADS * sizeof(Elf64_Phdr);
    Elf64_Ehdr eh = { 0 };
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = ET_CORE;
    eh.e_machine = EM_X86_64;
    eh.e_version = EV_CURRENT;
    eh.e_phoff = phoff;
    eh.e_shoff = shoff;
    eh.e_ehsize = sizeof eh;
    eh.e_phentsize = sizeof(Elf64_Phdr);
    eh.e_phnum = PN_XNUM;  /* the real count is section 0's sh_info */
    eh.e_shentsize = sizeof(Elf64_Shdr);
    eh.e_shnum = 1;
    Elf64_Shdr sh = { .sh_info = LOADS };
    fwrite(&eh, sizeof eh, 1, f);
    fwrite(&sh, sizeof sh, 1, f);
    for (uint32_t i = 0; i < LOADS; i++) {
        Elf64_Phdr ph = { .p_type = PT_LOAD, .p_flags = PF_R | PF_W,
                          .p_offset = data + (uint64_t)i * LOAD_BYTES,
                          .p_vaddr = BASE + (uint64_t)i * LOAD_BYTES,
                          .p_filesz = LOAD_BYTES, .p_memsz = LOAD_BYTES, .p_align = 1 };
        fwrite(&ph, sizeof ph, 1, f);
    }
    static unsigned char bytes[LOAD_BYTES];
    for (uint32_t i = 0; i < LOADS; i++) {
        memset(bytes, (int)(i & 0xff), sizeof bytes);
        fwrite(bytes, sizeof bytes, 1, f);
    }
}

int main(int argc, char **argv)
{
    long calls = argc > 1 ? atol(argv[1]) : 20000;
    if (calls <= 0)
        calls = 20000;
    char path[] = "/tmp/ds-touching-loads-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f) {
        perror("touching_loads: cannot create the core");
        return 1;
    }
    write_core(f);
    fclose(f);
    ds_target *t;
    double t0 = now();
    HRESULT hr = ds_open_dump(path, 0, &t);
    double open_s = now() - t0;
    unlink(path);
    if (FAILED(hr)) {
        fprintf(stderr, "touching_loads: %s\n", ds_error_text(NULL));
        return 1;
    }
    uint64_t span = (uint64_t)LOADS * LOAD_BYTES, x = 88172645463325252ull, sink = 0;
    long answered = 0;
    t0 = now();
    for (long k = 0; k < calls; k++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        uint64_t vb;
        uint32_t vs;
        if (ds_get_valid_region_virtual(t, BASE + x % span, 4096, &vb, &vs) == S_OK) {
            sink += vs;
            answered++;
        }
    }
    double valid_s = now() - t0;
    t0 = now();
    for (long k = 0; k < calls; k++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        uint64_t next;
        if (ds_get_next_differently_valid_offset_virtual(t, BASE + x % span, &next) == S_OK) {
            sink += next;
            answered++;
        }
    }
    double next_s = now() - t0;
    ds_close(t);
    if (answered != 2 * calls) {
        fprintf(stderr, "touching_loads: only %ld of %ld calls answered S_OK\n", answered,
                2 * calls);
        return 1;
    }
    printf("I touching_loads_count %u\n", LOADS);
    printf("I touching_loads_open_ms %.3f\n", open_s * 1e3);
    printf("I touching_loads_valid_region_us %.3f\n", valid_s / calls * 1e6);
    printf("I touching_loads_next_offset_us %.3f\n", next_s / calls * 1e6);
    printf("I touching_loads_sink %llu\n", (unsigned long long)(sink & 1));
    return 0;
}
