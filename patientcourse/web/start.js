/* start.js: last in the bundle. Runs every part once the page is parsed. */
(function (root) {
  'use strict';
  var PC = root.PatientCourse;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', PC.start);
  else PC.start();
})(window);
