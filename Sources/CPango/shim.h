#ifndef PEMS_CPANGO_SHIM_H
#define PEMS_CPANGO_SHIM_H
#include <pango/pangocairo.h>

/* Cast macros Swift does not import. */

/* Set in a glyph id that stands for a character no font has (the character is the rest). */
static inline PangoGlyph pems_pango_glyph_unknown_flag(void) { return PANGO_GLYPH_UNKNOWN_FLAG; }
/* The glyph id of input that was not valid UTF-8. */
static inline PangoGlyph pems_pango_glyph_invalid_input(void) { return PANGO_GLYPH_INVALID_INPUT; }
#endif
