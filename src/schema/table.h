/* The language of the tables: what a document may hold, one row per member.
 * A table describes one struct (a GPU, a scenario's traffic, the catalogue);
 * the engine (schema.h) reads a JSON object into it by these rows, writes
 * the struct back out as JSON, and prints the table as JSON Schema. Adding a
 * field is one row here plus the struct member it fills.
 *
 * Bounds are always given for numbers (use -INFINITY / INFINITY for none):
 * a row without them would accept nothing, which the table tests catch. */
#ifndef AICOST_SCHEMA_TABLE_H
#define AICOST_SCHEMA_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

enum aic_kind {
  AIC_K_REAL,      /* double within [min, max] (min excluded with .gt); .whole: a count */
  AIC_K_RANGE,     /* a number as REAL, or a range [low, high] of two such numbers: the
                      double[2] at .range_offset gets them (the number's slot stays NAN);
                      low <= high is the core's rule */
  AIC_K_INT,       /* int: a whole number within [min, max] */
  AIC_K_BOOL,      /* bool */
  AIC_K_STRING,    /* const char * into the document; min..max characters (max 0: any);
                      .pattern: its shape */
  AIC_K_DATE,      /* const char *: a calendar date, YYYY-MM-DD */
  AIC_K_ENUM,      /* int (an enum), from the names of .names */
  AIC_K_ENUM_LIST, /* unsigned: bit `value` set for each name listed (distinct names) */
  AIC_K_OBJECT,    /* an object read by .sub into out + offset */
  AIC_K_NUMBERS,   /* an object from names of .names to numbers within [min, max]:
                      double[] at offset, indexed by the name's value */
  AIC_K_ARRAY,     /* an array of objects read by .sub: items allocated (aic_run), the
                      pointer at offset, the count (size_t) at .count_offset; an item
                      holding the member .variant_key is read by .variant instead */
  AIC_K_MAP,       /* an object from ids (.pattern) to objects read by .sub, stored as
                      ARRAY; each item's first member (const char *id) is its key */
  AIC_K_REF,       /* a catalogue id, copied into out + offset by .resolve, or (with
                      .sub) an inline object read by .sub with its requirements waived */
  AIC_K_LIST,      /* an array of what a REF row reads (ids by .resolve; with .sub also
                      inline objects), or one such id alone: items of .item_size
                      allocated (aic_run), the pointer at offset, the count (size_t) at
                      .count_offset */
};

struct aic_enum_name {
  const char *name;
  int value;
};

/* An enumeration: names and the values they stand for. */
struct aic_names {
  const char *schema_name; /* its JSON Schema $defs name ("Precision"), or NULL to inline it */
  const char *noun;        /* "precision": "unknown precision 'fp6'" */
  const char *description;
  const struct aic_enum_name *v; /* ends with { NULL, 0 } */
};

/* The shape of a string: a regular expression for JSON Schema and the same
 * rule in C for the engine (tests/unit/schema holds the two to agreement). */
struct aic_pattern {
  const char *schema_name; /* a $defs name ("CatalogueId"), or NULL to inline it */
  const char *regex;       /* ECMA-262, anchored */
  const char *what;        /* the rule in words, for messages */
  const char *description; /* for JSON Schema; NULL: `what` */
  bool (*match)(const char *s, size_t len);
};

struct aic_field;
struct aic_table;
struct aic_run;
struct aic_where;

/* REF: looks `id` up (the catalogue is the run's ctx) and copies the entry
 * to `dst`, or reports why not (aic_report). Returns 0, AIC_E_INVALID, or < 0. */
typedef int aic_resolve_fn(const struct aic_field *row, const char *id, struct aic_where *at,
                           void *dst, struct aic_run *run);

/* A table's own rule where rows and rules cannot say it: `obj` is the object
 * read into `out`. Reports with aic_report; returns 0, AIC_E_INVALID, or < 0. */
