/* The SkyPilot cloud catalog importer (`aicost catalogue import skypilot`):
 * SkyPilot's per-cloud vms.csv files -> the `gpus:` offers overlay of the
 * catalogue (config/catalogue.d/gpu-offers.yaml). docs/catalogue.md,
 * "Refreshing GPU offers".
 *
 *   csv_rows.c       RFC 4180 rows (libcsv)
 *   skypilot.c       rows -> offers: units, GCP's host VMs, checks, YAML
 *   skypilot_gpus.c  the tables: accelerator name -> catalogue GPU id, and
 *                    GCP's GPU-only rows -> the host VM billed with them */
#ifndef AICOST_FEEDS_SKYPILOT_H
#define AICOST_FEEDS_SKYPILOT_H

#include <stddef.h>

#include "aicost/util.h"

/* One vms.csv (or a part of one, such as GCP's host VM rows). */
struct sky_file {
  const char *cloud;  /* the provider its offers name: "aws", "gcp", ... */
  const char *commit; /* the skypilot-catalog commit it was taken at */
  const char *name;   /* for the report and the sources: "aws.csv" */
  const char *text;
  size_t len;
};

struct sky_options {
  const char *as_of;   /* YYYY-MM-DD: when the snapshot was taken (required) */
  const char *command; /* the command line, written in the header */
};

/* What the report counted. */
struct sky_counts {
  size_t errors;     /* bad input: the import fails */
  size_t offers;     /* written */
  size_t skipped;    /* rows left out, each with its reason */
  size_t suspicious; /* rows left out because their prices cannot both be right */
  size_t folded;     /* rows with a cheaper one at the same GPU, provider, kind and region */
  size_t cpu_rows;   /* rows without an accelerator (CPU instances), not GCP host VMs */
};

/* Reads the n files and writes the offers YAML to yaml and every problem
 * to log ("FILE: row N: error|skipped|suspicious: reason"). Returns AIC_OK,
 * AIC_E_INVALID (bad input: every error in log, yaml left empty) or
 * AIC_E_NOMEM. Bad input: a missing column, a row with too few or too many
 * fields, a file that ends inside a row, a price that is not a number,
 * negative, or the 99999999 sentinel where a price must be, a GPU count
 * that is not a whole number > 0. Left out and said so: rows without a
 * price, a spot price above on-demand (both prices are suspect), a spot
 * sentinel, accelerators the table does not map, GCP GPUs without their
 * host VM row, an offer the catalogue's own offer table refuses (a price
 * over its bound, a region too long: feed_check.h), with its message. */
int sky_import(const struct sky_file *files, size_t n, const struct sky_options *opt,
               struct aic_buf *yaml, struct aic_buf *log, struct sky_counts *counts);

/* skypilot_gpus.c */
struct sky_gpu_row {
  const char *cloud;       /* NULL: any */
  const char *accelerator; /* SkyPilot's AcceleratorName, exactly */
  const char *instance;    /* a part of InstanceType; NULL: any */
  const char *gpu;         /* the catalogue id; NULL: left out, for `why` */
  const char *why;
};
const struct sky_gpu_row *sky_gpu_lookup(const char *cloud, const char *accelerator,
                                         const char *instance);
/* The GCP machine type billed with `count` GPUs of `accelerator`, or NULL. */
const char *sky_gcp_host(const char *accelerator, double count);

#endif
