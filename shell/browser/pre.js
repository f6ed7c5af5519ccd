// Runs before the app's main(): loads the app's files (store.js) before the app reads anything. The
// old IDBFS mount at /data is still loaded once, so files saved by earlier builds are copied over.
Module.preRun = Module.preRun || [];
Module.preRun.push(function () {
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist();  // ask not to be evicted
  FS.mkdir('/data');
  FS.mount(IDBFS, {}, '/data');
  addRunDependency('alis-store');
  FS.syncfs(true, function (err) {
    if (err) console.error('ALIS: could not load the old IDBFS files', err);
    Module.alisStoreLoaded(function () { removeRunDependency('alis-store'); });
  });
});

// A hidden tab draws no frames, and the app syncs from its frames: while hidden, a timer lets it send
// what falls due (browsers run such timers about once a second, or less, in hidden tabs).
(function () {
  var timer = 0;
  function tick() { if (Module.calledRun) Module._alis_background_tick(); }
  function update() {
    var hidden = document.visibilityState === 'hidden';
    if (hidden && !timer) timer = setInterval(tick, 1000);
    if (!hidden && timer) { clearInterval(timer); timer = 0; }
  }
  document.addEventListener('visibilitychange', update);
  update();
})();

// The app draws only when something may have changed (shell/browser/main.cpp). Input on the canvas
// wakes it from C++; these are the other things that may change what it shows.
(function () {
  function wake() { if (Module.calledRun) Module._alis_wake(); }
  window.addEventListener('resize', wake);
  window.addEventListener('online', wake);
  window.addEventListener('offline', wake);
  window.addEventListener('focus', wake);
  // Shown again: a sync that fell due while hidden runs now (no frames are drawn while hidden).
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') wake();
  });
  // A new devicePixelRatio without a resize (the window moved to another screen): fonts rebuild.
  function watchPixelRatio() {
    var query = window.matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)');
    query.addEventListener('change', function () { wake(); watchPixelRatio(); }, { once: true });
  }
  if (window.matchMedia) watchPixelRatio();
})();

// The mouse wheel, taken before Emscripten's GLFW sees it: GLFW hands ImGui the raw deltas
// (100 per notch, sign reversed), so a notch jumped to the other end of a list. alis_wheel scrolls
// about 3 lines a notch. Ctrl+wheel (and a touchpad's pinch) is left to the browser to zoom.
(function () {
  function onWheel(event) {
    if (event.target !== Module.canvas) return;
    event.stopPropagation();
    if (event.ctrlKey) return;
    event.preventDefault();
    if (Module.calledRun) Module._alis_wheel(event.deltaX, event.deltaY, event.deltaMode);
  }
  // Not passive: the page must not scroll as well. Capturing on window runs before GLFW's listener.
  window.addEventListener('wheel', onWheel, { capture: true, passive: false });
  window.addEventListener('mousewheel', function (event) {
    if (event.target === Module.canvas) event.stopPropagation();
  }, { capture: true, passive: false });
})();

