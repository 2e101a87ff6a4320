//! Voice activity detection by energy: where the speech is in a recording, and when a speaker
//! has stopped.
//!
//! Audio is cut into 30 ms frames and each frame's level (dBFS) compared with a threshold 12 dB
//! above the noise floor (the level of the quietest tenth of the frames), but never below
//! −50 dBFS, so digital silence and a quiet room behave alike. Short gaps inside speech (under
//! [`Vad::hangover`]) do not split it; blips shorter than [`Vad::min_speech`] are not speech.

use std::ops::Range;
use std::time::Duration;

use crate::Pcm;

/// The detector's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Vad {
    /// Frame length.
    pub frame: Duration,
    /// How far above the noise floor speech is, in dB.
    pub margin_db: f64,
    /// The lowest threshold, in dBFS.
    pub min_threshold_dbfs: f64,
    /// A silence shorter than this inside speech is part of it.
    pub hangover: Duration,
    /// Speech shorter than this is ignored (a click, a cough).
    pub min_speech: Duration,
    /// Kept before and after the speech when trimming.
    pub padding: Duration,
}

impl Default for Vad {
    fn default() -> Vad {
        Vad {
            frame: Duration::from_millis(30),
            margin_db: 12.0,
            min_threshold_dbfs: -50.0,
            hangover: Duration::from_millis(300),
            min_speech: Duration::from_millis(120),
            padding: Duration::from_millis(200),
        }
    }
}

impl Vad {
    fn frame_len(&self, rate: u32) -> usize {
        ((self.frame.as_secs_f64() * f64::from(rate)) as usize).max(1)
    }

    fn frames_in(&self, d: Duration) -> usize {
        (d.as_secs_f64() / self.frame.as_secs_f64()).ceil() as usize
    }

    /// The speech in `pcm`, as sample ranges (without padding), in order.
    pub fn speech(&self, pcm: &Pcm) -> Vec<Range<usize>> {
        let len = self.frame_len(pcm.rate);
        let levels: Vec<f64> = pcm.samples.chunks(len).map(level_dbfs).collect();
        let threshold = self.threshold(&levels);
        let (mut ranges, open) = self.frame_ranges(&levels, threshold);
        ranges.extend(open.filter(|r| r.len() >= self.frames_in(self.min_speech)));
        ranges
            .into_iter()
            .map(|r| r.start * len..(r.end * len).min(pcm.samples.len()))
            .collect()
    }

    /// Speech as frame ranges: those closed by more than [`Vad::hangover`] of quiet (at least
    /// [`Vad::min_speech`] long), and the one still open at the end, if any (unfiltered).
    fn frame_ranges(
        &self,
        levels: &[f64],
        threshold: f64,
    ) -> (Vec<Range<usize>>, Option<Range<usize>>) {
        let min = self.frames_in(self.min_speech);
        let mut ranges: Vec<Range<usize>> = Vec::new();
        let mut start: Option<usize> = None;
        let mut quiet = 0;
        for (i, &level) in levels.iter().enumerate() {
            if level >= threshold {
                start.get_or_insert(i);
                quiet = 0;
            } else if let Some(s) = start {
                quiet += 1;
                if quiet > self.frames_in(self.hangover) {
                    let r = s..i + 1 - quiet;
                    if r.len() >= min {
                        ranges.push(r);
                    }
                    start = None;
                }
            }
        }
        (ranges, start.map(|s| s..levels.len() - quiet))
    }

    /// `pcm` cut to its speech, with [`Vad::padding`] kept on both sides; `None` when there is
    /// no speech at all.
    pub fn trim(&self, pcm: &Pcm) -> Option<Pcm> {
        let speech = self.speech(pcm);
        let (first, last) = (speech.first()?, speech.last()?);
        let pad = (self.padding.as_secs_f64() * f64::from(pcm.rate)) as usize;
        let start = first.start.saturating_sub(pad);
        let end = (last.end + pad).min(pcm.samples.len());
        Some(Pcm::new(pcm.samples[start..end].to_vec(), pcm.rate))
    }

    /// The threshold for a noise floor (dBFS).
    fn threshold_over(&self, floor: f64) -> f64 {
        (floor + self.margin_db).max(self.min_threshold_dbfs)
    }

