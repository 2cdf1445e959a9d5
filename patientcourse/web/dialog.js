/* dialog.js: "are you sure?" before clearing answers, and a way back after.
 *
 * PatientCourse.confirm(opener, question, action, onConfirm): a modal <dialog> (the browser's:
 * it keeps focus inside, Escape cancels) naming what will be cleared. Cancel puts focus back
 * on the opener; confirming calls onConfirm().
 * PatientCourse.undoButton(label, onUndo): a button that gives the cleared answers back.
 */
(function (root) {
  'use strict';
  var PC = root.PatientCourse;
  var el = PC.el;
  var dialog, question, confirmButton, pending;

  function build() {
    question = el('p', {id: 'pc-confirm-question', 'class': 'pc-confirm-question'});
    confirmButton = el('button', {type: 'button', 'class': 'pc-button', value: 'confirm'});
    var cancel = el('button', {type: 'button', 'class': 'pc-button pc-cancel', text: 'Cancel'});
    dialog = el('dialog', {'class': 'pc-confirm', 'aria-labelledby': 'pc-confirm-question'}, [
      question, el('p', {'class': 'pc-confirm-note', text: 'You can undo it right after.'}),
      el('p', {}, [confirmButton, cancel])
    ]);
    confirmButton.addEventListener('click', function () { dialog.close('confirm'); });
    cancel.addEventListener('click', function () { dialog.close('cancel'); });
    dialog.addEventListener('close', function () {
      var job = pending;
      pending = null;
      if (!job) return;
      if (dialog.returnValue === 'confirm') job.onConfirm();
      else job.opener.focus();
    });
    document.body.appendChild(dialog);
  }

  PC.confirm = function (opener, text, action, onConfirm) {
    if (!dialog) build();
    question.textContent = text;
    confirmButton.textContent = action;
    dialog.returnValue = '';
    pending = {opener: opener, onConfirm: onConfirm};
    dialog.showModal();
    // Start on Cancel: Enter or Space right away must not clear anything.
    dialog.querySelector('.pc-cancel').focus();
  };

  PC.undoButton = function (label, onUndo) {
    var button = el('button', {type: 'button', 'class': 'pc-button pc-undo', text: label});
    button.addEventListener('click', onUndo);
    return button;
  };
})(window);
