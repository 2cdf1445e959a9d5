/* answer_field.js: the controls of one live question in Jupyter (an anywidget view).
 *
 * The HTML comes from the runtime (templates/answer_field.html.j2, autoescaped); this script
 * only makes ids unique, keeps the model's `value` (the answer being drafted) and the
 * controls in step (the learner's changes go to Python as messages, see `send`), and keeps keys typed here away from JupyterLab's notebook shortcuts.
 * Draft values: single -> "b" | null, truefalse -> true | false | null, multiple -> ["a"],
 * (Python says "nothing chosen" with "" instead of null: see NO_CHOICE in quiz/inputs.py),
 * matching -> {item: match | ""}, ordering -> {step: "2" | ""}, numeric -> "1,5".
 */
let views = 0;

function read(root, kind) {
  if (kind === 'multiple') {
    return [...root.querySelectorAll('input:checked')].map((input) => input.value);
  }
  if (kind === 'single' || kind === 'truefalse') {
    const chosen = root.querySelector('input:checked');
    if (!chosen) return null;
    return kind === 'truefalse' ? chosen.value === 'true' : chosen.value;
  }
  if (kind === 'numeric') return root.querySelector('input').value;
  const parts = {};
  root.querySelectorAll('select').forEach((select) => { parts[select.dataset.pcPart] = select.value; });
  return parts;
}

function write(root, kind, value) {
  if (kind === 'multiple' || kind === 'single' || kind === 'truefalse') {
    const none = value === null || value === undefined || value === '';
    const chosen = kind === 'multiple' ? (value || []).map(String) : none ? [] : [String(value)];
    root.querySelectorAll('input').forEach((input) => { input.checked = chosen.includes(input.value); });
  } else if (kind === 'numeric') {
    const input = root.querySelector('input');
    if (input.value !== (value || '')) input.value = value || '';
  } else {
    root.querySelectorAll('select').forEach((select) => {
      select.value = (value || {})[select.dataset.pcPart] || '';
    });
  }
}

export default {
  render({ model, el }) {
    views += 1;
    el.classList.add('pc-answer');
    el.innerHTML = model.get('html');
    const suffix = `-v${views}`;
    el.querySelectorAll('[id]').forEach((node) => { node.id += suffix; });
    el.querySelectorAll('label[for]').forEach((label) => { label.htmlFor += suffix; });
    el.querySelectorAll('input[name]').forEach((input) => { input.name += suffix; });
    const kind = model.get('kind');
    // The draft goes to Python as a message, not as a synced change: widget state changes are
    // throttled and can arrive after a click on the question's Check button that came later,
    // which would check the answer before the last change. Messages keep their order.
    const send = () => {
      const draft = read(el, kind);
      model.set('value', draft);
      model.send({ draft });
    };
    write(el, kind, model.get('value'));
    el.addEventListener('change', send);
    el.addEventListener('input', send);
    const update = () => write(el, kind, model.get('value'));
    model.on('change:value', update);
    return () => model.off('change:value', update);
  },
};