    fn threshold(&self, levels: &[f64]) -> f64 {
        let mut sorted: Vec<f64> = levels.iter().map(|l| l.max(-120.0)).collect();
        sorted.sort_by(f64::total_cmp);
        let floor = sorted
            .get(sorted.len() / 10)
            .copied()
            .unwrap_or(f64::NEG_INFINITY);
        self.threshold_over(floor)
    }
}

/// The level of a frame in dBFS (−∞ for digital silence).
fn level_dbfs(frame: &[i16]) -> f64 {
    let power =
        frame.iter().map(|&s| f64::from(s).powi(2)).sum::<f64>() / frame.len().max(1) as f64;
    10.0 * (power / (32768.0f64 * 32768.0)).log10()
}

/// What an [`Endpointer`] has seen so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listening {
    /// No speech yet.
    Waiting,
    /// Speech has started and not ended.
    Speaking,
    /// The speaker stopped: speech followed by [`Endpointer::end_silence`].
    Done,
    /// No speech came within [`Endpointer::no_speech`], or the speech ran past
    /// [`Endpointer::max_length`].
    TimedOut,
}

/// Finds the end of an utterance in live audio (a microphone, a caller): feed it samples as
/// they come and stop recording at [`Listening::Done`] or [`Listening::TimedOut`].
#[derive(Debug, Clone)]
pub struct Endpointer {
    /// The detector's settings (frame, margin, minimum threshold, minimum speech).
    pub vad: Vad,
    /// Silence after speech that ends the utterance.
    pub end_silence: Duration,
    /// How long to wait for speech to start.
    pub no_speech: Duration,
    /// The longest utterance.
    pub max_length: Duration,
    rate: u32,
    pending: Vec<i16>,
    levels: Vec<f64>,
    speech_frames: usize,
    quiet_frames: usize,
    state: Listening,
}

impl Endpointer {
    /// An endpointer for audio at `rate`: 800 ms of silence ends speech, 6 s without speech
    /// times out, 20 s is the longest utterance.
    pub fn new(rate: u32) -> Endpointer {
        Endpointer {
            vad: Vad::default(),
            end_silence: Duration::from_millis(800),
            no_speech: Duration::from_secs(6),
            max_length: Duration::from_secs(20),
            rate: rate.max(1),
            pending: Vec::new(),
            levels: Vec::new(),
            speech_frames: 0,
            quiet_frames: 0,
            state: Listening::Waiting,
        }
    }

    /// The same settings for audio at `rate`, starting afresh.
    pub fn at_rate(self, rate: u32) -> Endpointer {
        Endpointer {
            vad: self.vad,
            end_silence: self.end_silence,
            no_speech: self.no_speech,
            max_length: self.max_length,
            ..Endpointer::new(rate)
        }
    }

    /// Feeds samples; returns the state after them.
    pub fn push(&mut self, samples: &[i16]) -> Listening {
        let len = self.vad.frame_len(self.rate);
        self.pending.extend_from_slice(samples);
        let mut used = 0;
        while self.pending.len() - used >= len
            && matches!(self.state, Listening::Waiting | Listening::Speaking)
        {
            let level = level_dbfs(&self.pending[used..used + len]);
            used += len;
            self.frame(level);
        }
        self.pending.drain(..used);
        self.state
    }

    /// The state so far.
    pub fn state(&self) -> Listening {
        self.state
    }

    fn frame(&mut self, level: f64) {
        // The floor comes from what was heard before speech started, and stays put during it.
        if self.state == Listening::Waiting {
            self.levels.push(level);
        }
        let threshold = self.vad.threshold(&self.levels);
        let elapsed = self
            .vad
            .frame
            .mul_f64(self.levels.len() as f64 + (self.speech_frames + self.quiet_frames) as f64);
        if level >= threshold {
            self.speech_frames += 1;
            self.quiet_frames = 0;
            if self.speech_frames >= self.vad.frames_in(self.vad.min_speech) {
                self.state = Listening::Speaking;
            }
        } else if self.state == Listening::Speaking {
            self.quiet_frames += 1;
            if self.quiet_frames >= self.vad.frames_in(self.end_silence) {
                self.state = Listening::Done;
            }
        } else {
            self.speech_frames = 0;
        }
        if self.state == Listening::Waiting && elapsed >= self.no_speech
            || self.state == Listening::Speaking && elapsed >= self.max_length
        {
            self.state = Listening::TimedOut;
        }
    }
}

