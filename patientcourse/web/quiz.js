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
