/* sync: writes every file system's pending changes to its disk (sync(2)). */
#include <unistd.h>

int main(void) {
    sync();
    return 0;
}
