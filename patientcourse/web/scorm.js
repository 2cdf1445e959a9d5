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
