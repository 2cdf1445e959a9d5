// Reads every typed number and strips every feedback line of a number table with the book's
// scoring.js and prints the results as JSON ({values: [...], shown: [...]}), for
// tests/test_scoring_cases.py to compare. Usage: node number_table.js <scoring.js> <table.json>
'use strict';
const fs = require('fs');
const [scoringJs, tablePath] = process.argv.slice(2);
require(require('path').resolve(scoringJs));
const PC = globalThis.PatientCourse;
const table = JSON.parse(fs.readFileSync(tablePath, 'utf8'));
process.stdout.write(JSON.stringify({
  values: table.cases.map((c) => PC.parseNumber(c.text, c.units)),
  shown: table.feedback_lines.map((c) => PC.withoutVerdict(c.line)),
}));
