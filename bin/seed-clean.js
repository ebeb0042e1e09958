#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript in dist/ (npm run build).
import v8 from 'node:v8';

// TurboFan's inlined array builtins (map, filter, join, ...) put the cleaner into deoptimization
// loops: an array that is empty for some documents and not for others fails the inlined code's
// map check every time, the function is thrown away and compiled again on V8's helper threads
// (`node --trace-deopt`: ~860 "wrong map" deoptimizations on 5,000 bench documents, against ~80
// without inlining; CPU of the run -9%, README "Performance"). Set before any of our code is
// compiled, so the import below is dynamic; it applies to the worker threads too.
v8.setFlagsFromString('--no-turbo-inline-array-builtins');
const { main } = await import('../dist/cli/main.js');

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`seed-clean: internal error: ${err && err.stack ? err.stack : String(err)}\n`);
    process.exitCode = 70;
  },
);
