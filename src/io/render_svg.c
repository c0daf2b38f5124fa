/* placeholder: being written */
typedef int aic_placeholder_render_svg;
