/*
 * make_minidump — writes one of the test library's minidump scenes
 * (tests/lib/minidump_scenes.c) to a file for the Python tests, with the
 * truth beside it:
 *
 *   make_minidump SCENE OUT
 *
 * OUT is the dump; OUT.truth lists what reads of it must give, one line
 * each: "range START SIZE OFFSET" (SIZE bytes at START are OUT.bytes's
 * bytes from OFFSET: mdb_truth_read's answer), "thread TID", "module BASE
 * SIZE NAME", "pointer_size N", "machine N", "pid N".
 * The test library is cmocka's; nothing here runs a cmocka test.
 */
#include "testlib.h"
#include "minidump_builder.h"

#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: make_minidump SCENE OUT\n");
        return 2;
    }
    const struct mdb_scene *scene = NULL;
    for (size_t i = 0; i < mdb_nscenes; i++)
        if (strcmp(mdb_scenes[i].name, argv[1]) == 0)
            scene = &mdb_scenes[i];
    if (!scene) {
        fprintf(stderr, "make_minidump: no scene %s\n", argv[1]);
        return 2;
    }
    static struct mdb m;
    scene->make(&m);
    if (!scene->built)
        mdb_build(&m);
    size_t size = scene->built ? m.file_size : m.out.n;
    write_whole_file(argv[2], m.out.p, size);

    char path[4096];
    snprintf(path, sizeof path, "%s.truth", argv[2]);
    FILE *truth = fopen(path, "w");
    snprintf(path, sizeof path, "%s.bytes", argv[2]);
    FILE *bytes = fopen(path, "wb");
    if (!truth || !bytes) {
        perror("make_minidump");
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
