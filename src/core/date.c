/* Calendar arithmetic for dated prices and projection start dates.
 * days_from_civil and its inverse are Howard Hinnant's algorithms
 * ("chrono-Compatible Low-Level Date Algorithms", 2013): the year is
 * shifted to start on 1 March, so that the leap day ends it, and split into
 * 400-year eras of 146,097 days. Exact integer arithmetic, any date. */
#include "aicost/date.h"

#include <string.h>

long
aic_days_from_civil(int y, int m, int d)
{
  long yy = (long)y - (m <= 2);
  long era = (yy >= 0 ? yy : yy - 399) / 400;
  long yoe = yy - era * 400;                                  /* [0, 399] */
  long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* [0, 365] */
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */

  return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, long *y, int *m, int *d)
{
  long era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;                                      /* [0, 146096] */
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* [0, 365] */
  mp = (5 * doy + 2) / 153;                                    /* [0, 11] */
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

static void
put_digits(char *out, long v, int n)
{
  for (int i = n - 1; i >= 0; i--) {
    out[i] = (char)('0' + v % 10);
    v /= 10;
  }
}

void
aic_date_format(long day, char out[AIC_DATE_TEXT])
{
  long y;
  int m, d;

  civil_from_days(day, &y, &m, &d);
  if (y < 0 || y > 9999) {
    memcpy(out, "0000-00-00", AIC_DATE_TEXT); /* outside what parse accepts */
    return;
  }
  put_digits(out, y, 4);
  out[4] = '-';
  put_digits(out + 5, m, 2);
  out[7] = '-';
  put_digits(out + 8, d, 2);
  out[10] = '\0';
}

static bool
is_leap(int y)
{
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool
aic_date_parse(const char *s, long *day)
{
  static const char shape[] = "dddd-dd-dd";
  static const int month_days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int y, m, d;

  if (s == NULL)
    return false;
  for (size_t i = 0; i < sizeof shape; i++) {
    if (shape[i] == '\0') {
      if (s[i] != '\0')
        return false;
    } else if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != shape[i]) {
      return false;
    }
  }
  y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  m = (s[5] - '0') * 10 + (s[6] - '0');
  d = (s[8] - '0') * 10 + (s[9] - '0');
  if (y < AIC_DATE_YEAR_MIN || y > AIC_DATE_YEAR_MAX || m < 1 || m > 12 || d < 1)
    return false;
  if (d > month_days[m - 1] + (m == 2 && is_leap(y)))
    return false;
  *day = aic_days_from_civil(y, m, d);
  return true;
}
