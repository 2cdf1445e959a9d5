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
