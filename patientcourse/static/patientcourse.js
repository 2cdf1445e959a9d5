/* patientcourse.js: part of the book's runtime. Made by `make js` from patientcourse/web/ (core.js, scoring.js, quiz.js, progress.js, widgets.js, glossary.js, start.js); edit those, not this file. */

/* ---- core.js ---- */
/* core.js: what every part of the book's runtime shares (window.PatientCourse).
 *
 * - store: localStorage that never throws (answers live in memory when storage fails).
 * - el / announce: build nodes; write text into a live region so screen readers read it.
 * - keys: where a chapter's answers and the learner's name are kept in this browser.
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

  PC.chapterKey = function (course, chapter) { return PREFIX + course + ':' + chapter; };
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

/* ---- quiz.js ---- */
/* quiz.js: every [data-pc-quiz] (the static face written by the runtime's quiz template) gets
 * working Check / Try again / Start again buttons, feedback in words and a running score.
 * Answers are checked by scoring.js and stored in the runtime's JSON encoding, so the book and
 * the notebook record identical answers.
 * Progress: localStorage key "patientcourse:<course>:<chapter>" holds the chapter's part of the
 * results file ({"answers": {qid: {answer, answered_at, attempts, first_answer,
 * first_answered_at}}}) plus "score" and "questions" for the progress page.
 * Events on document: "patientcourse:answer" after every checked or saved answer (detail:
 * course, chapter, question, type, answer, attempts, answered_at, score, questions, points)
 * and "patientcourse:reset" when a quiz is started again.
 */
