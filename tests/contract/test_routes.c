/* The route table and openapi.yaml describe the same API: every row of
 * `aicostd --print-routes` is an operation in the document, every GET or
 * POST operation in the document is a row, and every documented path
 * documents OPTIONS (which the server answers for every known path).
 * The document is read with libyaml, so this test needs no node. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define MAX_OPS 256

struct ops {
  size_t n;
  char v[MAX_OPS][512]; /* "METHOD /path" */
};

static struct ops table;    /* from aicostd --print-routes */
static struct ops document; /* GET/POST operations in openapi.yaml */
static struct ops paths;    /* every path in openapi.yaml */
static struct ops options;  /* paths in openapi.yaml with an options operation */

static void
add(struct ops *o, const char *method, const char *path)
{
  if (o->n < MAX_OPS)
    snprintf(o->v[o->n++], sizeof o->v[0], "%s%s%s", method, *method ? " " : "", path);
}

static bool
has(const struct ops *o, const char *s)
{
  for (size_t i = 0; i < o->n; i++)
    if (strcmp(o->v[i], s) == 0)
      return true;
  return false;
}

static yaml_node_t *
get(yaml_document_t *d, yaml_node_t *map, const char *key)
{
  if (map == NULL || map->type != YAML_MAPPING_NODE)
    return NULL;
  for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
    yaml_node_t *k = yaml_document_get_node(d, p->key);

    if (k->type == YAML_SCALAR_NODE && strcmp((const char *)k->data.scalar.value, key) == 0)
      return yaml_document_get_node(d, p->value);
  }
  return NULL;
}

static int
load(void **state)
{
  const char *root = getenv("AICOST_SOURCE_ROOT");
  const char *bin = getenv("AICOSTD");
  char path[1024];
  char cmd[1100];
  char line[256];
  yaml_parser_t parser;
  yaml_document_t doc;
  yaml_node_t *p;
  FILE *f;

  (void)state;
  if (root == NULL || bin == NULL)
    return -1;
  snprintf(cmd, sizeof cmd, "'%s' --print-routes", bin);
  f = popen(cmd, "r");
  if (f == NULL)
    return -1;
  while (fgets(line, sizeof line, f) != NULL) {
    line[strcspn(line, "\n")] = '\0';
    add(&table, "", line);
  }
  if (pclose(f) != 0 || table.n == 0)
    return -1;

  snprintf(path, sizeof path, "%s/openapi.yaml", root);
  f = fopen(path, "rb");
  if (f == NULL)
    return -1;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_file(&parser, f);
  if (!yaml_parser_load(&parser, &doc)) {
    fprintf(stderr, "# openapi.yaml: %s at line %zu\n", parser.problem,
            parser.problem_mark.line + 1);
    yaml_parser_delete(&parser);
    fclose(f);
    return -1;
  }
  p = get(&doc, yaml_document_get_root_node(&doc), "paths");
  for (yaml_node_pair_t *e = p != NULL && p->type == YAML_MAPPING_NODE ? p->data.mapping.pairs.start
                                                                       : NULL;
       e != NULL && e < p->data.mapping.pairs.top; e++) {
    const char *route = (const char *)yaml_document_get_node(&doc, e->key)->data.scalar.value;
    yaml_node_t *item = yaml_document_get_node(&doc, e->value);
    static const char *const methods[][2] = { { "get", "GET" },
                                              { "post", "POST" },
                                              { "put", "PUT" },
                                              { "delete", "DELETE" },
                                              { "patch", "PATCH" } };

    add(&paths, "", route);
    for (size_t m = 0; m < sizeof methods / sizeof methods[0]; m++)
      if (get(&doc, item, methods[m][0]) != NULL)
        add(&document, methods[m][1], route);
    if (get(&doc, item, "options") != NULL)
      add(&options, "", route);
  }
  yaml_document_delete(&doc);
  yaml_parser_delete(&parser);
  fclose(f);
  return document.n > 0 ? 0 : -1;
}

/* A route the server has but the contract lacks is undocumented behaviour. */
static void
test_every_route_is_documented(void **state)
{
  int missing = 0;

  (void)state;
  for (size_t i = 0; i < table.n; i++) {
    if (!has(&document, table.v[i])) {
      fprintf(stderr, "# route not in openapi.yaml: %s\n", table.v[i]);
      missing++;
    }
  }
  assert_int_equal(missing, 0);
}

/* An operation the contract promises but the server lacks would be a 404/405 in production. */
static void
test_every_operation_is_routed(void **state)
{
  int missing = 0;

  (void)state;
  for (size_t i = 0; i < document.n; i++) {
    if (!has(&table, document.v[i])) {
      fprintf(stderr, "# operation not in the route table: %s\n", document.v[i]);
      missing++;
    }
  }
  assert_int_equal(missing, 0);
}

/* The server answers OPTIONS on every known path, so the contract says so on each. */
static void
test_every_path_documents_options(void **state)
{
  int missing = 0;

  (void)state;
  for (size_t i = 0; i < paths.n; i++) {
    if (!has(&options, paths.v[i])) {
      fprintf(stderr, "# no options operation: %s\n", paths.v[i]);
      missing++;
    }
  }
  assert_int_equal(missing, 0);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_every_route_is_documented),
    cmocka_unit_test(test_every_operation_is_routed),
    cmocka_unit_test(test_every_path_documents_options),
  };

  return cmocka_run_group_tests_name("routes vs openapi.yaml", tests, load, NULL);
}
