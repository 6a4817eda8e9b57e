/* Standard streams: reading standard input in small reads and by lines to its end, writing
   standard output (also through writev) and standard error. */
#include <ctype.h>
#include <sys/uio.h>
#include <unistd.h>
#include "common.h"

int main(void) {
    char buf[8];
    ssize_t n = read(0, buf, 3);
    printf("first read: %zd bytes \"%.*s\"\n", n, (int) n, buf);
    char line[128];
    int lines = 0;
    size_t bytes = 0;
    while (fgets(line, sizeof line, stdin)) {
        lines++;
        bytes += strlen(line);
        for (char *p = line; *p; p++) *p = (char) toupper((unsigned char) *p);
        printf("line %d: %s%s", lines, line, strchr(line, '\n') ? "" : "\n");
    }
    printf("%d lines, %zu bytes after the first read; at end: %d\n", lines, bytes, feof(stdin) != 0);
    CHECK(read(0, buf, sizeof buf));
    fflush(stdout);
    struct iovec parts[3] = {{"gathered ", 9}, {"write", 5}, {"\n", 1}};
    CHECK(writev(1, parts, 3));
    fprintf(stderr, "this goes to standard error\n");
    CHECK(write(2, "and so does this\n", 17));
    return 0;
}
