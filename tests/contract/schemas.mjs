// The JSON Schemas printed from the tables (aicost schema NAME) are the one
// home of every bound: this holds the copies and the examples to them.
//   node schemas.mjs SOURCE_ROOT AICOST          check (exit 0 when all hold)
//   node schemas.mjs SOURCE_ROOT AICOST --print  openapi.yaml's request
//                                                schemas, to paste after a change
// Checked:
//  1. openapi.yaml's request schemas (Scenario, ComparisonRequest, PlanRequest and what
//     they use) equal the generated ones, "#/$defs/X" read as
//     "#/components/schemas/X";
//  2. config/schemas/NAME.schema.json (for editors) equal `aicost schema NAME`;
//  3. the generated schemas are valid draft 2020-12 (ajv, strict) and accept
//     every valid document of the repository: config/scenarios (YAML, whose
//     yaml-language-server modeline names the schema), tests/data/scenarios,
//     the golden requests, bench/scenarios, the plan requests of
//     tests/data/plans and bench/plans, config/catalogue.yaml and
//     tests/data/catalogue/valid-minimal.yaml;
//  4. every invalid request of tests/data/invalid that the server answers 422
//     fails the schema, unless its .expect says `schema-valid WHY` (a rule
//     JSON Schema cannot state: an unknown catalogue id, one member bounded
//     by another).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

const [root, aicost, mode] = process.argv.slice(2);
if (!root || !aicost) {
  console.error('usage: schemas.mjs SOURCE_ROOT AICOST [--print]');
  process.exit(2);
}
const schema = (name) => JSON.parse(execFileSync(aicost, ['schema', name], { encoding: 'utf8' }));
const generated = { scenario: schema('scenario'), comparison: schema('comparison'), catalogue: schema('catalogue'),
  plan: schema('plan') };

// A generated document as openapi.yaml components: the root under its title,
// each $defs entry under its name, references rewritten.
const asComponents = (doc) => {
  const rewrite = (v) => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) =>
        [k, k === '$ref' ? x.replace('#/$defs/', '#/components/schemas/') : rewrite(x)]));
    }
    return v;
  };
  const { $schema, $id, title, $defs, ...body } = doc;
  void $schema; void $id;
  return { [title]: rewrite(body), ...rewrite($defs || {}) };
};
const request = { ...asComponents(generated.comparison), ...asComponents(generated.scenario),
  ...asComponents(generated.plan) };

if (mode === '--print') {
  // Top-level keys in block style, each property and rule on one line, as
  // the rest of openapi.yaml is written.
  const flow = (v) => YAML.stringify(v, { collectionStyle: 'flow', lineWidth: 0 }).trim();
  for (const [name, s] of Object.entries(request)) {
    console.log(`    ${name}:`);
    for (const [k, v] of Object.entries(s)) {
      if (k === 'properties') {
        console.log('      properties:');
        for (const [p, ps] of Object.entries(v)) console.log(`        ${p}: ${flow(ps)}`);
      } else if (k === 'allOf') {
        console.log('      allOf:');
        for (const r of v) console.log(`        - ${flow(r)}`);
      } else {
        console.log(`      ${k}: ${flow(v)}`);
      }
    }
  }
  process.exit(0);
}

let failures = 0;
const fail = (why) => { failures++; console.error(`FAIL ${why}`); };

// 1. openapi.yaml
const openapi = YAML.parse(readFileSync(join(root, 'openapi.yaml'), 'utf8'));
const components = openapi.components.schemas;
for (const [name, s] of Object.entries(request)) {
  if (!isDeepStrictEqual(components[name], s))
    fail(`openapi.yaml components.schemas.${name} is not the generated schema; run\n` +
         `  node tests/contract/schemas.mjs . build/gcc/cmd/aicost/aicost --print\n` +
         `and replace the request schemas with its output`);
}

// 2. config/schemas
for (const [name, s] of Object.entries(generated)) {
  const file = join(root, 'config', 'schemas', `${name}.schema.json`);
  if (!existsSync(file)) { fail(`${file} is missing`); continue; }
  if (!isDeepStrictEqual(JSON.parse(readFileSync(file, 'utf8')), s))
    fail(`${file} differs from 'aicost schema ${name}': aicost schema ${name} --pretty > ${file}`);
}

// 3. valid documents pass
// strict, except for "required" in a rule's subschema, which names members the
// object's own properties declare
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
addFormats(ajv);
ajv.addKeyword({ keyword: 'x-unit', schemaType: 'string' });
const validate = Object.fromEntries(Object.entries(generated).map(([n, s]) => [n, ajv.compile(s)]));
let checked = 0;
const expect = (name, file, doc, valid) => {
  checked++;
  const ok = validate[name](doc);
  if (ok !== valid)
    fail(`${file}: ${valid ? 'rejected' : 'accepted'} by the ${name} schema` +
         (ok ? '' : `: ${ajv.errorsText(validate[name].errors)}`));
};
const files = (dir, ext) => existsSync(join(root, dir))
  ? readdirSync(join(root, dir)).filter((f) => f.endsWith(ext)).sort().map((f) => join(root, dir, f)) : [];
const isComparison = (file) => /compare|comparison/.test(basename(file));

for (const f of files('config/scenarios', '.yaml')) {
  const text = readFileSync(f, 'utf8');
  if (!/^# yaml-language-server: \$schema=\.\.\/schemas\/scenario\.schema\.json$/m.test(text))
    fail(`${f}: no yaml-language-server modeline naming ../schemas/scenario.schema.json`);
  expect('scenario', f, YAML.parse(text), true);
}
for (const dir of ['tests/data/scenarios', 'bench/scenarios', 'tests/data/golden']) {
  for (const f of files(dir, '.json')) {
    if (dir === 'tests/data/golden' && !f.endsWith('.request.json')) continue;
    expect(isComparison(f) ? 'comparison' : 'scenario', f, JSON.parse(readFileSync(f, 'utf8')), true);
  }
}
for (const f of [...files('tests/data/plans', '.json'), ...files('bench/plans', '.json')])
  expect('plan', f, JSON.parse(readFileSync(f, 'utf8')), true);
for (const f of [join(root, 'config/catalogue.yaml'), join(root, 'tests/data/catalogue/valid-minimal.yaml')])
  expect('catalogue', f, YAML.parse(readFileSync(f, 'utf8')), true);

// 4. invalid requests fail, unless JSON Schema cannot say why
for (const f of files('tests/data/invalid', '.json')) {
  const ex = readFileSync(f.replace(/\.json$/, '.expect'), 'utf8');
  if (!/^status 422$/m.test(ex) || /^schema-valid /m.test(ex)) continue;
  let doc;
  try { doc = JSON.parse(readFileSync(f, 'utf8')); } catch { continue; }
  expect(isComparison(f) ? 'comparison' : 'scenario', f, doc, false);
}

console.log(`${checked} documents checked against the generated schemas, ${failures} failure(s)`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
