// tilmach read-aloud widget. One script tag adds a toolbar to any page:
//   a script element: src="https://SERVER/widget.js" defer (see the README)
// Read the page, read the selection, 指读 (read what the pointer or focus rests on), 连读
// (click a passage to read from there to the end), slower and faster, pause, stop, and an
// elder mode (larger text, high contrast). Its styles live in a shadow root, it defines one
// global (window.TilmachWidget), and it inserts text only as text, never as markup.
(function () {
  'use strict';
  if (window.TilmachWidget) return;
  var LABELS = /*LABELS*/{};
  var script = document.currentScript;
  var base = new URL('.', script && script.src ? script.src : location.href);
  var api = new URL('api/v1/speech', base).href;

  function code(tag) {
    tag = String(tag || '').toLowerCase();
    return tag.indexOf('ug') === 0 ? 'ug' : tag.indexOf('mn') === 0 ? 'mn' : 'zh';
  }
  var pageCode = code(document.documentElement.lang || navigator.language);
  // The language of a passage: by its script, else the page's.
  function langOf(text) {
    if (/[\u1800-\u18af]/.test(text)) return 'mn';
    if (/[\u0600-\u06ff]/.test(text)) return 'ug';
    if (/[\u3400-\u9fff]/.test(text)) return 'zh';
    return pageCode;
  }
  var L = LABELS[pageCode] || LABELS.zh || {};

  var host = document.createElement('div');
  host.setAttribute('data-tilmach-widget', '');
  var root = host.attachShadow({ mode: 'open' });
  var style = document.createElement('style');
  style.textContent = [
    ':host { all: initial; }',
    '.bar { position: fixed; inset-inline-start: 8px; bottom: 8px; z-index: 2147483647; display: flex;',
    '  flex-wrap: wrap; gap: 4px; align-items: center; max-width: calc(100vw - 16px); padding: 6px;',
    '  background: #fff; color: #111; border: 2px solid #0b4f9c; border-radius: 10px;',
    '  font: 16px/1.4 "Noto Sans CJK SC", "Noto Naskh Arabic", "Noto Sans Mongolian", sans-serif; }',
    'button { font: inherit; min-width: 44px; min-height: 44px; padding: 0 10px; border-radius: 8px;',
    '  border: 2px solid #0b4f9c; background: #0b4f9c; color: #fff; cursor: pointer; }',
    'button[aria-pressed="true"] { background: #000; border-color: #000; }',
    'button:focus-visible { outline: 4px solid #000; outline-offset: 2px; box-shadow: 0 0 0 8px #ffd400; }',
    '.elder .bar { font-size: 24px; } .elder button { min-width: 60px; min-height: 60px; }',
    '.status { padding: 0 6px; }',
    '.mark { position: fixed; pointer-events: none; z-index: 2147483646; border: 3px solid #000;',
    '  box-shadow: 0 0 0 3px #ffd400; background: rgba(255, 228, 92, .25); display: none; }'
  ].join('\n');
  root.appendChild(style);
  var wrap = document.createElement('div');
  root.appendChild(wrap);
  var mark = document.createElement('div');
  mark.className = 'mark';
  wrap.appendChild(mark);
  var bar = document.createElement('div');
  bar.className = 'bar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', L.name || 'tilmach');
  wrap.appendChild(bar);
  // Keep the page's selection when a button is pressed with the mouse.
  bar.addEventListener('mousedown', function (e) { e.preventDefault(); });

  function button(label, onClick, toggle) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = label || '';
    if (toggle) b.setAttribute('aria-pressed', 'false');
    b.addEventListener('click', onClick);
    bar.appendChild(b);
    return b;
  }
  var audio = new Audio();
  root.appendChild(audio);
  var rate = 1, queue = [], token = 0, elder = false, point = false, continuous = false;
  var state = { playing: false, text: '', lang: '', error: '' };
  var status = document.createElement('span');
  status.className = 'status';
  status.setAttribute('role', 'status');

  function show(el) {
    if (!el || !el.getBoundingClientRect) { mark.style.display = 'none'; return; }
    if (el.scrollIntoView) el.scrollIntoView({ block: 'nearest' });
    var r = el.getBoundingClientRect();
    mark.style.display = 'block';
    mark.style.left = (r.left - 4) + 'px';
    mark.style.top = (r.top - 4) + 'px';
    mark.style.width = (r.width + 8) + 'px';
    mark.style.height = (r.height + 8) + 'px';
  }

  function stop() {
    token++;
    queue = [];
    audio.pause();
    state.playing = false;
    show(null);
  }

  // Speaks one passage; then the next in the queue, if any.
  function speak(text, el) {
    text = String(text || '').replace(/\s+/g, ' ').trim().slice(0, 5000);
    if (!text) return Promise.resolve();
    var mine = ++token;
    var lang = langOf(text);
    state.text = text; state.lang = lang; state.error = '';
    status.textContent = '';
    show(el);
    return fetch(api, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ text: text, lang: lang, elder: elder })
    }).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    }).then(function (d) {
      if (mine !== token) return;
      audio.src = new URL(d.audio, api).href;
      audio.playbackRate = rate;
      state.playing = true;
      return audio.play();
    }).catch(function (e) {
      if (mine !== token) return;
      state.playing = false;
      state.error = e.message;
      status.textContent = '\u26a0 ' + e.message;
    });
  }
  function next() {
    var item = queue.shift();
    if (item) speak(item.text, item.el); else { state.playing = false; show(null); }
  }
  audio.addEventListener('ended', next);
  audio.addEventListener('ratechange', function () { rate = audio.playbackRate; });

  var BLOCKS = 'h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,blockquote,figcaption,caption,label,pre,summary';
  function visible(el) {
    var r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  }
  function blocks() {
    return Array.prototype.filter.call(document.body.querySelectorAll(BLOCKS), function (el) {
      return !el.querySelector(BLOCKS) && visible(el) && el.textContent.trim();
    });
  }
  function readFrom(el) {
    stop();
    var all = blocks();
    var i = el ? all.indexOf(el) : 0;
    queue = all.slice(Math.max(0, i)).map(function (b) { return { text: b.innerText || b.textContent, el: b }; });
    next();
  }
  function blockOf(node) {
    var el = node && node.nodeType === 1 ? node : node && node.parentElement;
    if (!el || el === host || host.contains(el)) return null;
    return el.closest(BLOCKS) || el.closest('a,button') || null;
  }

  function readSelection() {
    var text = String(window.getSelection ? window.getSelection() : '').trim();
    if (!text) { status.textContent = L.selection || ''; return Promise.resolve(); }
    stop();
    var range = window.getSelection().rangeCount ? window.getSelection().getRangeAt(0) : null;
    return speak(text, range);
  }

  button(L.read, function () { readFrom(null); });
  button(L.selection, readSelection);
  var pointBtn = button(L.point, function () {
    point = !point;
    pointBtn.setAttribute('aria-pressed', String(point));
  }, true);
  var contBtn = button(L.continuous, function () {
    continuous = !continuous;
    contBtn.setAttribute('aria-pressed', String(continuous));
  }, true);
  var pauseBtn = button(L.pause, function () {
    if (audio.paused && audio.src) { audio.play(); pauseBtn.textContent = L.pause; }
    else { audio.pause(); pauseBtn.textContent = L.resume; }
  });
  button(L.stop, stop);
  button(L.slower, function () { audio.playbackRate = rate = Math.max(0.5, rate - 0.25); });
  button(L.faster, function () { audio.playbackRate = rate = Math.min(2, rate + 0.25); });
  var elderStyle = null;
  var elderBtn = button(L.elder, function () {
    elder = !elder;
    elderBtn.setAttribute('aria-pressed', String(elder));
    wrap.classList.toggle('elder', elder);
    if (elder) {
      elderStyle = document.createElement('style');
      elderStyle.textContent = 'body > :not([data-tilmach-widget]) { zoom: 1.4; }\n' +
        'body, body :not([data-tilmach-widget]) { color: #000 !important; background-color: #fff !important;' +
        ' line-height: 1.6 !important; }\n' +
        'body a, body a * { color: #00319c !important; text-decoration: underline !important; }';
      document.head.appendChild(elderStyle);
    } else if (elderStyle) {
      elderStyle.remove();
      elderStyle = null;
    }
  }, true);
  bar.appendChild(status);

  // 指读: read what the pointer rests on (after a short dwell) or what takes the focus.
  var dwell = 0, lastPointed = null;
  function pointed(e) {
    if (!point) return;
    var el = blockOf(e.composedPath ? e.composedPath()[0] : e.target);
    if (!el || el === lastPointed) return;
    clearTimeout(dwell);
    dwell = setTimeout(function () {
      lastPointed = el;
      stop();
      speak(el.innerText || el.textContent, el);
    }, e.type === 'focusin' ? 0 : 350);
  }
  document.addEventListener('mouseover', pointed);
  document.addEventListener('focusin', pointed);
  // 连读: a click on a passage reads from there to the end of the page.
  document.addEventListener('click', function (e) {
    if (!continuous) return;
    var el = blockOf(e.composedPath ? e.composedPath()[0] : e.target);
    if (el) readFrom(el);
  });

  window.TilmachWidget = {
    readText: function (text) { stop(); return speak(text, null); },
    readSelection: readSelection,
    readPage: function () { readFrom(null); },
    stop: stop,
    state: function () {
      return {
        playing: state.playing && !audio.paused, text: state.text, lang: state.lang,
        error: state.error, currentTime: audio.currentTime, rate: rate
      };
    }
  };
  function attach() { document.body.appendChild(host); }
  if (document.body) attach(); else document.addEventListener('DOMContentLoaded', attach);
})();
