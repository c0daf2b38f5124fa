/* Which catalogue GPU a SkyPilot catalog row is, by cloud, accelerator name
 * and instance type; and, for GCP, which host VM is billed on top of its
 * GPU-only rows. SkyPilot's names do not say the form factor everywhere
 * ("H100" is an SXM part at AWS and a PCIe card at RunPod), so every row
 * here says why, and a name that could be two parts is left out with its
 * reason rather than guessed. First match wins; a row with gpu NULL leaves
 * the accelerator out. A name no row matches is reported by the importer.
 * Add a row when the feed brings a new accelerator (docs/catalogue.md,
 * "Refreshing GPU offers"). */
#include <string.h>

#include "skypilot.h"

/* clang-format off */
static const struct sky_gpu_row rows[] = {
  /* the same part everywhere */
  { NULL, "L4", NULL, "l4", NULL },
  { NULL, "L40S", NULL, "l40s", NULL },
  { NULL, "B200", NULL, "b200", NULL },
  { NULL, "MI300X", NULL, "mi300x", NULL },
  { NULL, "H100-SXM", NULL, "h100-sxm", NULL },
  { NULL, "H100-NVL", NULL, "h100-nvl", NULL },
  { NULL, "H200-SXM", NULL, "h200-sxm", NULL },
  { NULL, "A100-80GB-SXM", NULL, "a100-80gb-sxm", NULL },
  { NULL, "A10", NULL, NULL, "the A10 (not AWS's A10G) is not in the catalogue" },
  { NULL, "RTX6000Ada", NULL, NULL, "the RTX 6000 Ada is not in the catalogue" },
  { NULL, "RTX6000-Ada", NULL, NULL, "the RTX 6000 Ada is not in the catalogue" },
  /* AWS: instance families name the part */
  { "aws", "A10G", NULL, "a10g", NULL },
  { "aws", "A100", "p4d.", "a100-40gb-sxm", NULL },
  { "aws", "A100-80GB", "p4de.", "a100-80gb-sxm", NULL },
  { "aws", "H100", "p5.", "h100-sxm", NULL },
  { "aws", "H200", "p5en.", "h200-sxm", NULL },
  /* GCP: a2-highgpu is the 40GB A100, a2-ultragpu the 80GB, a3 Hopper SXM */
  { "gcp", "A100", NULL, "a100-40gb-sxm", NULL },
  { "gcp", "A100-80GB", NULL, "a100-80gb-sxm", NULL },
  { "gcp", "H100", NULL, "h100-sxm", NULL },
  { "gcp", "H100-MEGA", NULL, "h100-sxm", NULL },
  { "gcp", "H200", NULL, "h200-sxm", NULL },
  /* Lambda: the instance name says sxm4/sxm5/pcie */
  { "lambda", "A100", "sxm4", "a100-40gb-sxm", NULL },
  { "lambda", "A100", NULL, NULL, "Lambda's gpu_Nx_a100 without sxm4 may be the 40GB PCIe card, "
                                 "which the catalogue lacks" },
  { "lambda", "A100-80GB", "sxm4", "a100-80gb-sxm", NULL },
  { "lambda", "H100", "_pcie", "h100-pcie", NULL },
  { "lambda", "H100", "_sxm5", "h100-sxm", NULL },
  /* RunPod: the plain names are its PCIe cards, the SXM and NVL ones say so */
  { "runpod", "A100-80GB", NULL, "a100-80gb-pcie", NULL },
  { "runpod", "H100", NULL, "h100-pcie", NULL },
  /* Nebius: the instance name says sxm */
  { "nebius", "H100", "h100-sxm", "h100-sxm", NULL },
  { "nebius", "H200", "h200-sxm", "h200-sxm", NULL },
  /* Hyperbolic rents H100 SXM servers (its site; the feed does not say) */
  { "hyperbolic", "H100", NULL, "h100-sxm", NULL },
  /* Cudo: instance names say nvl-pcie or sapphire-rapids (SXM) */
  { "cudo", "H100", "h100-nvl", "h100-nvl", NULL },
  { "cudo", "A100", NULL, NULL, "Cudo's A100 PCIe does not say 40 or 80 GB" },
  /* Shadeform resells other clouds: the instance names the seller and part */
  { "shadeform", "H200", "sxm5", "h200-sxm", NULL },
  { "shadeform", "A100-80G", "sxm4", "a100-80gb-sxm", NULL },
  { "shadeform", "A100", NULL, NULL, "an A100 SXM4 that does not say 40 or 80 GB" },
  { "shadeform", "H100", NULL, NULL, "Hyperstack's H100 may be PCIe, PCIe with NVLink or SXM" },
  { "shadeform", "RTXPro6000", NULL, NULL, "does not say Server or Workstation Edition" },
  /* Prime Intellect resells too: the instance names the seller */
  { "primeintellect", "A100", "lambdalabs__8xA100_80GB", "a100-80gb-sxm", NULL },
  { "primeintellect", "H200", "runpod__", "h200-sxm", NULL },
  { "primeintellect", "H200", NULL, NULL, "an H200 141GB that may be SXM or NVL" },
  { "primeintellect", "H100", NULL, NULL, "an H100 80GB that does not say PCIe or SXM" },
};
/* clang-format on */

const struct sky_gpu_row *
sky_gpu_lookup(const char *cloud, const char *accelerator, const char *instance)
{
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    const struct sky_gpu_row *r = &rows[i];

    if (r->cloud != NULL && strcmp(r->cloud, cloud) != 0)
      continue;
    if (strcmp(r->accelerator, accelerator) != 0)
      continue;
    if (r->instance != NULL && strstr(instance, r->instance) == NULL)
      continue;
    return r;
  }
  return NULL;
}

/* GCP's GPU-only rows price the GPUs; the VM they attach to is billed on
 * top (cloud.google.com/compute/gpus-pricing). The machine type for N GPUs. */
static const struct {
  const char *accelerator;
  double count;
  const char *host;
} gcp_hosts[] = {
  { "A100", 1, "a2-highgpu-1g" },       { "A100", 2, "a2-highgpu-2g" },
  { "A100", 4, "a2-highgpu-4g" },       { "A100", 8, "a2-highgpu-8g" },
  { "A100", 16, "a2-megagpu-16g" },     { "A100-80GB", 1, "a2-ultragpu-1g" },
  { "A100-80GB", 2, "a2-ultragpu-2g" }, { "A100-80GB", 4, "a2-ultragpu-4g" },
  { "A100-80GB", 8, "a2-ultragpu-8g" }, { "H100", 1, "a3-highgpu-1g" },
  { "H100", 2, "a3-highgpu-2g" },       { "H100", 4, "a3-highgpu-4g" },
  { "H100", 8, "a3-highgpu-8g" },       { "H100-MEGA", 8, "a3-megagpu-8g" },
  { "H200", 8, "a3-ultragpu-8g" },      { "B200", 8, "a4-highgpu-8g" },
  { "L4", 1, "g2-standard-4" },         { "L4", 2, "g2-standard-24" },
  { "L4", 4, "g2-standard-48" },        { "L4", 8, "g2-standard-96" },
};

const char *
sky_gcp_host(const char *accelerator, double count)
{
  for (size_t i = 0; i < sizeof gcp_hosts / sizeof gcp_hosts[0]; i++)
    if (gcp_hosts[i].count == count && strcmp(gcp_hosts[i].accelerator, accelerator) == 0)
      return gcp_hosts[i].host;
  return NULL;
}
