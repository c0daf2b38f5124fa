/* placeholder: being written */
typedef int aic_placeholder_catalogue_embedded;