/// A stretch of a long recording that holds speech, ready for a recognizer.
#[derive(Debug, Clone, PartialEq)]
pub struct Utterance {
    /// Where it starts in the whole recording.
    pub offset: Duration,
    /// The audio (speech with [`Vad::padding`] around it).
    pub audio: Pcm,
}

/// Cuts a recording of any length, fed block by block, into [`Utterance`]s of at most
/// [`Segmenter::max_length`], holding at most about that much audio at a time.
///
/// Speech is found as [`Vad::speech`] finds it, except that the noise floor is that of all the
/// audio fed so far (kept as a histogram of frame levels in 1 dB steps, so memory does not
/// grow). Neighbouring stretches of speech are joined while the result fits in
/// [`Segmenter::max_length`] (each call of a Whisper model costs a 30 s window, however short
/// the audio); speech longer than that is cut at that length.
#[derive(Debug, Clone)]
pub struct Segmenter {
    vad: Vad,
    rate: u32,
    frame: usize,
    max_frames: usize,
    buf: Vec<i16>,
    levels: Vec<f64>,
    start: u64,
    histogram: [u64; 121],
}

impl Segmenter {
    /// A segmenter for audio at `rate` with the detector `vad`, cutting utterances of at most
    /// `max_length` (at least ten frames).
    pub fn new(vad: Vad, rate: u32, max_length: Duration) -> Segmenter {
        let rate = rate.max(1);
        let frame = vad.frame_len(rate);
        let max_frames = vad.frames_in(max_length).max(10);
        Segmenter {
            vad,
            rate,
            frame,
            max_frames,
            buf: Vec::new(),
            levels: Vec::new(),
            start: 0,
            histogram: [0; 121],
        }
    }

    /// The longest utterance.
    pub fn max_length(&self) -> Duration {
        self.vad.frame.mul_f64(self.max_frames as f64)
    }

    /// Feeds samples; utterances that are complete are appended to `out`.
    pub fn push(&mut self, samples: &[i16], out: &mut Vec<Utterance>) {
        self.buf.extend_from_slice(samples);
        while (self.levels.len() + 1) * self.frame <= self.buf.len() {
            let i = self.levels.len() * self.frame;
            let level = level_dbfs(&self.buf[i..i + self.frame]);
            self.levels.push(level);
            self.histogram[(level.clamp(-120.0, 0.0) + 120.0) as usize] += 1;
        }
        while self.levels.len() >= self.max_frames {
            self.cut(false, out);
        }
    }

    /// Ends the recording: the utterances left are appended to `out`.
    pub fn finish(&mut self, out: &mut Vec<Utterance>) {
        self.cut(true, out);
        self.buf.clear();
        self.levels.clear();
    }

    /// The noise floor of everything fed so far: the level of the quietest tenth of frames.
    fn floor(&self) -> f64 {
        let total: u64 = self.histogram.iter().sum();
        let mut seen = 0;
        for (bin, &count) in self.histogram.iter().enumerate() {
            seen += count;
            if seen > total / 10 {
                return bin as f64 - 120.0;
            }
        }
        f64::NEG_INFINITY
    }

