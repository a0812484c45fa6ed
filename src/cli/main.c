/* main.c: the kehu command: global options, then one sub-command. */
#include <stdio.h>

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "kehu: not built yet\n");
	return 1;
}
