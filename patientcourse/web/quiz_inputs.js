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
