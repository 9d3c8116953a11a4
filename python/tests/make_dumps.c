/*
 * make_dumps — writes a dump the test library builds to a file for the
 * Python tests, with the truth beside it (OUT.truth, one fact a line):
 *
 *   make_dumps minidump SCENE OUT   one of tests/lib/minidump_scenes.c:
 *       "range START SIZE OFFSET" (SIZE bytes at START are OUT.bytes's
 *       bytes from OFFSET: mdb_truth_read's answer), "thread TID",
 *       "module BASE SIZE NAME", "pointer_size N", "machine N", "pid N"
 *   make_dumps core ARCH OUT        elfcore_builder's standard process for
 *       ARCH ("s390x", "ppc32", "x86_64", "i386" ...): "pointers ADDR",
 *       "value V" (the pointers' values, in order), "exe ADDR", "lib ADDR",
 *       "pointer_size N", "big_endian 0|1"
 *
 * The test library is cmocka's; nothing here runs a cmocka test.
 */
#include "testlib.h"
#include "minidump_builder.h"
#include "elfcore_builder.h"

#include <stdlib.h>
#include <string.h>

static int core(const char *arch_name, const char *out)
{
    const struct ecb_arch *arch = ecb_arch(arch_name);
    if (!arch) {
        fprintf(stderr, "make_dumps: no architecture %s\n", arch_name);
        return 2;
    }
    static struct ecb b;
    struct ecb_layout l;
    ecb_init(&b, arch, 4242);
    ecb_standard_process(&b, &l);
    if (!ecb_write(&b, out)) {
        perror(out);
        return 1;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s.truth", out);
    FILE *truth = fopen(path, "w");
    if (!truth) {
        perror(path);
        return 1;
    }
    fprintf(truth, "pointers 0x%llx\n", (unsigned long long)l.pointers);
    for (int i = 0; i < ECB_POINTERS; i++)
        fprintf(truth, "value 0x%llx\n", (unsigned long long)l.pointer_values[i]);
    fprintf(truth, "exe 0x%llx\nlib 0x%llx\npointer_size %u\nbig_endian %d\n",
            (unsigned long long)l.exe, (unsigned long long)l.lib, arch->is64 ? 8u : 4u,
            arch->big_endian ? 1 : 0);
    fclose(truth);
    ecb_free(&b);
    return 0;
}

static int minidump(const char *scene_name, const char *out);

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "core") == 0)
        return core(argv[2], argv[3]);
    if (argc == 4 && strcmp(argv[1], "minidump") == 0)
        return minidump(argv[2], argv[3]);
    fprintf(stderr, "usage: make_dumps minidump SCENE OUT | core ARCH OUT\n");
    return 2;
}

static int minidump(const char *scene_name, const char *out)
{
    const struct mdb_scene *scene = NULL;
    for (size_t i = 0; i < mdb_nscenes; i++)
        if (strcmp(mdb_scenes[i].name, scene_name) == 0)
            scene = &mdb_scenes[i];
    if (!scene) {
        fprintf(stderr, "make_dumps: no scene %s\n", scene_name);
        return 2;
    }
    static struct mdb m;
    scene->make(&m);
    if (!scene->built)
        mdb_build(&m);
    size_t size = scene->built ? m.file_size : m.out.n;
    write_whole_file(out, m.out.p, size);

    char path[4096];
    snprintf(path, sizeof path, "%s.truth", out);
    FILE *truth = fopen(path, "w");
    snprintf(path, sizeof path, "%s.bytes", out);
    FILE *bytes = fopen(path, "wb");
    if (!truth || !bytes) {
        perror("make_dumps");
        return 1;
    }
    uint64_t offset = 0;
    for (size_t i = 0; i < m.nranges; i++) {
        const struct mdb_range *r = &m.ranges[i];
        uint8_t *buf = malloc(r->size ? r->size : 1);
        size_t n = mdb_truth_read(&m, r->start, buf, r->size);
        fprintf(truth, "range 0x%llx %zu %llu\n", (unsigned long long)r->start, n,
                (unsigned long long)offset);
        fwrite(buf, 1, n, bytes);
        offset += n;
        free(buf);
    }
    for (size_t i = 0; i < m.nthreads; i++)
        fprintf(truth, "thread %u\n", m.threads[i].tid);
    for (size_t i = 0; i < m.nmodules; i++)
        fprintf(truth, "module 0x%llx %u %s\n", (unsigned long long)m.modules[i].base,
                m.modules[i].size, m.modules[i].name);
    fprintf(truth, "pointer_size %u\nmachine %u\npid %u\n", mdb_pointer_size(&m), mdb_machine(&m),
            m.pid);
    fclose(truth);
    fclose(bytes);
    return 0;
}
