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