(function (root) {
  'use strict';
  var PC = root.PatientCourse;
  var el = PC.el, announce = PC.announce, inputs = PC.all;

  function parseNumber(text) {
    var value = Number(text.trim().replace(',', '.'));
    return text.trim() && isFinite(value) ? value : null;
  }

  /* Returns {answer: ...} or {problem: 'what to do'}. */
  function readAnswer(fs, type) {
    var picked;
    if (type === 'single' || type === 'truefalse') {
      picked = inputs(fs, 'input[type=radio]').filter(function (i) { return i.checked; })[0];
      if (!picked) return {problem: 'Choose an answer.'};
      return {answer: type === 'truefalse' ? picked.value === 'true' : picked.value};
    }
    if (type === 'multiple') {
      picked = inputs(fs, 'input[type=checkbox]').filter(function (i) { return i.checked; });
      if (!picked.length) return {problem: 'Choose at least one answer.'};
      return {answer: picked.map(function (i) { return i.value; })};
    }
    if (type === 'matching') {
      var pairs = {}, missing = false;
      inputs(fs, '[data-pc-item]').forEach(function (row) {
        var value = row.querySelector('select').value;
        if (!value) missing = true;
        pairs[row.getAttribute('data-pc-item')] = value;
      });
      return missing ? {problem: 'Choose a match for every item.'} : {answer: pairs};
    }
    if (type === 'ordering') {
      var rows = inputs(fs, '[data-pc-step]');
      var places = rows.map(function (row) { return row.querySelector('select').value; });
      var distinct = places.filter(function (p, i) { return p && places.indexOf(p) === i; });
      if (distinct.length !== rows.length) {
        return {problem: 'Give each step a different place, from 1 to ' + rows.length + '.'};
      }
      return {answer: rows.map(function (row, i) { return {id: row.getAttribute('data-pc-step'), at: +places[i]}; })
        .sort(function (x, y) { return x.at - y.at; }).map(function (s) { return s.id; })};
    }
    var number = parseNumber(fs.querySelector('input[type=text]').value);
    return number === null ? {problem: 'Type a number, for example 20.'} : {answer: number};
  }

  function writeAnswer(fs, type, answer) {
    if (type === 'single' || type === 'truefalse' || type === 'multiple') {
      inputs(fs, 'input').forEach(function (i) {
        var value = type === 'truefalse' ? i.value === 'true' : i.value;
        i.checked = Array.isArray(answer) ? answer.indexOf(value) >= 0 : answer === value;
      });
    } else if (type === 'matching') {
      inputs(fs, '[data-pc-item]').forEach(function (row) {
        row.querySelector('select').value = (answer || {})[row.getAttribute('data-pc-item')] || '';
      });
    } else if (type === 'ordering') {
      inputs(fs, '[data-pc-step]').forEach(function (row) {
        var at = (answer || []).indexOf(row.getAttribute('data-pc-step'));
        row.querySelector('select').value = at >= 0 ? String(at + 1) : '';
      });
    } else {
      fs.querySelector('input[type=text]').value = answer === null || answer === undefined ? '' : String(answer);
    }
  }

  function setupQuiz(quiz) {
    var course = quiz.getAttribute('data-pc-course');
    var chapter = quiz.getAttribute('data-pc-chapter');
    var practice = quiz.getAttribute('data-pc-mode') !== 'assessment';
    var key = PC.chapterKey(course, chapter);
    var questions = inputs(quiz, 'fieldset[data-pc-question]');
    var scores = {};
    var scoreLine = quiz.querySelector('[data-pc-score]');
    var resetButton = quiz.querySelector('[data-pc-reset]');

    function record() {
      var saved = PC.store.get(key);
      return saved && saved.answers ? saved : {answers: {}};
    }

    function points() {
      var total = 0;
      Object.keys(scores).forEach(function (q) { total += scores[q]; });
      return total;
    }

    function save(rec) {
      rec.score = practice ? points() : null;
      rec.questions = questions.length;
      return PC.store.set(key, rec);
    }

    function updateScore(extra) {
      var answered = Object.keys(record().answers).length;
      var total = questions.length;
      var line = (practice ? 'Score: ' + (Math.round(points() * 100) / 100) + ' of ' + total + ' points. ' : '') +
        'Answered: ' + answered + ' of ' + total + ' questions.';
      if (!PC.store.persistent) line += ' This browser cannot keep your answers: they will be lost when you leave the page.';
      announce(scoreLine, extra ? line + ' ' + extra : line);
      resetButton.hidden = answered === 0;
    }

    function show(fs, answer, attempts) {
      var status = fs.querySelector('[role=status]');
      var id = fs.getAttribute('data-pc-question');
      fs.querySelector('[data-pc-retry]').hidden = false;
      if (!practice) {
        announce(status, el('p', {}, [el('strong', {text: 'Answer saved'}), document.createTextNode(' (attempt ' + attempts + ').')]));
        return;
      }
      var question = JSON.parse(fs.getAttribute('data-pc-key'));
      var scored = PC.score(question, answer);
      scores[id] = scored.score;
      fs.setAttribute('data-pc-result', scored.score >= 1 - 1e-9 ? 'correct' : scored.score <= 1e-9 ? 'wrong' : 'partial');
      announce(status, [
        el('p', {}, [el('strong', {text: PC.verdict(scored.score)})]),
        el('ul', {}, scored.feedback.map(function (line) { return el('li', {text: line}); })),
        el('p', {}, [el('strong', {text: 'Why: '}), document.createTextNode(question.explanation)])
      ]);
    }

    function clear(fs) {
      writeAnswer(fs, fs.getAttribute('data-pc-type'), null);
      announce(fs.querySelector('[role=status]'), '');
      fs.removeAttribute('data-pc-result');
      fs.querySelector('[data-pc-retry]').hidden = true;
    }

    function check(fs) {
      var type = fs.getAttribute('data-pc-type');
      var id = fs.getAttribute('data-pc-question');
      var read = readAnswer(fs, type);
      if (read.problem) {
        announce(fs.querySelector('[role=status]'), el('p', {}, [el('strong', {text: read.problem})]));
        return;
      }
      var rec = record();
      var previous = rec.answers[id];
      var at = PC.now();
      // The first answer is kept through every "Try again": it is the first-try score.
      rec.answers[id] = {answer: read.answer, answered_at: at, attempts: ((previous && previous.attempts) || 0) + 1,
                         first_answer: previous && 'first_answer' in previous ? previous.first_answer : read.answer,
                         first_answered_at: (previous && previous.first_answered_at) || at};
      show(fs, read.answer, rec.answers[id].attempts);
      save(rec);
      updateScore();
      // For whatever else listens (an LMS connection): what was answered, and how it scored.
      document.dispatchEvent(new CustomEvent('patientcourse:answer', {detail: {
        course: course, chapter: chapter, question: id, type: type, answer: read.answer,
        attempts: rec.answers[id].attempts, answered_at: at, score: practice ? scores[id] : null,
        questions: questions.length, points: practice ? points() : null
      }}));
    }

    questions.forEach(function (fs) {
      var checkButton = fs.querySelector('[data-pc-check]');
      var details = fs.querySelector('details.pc-answer');
      // With the script, feedback and the explanation come after a Check; the disclosure
      // is for readers without JavaScript.
      if (details) details.hidden = true;
      checkButton.hidden = false;
      checkButton.addEventListener('click', function () { check(fs); });
      fs.querySelector('[data-pc-retry]').addEventListener('click', function () {
        clear(fs);
        var first = fs.querySelector('input, select');
        if (first) first.focus();
      });
      // Enter in the number field checks, as it would submit a form.
      inputs(fs, 'input[type=text]').forEach(function (input) {
        input.addEventListener('keydown', function (event) {
          if (event.key === 'Enter') { event.preventDefault(); check(fs); }
        });
      });
    });

    resetButton.addEventListener('click', function () {
      PC.store.remove(key);
      scores = {};
      questions.forEach(clear);
      updateScore('Your answers to this quiz were cleared.');
      document.dispatchEvent(new CustomEvent('patientcourse:reset', {detail: {course: course, chapter: chapter}}));
      var first = quiz.querySelector('input, select');
      if (first) first.focus();
    });

    // Restore what this browser remembers.
    var saved = record();
    questions.forEach(function (fs) {
      var entry = saved.answers[fs.getAttribute('data-pc-question')];
      if (!entry) return;
      var type = fs.getAttribute('data-pc-type');
      writeAnswer(fs, type, entry.answer);
      // Show it only if the inputs read back the same answer (not one from an older quiz).
      if (JSON.stringify(readAnswer(fs, type).answer) !== JSON.stringify(entry.answer)) {
        clear(fs);
        return;
      }
      show(fs, entry.answer, entry.attempts || 1);
    });
    updateScore();
  }

  // Each quiz starts as soon as its markup is parsed (start.js), not when the whole page is.
  PC.whenParsed('[data-pc-quiz]', setupQuiz);
})(window);