// A finger on the canvas (touch screens). Emscripten's GLFW takes a touch for a press of the mouse
// button, and ImGui scrolls only with the wheel, so a page longer than a phone's screen could not be
// scrolled by dragging it. Here GLFW never sees a touch: a tap reaches the app as the mouse events the
// browser makes of it (at the finger), and a drag of one finger scrolls the region under it as far
// as the finger goes, then glides on and slows down after a quick finger lets go, as a phone's pages
// do. Two fingers (pinch zoom), and drags while the browser's zoom is in, stay the browser's.
(function () {
  var SLOP = 8;          // CSS px a finger may wander and still tap
  var FRICTION = 0.95;   // the glide's speed kept per 16 ms
  var gesture = null;    // one finger down: where it began, where it is, whether it drags
  var gliding = 0;
  function scroll(dx, dy) {
    var r = window.devicePixelRatio || 1;
    if (Module.calledRun) Module._alis_touch_scroll(dx * r, dy * r);
  }
  function zoomed() { return window.visualViewport && window.visualViewport.scale > 1.01; }
  function onCanvas(event) {
    if (event.target !== Module.canvas) return false;
    event.stopPropagation();  // never GLFW's
    return true;
  }
  function onStart(event) {
    if (!onCanvas(event)) return;
    cancelAnimationFrame(gliding);
    var t = event.touches;
    gesture = t.length === 1 && !zoomed() ? { id: t[0].identifier, x0: t[0].clientX, y0: t[0].clientY, x: t[0].clientX,
                                               y: t[0].clientY, dragging: false, trail: [] } : null;
  }
  function onMove(event) {
    if (!onCanvas(event) || !gesture) return;
    var t = event.touches;
    if (t.length !== 1 || t[0].identifier !== gesture.id) { gesture = null; return; }
    var x = t[0].clientX, y = t[0].clientY;
    if (!gesture.dragging && Math.hypot(x - gesture.x0, y - gesture.y0) < SLOP) return;
    event.preventDefault();  // a drag is no tap: the browser makes no click of it
    if (!gesture.dragging) {
      gesture.dragging = true;
      // The region under the finger is the one that scrolls: the app's pointer goes where it began.
      Module.canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: gesture.x0, clientY: gesture.y0, bubbles: true }));
    }
    scroll(gesture.x - x, gesture.y - y);
    gesture.x = x, gesture.y = y;
    var now = event.timeStamp;  // when the finger was there, as the device says
    gesture.trail.push({ t: now, x: x, y: y });
    while (gesture.trail.length > 2 && now - gesture.trail[0].t > 100) gesture.trail.shift();
  }
  function onEnd(event) {
    if (!onCanvas(event)) return;
    var g = gesture;
    gesture = null;
    if (!g || !g.dragging) return;  // a tap: the browser's mouse events click
    event.preventDefault();
    // The speed of the finger's last 100 ms; a finger held still before it lifts does not glide.
    var first = g.trail[0], last = g.trail[g.trail.length - 1], span = last && last.t - first.t;
    if (!span || event.timeStamp - last.t > 100) return;
    var vx = (first.x - last.x) / span, vy = (first.y - last.y) / span, before = performance.now();  // px per ms
    function step(now) {
      var dt = Math.min(now - before, 50);
      before = now;
      scroll(vx * dt, vy * dt);
      var keep = Math.pow(FRICTION, dt / 16);
      vx *= keep, vy *= keep;
      if (Math.abs(vx) + Math.abs(vy) > 0.02) gliding = requestAnimationFrame(step);
    }
    gliding = requestAnimationFrame(step);
  }
  // Capturing on window runs before GLFW's listeners on the canvas. Not passive: a drag's moves
  // must keep the browser from panning and from making a click.
  window.addEventListener('touchstart', onStart, { capture: true, passive: true });
  window.addEventListener('touchmove', onMove, { capture: true, passive: false });
  window.addEventListener('touchend', onEnd, { capture: true, passive: false });
  window.addEventListener('touchcancel', function (event) { if (onCanvas(event)) gesture = null; }, { capture: true, passive: true });
})();

// The end-to-end tests' window into the app: what the last frame showed.
Module.alisTestState = function () {
  return JSON.parse(UTF8ToString(Module._alis_test_state()));
};

