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
