/* scoring.js: how the book checks an answer. It must agree with the runtime's scoring
 * (patientcourse_runtime/scoring.py, the one implementation): both are checked against the
 * same table of cases, tests/fixtures/scoring_cases.json. A question here is the JSON the
 * bundle carries (the page's data-pc-key); answers are encoded as scoring.py says.
 * No DOM: it also runs under Node for that test.
 */
(function (root) {
  'use strict';
  var PC = root.PatientCourse = root.PatientCourse || {};
  var INVALID = 'No answer was given in a form this question accepts.';
  var NUMERIC_SLACK = 1e-9;

  function result(score, feedback) { return {score: score, feedback: feedback}; }
  function invalid() { return result(0, [INVALID]); }
  function isText(x) { return typeof x === 'string'; }
  function isPlainObject(x) { return !!x && typeof x === 'object' && !Array.isArray(x); }

  var scorers = {
    single: function (q, a) {
      var o = isText(a) && q.options.filter(function (opt) { return opt.id === a; })[0];
      return o ? result(o.correct ? 1 : 0, [o.feedback]) : invalid();
    },
    multiple: function (q, a) {
      if (!Array.isArray(a) || !a.every(isText)) return invalid();
      var ids = q.options.map(function (o) { return o.id; });
      if (!a.every(function (x) { return ids.indexOf(x) >= 0; })) return invalid();
      var chosen = q.options.filter(function (o) { return a.indexOf(o.id) >= 0; });  // a repeat counts once
      var right = q.options.filter(function (o) { return o.correct; }).length;
      var hits = chosen.filter(function (o) { return o.correct; }).length;
      // Partial credit: each right pick earns a share, each wrong pick takes one back.
      return result(Math.max(0, (hits - (chosen.length - hits)) / right),
        chosen.map(function (o) { return o.feedback; }));
    },
    truefalse: function (q, a) {
      if (typeof a !== 'boolean') return invalid();
      return result(a === q.answer ? 1 : 0, [a ? q.if_true : q.if_false]);
    },
    matching: function (q, a) {
      if (!isPlainObject(a)) return invalid();
      var items = q.pairs.map(function (p) { return p.item_id; });
      var matches = q.pairs.map(function (p) { return p.match_id; });
      var keys = Object.keys(a);
      var ok = keys.length === items.length && items.every(function (i) { return keys.indexOf(i) >= 0; }) &&
        keys.every(function (k) { return isText(a[k]) && matches.indexOf(a[k]) >= 0; });
      if (!ok) return invalid();
      var wrong = q.pairs.filter(function (p) { return a[p.item_id] !== p.match_id; })
        .map(function (p) { return p.feedback; });
      return result((items.length - wrong.length) / items.length, wrong.length ? wrong : ['All matches are right.']);
    },
    ordering: function (q, a) {
      var ids = q.steps.map(function (s) { return s.id; });
      if (!Array.isArray(a) || !a.every(isText) ||
          a.slice().sort().join('\n') !== ids.slice().sort().join('\n')) return invalid();
      var wrong = q.steps.filter(function (s, i) { return a[i] !== s.id; });
      return result((ids.length - wrong.length) / ids.length,
        wrong.length ? wrong.map(function (s) { return s.feedback; }) : ['The order is right.']);
    },
    numeric: function (q, a) {
      if (typeof a !== 'number' || !isFinite(a)) return invalid();
      var ok = Math.abs(a - q.answer) <= q.tolerance + NUMERIC_SLACK;
      return result(ok ? 1 : 0, [ok ? q.if_correct : q.if_wrong]);
    }
  };

  PC.score = function (question, answer) { return scorers[question.type](question, answer); };

  /* Right or wrong in words (never colour alone); the notebook says the same. */
  PC.verdict = function (s) {
    if (s >= 1 - 1e-9) return 'Correct.';
    if (s <= 1e-9) return 'Not correct.';
    return 'Partly correct: ' + Math.round(s * 100) + '% of the marks.';
  };
})(typeof window !== 'undefined' ? window : globalThis);
