/* A small catalogue built in code for the io tests: the real ids, fixed
 * figures, so that expectations do not move when config/catalogue.yaml is
 * re-priced. */
#ifndef AICOST_TESTS_IO_TESTCAT_H
#define AICOST_TESTS_IO_TESTCAT_H

#include "aicost/catalogue.h"

const struct aic_catalogue *testcat(void);

#endif
