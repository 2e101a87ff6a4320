// tilmach guide pages: read-aloud of the page or a section with the sentence being read
// highlighted, pause and resume, slower and faster. The page is complete without this script;
// it only adds the controls. Speech comes from the server's API (data-speech-api), sentence by
// sentence, or, in a static export, from pre-rendered files (data-speech-json).
(function () {
  'use strict';
  var body = document.body;
  var controls = document.querySelector('.tm-controls');
  if (!controls || !window.fetch || !window.Audio) return;
  var spans = Array.prototype.slice.call(document.querySelectorAll('.tm-s'));
  var readBtn = controls.querySelector('.tm-read');
  var pauseBtn = controls.querySelector('.tm-pause');
  var rateOut = controls.querySelector('.tm-rate');
  var status = controls.querySelector('.tm-status');
  var audio = new Audio();
  audio.preload = 'auto';
  controls.appendChild(audio);
  var data = null, loading = null, stopAt = Infinity, rate = 1, active = false, now = -1;
  // With the server's API, each sentence is its own request (cached by the server), the next one
  // fetched while one plays: the first sentence plays as soon as it alone is spoken. A
  // static export has one pre-rendered file with the times of every sentence.
  var perLine = !body.dataset.speechJson;
  var lines = [], cursor = -1, lastLine = Infinity, playId = 0;
  var api = new URL(body.dataset.speechApi || '/api/v1/speech', location.href);

  function lineText(i) { return spans[i].textContent.replace(/[\r\n]+/g, ' '); }

  function request(i, tries) {
    return fetch(api.href, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ lang: body.dataset.lang, elder: body.dataset.mode === 'elder', text: lineText(i) })
    }).then(function (r) {
      // Busy (every engine worker speaking): ask again shortly.
      if (r.status === 503 && tries > 0) {
        return new Promise(function (ok) { setTimeout(ok, 400); }).then(function () { return request(i, tries - 1); });
      }
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    });
  }

  function fetchLine(i) {
    if (i < 0 || i >= spans.length) return null;
    if (lines[i]) return lines[i];
    lines[i] = request(i, 20);
    lines[i].catch(function () { lines[i] = null; });
    return lines[i];
  }

  function load() {
    if (loading) return loading;
    var url = new URL(body.dataset.speechJson, location.href);
    loading = fetch(url.href).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    }).then(function (d) {
      data = d;
      audio.src = new URL(d.audio || (d.key + '.wav'), url).href;
      return d;
    });
    loading.catch(function () { loading = null; });
    return loading;
  }

  function highlight(line) {
    if (line === now) return;
    if (now >= 0 && spans[now]) spans[now].classList.remove('tm-now');
    now = line;
    var span = spans[line];
    if (span) {
      span.classList.add('tm-now');
      span.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }

  function tick() {
    if (!data || !active || perLine) return;
    var t = audio.currentTime, list = data.sentences, line = -1;
    for (var i = 0; i < list.length; i++) {
      if (list[i].start <= t + 0.01) line = list[i].line; else break;
    }
    if (line !== null && line >= 0) highlight(line);
    if (t >= stopAt) { stop(); return; }
    if (!audio.paused) requestAnimationFrame(tick);
  }

  function setPlaying(on) {
    active = on;
    readBtn.setAttribute('aria-pressed', on ? 'true' : 'false');
    readBtn.textContent = on ? controls.dataset.stop : controls.dataset.read;
    pauseBtn.disabled = !on;
    pauseBtn.textContent = controls.dataset.pause;
  }

  function failed(e) {
    setPlaying(false);
    status.textContent = '\u26a0 ' + e.message;
  }

  // Plays sentence i (API mode), then the next, up to lastLine.
  function playLine(i, id) {
    if (id !== playId) return;
    if (i >= spans.length || i > lastLine) { stop(); return; }
    cursor = i;
    var wanted = fetchLine(i);
    fetchLine(i + 1);
    wanted.then(function (d) {
      if (id !== playId) return;
      audio.src = new URL(d.audio, api).href;
      audio.playbackRate = rate;
      highlight(i);
      return audio.play();
    }).catch(failed);
  }

  function play(first, last) {
    status.textContent = '';
    if (perLine) {
      lastLine = last;
      setPlaying(true);
      playLine(first, ++playId);
      return Promise.resolve();
    }
    return load().then(function (d) {
      var from = null, to = Infinity, list = d.sentences;
      for (var i = 0; i < list.length; i++) {
        var line = list[i].line === null ? i : list[i].line;
        if (from === null && line >= first) from = list[i].start;
        if (line <= last) to = list[i].end;
      }
      audio.currentTime = from || 0;
      stopAt = last === Infinity ? Infinity : to;
      audio.playbackRate = rate;
      setPlaying(true);
      return audio.play();
    }).then(function () { requestAnimationFrame(tick); }, failed);
  }

  function stop() {
    playId++;
    audio.pause();
    setPlaying(false);
    highlight(-1);
  }

  readBtn.addEventListener('click', function () {
    if (active) stop(); else play(0, Infinity);
  });
  pauseBtn.addEventListener('click', function () {
    if (audio.paused) {
      audio.play().then(function () { requestAnimationFrame(tick); });
      pauseBtn.textContent = controls.dataset.pause;
    } else {
      audio.pause();
      pauseBtn.textContent = controls.dataset.resume;
    }
  });
  function setRate(r) {
    rate = Math.min(2, Math.max(0.5, Math.round(r * 100) / 100));
    audio.playbackRate = rate;
    rateOut.textContent = Math.round(rate * 100) + '%';
  }
  controls.querySelector('.tm-slower').addEventListener('click', function () { setRate(rate - 0.25); });
  controls.querySelector('.tm-faster').addEventListener('click', function () { setRate(rate + 0.25); });
  audio.addEventListener('timeupdate', tick);
  audio.addEventListener('ended', function () {
    if (perLine && active) playLine(cursor + 1, playId); else stop();
  });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape' && active) stop(); });

  Array.prototype.forEach.call(document.querySelectorAll('.tm-section'), function (section) {
    var button = section.querySelector('.tm-read-section');
    var own = section.querySelectorAll('.tm-s');
    if (!button || !own.length) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      play(Number(own[0].dataset.s), Number(own[own.length - 1].dataset.s));
    });
  });
  controls.hidden = false;
})();
