// Names every case of tests/fixtures/file_names.json with the book's filenames.js and prints
// the names as JSON, for tests/test_file_names.py to compare.
// Usage: node file_names.js <filenames.js> <table.json>
'use strict';
const fs = require('fs');
const [script, tablePath] = process.argv.slice(2);
require(require('path').resolve(script));
const table = JSON.parse(fs.readFileSync(tablePath, 'utf8'));
const PC = globalThis.PatientCourse;
process.stdout.write(JSON.stringify(table.map((c) => PC.resultsFileName(c.course, c.assignment, c.learner))));
