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
