/* glossary.js: a glossary word's definition, in place. Pointing at a glossary link, focusing it
 * or tapping it shows a popover with the definition (read from the Glossary page the link goes
 * to, once per page) and a link to the full glossary. Escape, moving away or tapping elsewhere
 * closes it. The link itself still leads to the glossary, so nothing is lost without script.
 */
(function (root) {
  'use strict';
  var PC = root.PatientCourse;
  var el = PC.el;
  var pages = {};   // glossary page URL -> Promise of its Document
  var popover = null, current = null, hideTimer = null, quiet = false;

  function glossaryPage(url) {
    if (!pages[url]) {
      pages[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      }).then(function (text) { return new DOMParser().parseFromString(text, 'text/html'); });
    }
    return pages[url];
  }

  /* The headword and definition of the term the link points to (its <dt> id). */
  function definitionOf(link) {
    var url = link.href.split('#')[0], id = decodeURIComponent(link.hash.slice(1));
    return glossaryPage(url).then(function (doc) {
      var dt = doc.getElementById(id);
      if (!dt) return null;
      var first = dt, dd = dt;
      while (first.previousElementSibling && first.previousElementSibling.tagName === 'DT') first = first.previousElementSibling;
      while (dd && dd.tagName !== 'DD') dd = dd.nextElementSibling;
      return dd ? {term: first.textContent.replace(/#$/, '').trim(), text: dd.textContent.trim()} : null;
    });
  }

  function ensurePopover() {
    if (popover) return popover;
    popover = el('div', {'class': 'pc-term-popover', id: 'pc-term-popover', role: 'tooltip'});
    popover.hidden = true;
    popover.addEventListener('mouseenter', function () { clearTimeout(hideTimer); });
    popover.addEventListener('mouseleave', function () { hideSoon(); });
    document.body.appendChild(popover);
    return popover;
  }

  function place(link) {
    var box = link.getBoundingClientRect();
    var width = popover.offsetWidth, page = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(box.left, page - width - 8));
    popover.style.left = (left + root.scrollX) + 'px';
    popover.style.top = (box.bottom + root.scrollY + 6) + 'px';
  }

  function show(link) {
    clearTimeout(hideTimer);
    if (current === link && !popover.hidden) return;
    hide();
    current = link;
    ensurePopover();
    definitionOf(link).then(function (found) {
      if (current !== link) return;
      PC.announce(popover, [
        found ? el('p', {}, [el('span', {'class': 'pc-term-name', text: found.term + ': '}),
                             document.createTextNode(found.text)])
              : el('p', {text: 'The definition is on the Glossary page.'}),
        el('p', {}, [el('a', {href: link.href, text: 'Open the full glossary'})])
      ]);
      popover.hidden = false;
      link.setAttribute('aria-describedby', popover.id);
      place(link);
    }, function () {
      if (current === link) current = null;   // no popover: the link still goes to the glossary
    });
  }

  function hide() {
    clearTimeout(hideTimer);
    if (current) {
      current.removeAttribute('aria-describedby');
    }
    if (popover) popover.hidden = true;
    current = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  }

  function setup(link) {
    link.addEventListener('mouseenter', function () { show(link); });
    link.addEventListener('mouseleave', hideSoon);
    link.addEventListener('focus', function () { if (!quiet) show(link); });
    link.addEventListener('blur', function (event) {
      if (!popover || !popover.contains(event.relatedTarget)) hideSoon();
    });
    // A tap (touch or pen) opens the definition first; a second tap follows the link.
    link.addEventListener('click', function (event) {
      if (event.pointerType === 'touch' || event.pointerType === 'pen') {
        if (current !== link || popover.hidden) {
          event.preventDefault();
          show(link);
        }
      }
    });
  }

  PC.onStart(function () {
    PC.all(document, 'a.reference').filter(function (link) {
      return link.querySelector(':scope > .std-term') && link.hash && !link.closest('dl.glossary');
    }).forEach(setup);
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && current) {
        var link = current, fromPopover = popover.contains(document.activeElement);
        hide();
        if (fromPopover) {   // back to the word; its focus must not open the popover again
          quiet = true;
          link.focus();
          quiet = false;
        }
      }
    });
    document.addEventListener('pointerdown', function (event) {
      if (current && !current.contains(event.target) && !(popover && popover.contains(event.target))) hide();
    });
  });
})(window);
