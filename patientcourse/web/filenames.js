/* filenames.js: the name of a results file, made exactly as the notebook's runtime makes it
 * (patientcourse_runtime/filenames.py): <course>[--<assignment>][--<name>-<id>].json, letters
 * of every script kept, every other run of characters one "-". Both are checked against
 * tests/fixtures/file_names.json. No DOM: it also runs under Node for that test.
 */
(function (root) {
  'use strict';
  var PC = root.PatientCourse = root.PatientCourse || {};
  var MAX_PART = 60;  /* characters (code points), as in Python */

  function trimDashes(text) { return text.replace(/^-+|-+$/g, ''); }

  PC.safePart = function (text) {
    var cleaned = trimDashes(String(text || '').normalize('NFC').toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}_]+/gu, '-'));
    return trimDashes(Array.from(cleaned).slice(0, MAX_PART).join(''));
  };

  PC.resultsFileName = function (course, assignmentId, learner) {
    learner = learner || {};
    var who = [PC.safePart(learner.name), PC.safePart(learner.id)].filter(Boolean).join('-');
    return [course, assignmentId || '', who].filter(Boolean).join('--') + '.json';
  };
})(typeof window !== 'undefined' ? window : globalThis);