/* ---- progress.js ---- */
/* progress.js: the results file a learner hands in, and the "My progress" page.
 * [data-pc-progress] lists every chapter, resets, and downloads the results file (the shape
 * of patientcourse_runtime/results.py, origin "book").
 */
(function (root) {
  'use strict';
  var PC = root.PatientCourse;
  var el = PC.el, announce = PC.announce;

  PC.results = function (course, chapterIds, assignment) {
    var chapters = {};
    chapterIds.forEach(function (id) {
      var rec = PC.store.get(PC.chapterKey(course, id));
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
    var status = el('p', {'class': 'pc-progress-status', role: 'status'});
    var tbody = el('tbody');

    function row(chapter) {
      var rec = PC.store.get(PC.chapterKey(course, chapter.id));
      var answered = rec && rec.answers ? Object.keys(rec.answers).length : 0;
      var total = chapter.questions;
      var state = answered === 0 ? 'Not started' : answered >= total ? 'Finished: all ' + total + ' questions answered'
        : 'In progress: ' + answered + ' of ' + total + ' questions answered';
      var points = rec && typeof rec.score === 'number' ? Math.round(rec.score * 100) / 100 + ' of ' + total + ' points'
        : answered ? 'Not marked' : '—';
      var reset = el('button', {type: 'button', 'class': 'pc-button', text: 'Reset',
        'aria-label': 'Reset ' + chapter.title});
      reset.disabled = answered === 0;
      reset.addEventListener('click', function () {
        PC.store.remove(PC.chapterKey(course, chapter.id));
        draw();
        announce(status, 'Your answers to ' + chapter.title + ' were cleared.');
      });
      return el('tr', {}, [
        el('th', {scope: 'row'}, [el('a', {href: chapter.href, text: chapter.title})]),
        el('td', {text: state}), el('td', {text: points}), el('td', {}, [reset])
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
      var data = PC.results(course, chapters.map(function (c) { return c.id; }),
                            JSON.parse(box.getAttribute('data-pc-assignment') || 'null'));
      var who = (data.learner.id || data.learner.name || 'learner').replace(/[^A-Za-z0-9_-]+/g, '-');
      PC.download('patientcourse-results-' + course + '-' + who + '.json', JSON.stringify(data, null, 1) + '\n');
      announce(status, 'Your results file was downloaded. Hand it in to your instructor.');
    });
    var resetAll = el('button', {type: 'button', 'class': 'pc-button', text: 'Reset all chapters'});
    resetAll.addEventListener('click', function () {
      chapters.forEach(function (c) { PC.store.remove(PC.chapterKey(course, c.id)); });
      draw();
      announce(status, 'All your answers were cleared.');
    });

    draw();
    box.textContent = '';
    box.appendChild(el('table', {'class': 'pc-progress-table'}, [
      el('caption', {text: 'Your quizzes, as saved in this browser'}),
      el('thead', {}, [el('tr', {}, ['Chapter', 'Status', 'Score', 'Reset'].map(function (h) {
        return el('th', {scope: 'col', text: h});
      }))]),
      tbody
    ]));
    box.appendChild(el('p', {}, [resetAll]));
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
  var started = new WeakSet();

  /* The parser has closed an element once any node follows it in document order. */
  function finished(node) {
    for (var n = node; n && n !== document; n = n.parentNode) {
      if (n.nextSibling) return true;
    }
    return false;
  }

  function sweep(all) {
    PC.parsedWatchers().forEach(function (watch) {
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