typedef int aic_check_fn(const json_t *obj, struct aic_where *at, void *out, struct aic_run *run);

struct aic_field {
  const char *name; /* NULL ends a table; the names of a table are distinct */
  enum aic_kind kind;
  size_t offset;
  double min, max;    /* REAL, INT, NUMBERS: bounds; STRING: length in characters */
  bool gt;            /* min is excluded: "> 0" */
  bool whole;         /* REAL: a whole number (counts of GPUs, layers, ...) */
  bool required;      /* a missing member is an error (not for inline REF objects) */
  bool validate_only; /* a scalar, checked, not stored (a scenario's description) */
  bool output_only;   /* written out, never read: an entry's "id", the catalogue's "hash" */
  bool has_flag;      /* when given, set the bool at flag_offset */
  size_t flag_offset;
  bool has_inline_flag; /* REF: set the bool at inline_flag_offset to "given inline" */
  size_t inline_flag_offset;
  size_t count_offset;               /* ARRAY, MAP */
  size_t range_offset;               /* RANGE: double[2], NAN both when one number was given */
  size_t min_items, max_items;       /* ARRAY, MAP, NUMBERS, ENUM_LIST; max_items 0: any */
  const struct aic_names *names;     /* ENUM, ENUM_LIST, NUMBERS */
  const struct aic_table *sub;       /* OBJECT, ARRAY, MAP, REF (NULL: ids only) */
  const struct aic_pattern *pattern; /* STRING, REF ids, MAP keys */
  aic_resolve_fn *resolve;           /* REF, LIST */
  /* LIST: the bytes .resolve (or .sub) fills per item; the pointer to the
   * items at offset, their count (size_t) at .count_offset, and
   * .min_items, .max_items as an ARRAY's */
  size_t item_size;
  /* ARRAY: items of another form, told apart by one member (a comparison's
   * option that is a plan rather than a scenario). Both tables read into
   * items of .item_size bytes, zeroed first; JSON Schema: oneOf the two. */
  const char *variant_key;
  const struct aic_table *variant;
  const char *noun;        /* ARRAY: its items ("scenarios"); REF: what the id names ("gpu") */
  const char *unit;        /* "GiB", "TB/s", "USD per GPU-hour"; JSON Schema x-unit */
  const char *description; /* for JSON Schema and docs */
  const char *example;     /* a string example (REF and STRING rows) */
  const char *dflt;        /* the default as JSON text ("365", "\"month\""), for JSON Schema */
};

enum aic_rule_kind {
  AIC_R_ONE_OF,    /* exactly one of .names is given */
  AIC_R_ANY_OF,    /* at least one of .names is given; else .message at the object */
  AIC_R_EXCLUDES,  /* while the condition holds, each of .names given is an error
                      (.message at it); .names NULL: every member but .member */
  AIC_R_NOT_ABOVE, /* REAL .member <= REAL .limit when both are given */
};

/* Rules across the members of one object, checked by the engine and printed
 * into JSON Schema (NOT_ABOVE excepted: JSON Schema cannot compare members).
 * EXCLUDES' condition: .member is given; with .equals, .member equals that
 * JSON text ("\"dpo\"", "true"); .unless negates it. */
struct aic_rule {
  enum aic_rule_kind kind;
  const char *const *names; /* ends with NULL */
  const char *member;
  const char *equals;
  bool unless;
  const char *limit;
  const char *message;
};

struct aic_table {
  const char *name; /* its JSON Schema $defs name; NULL: inlined where used */
  const char *description;
  size_t size; /* of the struct: ARRAY and MAP items */
  const struct aic_field *rows;
  /* ARRAY and MAP items and inline REF objects start from here; NULL: every
   * REAL and NUMBERS slot NAN, everything else zero. */
  void (*init)(void *out);
  const struct aic_rule *rules; /* NULL, or ends with { 0 } (kind 0 with no names) */
  aic_check_fn *check;
};

#endif
