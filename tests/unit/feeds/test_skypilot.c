/* The SkyPilot importer on hand-made vms.csv text: bad input fails with its
 * row and reason and writes nothing (never a catalogue with a silent zero);
 * rows left out say why; per-GPU units, GCP's host VMs and folding to the
 * cheapest offer per place come out as hand-computed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "aicost/diag.h"
#include "skypilot.h"

#define HEAD "InstanceType,AcceleratorName,AcceleratorCount,Price,SpotPrice,Region\n"

struct run {
  struct aic_buf yaml, log;
  struct sky_counts counts;
  int status;
};

static void
import(struct run *r, const char *cloud, const char *csv, const char *cloud2, const char *csv2)
{
  /* clang-format off */
  struct sky_file f[2] = {
    { .cloud = cloud, .commit = "abc1234", .name = "one.csv", .text = csv, .len = strlen(csv) },
    { .cloud = cloud2, .commit = "abc1234", .name = "two.csv", .text = csv2,
      .len = csv2 != NULL ? strlen(csv2) : 0 },
  };
  struct sky_options opt = { .as_of = "2026-12-01", .command = NULL };

  memset(r, 0, sizeof *r);
  r->status = sky_import(f, csv2 != NULL ? 2 : 1, &opt, &r->yaml, &r->log, &r->counts);
  aic_buf_putn(&r->yaml, "", 0);
  aic_buf_putn(&r->log, "", 0);
}

static void
done(struct run *r)
{
  aic_buf_free(&r->yaml);
  aic_buf_free(&r->log);
}

static const char *
text(const struct aic_buf *b)
{
  return b->p != NULL ? b->p : "";
}

struct bad_row {
  const char *why;
  const char *csv;
  const char *log; /* a fragment of the report */
};
/* clang-format on */

/* Each fails the import (exit 2 in the CLI) with nothing written. */
/* clang-format off */
static const struct bad_row bad_rows[] = {
  { "a truncated file: the last row has no line break",
    HEAD "p5.48xlarge,H100,8.0,98.32,30.326,us-east-1\ng6.xlarge,L4,1.0,0.80",
    "one.csv: row 3: error: the file ends inside this row" },
  { "a row with a missing column",
    HEAD "p5.48xlarge,H100,8.0,98.32,us-east-1\n", "row 2: error: 5 fields where the header has 6" },
  { "a header without Price",
    "InstanceType,AcceleratorName,AcceleratorCount,SpotPrice,Region\np5.48xlarge,H100,8,1,x\n",
    "row 1: error: no column Price" },
  { "a price of -1", HEAD "p5.48xlarge,H100,8.0,-1,,us-east-1\n",
    "row 2: error: Price -1 is negative" },
  { "NaN where a price must be", HEAD "p5.48xlarge,H100,8.0,NaN,,us-east-1\n",
    "row 2: error: Price 'NaN' is not a number" },
  { "a spot price of inf", HEAD "p5.48xlarge,H100,8.0,98.32,inf,us-east-1\n",
    "row 2: error: SpotPrice 'inf' is not a number" },
  { "the sentinel as the on-demand price", HEAD "p5.48xlarge,H100,8.0,99999999,,us-east-1\n",
    "row 2: error: Price 99999999 is the feed's 'no price' sentinel" },
  { "half a GPU", HEAD "p5.48xlarge,H100,0.5,98.32,,us-east-1\n",
    "row 2: error: AcceleratorCount '0.5' is not a whole number" },
  { "a stray quote (RFC 4180)", HEAD "p5.48x\"large,H100,8,98.32,,us-east-1\n",
    "error: not CSV (RFC 4180)" },
  { "an empty file", "", "row 1: error: the file is empty" },
};
/* clang-format on */

