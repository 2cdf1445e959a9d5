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

  /* As scoring.py's Scored: score, feedback, and the parts right ("right" of "of", and
   * "wrong" picks in a "pick all that apply"). */
  function result(score, feedback, right, of, wrong, kind) {
    return {score: score, feedback: feedback, right: right, of: of === undefined ? 1 : of,
            wrong: wrong || 0, kind: kind || ''};
  }
  function invalid() { return result(0, [INVALID], 0, 1); }
  function isText(x) { return typeof x === 'string'; }
  function isPlainObject(x) { return !!x && typeof x === 'object' && !Array.isArray(x); }

  var scorers = {
    single: function (q, a) {
      var o = isText(a) && q.options.filter(function (opt) { return opt.id === a; })[0];
      return o ? result(o.correct ? 1 : 0, [o.feedback], o.correct ? 1 : 0) : invalid();
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
        chosen.map(function (o) { return o.feedback; }), hits, right, chosen.length - hits, 'multiple');
    },
    truefalse: function (q, a) {
      if (typeof a !== 'boolean') return invalid();
      return result(a === q.answer ? 1 : 0, [a ? q.if_true : q.if_false], a === q.answer ? 1 : 0);
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
      return result((items.length - wrong.length) / items.length, wrong.length ? wrong : ['All matches are right.'],
        items.length - wrong.length, items.length, 0, 'matching');
    },
    ordering: function (q, a) {
      var ids = q.steps.map(function (s) { return s.id; });
      if (!Array.isArray(a) || !a.every(isText) ||
          a.slice().sort().join('\n') !== ids.slice().sort().join('\n')) return invalid();
      var wrong = q.steps.filter(function (s, i) { return a[i] !== s.id; });
      return result((ids.length - wrong.length) / ids.length,
        wrong.length ? wrong.map(function (s) { return s.feedback; }) : ['The order is right.'],
        ids.length - wrong.length, ids.length, 0, 'ordering');
    },
    numeric: function (q, a) {
      if (typeof a !== 'number' || !isFinite(a)) return invalid();
      var ok = Math.abs(a - q.answer) <= q.tolerance + NUMERIC_SLACK;
      return result(ok ? 1 : 0, [ok ? q.if_correct : q.if_wrong], ok ? 1 : 0);
    }
  };

  /* The result also says the verdict and the tally in words, as scoring.py's Scored does. */
  PC.score = function (question, answer) {
    var scored = scorers[question.type](question, answer);
    scored.verdict = PC.verdict(scored.score);
    scored.tally = scored.score >= 1 - 1e-9 ? '' : PC.tally(scored.kind, scored.right, scored.of, scored.wrong);
    return scored;
  };

  /* Right or wrong in words (never colour alone); the notebook says the same. */
  PC.verdict = function (s) {
    if (s >= 1 - 1e-9) return 'Correct.';
    if (s <= 1e-9) return 'Not correct.';
    return 'Partly correct: ' + pyRound(s * 100) + '% of the marks.';
  };

  /* Python's round(): halves go to the even neighbour (Math.round sends 12.5 up). */
  function pyRound(x) {
    var r = Math.round(x);
    return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  }

  var COUNT_WORDS = ['No', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten'];
  function count(n) { return n >= 0 && n < COUNT_WORDS.length ? COUNT_WORDS[n] : String(n); }

  /* How much of an answer is right, without naming which parts. */
  PC.tally = function (kind, right, of, wrong) {
    if (kind === 'multiple') {
      var wrongText = !wrong ? '' : wrong === 1 ? ' One choice is wrong.' : ' ' + count(wrong) + ' choices are wrong.';
      return 'You found ' + right + ' of ' + of + '.' + wrongText;
    }
    if (kind === 'matching') return right + ' of ' + of + ' pairs are right.';
    if (kind === 'ordering') return right + ' of ' + of + ' steps are in the right place.';
    return '';
  };

  /* A feedback line without the verdict its author started it with: the quiz says it. */
  var LEADING_VERDICT = /^(?:Right|Correct|Yes|No|Not quite|Not so|Wrong|Exactly)[.!:]\s*/;
  PC.withoutVerdict = function (line) {
    var rest = line.replace(LEADING_VERDICT, '');
    return rest.charAt(0).toUpperCase() + rest.slice(1);
  };

  /* A typed number, or null: the same rules as scoring.py's parse_number (checked by the shared
   * table tests/fixtures/number_cases.json). */
  var NUMBER_WORDS = ('zero one two three four five six seven eight nine ten eleven twelve thirteen ' +
    'fourteen fifteen sixteen seventeen eighteen nineteen').split(' ');
  var TENS_WORDS = 'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ');
  var DIGITS = /^[+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)$/;
  var THOUSANDS = /^[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$/;
  var DECIMAL_COMMA = /^[+-]?[0-9]*,[0-9]+$/;

  function withoutUnit(text, units) {
    for (var i = 0; i < units.length; i++) {
      var unit = (units[i] || '').trim().toLowerCase();
      if (!unit) continue;
      var word = /^(.*?) ?([a-z]+)$/.exec(text);
      if (word && word[1] && (word[2] === unit ||
          (word[2].length >= 3 && unit.indexOf(word[2].replace(/s+$/, '')) === 0))) return word[1];
    }
    return text;
  }

  function numberWords(text) {
    if (text.charAt(0) === '-') return null;  // "-twenty" is not a number anyone means
    var parts = text.replace(/-/g, ' ').split(/\s+/).filter(Boolean);
    if (parts.length === 1 && NUMBER_WORDS.indexOf(parts[0]) >= 0) return NUMBER_WORDS.indexOf(parts[0]);
    var tens = TENS_WORDS.indexOf(parts[0]);
    if (parts.length && tens >= 0 && parts.length <= 2) {
      var ones = parts.length === 2 ? NUMBER_WORDS.indexOf(parts[1]) : 0;
      return ones >= 0 && ones <= 9 ? 10 * (tens + 2) + ones : null;
    }
    return null;
  }

  PC.parseNumber = function (text, units) {
    if (typeof text !== 'string') return null;
    var cleaned = withoutUnit(text.toLowerCase().split(/\s+/).filter(Boolean).join(' ').replace(/\.+$/, ''),
                              units || []);
    if (DIGITS.test(cleaned)) return Number(cleaned);
    if (THOUSANDS.test(cleaned)) return Number(cleaned.replace(/,/g, ''));
    if (DECIMAL_COMMA.test(cleaned)) return Number(cleaned.replace(',', '.'));
    return numberWords(cleaned);
  };
})(typeof window !== 'undefined' ? window : globalThis);
