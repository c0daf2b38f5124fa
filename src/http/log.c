/* Logs are JSON objects, one per line on stderr, each written with a single
 * write(2) so that lines from different threads never interleave. The
 * request line is built by hand (it is on every request's path); events
 * are rare and use jansson. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "srv.h"

uint64_t
srv_now_ns(void)
{
  struct timespec ts;

  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void
srv_time_rfc3339(char *out, size_t cap)
{
  struct timespec ts;
  struct tm tm;
  char sec[32];

  clock_gettime(CLOCK_REALTIME, &ts);
  gmtime_r(&ts.tv_sec, &tm);
  strftime(sec, sizeof sec, "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(out, cap, "%s.%03ldZ", sec, ts.tv_nsec / 1000000);
}

struct buf {
  char *p;
  size_t n;
  size_t cap;
};

static void
put(struct buf *b, const char *s, size_t n)
{
  if (n > b->cap - b->n)
    n = b->cap - b->n;
  memcpy(b->p + b->n, s, n);
  b->n += n;
}

/* A JSON string of arbitrary bytes: control characters escaped, bytes
 * over 0x7f written as \u00XX so that even an invalid UTF-8 path (MHD
 * decodes %XX) gives a valid line. At most `max` input bytes. */
static void
put_string(struct buf *b, const char *s, size_t max)
{
  static const char hex[] = "0123456789abcdef";

  put(b, "\"", 1);
  for (size_t i = 0; s[i] != '\0' && i < max; i++) {
    unsigned char ch = (unsigned char)s[i];
    char esc[6] = { '\\', 'u', '0', '0', hex[ch >> 4], hex[ch & 15] };

    if (ch == '"' || ch == '\\') {
      char two[2] = { '\\', (char)ch };

      put(b, two, 2);
    } else if (ch < 0x20 || ch >= 0x7f) {
      put(b, esc, 6);
    } else {
      put(b, (const char *)&ch, 1);
    }
  }
  put(b, "\"", 1);
}

static void put_fmt(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
put_fmt(struct buf *b, const char *fmt, ...)
{
  char tmp[128];
  va_list ap;
  int n;

  va_start(ap, fmt);
  n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n > 0)
    put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

static void
write_line(const char *p, size_t n)
{
  while (n > 0) {
    ssize_t w = write(STDERR_FILENO, p, n);

    if (w <= 0)
      return; /* a log that cannot be written must not stop the service */
    p += w;
    n -= (size_t)w;
  }
}

/* Every field's worst case fits: a byte of method, path or id can become
 * six ("\u00XX"), so a cut line, which is invalid JSON, cannot happen. */
#define LOG_PATH_MAX 512
#define LOG_LINE_MAX (6 * (16 + LOG_PATH_MAX + sizeof(((struct srv_req *)0)->request_id)) + 256)

void
srv_log_request(const struct srv_req *rq, double duration_ms)
{
  char line[LOG_LINE_MAX];
  char now[40];
  struct buf b = { line, 0, sizeof line - 1 };

  srv_time_rfc3339(now, sizeof now);
  put_fmt(&b, "{\"time\":\"%s\",\"level\":\"info\",\"event\":\"request\",\"method\":", now);
  put_string(&b, rq->method_str, 16);
  put(&b, ",\"path\":", 8);
  put_string(&b, rq->path != NULL ? rq->path : "", LOG_PATH_MAX);
  put_fmt(&b, ",\"status\":%u,\"bytes\":%llu,\"duration_ms\":%.3f,\"request_id\":", rq->status,
          (unsigned long long)rq->bytes, duration_ms);
  put_string(&b, rq->request_id, sizeof rq->request_id);
  put(&b, "}", 1);
  line[b.n++] = '\n';
  write_line(line, b.n);
}

void
srv_log_event(const char *level, const char *event, json_t *fields)
{
  char now[40];
  json_t *o = json_object();
  char *text;
  char *line;
  size_t n;

  srv_time_rfc3339(now, sizeof now);
  if (o == NULL) {
    json_decref(fields);
    return;
  }
  json_object_set_new(o, "time", json_string(now));
  json_object_set_new(o, "level", json_string(level));
  json_object_set_new(o, "event", json_string(event));
  if (fields != NULL)
    json_object_update(o, fields);
  json_decref(fields);
  text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
  json_decref(o);
  if (text == NULL)
    return;
  n = strlen(text);
  line = realloc(text, n + 2);
  if (line == NULL) {
    free(text);
    return;
  }
  line[n] = '\n';
  write_line(line, n + 1);
  free(line);
}