static void
bad_input_fails_with_its_row(void **state)
{
  (void)state;
  for (size_t i = 0; i < sizeof bad_rows / sizeof bad_rows[0]; i++) {
    struct run r;

    print_message("# row %zu: %s\n", i, bad_rows[i].why);
    import(&r, "aws", bad_rows[i].csv, NULL, NULL);
    if (strstr(text(&r.log), bad_rows[i].log) == NULL)
      print_error("log: %s\n", text(&r.log));
    assert_int_equal(r.status, AIC_E_INVALID);
    assert_non_null(strstr(text(&r.log), bad_rows[i].log));
    assert_int_equal(r.yaml.len, 0);
    assert_true(r.counts.errors >= 1);
    done(&r);
  }
}

/* Rows left out, each with its row and reason; the rest still imported. */
static void
rows_left_out_say_why(void **state)
{
  struct run r;

  (void)state;
  import(&r, "runpod",
         HEAD "1x_L40S_SECURE,L40S,1.0,0.43,0.86,US\n"           /* spot above on-demand */
              "1x_X9_SECURE,X9000,1.0,1.0,,US\n"                 /* not in the table */
              "1x_RTX6000-Ada_SECURE,RTX6000-Ada,1.0,0.77,,US\n" /* mapped to nothing */
              "1x_B200_SECURE,B200,1.0,,,US\n"                   /* no price */
              "1x_MI300X_SECURE,MI300X,1.0,2.49,99999999,US\n",  /* spot sentinel */
         NULL, NULL);
  assert_int_equal(r.status, AIC_OK);
  assert_non_null(strstr(text(&r.log), "row 2: suspicious: L40S 1x_L40S_SECURE: spot 0.86 above "
                                       "on-demand 0.43"));
  assert_non_null(strstr(text(&r.log), "row 3: skipped: accelerator 'X9000'"));
  assert_non_null(strstr(text(&r.log), "row 4: skipped: RTX6000-Ada"));
  assert_non_null(strstr(text(&r.log), "row 5: skipped: B200 1x_B200_SECURE has no on-demand "
                                       "price"));
  assert_non_null(strstr(text(&r.log), "row 6: skipped: SpotPrice 99999999"));
  /* the MI300X's on-demand offer stays, without a spot offer */
  assert_non_null(strstr(text(&r.yaml),
                         "  mi300x:\n    offers:\n      - {provider: runpod, kind: "
                         "on_demand, region: \"US\", price_per_gpu_hour_usd: 2.49,"));
  assert_null(strstr(text(&r.yaml), "l40s"));
  assert_null(strstr(text(&r.yaml), "kind: spot"));
  assert_int_equal(r.counts.offers, 1);
  done(&r);
}

/* An offer the catalogue's own offer table refuses (src/feeds/feed_check.c)
 * is skipped with the catalogue's message, before folding, so it neither
 * fails the import nor stands in for a cheaper offer at its place: a
 * price no GPU-hour costs, a region longer than the table takes. One at
 * the bound (80000 / 8 = 10000) is kept. */
static void
refused_by_the_catalogue(void **state)
{
  struct run r;

  (void)state;
  import(&r, "aws",
         HEAD "p5.48xlarge,H100,1,20000,,us-east-1\n"
              "p5.4xlarge,H100,1,3.5,,us-east-1\n"
              "p5.4xlarge,H100,1,3.5,,"
              "a-region-whose-name-runs-past-the-sixty-four-characters-the-catalogue-takes\n"
              "p4d.24xlarge,A100,8,80000,,us-west-2\n",
         NULL, NULL);
  assert_int_equal(r.status, AIC_OK);
  assert_non_null(strstr(text(&r.log), "one.csv: row 2: skipped: h100-sxm on_demand offer: "
                                       "price_per_gpu_hour_usd: must be at most 10000 (got "
                                       "20000)"));
  assert_non_null(strstr(text(&r.log), "one.csv: row 4: skipped: h100-sxm on_demand offer: "
                                       "region: must be a string of at most 64 characters"));
  assert_non_null(strstr(text(&r.yaml), "region: \"us-east-1\", price_per_gpu_hour_usd: 3.5,"));
  assert_non_null(strstr(text(&r.yaml), "region: \"us-west-2\", price_per_gpu_hour_usd: 10000,"));
  assert_int_equal(r.counts.offers, 2);
  assert_int_equal(r.counts.skipped, 2);
  assert_int_equal(r.counts.folded, 0);
  done(&r);
}

