// Runs before the app's main(): mounts IndexedDB at /data and loads it, so the app reads what the
// user saved before it writes anything. Writes are flushed with alisPersist(), which serializes
// FS.syncfs calls (IDBFS does not allow two at once) and coalesces bursts into one more flush.
Module.preRun = Module.preRun || [];
Module.preRun.push(function () {
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist();  // ask not to be evicted
  FS.mkdir('/data');
  FS.mount(IDBFS, {}, '/data');
  addRunDependency('alis-idbfs');
  FS.syncfs(true, function (err) {
    if (err) console.error('ALIS: could not load saved data from IndexedDB', err);
    removeRunDependency('alis-idbfs');
  });
});

(function () {
  var running = false;
  var again = false;
  Module.alisFlushes = 0;  // completed flushes; tests wait on it
  Module.alisPersist = function () {
    if (running) { again = true; return; }
    running = true;
    FS.syncfs(false, function (err) {
      running = false;
      if (!err) {
        Module.alisFlushes++;
        Module._alis_storage_ok();
      } else {
        console.error('ALIS: could not save to IndexedDB', err);
        var text = String(err && (err.message || err.name || err.errno) || err);
        var size = lengthBytesUTF8(text) + 1, buf = _malloc(size);
        stringToUTF8(text, buf, size);
        Module._alis_storage_failed(buf);
        _free(buf);
      }
      if (again) { again = false; Module.alisPersist(); }
    });
  };
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden' && Module.calledRun) Module.alisPersist();
  });
})();

// The end-to-end tests' window into the app: what the last frame showed.
Module.alisTestState = function () {
  return JSON.parse(UTF8ToString(Module._alis_test_state()));
};

// Text input through a hidden field (see shell/browser/text_input.hpp).
(function () {
  var field = null;
  var composing = false;
  function send(text) {
    if (!text) return;
    var size = lengthBytesUTF8(text) + 1, buf = _malloc(size);
    stringToUTF8(text, buf, size);
    Module._alis_text_input(buf);
    _free(buf);
  }
  function create() {
    field = document.createElement('input');
    field.type = 'text';
    field.id = 'alis-text-input';
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
  Module.alisWantText = function (want) {
    if (!field) create();
    if (want && document.activeElement !== field) field.focus({ preventScroll: true });
    if (!want && document.activeElement === field) field.blur();
  };
  Module.alisCopy = function (text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).catch(function (e) { console.warn('ALIS: copy refused', e); });
    }
  };
})();
