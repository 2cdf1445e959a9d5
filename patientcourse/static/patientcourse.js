/* patientcourse.js: part of the book's runtime. Made by `make js` from patientcourse/web/ (core.js, scoring.js, dialog.js, filenames.js, scorm.js, quiz_inputs.js, quiz.js, progress.js, widgets.js, glossary.js, start.js); edit those, not this file. */

/* ---- core.js ---- */
/* core.js: what every part of the book's runtime shares (window.PatientCourse).
 *
 * - store: localStorage that never throws (answers live in memory when storage fails).
 * - el / announce: build nodes; write text into a live region so screen readers read it.
 * - keys: where a chapter's answers and the learner's name are kept in this browser. A
 *   chapter's answers are kept per course, assignment and mode, so practice answers never
 *   appear in an assessment's results.
 * - onStart: parts register here; start.js runs them once the page is parsed (and offers
 *   PC.whenParsed, to start a part on each element as soon as that element is parsed).
 */
(function (root) {
  'use strict';
  var PC = root.PatientCourse = root.PatientCourse || {};
  var PREFIX = 'patientcourse:';

  var memory = {};
  function local() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  PC.store = {
    /* false once any storage call failed: answers then last only while the page is open */
    persistent: true,
    get: function (key) {
      var raw = null;
      try { raw = local().getItem(key); } catch (e) { PC.store.persistent = false; }
      if (raw === null || raw === undefined) raw = memory.hasOwnProperty(key) ? memory[key] : null;
      try { return raw === null ? null : JSON.parse(raw); } catch (e) { return null; }
    },
    set: function (key, value) {
      memory[key] = JSON.stringify(value);
      try { local().setItem(key, memory[key]); return true; } catch (e) { PC.store.persistent = false; return false; }
    },
    remove: function (key) {
      delete memory[key];
      try { local().removeItem(key); } catch (e) { PC.store.persistent = false; }
    }
  };

  /* Practice outside any assignment keeps the key the book always used, so progress saved
   * before keys named the mode is still found. */
  PC.chapterKey = function (course, chapter, assignment, mode) {
    if (!assignment && (mode || 'practice') === 'practice') return PREFIX + course + ':' + chapter;
    return [PREFIX + course, 'assignment=' + (assignment || ''), mode || 'practice', chapter].join(':');
  };
  PC.learnerKey = function (course) { return PREFIX + course + ':learner'; };
  PC.widgetKey = function (course, chapter, kind) { return [PREFIX + course, chapter, 'widget', kind].join(':'); };
  PC.now = function () { return new Date().toISOString().replace(/\.\d+Z$/, 'Z'); };

  /* Write text (or nodes) into a live region; screen readers read the change. */
  PC.announce = function (region, content) {
    region.textContent = '';
    [].concat(content).forEach(function (part) {
      region.appendChild(typeof part === 'string' ? document.createTextNode(part) : part);
    });
  };

  PC.el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  };

  PC.all = function (rootNode, selector) { return [].slice.call(rootNode.querySelectorAll(selector)); };

  /* Save text as a file. The link is never put on the page: an unnamed link there would fail
   * accessibility checks. */
  PC.download = function (filename, text, type) {
    var blob = new Blob([text], {type: type || 'application/json'});
    var link = PC.el('a', {href: URL.createObjectURL(blob), download: filename});
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  };

  var starters = [], watchers = [];
  PC.onStart = function (fn) { starters.push(fn); };
  /* fn(element) for each element matching selector, as soon as that element is parsed (start.js). */
  PC.whenParsed = function (selector, fn) { watchers.push({selector: selector, fn: fn}); };
  PC.parsedWatchers = function () { return watchers; };
  PC.start = function () { starters.forEach(function (fn) { fn(); }); };
})(typeof window !== 'undefined' ? window : globalThis);

/* ---- scoring.js ---- */
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

/* ---- dialog.js ---- */
/* dialog.js: "are you sure?" before clearing answers, and a way back after.
 *
 * PatientCourse.confirm(opener, question, action, onConfirm): a modal <dialog> (the browser's:
 * it keeps focus inside, Escape cancels) naming what will be cleared. Cancel puts focus back
 * on the opener; confirming calls onConfirm().
 * PatientCourse.undoButton(label, onUndo): a button that gives the cleared answers back.
 */
(function (root) {
  'use strict';
  var PC = root.PatientCourse;
  var el = PC.el;
  var dialog, question, confirmButton, pending;

  function build() {
    question = el('p', {id: 'pc-confirm-question', 'class': 'pc-confirm-question'});
    confirmButton = el('button', {type: 'button', 'class': 'pc-button', value: 'confirm'});
    var cancel = el('button', {type: 'button', 'class': 'pc-button pc-cancel', text: 'Cancel'});
    dialog = el('dialog', {'class': 'pc-confirm', 'aria-labelledby': 'pc-confirm-question'}, [
      question, el('p', {'class': 'pc-confirm-note', text: 'You can undo it right after.'}),
      el('p', {}, [confirmButton, cancel])
    ]);
    confirmButton.addEventListener('click', function () { dialog.close('confirm'); });
    cancel.addEventListener('click', function () { dialog.close('cancel'); });
    dialog.addEventListener('close', function () {
      var job = pending;
      pending = null;
      if (!job) return;
      if (dialog.returnValue === 'confirm') job.onConfirm();
      else job.opener.focus();
    });
    document.body.appendChild(dialog);
  }

  PC.confirm = function (opener, text, action, onConfirm) {
    if (!dialog) build();
    question.textContent = text;
    confirmButton.textContent = action;
    dialog.returnValue = '';
    pending = {opener: opener, onConfirm: onConfirm};
    dialog.showModal();
    // Start on Cancel: Enter or Space right away must not clear anything.
    dialog.querySelector('.pc-cancel').focus();
  };

  PC.undoButton = function (label, onUndo) {
    var button = el('button', {type: 'button', 'class': 'pc-button pc-undo', text: label});
    button.addEventListener('click', onUndo);
    return button;
  };
})(window);

/* ---- filenames.js ---- */
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

/* ---- scorm.js ---- */
/* scorm.js: a chapter page inside an LMS (SCORM 1.2), when it is a SCO of a package made by
 * `patientcourse export --format scorm`. Such a page carries <meta name="pc-scorm"
 * content='{"mode": "practice"|"graded", "mastery": 80}'>. Anywhere else (no meta, or no LMS
 * API in a parent or opener window) this part does nothing and the book behaves as always.
 *
 * With an LMS it:
 * - finds the API (window.API, searched through parents, then the opener's parents), calls
 *   LMSInitialize and shows the learner's name (cmi.core.student_name);
 * - resumes: the chapter's saved answers come from cmi.suspend_data, written into
 *   PatientCourse.store before the quiz starts (this part runs before quiz.js);
 * - after each answer (quiz.js's "patientcourse:answer" event): one cmi.interactions.n
 *   (id, type, student_response, result, time, weighting), cmi.core.score.raw/min/max (0-100),
 *   cmi.core.lesson_status (incomplete until every question is answered; then completed, or
 *   passed/failed against the mastery score), cmi.suspend_data, then LMSCommit;
 * - on leaving the page: session time, exit "suspend" (so the LMS keeps the progress),
 *   LMSCommit and LMSFinish.
 * Practice mode scores the answers as they stand; graded mode scores each question's first
 * try, which "Try again" and "Start again" do not change.
 */
