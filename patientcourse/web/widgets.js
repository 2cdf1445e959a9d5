/* widgets.js: the browser behaviour of the chapter widgets' static HTML (one
 * <section data-pc-widget="kind"> per widget, written by the runtime's widget templates):
 * choosers that show panels, the hold timer, checklists that become a list to copy, save or
 * print. All words shown or announced come from data-pc-* attributes written from the
 * course, so the book and the notebook say the same thing. Without the script every widget
 * still reads in full; the controls that need it are written `hidden`.
 */
(function (global) {
  "use strict";
  var PC = global.PatientCourse;
  var all = PC.all;

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? values[key] : whole;
    });
  }

  /* Write into a role="status" region; clearing first makes a repeated message heard again. */
  function say(region, text) {
    if (!region) return;
    if (region.textContent === text) region.textContent = "";
    region.textContent = text;
  }

  /* Remember small choices (which boxes are ticked) in this browser. */
  function remember(widget) {
    var key = PC.widgetKey(widget.getAttribute("data-pc-course") || "course",
                           widget.getAttribute("data-pc-chapter") || "chapter", widget.getAttribute("data-pc-widget"));
    return {
      get: function () { return PC.store.get(key); },
      set: function (value) { return PC.store.set(key, value); }
    };
  }

  function clockText(ms) {
    var s = Math.ceil(ms / 1000);
    return Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
  }

  /* --- choosers: radio buttons or check boxes that show the matching panels ------------- */
  function initChooser(root) {
    var fieldset = root.querySelector("[data-pc-chooser]");
    if (!fieldset) return;
    var multiple = fieldset.getAttribute("data-pc-chooser") === "multiple";
    var inputs = all(fieldset, "[data-pc-choice]");
    var hint = root.querySelector("[data-pc-hint]");
    var status = document.getElementById(root.id + "-status");
    var labelOf = {};
    inputs.forEach(function (input) { labelOf[input.value] = input.parentNode.textContent.trim(); });

    function update(announce) {
      var chosen = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
      all(root, "[data-pc-panel]").forEach(function (panel) {
        var place = chosen.indexOf(panel.getAttribute("data-pc-panel"));
        panel.hidden = place < 0;
        var order = panel.querySelector("[data-pc-order]");
        if (order && fieldset.hasAttribute("data-pc-order")) {
          order.textContent = place < 0 ? "" : fill(fieldset.getAttribute("data-pc-order"), {n: place + 1, count: chosen.length});
        }
      });
      all(root, "[data-pc-part]").forEach(function (part) {
        part.classList.toggle("pc-selected", chosen.indexOf(part.getAttribute("data-pc-part")) >= 0);
      });
      if (hint) hint.hidden = chosen.length > 0;
      if (!announce) return;
      var text = chosen.length === 0 ? fieldset.getAttribute("data-pc-say-none") : fill(
        fieldset.getAttribute("data-pc-say"),
        {names: chosen.map(function (c) { return labelOf[c]; }).join(", "), count: chosen.length, total: inputs.length});
      var also = chosen.length === 1 && !multiple &&
        root.querySelector('[data-pc-panel="' + chosen[0] + '"] [data-pc-say-also]');
      say(status, also ? text + " " + also.textContent.trim() : text);
    }

    fieldset.hidden = false;
    fieldset.addEventListener("change", function () { update(true); });
    // A click on a part of the figure chooses it too (the radio buttons are the keyboard way).
    all(root, "[data-pc-part]").forEach(function (part) {
      part.addEventListener("click", function () {
        var input = inputs.filter(function (i) { return i.value === part.getAttribute("data-pc-part"); })[0];
        if (!input) return;
        input.checked = multiple ? !input.checked : true;
        update(true);
      });
    });
    update(false);
  }

  /* --- the hold timer: starts, pauses and resets; stops at the end and waits ------------- */
  function initTimer(box) {
    var seconds = Number(box.getAttribute("data-pc-seconds")) || 60;
    var display = box.querySelector("[data-pc-timer-display]");
    var toggle = box.querySelector("[data-pc-timer-toggle]");
    var reset = box.querySelector("[data-pc-timer-reset]");
    var status = box.querySelector('[role="status"]');
    var state = "ready", left = seconds * 1000, startedAt = 0, ticking = null;

    function remaining() { return state === "running" ? Math.max(0, left - (Date.now() - startedAt)) : left; }
    function show() {
      display.textContent = clockText(remaining());
      toggle.textContent = box.getAttribute("data-pc-label-" + state);
    }
    function tell(name) { say(status, fill(box.getAttribute("data-pc-say-" + name), {time: clockText(remaining())})); }
    function stopTicking() { if (ticking) { clearInterval(ticking); ticking = null; } }
    function tick() {
      if (remaining() > 0) { show(); return; }
      stopTicking();
      left = 0;
      state = "done";
      show();
      tell("done");  // ...and nothing else: the reader decides what comes next.
    }

    toggle.addEventListener("click", function () {
      if (state === "running") {
        left = remaining();
        state = "paused";
        stopTicking();
        tell("pause");
      } else {
        if (state === "done") left = seconds * 1000;
        startedAt = Date.now();
        state = "running";
        ticking = setInterval(tick, 250);
        tell("start");
      }
      show();
    });
    reset.addEventListener("click", function () {
      stopTicking();
      state = "ready";
      left = seconds * 1000;
      show();
      tell("reset");
    });
    box.querySelector("[data-pc-controls]").hidden = false;
    show();
  }

  /* --- checklists: the ticked items become a list to copy, download or print ------------ */
  function initChecklist(root) {
    var box = root.querySelector(".pc-checklist");
    if (!box) return;
    var attr = function (name) { return box.getAttribute("data-pc-" + name) || ""; };
    var items = all(box, "[data-pc-item]");
    var notes = box.querySelector("[data-pc-notes]");
    var summary = box.querySelector("[data-pc-summary]");
    var summaryBox = box.querySelector(".pc-summary-box");
    var status = document.getElementById(root.id + "-status");

    // Must match patientcourse/live/widgets/checklist.py summary_text() line for line.
    function summaryText() {
      var lines = [attr("summary-title")];
      all(box, ".pc-group").forEach(function (group) {
        var ticked = all(group, "[data-pc-item]").filter(function (i) { return i.checked; }).map(function (i) {
          return "- " + i.parentNode.querySelector("[data-pc-item-text]").textContent;
        });
        if (ticked.length) lines.push("", group.querySelector("legend").textContent + ":", ...ticked);
      });
      if (lines.length === 1) lines.push("", attr("nothing"));
      var reminders = all(box, "[data-pc-reminders] li");
      if (reminders.length) {
        lines.push("", attr("reminders-title"));
        reminders.forEach(function (li) { lines.push("- " + li.textContent); });
      }
      if (notes && notes.value.trim()) lines.push("", attr("notes-title"), notes.value.trim());
      return lines.join("\n") + "\n";
    }
    function refresh() { summary.textContent = summaryText(); }
    // Ticks are kept for the next visit; notes are not, as they may be private health details.
    var memory = remember(root);
    var saved = memory.get();
    if (saved && saved.ticked) {
      items.forEach(function (i) { i.checked = saved.ticked.indexOf(i.getAttribute("data-pc-item")) >= 0; });
    }

    box.addEventListener("change", function (event) {
      if (!event.target.hasAttribute("data-pc-item")) return;
      memory.set({ticked: items.filter(function (i) { return i.checked; }).map(function (i) {
        return i.getAttribute("data-pc-item");
      })});
      refresh();
      var count = items.filter(function (i) { return i.checked; }).length;
      say(status, fill(attr("say-change"), {count: count, total: items.length}));
    });
    if (notes) notes.addEventListener("input", refresh);

    box.querySelector("[data-pc-copy]").addEventListener("click", function () {
      var text = summaryText();
      var copied = navigator.clipboard && navigator.clipboard.writeText
        ? navigator.clipboard.writeText(text) : Promise.reject(new Error("no clipboard"));
      copied.then(function () { say(status, attr("say-copy")); }, function () {
        // Older browsers: select the list so the reader can copy it with the keyboard.
        var range = document.createRange();
        range.selectNodeContents(summary);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
        say(status, attr("say-copy-failed"));
      });
    });
    box.querySelector("[data-pc-download]").addEventListener("click", function () {
      PC.download(attr("file-name"), summaryText(), "text/plain;charset=utf-8");
      say(status, fill(attr("say-download"), {file: attr("file-name")}));
    });
    box.querySelector("[data-pc-print]").addEventListener("click", function () {
      refresh();
      // Print only this list: mark it and the elements that contain it; CSS hides the rest.
      clearPrintMarks();
      summaryBox.classList.add("pc-print-target");
      for (var node = summaryBox.parentNode; node && node !== document.documentElement; node = node.parentNode) {
        node.classList.add("pc-print-path");
      }
      document.documentElement.classList.add("pc-printing");
      say(status, attr("say-print"));
      window.print();
    });

    summaryBox.hidden = false;
    refresh();
  }

  function clearPrintMarks() {
    document.documentElement.classList.remove("pc-printing");
    all(document, ".pc-print-target, .pc-print-path").forEach(function (node) {
      node.classList.remove("pc-print-target", "pc-print-path");
    });
  }
  window.addEventListener("afterprint", clearPrintMarks);

  function init() {
    all(document, "[data-pc-widget]").forEach(function (root) {
      if (root.hasAttribute("data-pc-ready")) return;  // the shared runtime may call us again
      root.setAttribute("data-pc-ready", "");
      initChooser(root);
      all(root, "[data-pc-timer]").forEach(initTimer);
      initChecklist(root);
    });
  }

  PC.onStart(init);
})(window);