// Text input through a hidden field (see shell/browser/text_input.hpp), and Tab.
(function () {
  var field = null;
  var composing = false;
  var editing = false;  // an ImGui text field is being edited (as of the last frame)
  function send(text) {
    if (!text || !Module.calledRun) return;
    var size = lengthBytesUTF8(text) + 1, buf = _malloc(size);
    stringToUTF8(text, buf, size);
    Module._alis_text_input(buf);
    _free(buf);
  }
  function create() {
    field = document.createElement('input');
    field.type = 'text';
    field.id = 'alis-text-input';
    field.tabIndex = -1;  // reached only through the app, never by the page's Tab order
    field.autocomplete = 'off';
    field.setAttribute('autocapitalize', 'off');
    field.setAttribute('autocorrect', 'off');
    field.setAttribute('spellcheck', 'false');
    field.setAttribute('aria-hidden', 'true');
    field.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0;border:0;padding:0;margin:0;';
    field.addEventListener('compositionstart', function () { composing = true; });
    field.addEventListener('compositionend', function () { composing = false; send(field.value); field.value = ''; });
    field.addEventListener('input', function () {
      if (composing) return;
      send(field.value);
      field.value = '';
    });
    document.body.appendChild(field);
  }
  // A character key with no shortcut modifier (AltGr counts as Ctrl+Alt on Windows and is text).
  function isCharacter(event) {
    if (event.isComposing || event.metaKey || (event.ctrlKey && !event.altKey)) return false;
    return Array.from(event.key).length === 1;
  }
  // Registered before Emscripten's GLFW adds its own keydown listener (also capturing, on window),
  // so this one runs first.
  window.addEventListener('keydown', function (event) {
    // On a node of the accessible mirror (a11y.js), Tab is always the browser's: focus moves through
    // the mirror in reading order, and a field it leaves is let go (alis_a11y_blur).
    var onMirror = event.target && event.target.classList && event.target.classList.contains('alis-node');
    if (event.key === 'Tab' && (!editing || onMirror)) {
      // Not GLFW's: it would cancel the browser's focus move and trap focus in the canvas.
      event.stopImmediatePropagation();
      return;
    }
    // Enter or Space on a mirror button is the button's own (a click, a11y.js); ImGui must not also
    // see the key. A mirror field's keys (Backspace, arrows) do go to ImGui, which edits the text.
    if (onMirror && !event.target.classList.contains('alis-textbox') && event.key !== 'Escape') {
      // Arrows, Home and End in a tab list, a combo's list and a table move focus (a11y.js).
      if (Module.alisNavKey) Module.alisNavKey(event);
      event.stopImmediatePropagation();
      return;
    }
    // Typed right after a click on a field, before the frame that focuses the hidden input: the
    // key lands on the canvas (or the body) and its character would be lost.
    if (field && event.target !== field && (event.target === Module.canvas || event.target === document.body) &&
        isCharacter(event)) {
      send(event.key);
    }
  }, true);
  // Space activates a button when it is released: GLFW's own keyup listener would cancel that (it
  // prevents the default of the keys it handles), so on a mirror button Space's keyup is the
  // browser's, as its keydown was. (Only Space: a key whose keydown GLFW saw must reach it on keyup,
  // or ImGui holds it down for ever.)
  window.addEventListener('keyup', function (event) {
    var el = event.target;
    if (event.key === ' ' && el && el.classList && el.classList.contains('alis-node') && !el.classList.contains('alis-textbox')) {
      event.stopImmediatePropagation();
    }
  }, true);
  Module.alisSendText = send;
  Module.alisWantText = function (want) {
    if (!field) create();
    editing = !!want;
    // Reached through the mirror: its field node keeps focus and takes the text (a11y.js).
    if (want && Module.alisA11yField && Module.alisA11yField()) return;
    // Focus on another node of the mirror (a keyboard user on a button) stays there: the field
    // ImGui still holds gets no keys until focus comes back to it.
    var active = document.activeElement;
    if (want && active && active !== field && active.closest && active.closest('#alis-mirror, #alis-skip')) return;
    if (want && document.activeElement !== field) field.focus({ preventScroll: true });
    if (!want && document.activeElement === field) field.blur();
  };
  // Tab past the last field of a form (direction 1) or Shift+Tab before the first (-1): focus moves
  // on to the page's next (or previous) focusable element, as it would from any other form.
  Module.alisTabOut = function (direction) {
    editing = false;
    var canvas = Module.canvas;
    var candidates = Array.prototype.filter.call(document.querySelectorAll(
      'a[href], button, input, select, textarea, iframe, summary, [tabindex], [contenteditable]'), function (el) {
      return el !== field && el !== canvas && !el.classList.contains('alis-node') && el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0;
    });
    var after = candidates.filter(function (el) { return canvas.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING; });
    var before = candidates.filter(function (el) { return canvas.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING; });
    var next = direction > 0 ? after[0] : before[before.length - 1];
    if (next) next.focus();
    else if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  };
  Module.alisCopy = function (text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).catch(function (e) { console.warn('ALIS: copy refused', e); });
    }
  };
})();
