/* main.c — placeholder entry point, replaced by the command table. */
#include <stdio.h>

int main(void)
{
	puts("hailong");
	return 0;
}