/* Per GPU-hour: the instance price over its GPUs; several sizes at one
 * place fold into the cheapest per GPU. */
static void
per_gpu_and_folding(void **state)
{
  struct run r;

  (void)state;
  import(&r, "lambda",
         HEAD "gpu_1x_h100_sxm5,H100,1.0,3.29,,us-east-1\n"
              "gpu_8x_h100_sxm5,H100,8.0,23.92,,us-east-1\n"
              "gpu_1x_h100_pcie,H100,1.0,2.49,,us-east-1\n",
         NULL, NULL);
  assert_int_equal(r.status, AIC_OK);
  /* 23.92 / 8 = 2.99 beats 3.29; the PCIe card is another GPU */
  assert_non_null(strstr(text(&r.yaml), "h100-sxm:\n    offers:\n      - {provider: lambda, kind: "
                                        "on_demand, region: \"us-east-1\", "
                                        "price_per_gpu_hour_usd: 2.99,"));
  assert_non_null(strstr(text(&r.yaml), "row 3: gpu_8x_h100_sxm5, 8 GPUs, on-demand $23.92/h"));
  assert_non_null(strstr(text(&r.yaml), "h100-pcie:\n    offers:\n      - {provider: lambda, kind: "
                                        "on_demand, region: \"us-east-1\", "
                                        "price_per_gpu_hour_usd: 2.49,"));
  assert_int_equal(r.counts.folded, 1);
  done(&r);
}

/* Folding keeps the cheapest on-demand and the cheapest spot apart: a
 * spot offer dearer than the place's cheapest on-demand (3.0 > 23.92 / 8)
 * is one nobody would take, and the catalogue refuses it: dropped, said. */
static void
dear_spot_is_dropped(void **state)
{
  struct run r;

  (void)state;
  import(&r, "nebius",
         HEAD "gpu-h100-sxm_1gpu,H100,1,3.29,3.0,eu-north1\n"
              "gpu-h100-sxm_8gpu,H100,8,23.92,,eu-north1\n",
         NULL, NULL);
  assert_int_equal(r.status, AIC_OK);
  assert_non_null(strstr(text(&r.log),
                         "row 2: skipped: spot $3 per GPU-hour is above the "
                         "cheapest on-demand $2.99 at the same place (one.csv row 3)"));
  assert_null(strstr(text(&r.yaml), "kind: spot"));
  assert_int_equal(r.counts.offers, 1);
  done(&r);
}

/* GCP prices the GPUs alone: the host VM (another file of the same cloud)
 * is added, on demand and spot: (4.20076 + 1.18251) / 1 and
 * (2.253 + 0.27193) / 1. Without its host row the GPU is left out. */
static void
gcp_adds_the_host_vm(void **state)
{
  struct run r;

  (void)state;
  import(&r, "gcp",
         HEAD ",H100,1,4.20076,2.253,us-central1\n"
              ",B200,8,90.216,,us-central1\n",
         "gcp", HEAD "a3-highgpu-1g,,,1.18251,0.27193,us-central1\n");
  assert_int_equal(r.status, AIC_OK);
  assert_non_null(strstr(text(&r.yaml), "price_per_gpu_hour_usd: 5.38327,"));
  assert_non_null(strstr(text(&r.yaml), "price_per_gpu_hour_usd: 2.52493,"));
  assert_non_null(strstr(text(&r.yaml), "plus host VM a3-highgpu-1g $1.18251/h (two.csv row 2)"));
  assert_non_null(strstr(text(&r.log), "one.csv: row 3: skipped: B200 x8 is priced without its "
                                       "VM, and the host VM a4-highgpu-8g has no row"));
  done(&r);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(bad_input_fails_with_its_row), cmocka_unit_test(rows_left_out_say_why),
    cmocka_unit_test(per_gpu_and_folding),          cmocka_unit_test(dear_spot_is_dropped),
    cmocka_unit_test(gcp_adds_the_host_vm),         cmocka_unit_test(refused_by_the_catalogue),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
