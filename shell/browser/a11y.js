// The accessible mirror (docs/accessibility.md): every item the app draws on the canvas also exists as
// a DOM node with its ARIA role, name, value and state, placed over the item's rectangle, so screen
// readers, the keyboard, browser find and automated audits see what a sighted mouse user sees. The
// app sends only what changed since its last frame (web/a11y_mirror.hpp); nodes are kept by the
// ImGui id of their item and changed in place, never rebuilt. The nodes let the mouse through to
// the canvas (pointer-events: none); actions on them (a screen reader's click, Enter or Space on a
// focused node, focus arriving on a field) go back to the app as a click in the item's centre.
(function () {
  var main = null, banner = null;  // <main id="alis-main"> and <header id="alis-banner"> (index.html)
  var nodes = new Map();          // key -> element
  var info = new Map();           // key -> last node data from the app
  var groups = new Map();         // group key -> container (role table or tablist)
  var rows = new Map();           // group key + ':' + row -> role=row container
  var State = { checked: 1, selected: 2, expanded: 4, disabled: 8, invalid: 16, password: 32, multiline: 64 };
  // Roles drawn as <button>: the browser gives them focus, Enter and Space for free.
  var clickable = { button: '', tab: 'tab', checkbox: 'checkbox', combobox: 'combobox', option: 'option', columnheader: 'columnheader' };

  function ensureRoot() {
    if (main) return main;
    var mirror = document.getElementById('alis-mirror');
    if (!mirror) {
      mirror = document.createElement('div');
      mirror.id = 'alis-mirror';
      mirror.innerHTML = '<header id="alis-banner"></header><main id="alis-main" tabindex="-1"></main>';
      document.body.appendChild(mirror);
    }
    listen(mirror);
    banner = document.getElementById('alis-banner');
    main = document.getElementById('alis-main');
    announcer('polite');
    announcer('assertive');
    return main;
  }
  function regionOf(d) { ensureRoot(); return d.b ? banner : main; }

  // A click in the middle of the item (the app finds where it is at each frame).
  function centre(key) {
    if (!info.has(key) || !Module.calledRun) return;
    Module._alis_a11y_click(key);
  }

  // A new node is a copy of a prototype for its role (cheaper than making and labelling one: a
  // scrolled table makes a row of them per frame). Its listeners are the mirror's, once (below).
  var prototypes = {};
  function kindOf(d) {
    if (d.r === 'textbox') return (d.s & State.multiline) ? 'textbox area' : (d.s & State.password) ? 'textbox password' : 'textbox text';
    return d.r === 'columnheader' && !d.n ? 'columnheader blank' : d.r;
  }
  function prototypeOf(d) {
    var kind = kindOf(d);
    if (prototypes[kind]) return prototypes[kind];
    var el;
    if (d.r === 'textbox') {
      el = document.createElement((d.s & State.multiline) ? 'textarea' : 'input');
      if (el.tagName === 'INPUT') el.type = (d.s & State.password) ? 'password' : 'text';
      el.autocomplete = 'off';
      el.setAttribute('spellcheck', 'false');
    } else if (d.r in clickable && kind !== 'columnheader blank') {
      el = document.createElement('button');
      el.type = 'button';
      if (clickable[d.r]) el.setAttribute('role', clickable[d.r]);
    } else {
      el = document.createElement('div');
      // An empty column header (the column of row buttons) is no button: it does nothing.
      var roles = { heading: 'heading', title: 'heading', cell: 'cell', status: 'status', alert: 'alert', columnheader: 'columnheader' };
      if (roles[d.r]) el.setAttribute('role', roles[d.r]);
      if (d.r === 'heading') el.setAttribute('aria-level', '2');
      if (d.r === 'title') el.setAttribute('aria-level', '1');
    }
    el.className = 'alis-node alis-' + d.r;
    return prototypes[kind] = el;
  }
  var cellBox = null;  // a row holds only cells (ARIA): a button or field in a table row goes in one
  function create(d) {
    var el = prototypeOf(d).cloneNode(false);
    el.alisKey = d.k;
    // An id costs the browser work whenever the node comes, goes or changes item, and a table's
    // cells do so by the row while it scrolls or is filtered: they get one only when another node
    // refers to them (nameIdsReferred). Module.alisMirrorNode finds any node by its key.
    if (!inTable(d) || d.r === 'combobox') el.id = 'alis-' + d.k;
    if (d.g && d.gr === 'table' && d.r !== 'cell' && d.r !== 'columnheader') {
      if (!cellBox) {
        cellBox = document.createElement('div');
        cellBox.setAttribute('role', 'cell');
        cellBox.className = 'alis-group';
      }
      var box = cellBox.cloneNode(false);
      box.appendChild(el);
      el.alisBox = box;
      box.alisNode = el;
    }
    nodes.set(d.k, el);
    return el;
  }
  // The mirror's listeners, for all its nodes. A click (a screen reader's, Enter or Space on a
  // button) and focus arriving on a field go to the app as a click on the item; focus leaving a field
  // lets ImGui let go of it; text typed into a field goes to ImGui as typed text, and the field
  // shows what ImGui then holds (the next update).
  function listen(mirror) {
    function nodeOf(event) {
      var el = event.target;
      return el && el.classList && el.classList.contains('alis-node') && info.has(keyOf(el)) ? el : null;
    }
    mirror.addEventListener('click', function (event) {
      var el = nodeOf(event);
      if (!el || el.tagName !== 'BUTTON') return;
      event.preventDefault();
      centre(keyOf(el));
    });
    mirror.addEventListener('focusin', function (event) {
      var el = nodeOf(event);
      if (el && el.classList.contains('alis-textbox')) centre(keyOf(el));
    });
    mirror.addEventListener('focusout', function (event) {
      var el = nodeOf(event);
      if (el && el.classList.contains('alis-textbox') && Module.calledRun) Module._alis_a11y_blur(keyOf(el));
    });
    mirror.addEventListener('beforeinput', function (event) {
      if (!nodeOf(event)) return;
      event.preventDefault();
      if (event.data && Module.alisSendText) Module.alisSendText(event.data);
    });
  }
  function keyOf(el) { return el.alisKey; }
  function inTable(d) { return d.g && d.gr === 'table'; }
  function rowKeyOf(d) { return d.g + ':' + d.row; }
  // What is put into the mirror for a node: the node, or the cell around it.
  function placed(el) { return el.alisBox || el; }

  // Arrow keys (docs/accessibility.md, "Keyboard"), called by pre.js's key listener, which keeps the
  // keys of mirror nodes from ImGui:
  // - in a tab list, Left/Right (wrapping), Home and End move to another tab and open it (a roving
  //   tabindex: only the open tab is in the Tab order, so Tab goes from it straight to the page);
  // - on a combo box, Down (or Alt+Down) opens its list and moves to the chosen option; in the list,
  //   Up/Down, Home and End move between options, Enter or Space chooses one;
  // - in a table, Left/Right move to the row's previous or next control, Up/Down to the control in
  //   the same column of the nearest row above or below that has one (the calendar: a week up or down).
  var focusOptionOf = null;  // a combo opened by the keyboard: its chosen option gets focus once shown
  function focusables(container) {
    return Array.prototype.filter.call(container.querySelectorAll('button.alis-node'), function (el) {
      return el.getAttribute('aria-disabled') !== 'true';
    });
  }
  function moveTo(el, event) {
    event.preventDefault();
    event.stopPropagation();
    el.focus({ preventScroll: true });
  }
  function tabKey(event) {
    var list = event.target.parentNode;
    var tabs = list ? Array.prototype.slice.call(list.querySelectorAll('[role=tab]')) : [];
    var i = tabs.indexOf(event.target), n = tabs.length, to = -1;
    if (event.key === 'ArrowRight') to = (i + 1) % n;
    else if (event.key === 'ArrowLeft') to = (i + n - 1) % n;
    else if (event.key === 'Home') to = 0;
    else if (event.key === 'End') to = n - 1;
    if (to < 0 || i < 0) return;
    moveTo(tabs[to], event);
    tabs[to].click();
  }
  function comboKey(event) {
    var el = event.target;
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    event.stopPropagation();
    if (el.getAttribute('aria-expanded') === 'true') { focusChosenOption(); return; }
    focusOptionOf = el.id;
    el.click();
  }
  function focusChosenOption() {
    var list = groups.get('listbox');
    var options = list ? focusables(list) : [];
    if (!options.length) return false;
    var chosen = options.filter(function (o) { return o.getAttribute('aria-selected') === 'true'; })[0] || options[0];
    chosen.focus({ preventScroll: true });
    return true;
  }
  function optionKey(event) {
    var options = focusables(event.target.parentNode), i = options.indexOf(event.target), to = -1;
    if (event.key === 'ArrowDown') to = Math.min(i + 1, options.length - 1);
    else if (event.key === 'ArrowUp') to = Math.max(i - 1, 0);
    else if (event.key === 'Home') to = 0;
    else if (event.key === 'End') to = options.length - 1;
    if (to >= 0 && i >= 0) moveTo(options[to], event);
  }
  function tableKey(event) {
    var row = event.target.closest('[role=row]');
    var table = row && row.closest('[role=table]');  // a scrolling table's rows are in a row group
    if (!table) return;
    var inRow = focusables(row), i = inRow.indexOf(event.target);
    if (event.key === 'ArrowLeft' && i > 0) return moveTo(inRow[i - 1], event);
    if (event.key === 'ArrowRight' && i >= 0 && i < inRow.length - 1) return moveTo(inRow[i + 1], event);
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    // The same column is judged by where things are drawn (a row may have fewer nodes: a text cell
    // not drawn, the blank days before a month's first).
    var from = event.target.getBoundingClientRect();
    var rows = Array.prototype.slice.call(table.querySelectorAll('[role=row]'));
    var step = event.key === 'ArrowDown' ? 1 : -1;
    for (var r = rows.indexOf(row) + step; r >= 0 && r < rows.length; r += step) {
      var below = focusables(rows[r]).filter(function (el) {
        var to = el.getBoundingClientRect();
        return to.left < from.right && to.right > from.left;
      });
      if (below.length) return moveTo(below[0], event);
    }
    event.preventDefault();  // the first or last row: focus stays, the page does not scroll
  }
  Module.alisNavKey = function (event) {
    var role = event.target.getAttribute('role');
    if (role === 'tab') tabKey(event);
    else if (role === 'combobox') comboKey(event);
    else if (role === 'option') optionKey(event);
    else if (event.target.closest('[role=row]')) tableKey(event);
  };

  // Announcements (WCAG 4.1.3): two live regions that exist from the start, since a region that
  // appears together with its text is often not read. A status (the sync line, "Lagret") is said
  // when the screen reader is idle, an alert (a refusal, a field's error) at once. The mirror's own
  // status and alert nodes are not live themselves, so nothing is said twice.
  var live = {};
  function announcer(kind) {
    if (live[kind]) return live[kind];
    var el = document.createElement('div');
    el.id = 'alis-announce-' + kind;
    el.className = 'alis-announce';
    el.setAttribute('aria-live', kind);
    el.setAttribute('aria-atomic', 'true');
    document.body.appendChild(el);
    return live[kind] = el;
  }
  var pending = { polite: [], assertive: [] };
  function announce(text, kind) {
    var el = announcer(kind);
    // Everything of one frame is said together; the same words again (saved twice) must be said
    // again, so the region is emptied first.
    if (pending[kind].push(text) > 1) return;
    el.textContent = '';
    setTimeout(function () { el.textContent = pending[kind].join(' · '); pending[kind] = []; }, 30);
  }

  function update(el, d, old) {
    if ((d.r === 'status' || d.r === 'alert') && (!old || old.n !== d.n)) {
      el.setAttribute('aria-live', 'off');
      announce(d.n, d.r === 'alert' ? 'assertive' : 'polite');
    }
    var s = d.s || 0;
    place(el, d, old);
    if (d.r === 'textbox') {
      if (!old || old.n !== d.n) el.setAttribute('aria-label', d.n);
      var v = d.v || '';
      if (!(s & State.password) && el.value !== v) el.value = v;
    } else if (d.r === 'combobox') {
      if (!old || old.n !== d.n) el.setAttribute('aria-label', d.n);
      if (el.textContent !== (d.v || '')) el.textContent = d.v || '';
    } else if (!old || old.n !== d.n) {
      el.textContent = d.n;
    }
    function flag(attr, on, allowed) {
      if (!allowed) return;
      var want = on ? 'true' : 'false';
      if (el.getAttribute(attr) !== want) el.setAttribute(attr, want);
    }
    flag('aria-checked', s & State.checked, d.r === 'checkbox');
    flag('aria-selected', s & State.selected, d.r === 'tab' || d.r === 'option');
    if (d.r === 'tab') el.tabIndex = (s & State.selected) ? 0 : -1;
    flag('aria-expanded', s & State.expanded, d.r === 'combobox');
    // A new node has none of these yet; a known one changes them only when its state did.
    if (old && (old.s || 0) === s && old.d === d.d) return;
    if (s & State.disabled) el.setAttribute('aria-disabled', 'true'); else if (old) el.removeAttribute('aria-disabled');
    if (s & State.invalid) el.setAttribute('aria-invalid', 'true'); else if (old) el.removeAttribute('aria-invalid');
    if (d.d) el.setAttribute('aria-describedby', 'alis-' + d.d); else if (old) el.removeAttribute('aria-describedby');
  }
  // Over its item's rectangle (CSS pixels); only what changed is written. A table's cells are placed
  // in their row, which is placed at its first cell's top: a scroll moves each row once (shift),
  // not each of its cells. el.alisTop is the top written, against the row's top at the time.
  function place(el, d, old) {
    var top = inTable(d) ? d.y - containerOf(el, d).alisTop : d.y;
    if (!old) {  // a new node: one declaration parsed instead of four
      el.style.cssText = 'left:' + d.x + 'px;top:' + top + 'px;width:' + d.w + 'px;height:' + d.h + 'px';
      el.alisTop = top;
      return;
    }
    if (old.x !== d.x) el.style.left = d.x + 'px';
    if (el.alisTop !== top) el.style.top = (el.alisTop = top) + 'px';
    if (old.w !== d.w) el.style.width = d.w + 'px';
    if (old.h !== d.h) el.style.height = d.h + 'px';
  }
  // Moves the row of a table node that moved from `was` to `y` by as much, once per update.
  var shifts = 0;
  function shift(el, was, y) {
    var row = containerOf(el, was);
    if (row.alisShift === shifts) return;
    row.alisShift = shifts;
    if (y !== was.y) row.style.top = (row.alisTop += y - was.y) + 'px';
  }

  // The container a node belongs in: the mirror itself, a tab list, a table, or one of its rows.
  // A table's count of all its rows, of which only the visible ones are drawn (on its column headers).
  function countRows(group, d) {
    if (!group || !d.rc || group.alisRowCount === d.rc) return;
    group.alisRowCount = d.rc;
    group.setAttribute('aria-rowcount', String(d.rc));
  }
  function parentOf(d) {
    // An open combo's options are in a list box (ARIA: an option belongs to one), named by the combo.
    var key = d.g || (d.r === 'option' ? 'listbox' : 0), role = d.g ? d.gr : 'listbox';
    if (!key) return regionOf(d);
    var group = groups.get(key);
    if (!group) {
      group = document.createElement('div');
      group.setAttribute('role', role);
      group.className = 'alis-group';
      if (key === 'listbox') group.id = 'alis-listbox';
      group.alisGroupKey = key;
      group.alisUp = regionOf(d);  // its container, while it is kept
      groups.set(key, group);
    }
    if (d.gr !== 'table') return group;
    countRows(group, d);
    var rowKey = rowKeyOf(d);
    var row = rows.get(rowKey);
    if (!row) {
      row = document.createElement('div');
      row.setAttribute('role', 'row');
      // Its place in the whole table, the header row first: a table that draws only its visible rows
      // still says which of all its rows this is.
      row.setAttribute('aria-rowindex', String(Math.max(1, d.row + 1)));
      row.className = 'alis-group';
      row.style.cssText = 'position:absolute;left:0;top:' + d.y + 'px';
      row.alisTop = d.y;
      row.alisGroup = d.g;
      row.alisRowKey = rowKey;
      row.alisUp = d.sc ? scrollerOf(group) : group;
      rows.set(rowKey, row);
    }
    return row;
  }

  // The rows of a table that scrolls of its own (below its frozen header) are in one row group,
  // placed at their places in the table's content and moved as a whole by the table's scroll: a
  // scroll is one write, whatever the rows on screen (a11y_mirror.hpp, "scroll").
  function scrollerOf(group) {
    var scroller = group.alisScroller;
    if (scroller && scroller.alisUp) return scroller;
    scroller = document.createElement('div');
    scroller.setAttribute('role', 'rowgroup');
    scroller.className = 'alis-group';
    scroller.style.cssText = 'position:absolute;left:0;top:' + -(group.alisScroll || 0) + 'px';
    scroller.alisUp = group;
    return group.alisScroller = scroller;
  }
  function scrollTables(scroll) {
    for (var i = 0; i + 1 < scroll.length; i += 2) {
      var group = groups.get(scroll[i]);
      if (!group) continue;
      group.alisScroll = scroll[i + 1];
      if (group.alisScroller && group.alisScroller.alisUp) group.alisScroller.style.top = -scroll[i + 1] + 'px';
    }
  }

  // Puts the nodes in reading order, moving as few as possible: moving a node costs the browser its
  // layout and a screen reader its place, and moving a focused node would blur it. Containers take
  // the place of their first node.
  var pass = 0;  // marks what one walk of the order has seen, instead of a set per container
  // Calls visit(parent, child) for each container and child in reading order, each child once: a
  // node in its container, a row in its table, the table in its region.
  function walk(order, visit) {
    ++pass;
    for (var i = 0; i < order.length; ++i) {
      var d = info.get(order[i]), el = nodes.get(order[i]);
      if (!d || !el) continue;
      for (var child = placed(el), parent = containerOf(el, d); parent; child = parent, parent = parent.alisUp) {
        if (child.alisPass === pass) break;
        child.alisPass = pass;
        visit(parent, child);
      }
    }
  }
  function arrange(order) {
    // Most containers already hold their children in order (a scrolled table's rows that stayed):
    // checked against a cursor over their children, without a list.
    var unsettled = [];
    walk(order, function (parent, child) {
      if (parent.alisCursorPass !== pass) {
        parent.alisCursorPass = pass;
        parent.alisCursor = parent.firstChild;
        parent.alisList = null;
      }
      if (parent.alisList) return;
      if (parent.alisCursor === child) parent.alisCursor = child.nextSibling;
      else unsettled.push(parent), parent.alisList = [];
    });
    if (!unsettled.length) return;
    // The others get their children in order.
    walk(order, function (parent, child) { if (parent.alisList) parent.alisList.push(child); });
    unsettled.forEach(function (parent) { reorder(parent, parent.alisList); parent.alisList = null; });
  }
  // Puts `child` at the end of `parent`, and a container made for it (a row, a row group) in its own.
  function attach(child, parent) {
    for (; parent && !child.parentNode; child = parent, parent = parent.alisUp) parent.appendChild(child);
  }
  // Takes a node out of the mirror; a container it leaves empty goes too (sweep, after the update).
  var emptied = [];
  function detach(el) {
    var box = placed(el), parent = box.parentNode;
    if (!parent) return;
    box.remove();
    if (parent.alisUp) emptied.push(parent);
  }
  function sweep() {
    for (var i = 0; i < emptied.length; ++i) {
      var c = emptied[i];
      if (!c.firstChild && c.alisUp) drop(c);
    }
    emptied.length = 0;
  }
  // A row or group goes, with whatever it holds; the table it leaves may be empty now.
  function drop(c) {
    if (c.parentNode && c.parentNode.alisUp) emptied.push(c.parentNode);
    c.remove();
    if (c.alisRowKey) rows.delete(c.alisRowKey); else if (c.alisGroupKey) groups.delete(c.alisGroupKey);
    c.alisUp = null;
  }
  // The container a node is in: the one found when it was placed, while that container is still kept.
  function containerOf(el, d) {
    var c = el.alisParent;
    if (c && (c === main || c === banner || c.alisUp)) return c;
    return el.alisParent = parentOf(d);
  }
  // Gives `parent` the children `list` in that order. Those already in it that keep their order
  // (the longest run in order) stay; only the others are moved or inserted. A table scrolled by a
  // row gets the new row inserted and moves none of the others.
  function reorder(parent, list) {
    var n = parent.firstChild, i = 0;
    while (n && i < list.length && n === list[i]) n = n.nextSibling, ++i;  // already in order
    if (i === list.length) return;
    if (!n) {  // the rest is new (a new row's cells)
      for (; i < list.length; ++i) parent.appendChild(list[i]);
      return;
    }
    var index = new Map();
    list.forEach(function (child, i) { index.set(child, i); });
    var seen = [];  // the wanted places of the children already there, in their present order
    for (var n = parent.firstChild; n; n = n.nextSibling) if (index.has(n)) seen.push(index.get(n));
    var stay = inOrder(seen), next = null;
    for (var i = list.length - 1; i >= 0; --i) {
      if (!stay.has(i)) parent.insertBefore(list[i], next);
      next = list[i];
    }
  }
  // The longest increasing subsequence of `values` (distinct numbers), as a Set (patience sorting).
  function inOrder(values) {
    var tails = [], before = new Array(values.length);
    values.forEach(function (v, i) {
      var lo = 0, hi = tails.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (values[tails[mid]] < v) lo = mid + 1; else hi = mid; }
      before[i] = lo > 0 ? tails[lo - 1] : -1;
      tails[lo] = i;
    });
    var keep = new Set();
    for (var at = tails.length ? tails[tails.length - 1] : -1; at >= 0; at = before[at]) keep.add(values[at]);
    return keep;
  }

  // A table's cells are kept by their place (row, column) as well as by their item: when a filter or
  // a sort puts other items in the rows on screen, a cell that goes and one that comes in the same
  // row share its element, whose words and key change in place; nothing is removed or inserted.
  // Scrolling brings rows of other numbers, so those still come and go whole.
  function Spares() { this.byRow = new Map(); }  // row element -> [{ el, d }] of cells that went
  Spares.prototype.keep = function (el, d) {
    var row = placed(el).parentNode;
    if (!row || !row.alisGroup || document.activeElement === el) return false;
    var list = this.byRow.get(row);
    if (!list) this.byRow.set(row, list = []);
    list.push({ el: el, d: d });
    return true;
  };
  // The element of a cell that went from the row `d` comes to, of its kind (in its column if there
  // is one), now the node of `d`; null if none.
  Spares.prototype.take = function (d) {
    if (!inTable(d)) return null;
    var row = rows.get(rowKeyOf(d));
    var list = row && this.byRow.get(row);
    if (!list || !list.length) return null;
    var kind = kindOf(d), at = -1;
    for (var i = 0; i < list.length; ++i) {
      if (kindOf(list[i].d) !== kind) continue;
      if (at < 0) at = i;
      if (list[i].d.x === d.x) { at = i; break; }
    }
    if (at < 0) return null;
    var spare = list.splice(at, 1)[0];
    spare.el.alisKey = d.k;
    if (spare.el.id) spare.el.removeAttribute('id');  // it was referred to; its new item may not be
    nodes.set(d.k, spare.el);
    update(spare.el, d, spare.d);
    return spare.el;
  };
  // The cells no item came for go; a row all of whose cells went goes whole (one removal).
  Spares.prototype.removeLeft = function () {
    this.byRow.forEach(function (list, row) {
      if (!list.length) return;
      if (list.length === row.childNodes.length) drop(row);
      else list.forEach(function (spare) { detach(spare.el); });
    });
  };

  // A node another refers to (aria-describedby: a field's error) has its id.
  function nameIdsReferred(list) {
    for (var i = 0; i < list.length; ++i) {
      var target = list[i].d && nodes.get(list[i].d);
      if (target && !target.id) target.id = 'alis-' + list[i].d;
    }
  }
  // The app moves keyboard focus to an item (probe::request_focus: after "Ja, slett", to the upload
  // button), when focus is in the mirror: a mouse user's focus is left where it is.
  Module.alisA11yFocus = function (key) {
    var el = nodes.get(key), active = document.activeElement;
    var inMirror = active && (active === main || (active.classList && active.classList.contains('alis-node')));
    if (el && inMirror) el.focus({ preventScroll: true });
  };
  // For tests and tools: the mirror's node of an item, by the item's key (web/ui_probe.hpp).
  Module.alisMirrorNode = function (key) { return nodes.get(key) || null; };

  Module.alisA11y = function (json) {
    var changes = JSON.parse(json);
    ensureRoot();
    var lostFocus = false, lostOption = null;
    var spares = new Spares();
    // Nodes that only moved (scrolling): [key, x, y, w, h, ...]. First, so that the rows of a table
    // are where they go before nodes that came or changed are placed in them.
    ++shifts;
    var pos = changes.pos || [], before = {};  // one object for the old places, not one per node
    for (var p = 0; p + 4 < pos.length; p += 5) {
      var moved = nodes.get(pos[p]), was = info.get(pos[p]);
      if (!moved || !was) continue;
      if (inTable(was)) shift(moved, was, pos[p + 2]);
      before.x = was.x, before.y = was.y, before.w = was.w, before.h = was.h;
      was.x = pos[p + 1], was.y = pos[p + 2], was.w = pos[p + 3], was.h = pos[p + 4];
      place(moved, was, before);
    }
    changes.del.forEach(function (key) {
      var el = nodes.get(key), d = info.get(key);
      if (el && document.activeElement === el) {
        lostFocus = true;
        var list = groups.get('listbox');
        if (d.r === 'option' && list) lostOption = list.getAttribute('aria-labelledby');
      }
      nodes.delete(key);
      info.delete(key);
      if (el && !spares.keep(el, d)) detach(el);
    });
    var arriving = changes.add;
    changes.set.forEach(function (d) {
      var el = nodes.get(d.k), old = info.get(d.k);
      if (!el) return;
      if (old.r !== d.r || old.g !== d.g || old.row !== d.row || old.sc !== d.sc) {
        // Another kind of node, or another row of a table (a filter typed): it comes anew, or takes
        // the element of a cell that went from its new row.
        if (arriving === changes.add) arriving = changes.add.slice();
        arriving.push(d);
        nodes.delete(d.k);
        info.delete(d.k);
        if (document.activeElement === el) {  // made anew in its place, and focused again
          detach(el);
          el = create(d);
          update(el, d, null);
          attach(placed(el), parentOf(d));
          el.focus({ preventScroll: true });
          info.set(d.k, d);
        } else if (!spares.keep(el, old)) {
          detach(el);
        }
        return;
      }
      update(el, d, old);
      if (d.rc !== old.rc) countRows(groups.get(d.g), d);  // a filter typed
      info.set(d.k, d);
    });
    arriving.forEach(function (d) {
      if (!info.has(d.k) && !spares.take(d)) update(create(d), d, null);
      info.set(d.k, d);
    });
    spares.removeLeft();
    if (changes.scroll) scrollTables(changes.scroll);
    nameIdsReferred(arriving);
    nameIdsReferred(changes.set);
    if (changes.order) arrange(changes.order);
    else arriving.forEach(function (d) { var el = placed(nodes.get(d.k)); if (!el.parentNode) attach(el, parentOf(d)); });
    sweep();
    linkListbox();
    // A combo the keyboard opened: its chosen option takes focus once the list is shown.
    if (focusOptionOf && focusChosenOption()) focusOptionOf = null;
    // The focused item went. An option (chosen, or its list closed by Escape): focus goes back to its
    // combo box. Anything else (a button that opened another screen): to the main content, so the
    // next Tab reaches the new screen's first control rather than the page's start.
    if (lostFocus) {
      var combo = lostOption && document.getElementById(lostOption);
      if (combo) combo.focus({ preventScroll: true });
      else main.focus({ preventScroll: true });
    }
  };

  // The expanded combo controls the list box of options, which it names.
  function linkListbox() {
    var list = groups.get('listbox');
    info.forEach(function (d, key) {
      if (d.r !== 'combobox') return;
      var el = nodes.get(key), open = list && (d.s & State.expanded);
      if (open) {
        if (el.getAttribute('aria-controls') !== list.id) el.setAttribute('aria-controls', list.id);
        if (list.getAttribute('aria-labelledby') !== el.id) list.setAttribute('aria-labelledby', el.id);
      } else if (el.hasAttribute('aria-controls')) {
        el.removeAttribute('aria-controls');
      }
    });
  }

  // The skip link moves focus to the main content, without changing the address (#/screen).
  document.addEventListener('click', function (event) {
    if (!event.target || event.target.id !== 'alis-skip') return;
    event.preventDefault();
    ensureRoot().focus({ preventScroll: true });
  });
  // A node that takes focus has its item scrolled into view in the canvas (a11y_bridge.cpp), so a
  // keyboard user sees where focus is even when Tab reaches a control below a page's fold.
  document.addEventListener('focusin', function (event) {
    var el = event.target;
    if (!el || !el.classList || !el.classList.contains('alis-node') || !Module.calledRun) return;
    var key = keyOf(el);
    if (info.has(key)) Module._alis_a11y_reveal(key);
  });
  // Escape closes an open popup (a combo's list, the date picker), as for a person with a mouse
  // clicking beside it.
  window.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && Module.calledRun) Module._alis_a11y_escape();
  }, true);

  // A field whose node has focus is the one typed into (ImGui made it active after the click).
  Module.alisA11yField = function () {
    var el = document.activeElement;
    return el && el.classList && el.classList.contains('alis-textbox') ? el : null;
  };

  // Language, title and address of the screen shown (shell/browser/a11y_bridge.cpp).
  var routed = false;
  Module.alisPage = function (lang, title, route) {
    document.documentElement.lang = lang;
    document.title = title;
    var canvas = Module.canvas;
    if (canvas) canvas.setAttribute('aria-label', title);
    var skip = document.getElementById('alis-skip');
    if (skip) skip.textContent = { nb: 'Gå til hovedinnholdet', nn: 'Gå til hovudinnhaldet', en: 'Skip to main content' }[lang] || skip.textContent;
    if (location.hash === route) { routed = true; return; }
    // The first screen replaces the entry (no extra Back step); every later screen is a new entry.
    if (!routed) history.replaceState(null, '', route);
    else history.pushState(null, '', route);
    routed = true;
  };
  window.addEventListener('popstate', function () {
    if (!Module.calledRun) return;
    var size = lengthBytesUTF8(location.hash) + 1, buf = _malloc(size);
    stringToUTF8(location.hash, buf, size);
    Module._alis_route(buf);
    _free(buf);
  });
  // A deep link (#/register_gp) opens its screen from the first frame.
  Module.alisOpenDeepLink = function () {
    if (!location.hash || location.hash === '#/start') return;
    routed = true;
    window.dispatchEvent(new PopStateEvent('popstate'));
  };
})();