(function (root) {
  'use strict';
  var PC = root.PatientCourse;
  var SUSPEND_MAX = 4096; // cmi.suspend_data is a CMIString4096
  var TYPES = {single: 'choice', multiple: 'choice', truefalse: 'true-false', matching: 'matching',
               ordering: 'sequencing', numeric: 'numeric'};

  /* The SCORM 1.2 API search: up the parents of ``win`` (a cross-origin frame throws). */
  function searchUp(win) {
    for (var hops = 0; win && hops < 10; hops++) {
      try { if (win.API) return win.API; } catch (e) { return null; }
      if (!win.parent || win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }

  function findAPI() {
    var api = searchUp(root);
    try { if (!api && root.opener) api = searchUp(root.opener); } catch (e) { api = null; }
    return api;
  }

  function settings() {
    var meta = document.querySelector('meta[name="pc-scorm"]');
    if (!meta) return null;
    try { return JSON.parse(meta.getAttribute('content')); } catch (e) { return null; }
  }

  function response(type, answer) {
    if (type === 'truefalse') return answer ? 't' : 'f';
    if (type === 'matching') return Object.keys(answer).map(function (k) { return k + '.' + answer[k]; }).join(',');
    if (Array.isArray(answer)) return answer.join(',');
    return String(answer);
  }

  function result(score) {
    if (score === null || score === undefined) return 'neutral';
    if (score >= 1 - 1e-9) return 'correct';
    return score <= 1e-9 ? 'wrong' : String(Math.round(score * 100) / 100);
  }

  /* The chapter's progress, small enough for cmi.suspend_data: drop time stamps, then first
   * answers, until it fits. */
  function suspendText(record, firsts) {
    var copy = JSON.parse(JSON.stringify(record || {answers: {}}));
    var drops = [['first_answered_at', 'answered_at'], ['first_answer']];
    var text = JSON.stringify({v: 1, r: copy, f: firsts});
    for (var i = 0; text.length > SUSPEND_MAX && i < drops.length; i++) {
      Object.keys(copy.answers || {}).forEach(function (q) {
        drops[i].forEach(function (field) { delete copy.answers[q][field]; });
      });
      text = JSON.stringify({v: 1, r: copy, f: firsts});
    }
    return text.length > SUSPEND_MAX ? JSON.stringify({v: 1, r: {answers: {}}, f: firsts}) : text;
  }

  function twoDigits(n) { return (n < 10 ? '0' : '') + n; }

  function timespan(ms) { // CMITimespan HHHH:MM:SS
    var s = Math.floor(ms / 1000);
    var h = Math.floor(s / 3600);
    return (h < 10 ? '000' : h < 100 ? '00' : h < 1000 ? '0' : '') + h + ':' +
      twoDigits(Math.floor(s / 60) % 60) + ':' + twoDigits(s % 60);
  }

  function connect(api, config, quiz) {
    var course = quiz.getAttribute('data-pc-course');
    var chapter = quiz.getAttribute('data-pc-chapter');
    var key = PC.chapterKey(course, chapter);
    var questions = quiz.querySelectorAll('fieldset[data-pc-question]').length;
    var graded = config.mode === 'graded';
    var started = Date.now();
    var get = function (name) { return String(api.LMSGetValue(name) || ''); };
    var set = function (name, value) { return api.LMSSetValue(name, String(value)); };

    // Resume: what the LMS kept for this learner replaces what this browser remembers.
    var firsts = {};
    var saved = null;
    try { saved = JSON.parse(get('cmi.suspend_data') || 'null'); } catch (e) { saved = null; }
    if (saved && saved.r && saved.r.answers) {
      PC.store.set(key, saved.r);
      firsts = saved.f || {};
    } else {
      PC.store.remove(key);
    }

    var name = get('cmi.core.student_name');
    if (name) {
      PC.store.set(PC.learnerKey(course), {name: name, id: get('cmi.core.student_id')});
      quiz.parentNode.insertBefore(PC.el('p', {'class': 'pc-scorm-learner', text: 'Signed in as ' + name + '.'}), quiz);
    }
    var mastery = parseFloat(get('cmi.student_data.mastery_score'));
    if (isNaN(mastery)) mastery = typeof config.mastery === 'number' ? config.mastery : null;
    if (get('cmi.core.lesson_status') === 'not attempted' || !get('cmi.core.lesson_status')) {
      set('cmi.core.lesson_status', 'incomplete');
    }
    set('cmi.core.score.min', 0);
    set('cmi.core.score.max', 100);

    function report(points) {
      var record = PC.store.get(key) || {answers: {}};
      var answered = Object.keys(record.answers || {}).length;
      var raw = Math.round(10000 * points / Math.max(questions, 1)) / 100;
      set('cmi.core.score.raw', raw);
      var status = 'incomplete';
      if (answered >= questions) {
        status = mastery === null || !graded ? 'completed' : raw >= mastery ? 'passed' : 'failed';
      }
      set('cmi.core.lesson_status', status);
      set('cmi.suspend_data', suspendText(record, firsts));
      api.LMSCommit('');
    }

    function firstTryPoints() {
      return Object.keys(firsts).reduce(function (sum, q) { return sum + firsts[q]; }, 0);
    }

    document.addEventListener('patientcourse:answer', function (event) {
      var d = event.detail;
      if (d.chapter !== chapter || d.course !== course) return;
      if (!(d.question in firsts) && typeof d.score === 'number') firsts[d.question] = d.score;
      var n = get('cmi.interactions._count') || '0';
      var prefix = 'cmi.interactions.' + n + '.';
      set(prefix + 'id', d.question);
      set(prefix + 'type', TYPES[d.type] || 'performance');
      set(prefix + 'student_response', response(d.type, d.answer));
      set(prefix + 'result', result(d.score));
      set(prefix + 'time', String(d.answered_at).slice(11, 19));
      set(prefix + 'weighting', 1);
      report(graded ? firstTryPoints() : d.points || 0);
    });

    document.addEventListener('patientcourse:reset', function (event) {
      if (event.detail.chapter !== chapter) return;
      if (!graded) firsts = {};
      report(graded ? firstTryPoints() : 0);
    });

    var finished = false;
    function finish() {
      if (finished) return;
      finished = true;
      set('cmi.core.session_time', timespan(Date.now() - started));
      set('cmi.core.exit', 'suspend');
      api.LMSCommit('');
      api.LMSFinish('');
    }
    root.addEventListener('pagehide', finish);
    root.addEventListener('beforeunload', finish);
  }

  /* Registered before quiz.js registers its own start (scorm.js comes first in the bundle), so
   * the store holds what the LMS kept before the quiz reads it, as soon as the quiz is parsed. */
  var connected = false;
  PC.whenParsed('[data-pc-quiz]', function (quiz) {
    var config = settings();
    if (connected || !config) return;
    connected = true;
    var api = findAPI();
    if (!api || String(api.LMSInitialize('')) !== 'true') return;
    connect(api, config, quiz);
  });
})(window);

/* ---- quiz_inputs.js ---- */
/* quiz_inputs.js: a question's inputs on the page, read and written in the runtime's answer
 * encoding (patientcourse_runtime/scoring.py), and the ordering list's Move up / Move down
 * buttons. PatientCourse.quizInputs is used by quiz.js.
 */
(function (root) {
  'use strict';
  var PC = root.PatientCourse;
  var all = PC.all;

  function steps(fs) { return all(fs, '[data-pc-step]'); }
  function stepText(row) { return row.querySelector('.pc-step-text').textContent; }

  /* Returns {answer: ...} or {problem: 'what to do'}. */
  function read(fs, type) {
    var picked;
    if (type === 'single' || type === 'truefalse') {
      picked = all(fs, 'input[type=radio]').filter(function (i) { return i.checked; })[0];
      if (!picked) return {problem: 'Choose an answer.'};
      return {answer: type === 'truefalse' ? picked.value === 'true' : picked.value};
    }
    if (type === 'multiple') {
      picked = all(fs, 'input[type=checkbox]').filter(function (i) { return i.checked; });
      if (!picked.length) return {problem: 'Choose at least one answer.'};
      // In option-id order, whatever order they are shown in: the notebook records the same.
      return {answer: picked.map(function (i) { return i.value; }).sort()};
    }
    if (type === 'matching') {
      var pairs = {}, missing = false;
      all(fs, '[data-pc-item]').forEach(function (row) {
        var value = row.querySelector('select').value;
        if (!value) missing = true;
        pairs[row.getAttribute('data-pc-item')] = value;
      });
      return missing ? {problem: 'Choose a match for every item.'} : {answer: pairs};
    }
    if (type === 'ordering') {
      // The list's order is the answer: every order is a whole answer.
      return {answer: steps(fs).map(function (row) { return row.getAttribute('data-pc-step'); })};
    }
    var input = fs.querySelector('input[type=text]');
    var units = JSON.parse(input.getAttribute('data-pc-units') || '[]');
    var number = PC.parseNumber(input.value, units);
    if (number !== null) return {answer: number};
    var example = input.getAttribute('data-pc-example') || '12';
    return {problem: input.value.trim() ? '“' + input.value.trim() + '” is not a number. Type a number, for example ' + example + '.'
      : 'Type a number, for example ' + example + '.'};
  }

  /* Show an answer in the inputs; null clears them (ordering: back to the order first shown). */
  function write(fs, type, answer) {
    if (type === 'single' || type === 'truefalse' || type === 'multiple') {
      all(fs, 'input').forEach(function (i) {
        var value = type === 'truefalse' ? i.value === 'true' : i.value;
        i.checked = Array.isArray(answer) ? answer.indexOf(value) >= 0 : answer === value;
      });
    } else if (type === 'matching') {
      all(fs, '[data-pc-item]').forEach(function (row) {
        row.querySelector('select').value = (answer || {})[row.getAttribute('data-pc-item')] || '';
      });
    } else if (type === 'ordering') {
      var list = fs.querySelector('.pc-steps');
      var rows = steps(fs);
      var order = answer || fs.pcShownOrder;
      rows.slice().sort(function (x, y) {
        return order.indexOf(x.getAttribute('data-pc-step')) - order.indexOf(y.getAttribute('data-pc-step'));
      }).forEach(function (row) { list.appendChild(row); });
      updateMoves(fs);
    } else {
      fs.querySelector('input[type=text]').value = answer === null || answer === undefined ? '' : String(answer);
    }
  }

  /* First step: no "Move up"; last step: no "Move down" (disabled, so focus order stays). */
  function updateMoves(fs) {
    var rows = steps(fs);
    rows.forEach(function (row, i) {
      row.querySelector('[data-pc-move=up]').disabled = i === 0;
      row.querySelector('[data-pc-move=down]').disabled = i === rows.length - 1;
    });
  }

  /* Ordering: buttons move a step; the live region says where it went; focus stays on the
   * moved step (on the other button when the one pressed can no longer move it). */
  function setupOrdering(fs, onChange) {
    var said = fs.querySelector('[data-pc-moved]');
    var list = fs.querySelector('.pc-steps');
    fs.pcShownOrder = steps(fs).map(function (row) { return row.getAttribute('data-pc-step'); });
    all(fs, '[data-pc-move]').forEach(function (button) {
      button.hidden = false;
      button.addEventListener('click', function () {
        var row = button.closest('[data-pc-step]');
        var up = button.getAttribute('data-pc-move') === 'up';
        var other = up ? row.previousElementSibling : row.nextElementSibling;
        if (!other) return;
        list.insertBefore(row, up ? other : other.nextElementSibling);
        updateMoves(fs);
        var rows = steps(fs);
        PC.announce(said, '“' + stepText(row) + '” is now step ' + (rows.indexOf(row) + 1) + ' of ' + rows.length + '.');
        (button.disabled ? row.querySelector('[data-pc-move=' + (up ? 'down' : 'up') + ']') : button).focus();
        onChange();
      });
    });
    updateMoves(fs);
  }

  PC.quizInputs = {read: read, write: write, setupOrdering: setupOrdering};
})(window);

/* ---- quiz.js ---- */
/* quiz.js: every [data-pc-quiz] (the static face written by the runtime's quiz template) gets
 * working Check / Try again / Show the answer / Start again buttons, feedback in words, a
 * running score with the first-try score beside it, and a summary once every question is
 * answered. Answers are checked by scoring.js and stored in the runtime's JSON encoding
 * (quiz_inputs.js reads them), so the book and the notebook record identical answers.
 *
 * Feedback that teaches: a wrong answer gets the verdict, how many parts are right (never
 * which), the chosen option's feedback for one-part questions, the author's hint and a
 * "Review" link. The right answer and the explanation come only with a right answer, "Show
 * the answer", or after reveal_after tries. Changing the answer dims the old feedback.
 *
 * Progress: PatientCourse.chapterKey(course, chapter, assignment, mode) holds the chapter's
 * part of the results file ({"answers": {qid: {answer, answered_at, attempts, first_answer,
 * first_answered_at, revealed}}}) plus "score", "first_score" and "questions" for the
 * progress page. Practice and assessment answers never share a key.
 * Events on document: "patientcourse:answer" after every checked or saved answer (detail:
 * course, chapter, question, type, answer, attempts, answered_at, score, questions, points),
 * "patientcourse:reset" when a quiz is started again and "patientcourse:restore" on Undo.
 */
(function (root) {
  'use strict';
  var PC = root.PatientCourse;
  var el = PC.el, announce = PC.announce, all = PC.all;
  var inputs = PC.quizInputs;
  var RIGHT = 1 - 1e-9;

  function text(tag, value) { return el(tag, {text: value}); }
  function round(x) { return Math.round(x * 100) / 100; }

  /* The first answer of a stored entry, or undefined when it is not known (an older record
   * with several tries and no first_answer; the results model reads it the same way). */
  function firstAnswer(entry) {
    if ('first_answer' in entry) return entry.first_answer;
    return (entry.attempts || 1) <= 1 ? entry.answer : undefined;
  }

  function setupQuiz(quiz) {
    var course = quiz.getAttribute('data-pc-course');
    var chapter = quiz.getAttribute('data-pc-chapter');
    var mode = quiz.getAttribute('data-pc-mode') === 'assessment' ? 'assessment' : 'practice';
    var practice = mode === 'practice';
    var key = PC.chapterKey(course, chapter, quiz.getAttribute('data-pc-assignment'), mode);
    var questions = all(quiz, 'fieldset[data-pc-question]');
    var scoreLine = quiz.querySelector('[data-pc-score]');
    var resetButton = quiz.querySelector('[data-pc-reset]');
    var summary = quiz.querySelector('[data-pc-summary]');

    function record() {
      var saved = PC.store.get(key);
      return saved && saved.answers ? saved : {answers: {}};
    }
    function keyOf(fs) { return JSON.parse(fs.getAttribute('data-pc-key')); }
    function byId(id) { return questions.filter(function (fs) { return fs.getAttribute('data-pc-question') === id; })[0]; }

    /* Points now and at the first try, over the questions this page has. */
    function totals(rec) {
      var points = 0, first = 0;
      Object.keys(rec.answers).forEach(function (id) {
        var fs = byId(id);
        if (!fs || !practice) return;
        var entry = rec.answers[id];
        points += PC.score(keyOf(fs), entry.answer).score;
        var firstGiven = firstAnswer(entry);
        if (firstGiven !== undefined) first += PC.score(keyOf(fs), firstGiven).score;
      });
      return {points: round(points), first: round(first)};
    }

    function save(rec) {
      var t = totals(rec);
      rec.score = practice ? t.points : null;
      rec.first_score = practice ? t.first : null;
      rec.questions = questions.length;
      return PC.store.set(key, rec);
    }

    function updateScore(extra) {
      var rec = record();
      var answered = Object.keys(rec.answers).length;
      var total = questions.length;
      var t = totals(rec);
      var line = (practice ? 'Score: ' + t.points + ' of ' + total + ' points (first try: ' + t.first + '). ' : '') +
        'Answered: ' + answered + ' of ' + total + ' questions.';
      if (!PC.store.persistent) line += ' This browser cannot keep your answers: they will be lost when you leave the page.';
      announce(scoreLine, extra ? line + ' ' + extra : line);
      resetButton.hidden = answered === 0;
      updateSummary(rec, answered, t);
    }

    /* Once every question is answered: the score, the first-try score, the objectives to
     * review (those of questions not right at the first try) and the next chapter. */
    function updateSummary(rec, answered, t) {
      summary.hidden = answered < questions.length;
      if (summary.hidden) return;
      var line = summary.querySelector('[data-pc-summary-line]');
      if (!practice) {
        line.textContent = 'You answered all ' + questions.length + ' questions. Your answers are saved for your instructor.';
        return;
      }
      line.textContent = 'You answered all ' + questions.length + ' questions: ' + t.points + ' of ' +
        questions.length + ' points, ' + t.first + ' at the first try.';
      var missed = {};
      questions.forEach(function (fs) {
        var entry = rec.answers[fs.getAttribute('data-pc-question')];
        var first = entry && firstAnswer(entry);
        if (first === undefined || PC.score(keyOf(fs), first).score < RIGHT) missed[fs.getAttribute('data-pc-objective')] = true;
      });
      var list = summary.querySelector('[data-pc-review-list]');
      if (!list) return;
      all(list, '[data-pc-objective]').forEach(function (li) { li.hidden = !missed[li.getAttribute('data-pc-objective')]; });
      list.hidden = !Object.keys(missed).length;
      if (list.hidden) line.textContent += ' Every answer was right at the first try.';
    }

    function reviewLink(fs) {
      var review = fs.querySelector('[data-pc-review]');
      if (!review) return [];
      var copy = review.cloneNode(true);
      copy.removeAttribute('hidden');
      copy.removeAttribute('data-pc-review');
      return [copy];
    }

    /* The right answer in words: the list the template wrote for readers without the script. */
    function answerList(fs) {
      var list = fs.querySelector('.pc-answer-list');
      return [el('p', {}, [text('strong', 'The right answer:')]), list ? list.cloneNode(true) : text('p', '')];
    }

    function feedbackLines(lines) {
      var shown = lines.map(PC.withoutVerdict).filter(Boolean);
      return shown.length ? [el('ul', {}, shown.map(function (line) { return text('li', line); }))] : [];
    }

    /* Feedback for a stored entry: see the header for what is said when. */
    function show(fs, entry) {
      var status = fs.querySelector('[role=status]');
      fs.removeAttribute('data-pc-stale');
      fs.querySelector('[data-pc-retry]').hidden = false;
      if (!practice) {
        announce(status, el('p', {}, [text('strong', 'Answer saved'), document.createTextNode(' (attempt ' + entry.attempts + ').')]));
        return;
      }
      var question = keyOf(fs);
      var scored = PC.score(question, entry.answer);
      var correct = scored.score >= RIGHT;
      var revealAfter = +fs.getAttribute('data-pc-reveal-after') || 2;
      var revealed = correct || entry.revealed || entry.attempts >= revealAfter;
      var onePart = ['single', 'truefalse', 'numeric'].indexOf(question.type) >= 0;
      fs.setAttribute('data-pc-result', correct ? 'correct' : scored.score <= 1e-9 ? 'wrong' : 'partial');
      fs.querySelector('[data-pc-retry]').hidden = correct;
      fs.querySelector('[data-pc-show]').hidden = revealed;
      var head = el('p', {}, [text('strong', scored.verdict)].concat(scored.tally ? [document.createTextNode(' ' + scored.tally)] : []));
      var parts = [head];
      if (correct || revealed) {
        parts = parts.concat(feedbackLines(scored.feedback));
        if (!correct) parts = parts.concat(answerList(fs));
        parts.push(el('p', {}, [text('strong', 'Why: '), document.createTextNode(question.explanation)]));
        if (!correct) parts = parts.concat(reviewLink(fs));
      } else {
        if (onePart) parts = parts.concat(feedbackLines(scored.feedback));
        if (question.hint) parts.push(el('p', {'class': 'pc-hint-line'}, [text('strong', 'Hint: '), document.createTextNode(question.hint)]));
        parts = parts.concat(reviewLink(fs));
        var left = revealAfter - entry.attempts;
        parts.push(text('p', 'Change your answer and check it again' + (left > 0 ? ', or choose “Show the answer”.' : '.')));
      }
      announce(status, parts);
    }

    /* A changed answer: the feedback was about the old one, so it is dimmed and says so. */
    function changed(fs) {
      if (!fs.hasAttribute('data-pc-result') || fs.hasAttribute('data-pc-stale')) return;
      fs.setAttribute('data-pc-stale', '');
      fs.removeAttribute('data-pc-result');
      var head = fs.querySelector('[role=status] p');
      if (head) announce(head, [text('strong', 'You changed your answer.'), document.createTextNode(' Check it to see if it is right.')]);
    }

    function clear(fs) {
      inputs.write(fs, fs.getAttribute('data-pc-type'), null);
      announce(fs.querySelector('[role=status]'), '');
      fs.removeAttribute('data-pc-result');
      fs.removeAttribute('data-pc-stale');
      fs.querySelector('[data-pc-retry]').hidden = true;
      var showButton = fs.querySelector('[data-pc-show]');
      if (showButton) showButton.hidden = true;
    }

    function check(fs) {
      var type = fs.getAttribute('data-pc-type');
      var id = fs.getAttribute('data-pc-question');
      var read = inputs.read(fs, type);
      if (read.problem) {
        announce(fs.querySelector('[role=status]'), el('p', {}, [text('strong', read.problem)]));
        return;
      }
      var rec = record();
      var previous = rec.answers[id];
      var at = PC.now();
      // The first answer is kept through every "Try again": it is the first-try score.
      rec.answers[id] = {answer: read.answer, answered_at: at, attempts: ((previous && previous.attempts) || 0) + 1,
                         first_answer: previous ? firstAnswer(previous) : read.answer,
                         first_answered_at: (previous && previous.first_answered_at) || at};
      if (rec.answers[id].first_answer === undefined) delete rec.answers[id].first_answer;
      if (previous && previous.revealed) rec.answers[id].revealed = true;
      show(fs, rec.answers[id]);
      save(rec);
      updateScore();
      var points = practice ? totals(rec).points : null;
      // For whatever else listens (an LMS connection): what was answered, and how it scored.
      document.dispatchEvent(new CustomEvent('patientcourse:answer', {detail: {
        course: course, chapter: chapter, question: id, type: type, answer: read.answer,
        attempts: rec.answers[id].attempts, answered_at: at,
        score: practice ? PC.score(keyOf(fs), read.answer).score : null,
        questions: questions.length, points: points
      }}));
    }

    function showAnswer(fs) {
      var rec = record();
      var entry = rec.answers[fs.getAttribute('data-pc-question')];
      if (!entry) return;
      entry.revealed = true;
      save(rec);
      show(fs, entry);
      fs.querySelector('[data-pc-check]').focus();
    }

    questions.forEach(function (fs) {
      var checkButton = fs.querySelector('[data-pc-check]');
      var details = fs.querySelector('details.pc-answer');
      var type = fs.getAttribute('data-pc-type');
      // With the script, feedback and the explanation come after a Check; the disclosure
      // is for readers without JavaScript.
      if (details) details.hidden = true;
      checkButton.hidden = false;
      checkButton.addEventListener('click', function () { check(fs); });
      fs.querySelector('[data-pc-retry]').addEventListener('click', function () {
        clear(fs);
        var first = fs.querySelector('input, select, .pc-move:not([disabled])');
        if (first) first.focus();
      });
      var showButton = fs.querySelector('[data-pc-show]');
      if (showButton) showButton.addEventListener('click', function () { showAnswer(fs); });
      fs.addEventListener('change', function () { changed(fs); });
      fs.addEventListener('input', function () { changed(fs); });
      if (type === 'ordering') inputs.setupOrdering(fs, function () { changed(fs); });
      // Enter in the number field checks, as it would submit a form.
      all(fs, 'input[type=text]').forEach(function (input) {
        input.addEventListener('keydown', function (event) {
          if (event.key === 'Enter') { event.preventDefault(); check(fs); }
        });
      });
    });

    function restore() {
      var saved = record();
      questions.forEach(function (fs) {
        var entry = saved.answers[fs.getAttribute('data-pc-question')];
        if (!entry) { clear(fs); return; }
        var type = fs.getAttribute('data-pc-type');
        inputs.write(fs, type, entry.answer);
        // Show it only if the inputs read back the same answer (not one from an older quiz).
        if (JSON.stringify(inputs.read(fs, type).answer) !== JSON.stringify(entry.answer)) {
          clear(fs);
          return;
        }
        show(fs, entry);
      });
    }

    var undoButton = null;
    function dropUndo() {
      if (undoButton && undoButton.parentNode) undoButton.parentNode.removeChild(undoButton);
      undoButton = null;
    }

    resetButton.addEventListener('click', function () {
      PC.confirm(resetButton, 'Clear your answers to this quiz and start again?', 'Clear my answers', function () {
        var saved = PC.store.get(key);
        PC.store.remove(key);
        questions.forEach(clear);
        updateScore('Your answers to this quiz were cleared.');
        document.dispatchEvent(new CustomEvent('patientcourse:reset', {detail: {course: course, chapter: chapter}}));
        // Undo takes the reset button's place, so focus stays where the learner was.
        dropUndo();
        undoButton = PC.undoButton('Undo: give my answers back', function () {
          PC.store.set(key, saved);
          restore();
          dropUndo();
          updateScore('Your answers are back.');
          resetButton.focus();
          document.dispatchEvent(new CustomEvent('patientcourse:restore', {detail: {course: course, chapter: chapter}}));
        });
        resetButton.parentNode.insertBefore(undoButton, resetButton);
        undoButton.focus();
      });
    });
    quiz.addEventListener('click', function (event) {
      // The undo is offered until the learner answers again.
      if (undoButton && event.target.closest('[data-pc-check]')) dropUndo();
    });

    // Restore what this browser remembers.
    restore();
    updateScore();
  }

  // Each quiz starts as soon as its markup is parsed (start.js), not when the whole page is.
  PC.whenParsed('[data-pc-quiz]', setupQuiz);
})(window);

/* ---- progress.js ---- */
/* progress.js: the results file a learner hands in, and the "My progress" page.
 * [data-pc-progress] lists every chapter with its score and first-try score, resets (after
 * asking, with Undo), and downloads the results file (the shape of
 * patientcourse_runtime/results.py, origin "book"). It reads the answers of its own
 * assignment and mode only (data-pc-assignment, data-pc-mode).
 */
(function (root) {
  'use strict';
  var PC = root.PatientCourse;
  var el = PC.el, announce = PC.announce;

  PC.results = function (course, chapterIds, assignment, mode) {
    var chapters = {};
    chapterIds.forEach(function (id) {
      var rec = PC.store.get(PC.chapterKey(course, id, assignment && assignment.id, mode));
      if (rec && rec.answers && Object.keys(rec.answers).length) chapters[id] = {answers: rec.answers};
    });
    var learner = PC.store.get(PC.learnerKey(course)) || {};
    return {
      schema: 'patientcourse.results', version: 1, course: course, assignment: assignment || null,
      learner: {name: learner.name || '', id: learner.id || ''},
      origin: 'book', saved_at: PC.now(), chapters: chapters
    };
  };

  function setupProgress(box) {
    var course = box.getAttribute('data-pc-course');
    var chapters = JSON.parse(box.getAttribute('data-pc-chapters') || '[]');
    var assignment = JSON.parse(box.getAttribute('data-pc-assignment') || 'null');
    var mode = box.getAttribute('data-pc-mode') || 'practice';
    var status = el('p', {'class': 'pc-progress-status', role: 'status'});
    var tbody = el('tbody');
    var undo = {};  // chapter id -> what its last reset cleared, until Undo or the next draw
    function keyOf(id) { return PC.chapterKey(course, id, assignment && assignment.id, mode); }
    function round(x) { return Math.round(x * 100) / 100; }

    function row(chapter) {
      var rec = PC.store.get(keyOf(chapter.id));
      var answered = rec && rec.answers ? Object.keys(rec.answers).length : 0;
      var total = chapter.questions;
      var state = answered === 0 ? 'Not started' : answered >= total ? 'Finished: all ' + total + ' questions answered'
        : 'In progress: ' + answered + ' of ' + total + ' questions answered';
      var points = rec && typeof rec.score === 'number' ? round(rec.score) + ' of ' + total + ' points'
        : answered ? 'Not marked' : '—';
      var first = rec && typeof rec.first_score === 'number' ? round(rec.first_score) + ' of ' + total + ' points'
        : answered ? 'Not marked' : '—';
      var action;
      if (undo[chapter.id]) {
        // Undo stands where Reset was, so focus stays where the learner was.
        action = PC.undoButton('Undo', function () {
          PC.store.set(keyOf(chapter.id), undo[chapter.id]);
          delete undo[chapter.id];
          draw();
          announce(status, 'Your answers to ' + chapter.title + ' are back.');
          tbody.querySelector('[data-pc-chapter-reset="' + chapter.id + '"]').focus();
        });
        action.setAttribute('aria-label', 'Undo: give back my answers to ' + chapter.title);
        action.setAttribute('data-pc-chapter-undo', chapter.id);
      } else {
        action = el('button', {type: 'button', 'class': 'pc-button', text: 'Reset',
          'aria-label': 'Reset ' + chapter.title, 'data-pc-chapter-reset': chapter.id});
        action.disabled = answered === 0;
        action.addEventListener('click', function () {
          PC.confirm(action, 'Clear your answers to ' + chapter.title + '?', 'Clear my answers', function () {
            undo = {};
            undo[chapter.id] = PC.store.get(keyOf(chapter.id));
            PC.store.remove(keyOf(chapter.id));
            draw();
            announce(status, 'Your answers to ' + chapter.title + ' were cleared.');
            tbody.querySelector('[data-pc-chapter-undo="' + chapter.id + '"]').focus();
          });
        });
      }
      return el('tr', {}, [
        el('th', {scope: 'row'}, [el('a', {href: chapter.href, text: chapter.title})]),
        el('td', {text: state}), el('td', {text: points}), el('td', {text: first}), el('td', {}, [action])
      ]);
    }

    function draw() {
      tbody.textContent = '';
      chapters.forEach(function (chapter) { tbody.appendChild(row(chapter)); });
    }

    var learner = PC.store.get(PC.learnerKey(course)) || {};
    function field(id, label, value) {
      var input = el('input', {type: 'text', id: id, autocomplete: 'off'});
      input.value = value || '';
      input.addEventListener('change', saveLearner);
      return el('p', {}, [el('label', {'for': id, text: label + ' '}), input]);
    }
    var name = field('pc-learner-name', 'Your name', learner.name);
    var id = field('pc-learner-id', 'Student id (if you have one)', learner.id);
    function saveLearner() {
      PC.store.set(PC.learnerKey(course), {name: name.querySelector('input').value.trim(), id: id.querySelector('input').value.trim()});
    }
    var downloadButton = el('button', {type: 'button', 'class': 'pc-button', text: 'Download my results'});
    downloadButton.addEventListener('click', function () {
      saveLearner();
      var data = PC.results(course, chapters.map(function (c) { return c.id; }), assignment, mode);
      if (!data.learner.name && !data.learner.id) {
        /* No anonymous hand-in: an instructor could not tell whose file it is. */
        announce(status, 'Type your name or student id first, so your instructor knows whose results these are.');
        name.querySelector('input').focus();
        return;
      }
      /* The same file name the notebook gives (filenames.js), so collected files never collide. */
      PC.download(PC.resultsFileName(course, data.assignment && data.assignment.id, data.learner),
                  JSON.stringify(data, null, 1) + '\n');
      announce(status, 'Your results file was downloaded. Hand it in to your instructor.');
    });
    var resetAll = el('button', {type: 'button', 'class': 'pc-button', text: 'Reset all chapters'});
    var undoAll = PC.undoButton('Undo: give back all my answers', function () {
      Object.keys(cleared).forEach(function (id) { PC.store.set(keyOf(id), cleared[id]); });
      cleared = {};
      undoAll.hidden = true;
      resetAll.hidden = false;
      draw();
      announce(status, 'All your answers are back.');
      resetAll.focus();
    });
    undoAll.hidden = true;
    var cleared = {};
    resetAll.addEventListener('click', function () {
      PC.confirm(resetAll, 'Clear your answers to every chapter?', 'Clear all my answers', function () {
        cleared = {};
        undo = {};
        chapters.forEach(function (c) {
          var rec = PC.store.get(keyOf(c.id));
          if (rec) cleared[c.id] = rec;
          PC.store.remove(keyOf(c.id));
        });
        draw();
        announce(status, 'All your answers were cleared.');
        // Undo takes the place of the button pressed.
        resetAll.hidden = true;
        undoAll.hidden = false;
        undoAll.focus();
      });
    });

    draw();
    box.textContent = '';
    box.appendChild(el('table', {'class': 'pc-progress-table'}, [
      el('caption', {text: 'Your quizzes, as saved in this browser'}),
      el('thead', {}, [el('tr', {}, ['Chapter', 'Status', 'Score', 'First try', 'Reset'].map(function (h) {
        return el('th', {scope: 'col', text: h});
      }))]),
      tbody
    ]));
    box.appendChild(el('p', {}, [resetAll, undoAll]));
    box.appendChild(el('fieldset', {'class': 'pc-download'}, [
      el('legend', {text: 'Hand in your results'}), name, id, el('p', {}, [downloadButton])
    ]));
    box.appendChild(status);
    if (!PC.store.get(PC.learnerKey(course)) && !PC.store.persistent) {
      announce(status, 'This browser cannot keep your answers between visits.');
    }
  }

  PC.onStart(function () { PC.all(document, '[data-pc-progress]').forEach(setupProgress); });
})(window);

/* ---- widgets.js ---- */
/* widgets.js: the browser behaviour of the chapter widgets' static HTML (one
 * <section data-pc-widget="kind"> per widget, written by the runtime's widget templates):
 * choosers that show panels, the hold timer, checklists that become a list to copy, save or
 * print. All words shown or announced come from data-pc-* attributes written from the
 * course, so the book and the notebook say the same thing. Without the script every widget
 * still reads in full; the controls that need it are written `hidden`.
 */
(function (global) {
  "use strict";
  var PC = global.PatientCourse;
  var all = PC.all;

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? values[key] : whole;
    });
  }

  /* Write into a role="status" region; clearing first makes a repeated message heard again. */
  function say(region, text) {
    if (!region) return;
    if (region.textContent === text) region.textContent = "";
    region.textContent = text;
  }

  /* Remember small choices (which boxes are ticked) in this browser. */
  function remember(widget) {
    var key = PC.widgetKey(widget.getAttribute("data-pc-course") || "course",
                           widget.getAttribute("data-pc-chapter") || "chapter", widget.getAttribute("data-pc-widget"));
    return {
      get: function () { return PC.store.get(key); },
      set: function (value) { return PC.store.set(key, value); }
    };
  }

  function clockText(ms) {
    var s = Math.ceil(ms / 1000);
    return Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
  }

  /* --- choosers: radio buttons or check boxes that show the matching panels ------------- */
  function initChooser(root) {
    var fieldset = root.querySelector("[data-pc-chooser]");
    if (!fieldset) return;
    var multiple = fieldset.getAttribute("data-pc-chooser") === "multiple";
    var inputs = all(fieldset, "[data-pc-choice]");
    var hint = root.querySelector("[data-pc-hint]");
    var status = document.getElementById(root.id + "-status");
    var labelOf = {};
    inputs.forEach(function (input) { labelOf[input.value] = input.parentNode.textContent.trim(); });

    function update(announce) {
      var chosen = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
      all(root, "[data-pc-panel]").forEach(function (panel) {
        var place = chosen.indexOf(panel.getAttribute("data-pc-panel"));
        panel.hidden = place < 0;
        var order = panel.querySelector("[data-pc-order]");
        if (order && fieldset.hasAttribute("data-pc-order")) {
          order.textContent = place < 0 ? "" : fill(fieldset.getAttribute("data-pc-order"), {n: place + 1, count: chosen.length});
        }
      });
      all(root, "[data-pc-part]").forEach(function (part) {
        part.classList.toggle("pc-selected", chosen.indexOf(part.getAttribute("data-pc-part")) >= 0);
      });
      if (hint) hint.hidden = chosen.length > 0;
      if (!announce) return;
      var text = chosen.length === 0 ? fieldset.getAttribute("data-pc-say-none") : fill(
        fieldset.getAttribute("data-pc-say"),
        {names: chosen.map(function (c) { return labelOf[c]; }).join(", "), count: chosen.length, total: inputs.length});
      var also = chosen.length === 1 && !multiple &&
        root.querySelector('[data-pc-panel="' + chosen[0] + '"] [data-pc-say-also]');
      say(status, also ? text + " " + also.textContent.trim() : text);
    }

    fieldset.hidden = false;
    fieldset.addEventListener("change", function () { update(true); });
    // A click on a part of the figure chooses it too (the radio buttons are the keyboard way).
    all(root, "[data-pc-part]").forEach(function (part) {
      part.addEventListener("click", function () {
        var input = inputs.filter(function (i) { return i.value === part.getAttribute("data-pc-part"); })[0];
        if (!input) return;
        input.checked = multiple ? !input.checked : true;
        update(true);
      });
    });
    update(false);
  }

  /* --- the hold timer: starts, pauses and resets; stops at the end and waits ------------- */
  function initTimer(box) {
    var seconds = Number(box.getAttribute("data-pc-seconds")) || 60;
    var display = box.querySelector("[data-pc-timer-display]");
    var toggle = box.querySelector("[data-pc-timer-toggle]");
    var reset = box.querySelector("[data-pc-timer-reset]");
    var status = box.querySelector('[role="status"]');
    var state = "ready", left = seconds * 1000, startedAt = 0, ticking = null;

    function remaining() { return state === "running" ? Math.max(0, left - (Date.now() - startedAt)) : left; }
    function show() {
      display.textContent = clockText(remaining());
      toggle.textContent = box.getAttribute("data-pc-label-" + state);
    }
    function tell(name) { say(status, fill(box.getAttribute("data-pc-say-" + name), {time: clockText(remaining())})); }
    function stopTicking() { if (ticking) { clearInterval(ticking); ticking = null; } }
    function tick() {
      if (remaining() > 0) { show(); return; }
      stopTicking();
      left = 0;
      state = "done";
      show();
      tell("done");  // ...and nothing else: the reader decides what comes next.
    }

    toggle.addEventListener("click", function () {
      if (state === "running") {
        left = remaining();
        state = "paused";
        stopTicking();
        tell("pause");
      } else {
        if (state === "done") left = seconds * 1000;
        startedAt = Date.now();
        state = "running";
        ticking = setInterval(tick, 250);
        tell("start");
      }
      show();
    });
    reset.addEventListener("click", function () {
      stopTicking();
      state = "ready";
      left = seconds * 1000;
      show();
      tell("reset");
    });
    box.querySelector("[data-pc-controls]").hidden = false;
    show();
  }

  /* --- checklists: the ticked items become a list to copy, download or print ------------ */
  function initChecklist(root) {
    var box = root.querySelector(".pc-checklist");
    if (!box) return;
    var attr = function (name) { return box.getAttribute("data-pc-" + name) || ""; };
    var items = all(box, "[data-pc-item]");
    var notes = box.querySelector("[data-pc-notes]");
    var summary = box.querySelector("[data-pc-summary]");
    var summaryBox = box.querySelector(".pc-summary-box");
    var status = document.getElementById(root.id + "-status");

    // Must match patientcourse/live/widgets/checklist.py summary_text() line for line.
    function summaryText() {
      var lines = [attr("summary-title")];
      all(box, ".pc-group").forEach(function (group) {
        var ticked = all(group, "[data-pc-item]").filter(function (i) { return i.checked; }).map(function (i) {
          return "- " + i.parentNode.querySelector("[data-pc-item-text]").textContent;
        });
        if (ticked.length) lines.push("", group.querySelector("legend").textContent + ":", ...ticked);
      });
      if (lines.length === 1) lines.push("", attr("nothing"));
      var reminders = all(box, "[data-pc-reminders] li");
      if (reminders.length) {
        lines.push("", attr("reminders-title"));
        reminders.forEach(function (li) { lines.push("- " + li.textContent); });
      }
      if (notes && notes.value.trim()) lines.push("", attr("notes-title"), notes.value.trim());
      return lines.join("\n") + "\n";
    }
    function refresh() { summary.textContent = summaryText(); }
    // Ticks are kept for the next visit; notes are not, as they may be private health details.
    var memory = remember(root);
    var saved = memory.get();
    if (saved && saved.ticked) {
      items.forEach(function (i) { i.checked = saved.ticked.indexOf(i.getAttribute("data-pc-item")) >= 0; });
    }

    box.addEventListener("change", function (event) {
      if (!event.target.hasAttribute("data-pc-item")) return;
      memory.set({ticked: items.filter(function (i) { return i.checked; }).map(function (i) {
        return i.getAttribute("data-pc-item");
      })});
      refresh();
      var count = items.filter(function (i) { return i.checked; }).length;
      say(status, fill(attr("say-change"), {count: count, total: items.length}));
    });
    if (notes) notes.addEventListener("input", refresh);

    box.querySelector("[data-pc-copy]").addEventListener("click", function () {
      var text = summaryText();
      var copied = navigator.clipboard && navigator.clipboard.writeText
        ? navigator.clipboard.writeText(text) : Promise.reject(new Error("no clipboard"));
      copied.then(function () { say(status, attr("say-copy")); }, function () {
        // Older browsers: select the list so the reader can copy it with the keyboard.
        var range = document.createRange();
        range.selectNodeContents(summary);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
        say(status, attr("say-copy-failed"));
      });
    });
    box.querySelector("[data-pc-download]").addEventListener("click", function () {
      PC.download(attr("file-name"), summaryText(), "text/plain;charset=utf-8");
      say(status, fill(attr("say-download"), {file: attr("file-name")}));
    });
    box.querySelector("[data-pc-print]").addEventListener("click", function () {
      refresh();
      // Print only this list: mark it and the elements that contain it; CSS hides the rest.
      clearPrintMarks();
      summaryBox.classList.add("pc-print-target");
      for (var node = summaryBox.parentNode; node && node !== document.documentElement; node = node.parentNode) {
        node.classList.add("pc-print-path");
      }
      document.documentElement.classList.add("pc-printing");
      say(status, attr("say-print"));
      window.print();
    });

    summaryBox.hidden = false;
    refresh();
  }

  function clearPrintMarks() {
    document.documentElement.classList.remove("pc-printing");
    all(document, ".pc-print-target, .pc-print-path").forEach(function (node) {
      node.classList.remove("pc-print-target", "pc-print-path");
    });
  }
  window.addEventListener("afterprint", clearPrintMarks);

  function init() {
    all(document, "[data-pc-widget]").forEach(function (root) {
      if (root.hasAttribute("data-pc-ready")) return;  // the shared runtime may call us again
      root.setAttribute("data-pc-ready", "");
      initChooser(root);
      all(root, "[data-pc-timer]").forEach(initTimer);
      initChecklist(root);
    });
  }

  PC.onStart(init);
})(window);

