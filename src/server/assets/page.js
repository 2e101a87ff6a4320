// tilmach guide pages: read-aloud of the page or a section with the sentence being read
// highlighted, pause and resume, slower and faster. The page is complete without this script;
// it only adds the controls. Speech comes from the server's API (data-speech-api) or, in a
// static export, from pre-rendered files (data-speech-json).
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

  function load() {
    if (loading) return loading;
    var url, init = {};
    if (body.dataset.speechJson) {
      url = new URL(body.dataset.speechJson, location.href);
    } else {
      url = new URL(body.dataset.speechApi || '/api/v1/speech', location.href);
      init = {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          lang: body.dataset.lang,
          elder: body.dataset.mode === 'elder',
          text: spans.map(function (s) { return s.textContent.replace(/[\r\n]+/g, ' '); }).join('\n')
        })
      };
    }
    loading = fetch(url.href, init).then(function (r) {
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
    if (!data || !active) return;
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

  function play(first, last) {
    status.textContent = '';
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
    }).then(function () { requestAnimationFrame(tick); }, function (e) {
      setPlaying(false);
      status.textContent = '\u26a0 ' + e.message;
    });
  }

  function stop() {
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
  audio.addEventListener('ended', stop);
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
