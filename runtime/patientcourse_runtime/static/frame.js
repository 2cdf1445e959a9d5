/* frame.js: added (as a hidden anywidget) to every live quiz and chapter widget in Jupyter.
 *
 * JupyterLab and Notebook 7 read every key pressed on the page as a notebook shortcut once it
 * bubbles up to the document: an arrow key in a radio group would move to the next cell, Enter
 * on a button would open the cell's editor. So keys pressed inside the quiz or widget (the
 * nearest `.pc-keys` box, a class the runtime adds) stop there. Keys held with Ctrl, Alt or
 * Meta still go on: those are the application's own (Ctrl+S saves the notebook).
 */
const FRAME_ATTEMPTS = 600;  // animation frames (~10 s) to wait for the view to be on the page

function guard(box) {
  if (box.dataset.pcKeys === 'on') return;
  box.dataset.pcKeys = 'on';
  box.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.altKey || event.metaKey)) event.stopPropagation();
  });
}

export default {
  render({ el }) {
    el.classList.add('pc-frame');
    let attempts = 0;
    const attach = () => {
      const box = el.closest('.pc-keys');
      if (box) guard(box);
      else if (attempts++ < FRAME_ATTEMPTS) requestAnimationFrame(attach);
    };
    attach();
  },
};
