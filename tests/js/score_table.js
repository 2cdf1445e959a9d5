// Scores every case of a scoring table with the book's scoring.js and prints the results as
// JSON, one {score, feedback} per case, for tests/test_scoring_cases.py to compare.
// Usage: node score_table.js <scoring.js> <table.json>
'use strict';
const fs = require('fs');
const [scoringJs, tablePath] = process.argv.slice(2);
require(require('path').resolve(scoringJs));
const table = JSON.parse(fs.readFileSync(tablePath, 'utf8'));
const results = table.cases.map((c) => globalThis.PatientCourse.score(table.questions[c.question], c.answer));
process.stdout.write(JSON.stringify(results));
