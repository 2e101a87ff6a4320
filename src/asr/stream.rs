//! Transcribing recordings of any length with bounded memory.
//!
//! [`transcribe`] reads a WAV block by block ([`WavStream`]), resamples it as it comes
//! ([`StreamResampler`]), cuts it into utterances of at most [`WINDOW`] with the voice activity
//! detector ([`Segmenter`]) and recognizes each as soon as it is complete. Memory is that of
//! the model and one window, whatever the length of the recording; silence costs no
//! recognition at all.

use std::io::Read;
use std::time::Duration;

use super::vad::{Segmenter, Utterance, Vad};
use super::{Recognizer, Request, Transcript, SAMPLE_RATE};
use crate::audio::wav::WavStream;
use crate::audio::StreamResampler;
use crate::Result;

/// The longest utterance given to a recognizer: a little under Whisper's 30 s window, so that
/// one utterance is one decoding window.
pub const WINDOW: Duration = Duration::from_secs(28);

/// Transcribes the WAV `wav` utterance by utterance, calling `each` with every utterance's
/// transcript as soon as it is recognized (segment times are from the start of the whole
/// recording). When `request` names no language, the language detected in the first utterance
/// is kept for the rest. Returns the language (`None` when nothing was said).
///
/// # Errors
/// Errors of reading the WAV ([`crate::Error::Audio`] naming it), of the recognizer, and any
/// error `each` returns (which stops the transcription).
pub fn transcribe<R: Read>(
    recognizer: &dyn Recognizer,
    wav: &mut WavStream<R>,
    request: &Request,
    mut each: impl FnMut(&Transcript) -> Result<()>,
) -> Result<Option<String>> {
    let mut request = request.clone();
    let mut language = request.language.clone();
    let mut resampler = StreamResampler::new(wav.rate(), SAMPLE_RATE)?;
    let mut segmenter = Segmenter::new(Vad::default(), SAMPLE_RATE, WINDOW);
    let block = wav.rate() as usize / 4;
    let (mut raw, mut converted, mut utterances) = (Vec::new(), Vec::new(), Vec::new());
    loop {
        raw.clear();
        let frames = wav.read_block(block, &mut raw)?;
        converted.clear();
        if frames == 0 {
            resampler.finish(&mut converted)?;
            segmenter.push(&converted, &mut utterances);
            segmenter.finish(&mut utterances);
        } else {
            resampler.push(&raw, &mut converted)?;
            segmenter.push(&converted, &mut utterances);
        }
        for utterance in utterances.drain(..) {
            let transcript = recognize(recognizer, &utterance, &request)?;
            if request.language.is_none() && !transcript.segments.is_empty() {
                request.language = Some(transcript.language.clone());
                language = request.language.clone();
            }
            each(&transcript)?;
        }
        if frames == 0 {
            return Ok(language);
        }
    }
}

/// One utterance's transcript, its times moved to where it is in the recording.
fn recognize(
    recognizer: &dyn Recognizer,
    utterance: &Utterance,
    request: &Request,
) -> Result<Transcript> {
    let mut transcript = recognizer.recognize(&utterance.audio, request)?;
    let length = utterance.audio.duration();
    for segment in &mut transcript.segments {
        segment.start = utterance.offset + segment.start.min(length);
        segment.end = utterance.offset + segment.end.min(length);
    }
    Ok(transcript)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asr::Segment;
    use crate::audio::wav;
    use crate::Pcm;
    use std::sync::Mutex;

    /// Says "speech" for each call, with the audio's length, and records the lengths.
    struct Fake(Mutex<Vec<f64>>);

    impl Recognizer for Fake {
        fn name(&self) -> &str {
            "fake"
        }
        fn recognize(&self, audio: &Pcm, request: &Request) -> Result<Transcript> {
            assert_eq!(audio.rate, SAMPLE_RATE);
            self.0.lock().unwrap().push(audio.duration().as_secs_f64());
            Ok(Transcript {
                language: request.language.clone().unwrap_or_else(|| "xx".into()),
                text: "speech".into(),
                segments: vec![Segment {
                    start: Duration::from_millis(200),
                    end: audio.duration(),
                    text: "speech".into(),
                }],
            })
        }
    }

    fn tone(seconds: f64, rate: u32) -> Vec<i16> {
        (0..(seconds * f64::from(rate)) as usize)
            .map(|i| {
                (8000.0 * (i as f64 * 300.0 * std::f64::consts::TAU / f64::from(rate)).sin()) as i16
            })
            .collect()
    }

    #[test]
    fn long_silence_costs_nothing_and_speech_keeps_its_place() {
        // 10 minutes at 8 kHz: tones at 100 s and 400 s, a 70 s tone at 500 s.
        let rate = 8000;
        let mut samples = vec![0i16; 600 * rate as usize];
        for (at, len) in [(100.0, 1.0), (400.0, 2.0), (500.0, 70.0)] {
            let t = tone(len, rate);
            let i = (at * f64::from(rate)) as usize;
            samples[i..i + t.len()].copy_from_slice(&t);
        }
        let mut bytes = Vec::new();
        wav::write(&mut bytes, &Pcm::new(samples, rate)).unwrap();
        let mut stream = WavStream::new(std::io::Cursor::new(bytes), "mem").unwrap();
        let fake = Fake(Mutex::new(Vec::new()));
        let mut starts = Vec::new();
        let language = transcribe(&fake, &mut stream, &Request::default(), |t| {
            starts.push(t.segments[0].start.as_secs_f64());
            Ok(())
        })
        .unwrap();
        assert_eq!(language.as_deref(), Some("xx"));
        let lengths = fake.0.into_inner().unwrap();
        // 1 s, 2 s, then 70 s cut into windows of at most 28 s.
        assert_eq!(lengths.len(), 5, "{lengths:?} {starts:?}");
        assert!(lengths.iter().all(|&l| l <= 28.05), "{lengths:?}");
        let total: f64 = lengths[2..].iter().sum();
        assert!((70.0..71.5).contains(&total), "{lengths:?}");
        for (got, want) in starts.iter().zip([100.0, 400.0, 500.0]) {
            assert!((got - want).abs() < 0.1, "{starts:?}");
        }
    }
}