/* ---- glossary.js ---- */
/* glossary.js: a glossary word's definition, in place. Pointing at a glossary link, focusing it
 * or tapping it shows a popover with the definition (read from the Glossary page the link goes
 * to, once per page) and a link to the full glossary. Escape, moving away or tapping elsewhere
 * closes it. The link itself still leads to the glossary, so nothing is lost without script.
 */
(function (root) {
  'use strict';
  var PC = root.PatientCourse;
  var el = PC.el;
  var pages = {};   // glossary page URL -> Promise of its Document
  var popover = null, current = null, hideTimer = null, quiet = false;

  function glossaryPage(url) {
    if (!pages[url]) {
      pages[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      }).then(function (text) { return new DOMParser().parseFromString(text, 'text/html'); });
    }
    return pages[url];
  }

  /* The headword and definition of the term the link points to (its <dt> id). */
  function definitionOf(link) {
    var url = link.href.split('#')[0], id = decodeURIComponent(link.hash.slice(1));
    return glossaryPage(url).then(function (doc) {
      var dt = doc.getElementById(id);
      if (!dt) return null;
      var first = dt, dd = dt;
      while (first.previousElementSibling && first.previousElementSibling.tagName === 'DT') first = first.previousElementSibling;
      while (dd && dd.tagName !== 'DD') dd = dd.nextElementSibling;
      return dd ? {term: first.textContent.replace(/#$/, '').trim(), text: dd.textContent.trim()} : null;
    });
  }

  function ensurePopover() {
    if (popover) return popover;
    popover = el('div', {'class': 'pc-term-popover', id: 'pc-term-popover', role: 'tooltip'});
    popover.hidden = true;
    popover.addEventListener('mouseenter', function () { clearTimeout(hideTimer); });
    popover.addEventListener('mouseleave', function () { hideSoon(); });
    document.body.appendChild(popover);
    return popover;
  }

  function place(link) {
    var box = link.getBoundingClientRect();
    var width = popover.offsetWidth, page = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(box.left, page - width - 8));
    popover.style.left = (left + root.scrollX) + 'px';
    popover.style.top = (box.bottom + root.scrollY + 6) + 'px';
  }

  function show(link) {
    clearTimeout(hideTimer);
    if (current === link && !popover.hidden) return;
    hide();
    current = link;
    ensurePopover();
    definitionOf(link).then(function (found) {
      if (current !== link) return;
      PC.announce(popover, [
        found ? el('p', {}, [el('span', {'class': 'pc-term-name', text: found.term + ': '}),
                             document.createTextNode(found.text)])
              : el('p', {text: 'The definition is on the Glossary page.'}),
        el('p', {}, [el('a', {href: link.href, text: 'Open the full glossary'})])
      ]);
      popover.hidden = false;
      link.setAttribute('aria-describedby', popover.id);
      place(link);
    }, function () {
      if (current === link) current = null;   // no popover: the link still goes to the glossary
    });
  }

  function hide() {
    clearTimeout(hideTimer);
    if (current) {
      current.removeAttribute('aria-describedby');
    }
    if (popover) popover.hidden = true;
    current = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  }

  function setup(link) {
    link.addEventListener('mouseenter', function () { show(link); });
    link.addEventListener('mouseleave', hideSoon);
    link.addEventListener('focus', function () { if (!quiet) show(link); });
    link.addEventListener('blur', function (event) {
      if (!popover || !popover.contains(event.relatedTarget)) hideSoon();
    });
    // A tap (touch or pen) opens the definition first; a second tap follows the link.
    link.addEventListener('click', function (event) {
      if (event.pointerType === 'touch' || event.pointerType === 'pen') {
        if (current !== link || popover.hidden) {
          event.preventDefault();
          show(link);
        }
      }
    });
  }

  PC.onStart(function () {
    PC.all(document, 'a.reference').filter(function (link) {
      return link.querySelector(':scope > .std-term') && link.hash && !link.closest('dl.glossary');
    }).forEach(setup);
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && current) {
        var link = current, fromPopover = popover.contains(document.activeElement);
        hide();
        if (fromPopover) {   // back to the word; its focus must not open the popover again
          quiet = true;
          link.focus();
          quiet = false;
        }
      }
    });
    document.addEventListener('pointerdown', function (event) {
      if (current && !current.contains(event.target) && !(popover && popover.contains(event.target))) hide();
    });
  });
})(window);

