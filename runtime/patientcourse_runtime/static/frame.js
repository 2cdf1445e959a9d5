/* frame.js: added (as a hidden anywidget) to every live quiz and chapter widget in Jupyter.
 *
 * JupyterLab and Notebook 7 read keys pressed on the page as notebook shortcuts: an arrow key
 * in a radio group would move to the next cell, Enter on a button would open the cell's
 * editor, "b" would add a cell. Keys pressed inside a quiz or widget (the nearest `.pc-keys`
 * box, a class the runtime adds) must stay there. JupyterLab handles shortcuts as the key
 * event bubbles up to the document, Notebook 7 as it goes down from it, so stopping the event
 * is not enough: before either sees it, the key's target is marked with the attribute both
 * honour, `data-lm-suppress-shortcuts`, and unmarked right after. Keys held with Ctrl, Alt or
 * Meta still go on: those are the application's own (Ctrl+S saves the notebook).
 */
const MARK = 'data-lm-suppress-shortcuts';

function keepKeysInQuizzes(event) {
  if (event.ctrlKey || event.altKey || event.metaKey) return;
  const target = event.target;
  if (!(target instanceof Element) || !target.closest('.pc-keys') || target.hasAttribute(MARK)) return;
  target.setAttribute(MARK, 'true');
  setTimeout(() => target.removeAttribute(MARK), 0);
}

export default {
  render({ el }) {
    el.classList.add('pc-frame');
    const root = document.documentElement;
    if (root.dataset.pcKeys !== 'on') {
      root.dataset.pcKeys = 'on';
      // On the window, in the capture phase: before the application, in either phase, sees it.
      window.addEventListener('keydown', keepKeysInQuizzes, true);
    }
  },
};
