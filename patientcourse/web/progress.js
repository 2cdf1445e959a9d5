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