/* ---- start.js ---- */
/* start.js: last in the bundle. Starts the parts.
 *
 * - PC.whenParsed(selector, fn) (core.js): fn(element) runs for each element matching selector as soon
 *   as the parser has finished it (a node follows it in the document), so a quiz near the end
 *   of a long page works before the rest of the page and the theme's scripts are ready. The
 *   script is loaded in the page head, not deferred, so it sees the page being parsed.
 * - PC.onStart(fn) (core.js): fn runs once, when the whole page is parsed.
 */
(function (root) {
  'use strict';
  var PC = root.PatientCourse;

  /* The parser has closed an element once any node follows it in document order. */
  function finished(node) {
    for (var n = node; n && n !== document; n = n.parentNode) {
      if (n.nextSibling) return true;
    }
    return false;
  }

  function sweep(all) {
    PC.parsedWatchers().forEach(function (watch) {
      // Each watcher starts each element once (several parts may watch the same element).
      var started = watch.started || (watch.started = new WeakSet());
      PC.all(document, watch.selector).forEach(function (node) {
        if (started.has(node) || !(all || finished(node))) return;
        started.add(node);
        watch.fn(node);
      });
    });
  }

  if (document.readyState === 'loading') {
    var observer = new MutationObserver(function () { sweep(false); });
    observer.observe(document.documentElement, {childList: true, subtree: true});
    document.addEventListener('DOMContentLoaded', function () {
      observer.disconnect();
      sweep(true);
      PC.start();
    });
  } else {
    sweep(true);
    PC.start();
  }
})(window);
