/*
 * apptest: the XtremWeb test application, as the manual describes it.
 *
 *   apptest [-n N] [-s N] [args...] < input
 *
 * Copies its standard input to its standard output and to the result file "apptest.out" in the
 * current (job) directory, after a header line listing its arguments so that a test can check the
 * argument vector arrived intact. -n N also writes an N KB file "apptest.n.out"; -s N sleeps N
 * seconds first. Exit code 0, or 2 on a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int parse_count(const char *option, const char *value, long *out) {
    char *end = NULL;
    errno = 0;
    long n = strtol(value, &end, 10);
    if (errno != 0 || end == value || *end != '\0' || n < 0 || n > 10L * 1024 * 1024) {
        fprintf(stderr, "apptest: %s needs a number between 0 and 10485760, got '%s'\n", option, value);
        return -1;
    }
    *out = n;
    return 0;
}

int main(int argc, char **argv) {
    long kilobytes = 0, seconds = 0;
    for (int i = 1; i < argc; i++) {
        if ((strcmp(argv[i], "-n") == 0 || strcmp(argv[i], "-s") == 0)) {
            if (i + 1 >= argc) {
                fprintf(stderr, "apptest: %s needs a value\n", argv[i]);
                return 2;
            }
            if (parse_count(argv[i], argv[i + 1], argv[i][1] == 'n' ? &kilobytes : &seconds) != 0) {
                return 2;
            }
            i++;
        }
    }
    if (seconds > 0) {
        sleep((unsigned int) seconds);
    }

    FILE *result = fopen("apptest.out", "wb");
    if (result == NULL) {
        perror("apptest: cannot create apptest.out");
        return 1;
    }
    fprintf(result, "apptest args:");
    printf("apptest args:");
    for (int i = 1; i < argc; i++) {
        fprintf(result, " [%s]", argv[i]);
        printf(" [%s]", argv[i]);
    }
    fputc('\n', result);
    putchar('\n');

    char buffer[65536];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, stdin)) > 0) {
        if (fwrite(buffer, 1, n, stdout) != n || fwrite(buffer, 1, n, result) != n) {
            perror("apptest: write failed");
            return 1;
        }
    }
    if (fclose(result) != 0) {
        perror("apptest: cannot close apptest.out");
        return 1;
    }

    if (kilobytes > 0) {
        FILE *big = fopen("apptest.n.out", "wb");
        if (big == NULL) {
            perror("apptest: cannot create apptest.n.out");
            return 1;
        }
        memset(buffer, 'x', 1024);
        for (long k = 0; k < kilobytes; k++) {
            if (fwrite(buffer, 1, 1024, big) != 1024) {
                perror("apptest: write failed");
                fclose(big);
                return 1;
            }
        }
        fclose(big);
    }
    fflush(stdout);
    fprintf(stderr, "apptest: done\n");
    return 0;
}
