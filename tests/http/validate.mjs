// Checks every response the http tests received against openapi.yaml, so
// that the document and the server cannot drift apart.
//   node validate.mjs OPENAPI.yaml RESPONSES.jsonl
// Each JSONL line: {"method", "path", "template", "status", "content_type",
// "headers": {lower-case name: value}, "body"}. `template` is the OpenAPI path
// the request was for; "*" for a path no route has.
// For each: the operation must exist (HEAD is checked as GET), the status
// must be documented, the media type must be one the response declares,
// documented headers Allow and ETag must be present, X-Request-Id always, and
// a JSON body must validate against the schema (JSON Schema 2020-12, as
// OpenAPI 3.1 uses). Exit 0 when all pass, 1 otherwise (each failure printed).
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

const [openapiPath, jsonlPath] = process.argv.slice(2);
if (!openapiPath || !jsonlPath) {
  console.error('usage: validate.mjs OPENAPI.yaml RESPONSES.jsonl');
  process.exit(2);
}
const doc = YAML.parse(readFileSync(openapiPath, 'utf8'));
const lines = readFileSync(jsonlPath, 'utf8').split('\n').filter((l) => l.trim() !== '');

// The whole document is registered as one schema resource so that the
// "#/components/schemas/..." references resolve; OpenAPI's own keywords
// (example, paths, ...) are not JSON Schema, hence strict: false.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(doc, 'openapi');

const escape = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const unescape = (s) => s.replace(/~1/g, '/').replace(/~0/g, '~');
const at = (pointer) => pointer.split('/').slice(1).reduce((acc, k) => (acc == null ? acc : acc[unescape(k)]), doc);
const validators = new Map();
const validatorFor = (pointer) => {
  if (!validators.has(pointer)) validators.set(pointer, ajv.getSchema(`openapi#${pointer}`));
  return validators.get(pointer);
};

let failures = 0;
let checked = 0;
const fail = (r, why) => {
  failures++;
  console.error(`FAIL ${r.method} ${r.path} -> ${r.status} (${r.content_type || 'no type'}): ${why}`);
};

for (const line of lines) {
  const r = JSON.parse(line);
  checked++;
  const method = (r.method === 'HEAD' ? 'get' : r.method.toLowerCase());
  const status = String(r.status);
  let responsePointer;

  if (r.template === '*') {
    if (status !== '404') { fail(r, 'an unknown path must get 404'); continue; }
    responsePointer = '/components/responses/NotFound';
  } else {
    const item = doc.paths[r.template];
    if (!item) { fail(r, `template ${r.template} is not in openapi.yaml`); continue; }
    const op = item[method];
    if (!op) {
      if (status !== '405') { fail(r, `${method} ${r.template} is not documented`); continue; }
      responsePointer = '/components/responses/MethodNotAllowed';
    } else {
      const responses = op.responses || {};
      const key = status in responses ? status : ('default' in responses ? 'default' : null);
      if (key === null) { fail(r, `status ${status} is not documented for ${method} ${r.template}`); continue; }
      responsePointer = `/paths/${escape(r.template)}/${method}/responses/${key}`;
    }
  }

  // Follow a $ref to the component: schemas are then looked up under it.
  let resp = at(responsePointer);
  if (resp && resp.$ref) {
    responsePointer = resp.$ref.replace(/^#/, '');
    resp = at(responsePointer);
  }

  const headers = r.headers || {};
  if (!headers['x-request-id']) fail(r, 'no X-Request-Id header');
  for (const h of Object.keys(resp.headers || {})) {
    const lower = h.toLowerCase();
    if ((lower === 'allow' || lower === 'etag') && !headers[lower]) fail(r, `documented header ${h} missing`);
  }

  const content = resp.content || {};
  const media = (r.content_type || '').split(';')[0].trim().toLowerCase();
  if (r.method === 'HEAD' || status === '304' || status === '204') {
    if (r.body !== '') fail(r, 'a body where none is allowed');
    continue;
  }
  if (Object.keys(content).length === 0) {
    if (r.body !== '') fail(r, 'a body but the response declares no content');
    continue;
  }
  if (!(media in content)) { fail(r, `media type ${media} not declared (declared: ${Object.keys(content).join(', ')})`); continue; }
  if (!media.endsWith('json')) {
    if (typeof r.body !== 'string' || r.body.length === 0) fail(r, 'empty body');
    continue;
  }
  let body;
  try { body = JSON.parse(r.body); } catch (e) { fail(r, `body is not JSON: ${e.message}`); continue; }
  const validate = validatorFor(`${responsePointer}/content/${escape(media)}/schema`);
  if (!validate) { fail(r, 'no schema'); continue; }
  if (!validate(body)) {
    fail(r, ajv.errorsText(validate.errors, { separator: '\n    ' }));
  }
  // A problem repeats the HTTP status.
  if (media === 'application/problem+json' && body.status !== r.status) fail(r, `problem status ${body.status} != ${r.status}`);
}

console.log(`${checked} responses checked against ${openapiPath}, ${failures} failure(s)`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