    fn cut(&mut self, last: bool, out: &mut Vec<Utterance>) {
        let threshold = self.vad.threshold_over(self.floor());
        let (mut closed, open) = self.vad.frame_ranges(&self.levels, threshold);
        let pad = self.vad.frames_in(self.vad.padding);
        let mut keep = self.levels.len().saturating_sub(pad);
        match open {
            Some(r) if last => {
                if r.len() >= self.vad.frames_in(self.vad.min_speech) {
                    closed.push(r);
                }
                keep = self.levels.len();
            }
            Some(r) => {
                keep = r.start.saturating_sub(pad);
                if self.levels.len() - keep >= self.max_frames {
                    // Speech as long as the window: cut it there.
                    closed.push(keep + pad..(keep + self.max_frames).saturating_sub(pad));
                    keep = (keep + self.max_frames).saturating_sub(pad);
                }
            }
            None if last => keep = self.levels.len(),
            None => {}
        }
        // Join neighbours while the padded whole fits; split what is too long alone.
        let longest = self.max_frames.saturating_sub(2 * pad).max(1);
        let mut groups: Vec<Range<usize>> = Vec::new();
        for r in closed {
            let mut s = r.start;
            while s < r.end {
                let piece = s..(s + longest).min(r.end);
                s = piece.end;
                match groups.last_mut() {
                    Some(g) if piece.end - g.start <= longest => g.end = piece.end,
                    _ => groups.push(piece),
                }
            }
        }
        for g in groups {
            let from = g.start.saturating_sub(pad) * self.frame;
            let to = ((g.end + pad) * self.frame).min(self.buf.len());
            out.push(Utterance {
                offset: Duration::from_secs_f64(
                    (self.start + from as u64) as f64 / f64::from(self.rate),
                ),
                audio: Pcm::new(self.buf[from..to].to_vec(), self.rate),
            });
        }
        let keep = keep.max(1).min(self.levels.len());
        self.buf.drain(..keep * self.frame);
        self.levels.drain(..keep);
        self.start += (keep * self.frame) as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RATE: u32 = 16_000;

    /// A 200 Hz tone at `amplitude` for `ms`.
    fn tone(ms: u32, amplitude: f64) -> Vec<i16> {
        (0..RATE * ms / 1000)
            .map(|i| {
                (amplitude * (f64::from(i) * 200.0 * std::f64::consts::TAU / f64::from(RATE)).sin())
                    as i16
            })
            .collect()
    }

    fn noise(ms: u32, amplitude: i16) -> Vec<i16> {
        let mut x: u32 = 12345;
        (0..RATE * ms / 1000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (x >> 16) as i16 % amplitude.max(1)
            })
            .collect()
    }

    fn pcm(parts: &[Vec<i16>]) -> Pcm {
        Pcm::new(parts.concat(), RATE)
    }

    #[test]
    fn speech_is_found_between_silences_and_in_noise() {
        for floor in [vec![0i16; 16_000], noise(1000, 200)] {
            let audio = pcm(&[floor.clone(), tone(800, 8000.0), floor.clone()]);
            let speech = Vad::default().speech(&audio);
            assert_eq!(speech.len(), 1, "{speech:?}");
            let r = &speech[0];
            let ms = |s: usize| s as f64 * 1000.0 / f64::from(RATE);
            assert!((ms(r.start) - 1000.0).abs() <= 30.0, "{r:?}");
            assert!((ms(r.end) - 1800.0).abs() <= 30.0, "{r:?}");
            let trimmed = Vad::default().trim(&audio).unwrap();
            let seconds = trimmed.duration().as_secs_f64();
            assert!((1.15..1.25).contains(&seconds), "{seconds}");
        }
    }

    #[test]
    fn silence_and_clicks_are_not_speech() {
        assert!(Vad::default().trim(&pcm(&[vec![0; 32_000]])).is_none());
        assert!(Vad::default().trim(&Pcm::new(Vec::new(), RATE)).is_none());
        let click = pcm(&[vec![0; 8000], tone(60, 20_000.0), vec![0; 8000]]);
        assert!(Vad::default().trim(&click).is_none());
    }

    #[test]
    fn a_short_pause_does_not_split_speech() {
        let audio = pcm(&[
            vec![0; 8000],
            tone(400, 8000.0),
            vec![0; 3200],
            tone(400, 8000.0),
            vec![0; 8000],
        ]);
        assert_eq!(Vad::default().speech(&audio).len(), 1);
        let apart = pcm(&[
            vec![0; 8000],
            tone(400, 8000.0),
            vec![0; 16_000],
            tone(400, 8000.0),
        ]);
        assert_eq!(Vad::default().speech(&apart).len(), 2);
    }

    #[test]
    fn the_endpointer_waits_hears_and_stops() {
        let mut e = Endpointer::new(RATE);
        assert_eq!(e.push(&noise(500, 100)), Listening::Waiting);
        assert_eq!(e.push(&tone(500, 8000.0)), Listening::Speaking);
        assert_eq!(e.push(&noise(300, 100)), Listening::Speaking);
        assert_eq!(e.push(&noise(600, 100)), Listening::Done);
        let mut quiet = Endpointer::new(RATE);
        for _ in 0..7 {
            quiet.push(&vec![0; 16_000]);
        }
        assert_eq!(quiet.state(), Listening::TimedOut);
    }
}
