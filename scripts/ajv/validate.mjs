// Validates JSON instances against a JSON Schema (draft 2020-12) with ajv in strict
// mode, as editors' validators do: node validate.mjs SCHEMA INSTANCE...
// Prints one line per instance, "ok FILE" or "invalid FILE: ERRORS", and exits 0 when
// the schema compiles (invalid instances are reported, not fatal), 2 when it does not.
// Run with NODE_PATH pointing at the node_modules scripts/ensure-tools.sh installs.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";

const require = createRequire(path.join(process.env.AJV_MODULES || ".", "x.js"));
const Ajv2020 = require("ajv/dist/2020").default;

const [schemaFile, ...instances] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: true });
let validate;
try {
  validate = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")));
} catch (e) {
  console.log(`schema ${schemaFile}: ${e.message}`);
  process.exit(2);
}
for (const f of instances) {
  if (validate(JSON.parse(readFileSync(f, "utf8")))) {
    console.log(`ok ${f}`);
  } else {
    const errs = validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`);
    console.log(`invalid ${f}: ${errs.join("; ")}`);
  }
}
