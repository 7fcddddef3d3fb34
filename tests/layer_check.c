/* layer_check.c — the program meson links with one layer whole and only the
 * layers below it (meson.build: layer_checks): it links only if the layer
 * calls nothing above itself. */
int main(void)
{
	return 0;
}
