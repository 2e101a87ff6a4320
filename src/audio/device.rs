//! The computer's speaker and microphone, through cpal (feature `devices`).
//!
//! [`play`] sends a buffer to the default output device and returns when it has been heard
//! ([`play_stream`] plays parts as they are made, for speech sentence by sentence);
//! [`record_utterance`] listens on the default input device until the speaker stops
//! ([`Endpointer`]). Rates and channel counts are converted here, whatever the device wants.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use cpal::{FromSample, SampleFormat, SizedSample, StreamConfig};

use crate::asr::vad::{Endpointer, Listening};
use crate::{Error, Pcm, Result};

fn device_error(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Audio(format!("{what}: {e}"))
}

/// Plays `pcm` on the default output device and waits until it has been played.
///
/// # Errors
/// [`Error::Audio`] when there is no output device or it refuses the stream.
pub fn play(pcm: &Pcm) -> Result<()> {
    play_stream(std::iter::once(Ok(pcm.clone())))
}

/// Plays audio as it is made: each part is queued the moment `parts` yields it, so the first
/// sentence plays while the next ones are still being spoken by the engine. Returns when
/// everything has been played, or at the first part that fails (with its error).
///
/// # Errors
/// [`Error::Audio`] when there is no output device or it refuses the stream; the error of a
/// failing part.
pub fn play_stream(parts: impl Iterator<Item = Result<Pcm>>) -> Result<()> {
    let host = cpal::default_host();
    let device = host
        .default_output_device()
        .ok_or_else(|| Error::Audio("no audio output device".into()))?;
    let supported = device
        .default_output_config()
        .map_err(|e| device_error("the output device has no usable configuration", e))?;
    let config: StreamConfig = supported.config();
    let feed = Arc::new(Mutex::new(Feed::default()));
    let (done_tx, done_rx) = mpsc::channel();
    let stream = match supported.sample_format() {
        SampleFormat::I16 => output::<i16>(&device, &config, Arc::clone(&feed), done_tx),
        SampleFormat::I32 => output::<i32>(&device, &config, Arc::clone(&feed), done_tx),
        SampleFormat::U8 => output::<u8>(&device, &config, Arc::clone(&feed), done_tx),
        SampleFormat::U16 => output::<u16>(&device, &config, Arc::clone(&feed), done_tx),
        SampleFormat::F32 => output::<f32>(&device, &config, Arc::clone(&feed), done_tx),
        SampleFormat::F64 => output::<f64>(&device, &config, Arc::clone(&feed), done_tx),
        other => {
            return Err(Error::Audio(format!(
                "unsupported output sample format {other}"
            )))
        }
    }?;
    let mut queued = Duration::ZERO;
    let mut started = false;
    for part in parts {
        let audio = part?.resampled(config.sample_rate)?;
        queued += audio.duration();
        {
            let mut feed = feed.lock().unwrap_or_else(|p| p.into_inner());
            feed.samples
                .extend(audio.samples.iter().map(|&s| f32::from(s) / 32768.0));
        }
        if !started {
            stream
                .play()
                .map_err(|e| device_error("cannot start playback", e))?;
            started = true;
        }
    }
    feed.lock().unwrap_or_else(|p| p.into_inner()).finished = true;
    if !started {
        return Ok(());
    }
    // The callback says when the last sample is handed over; the device's buffer then drains.
    let _ = done_rx.recv_timeout(queued + Duration::from_secs(5));
    std::thread::sleep(Duration::from_millis(250));
    Ok(())
}

/// Audio waiting to be played, and whether more will come.
#[derive(Default)]
struct Feed {
    samples: std::collections::VecDeque<f32>,
    finished: bool,
}

fn output<T: SizedSample + FromSample<f32>>(
    device: &cpal::Device,
    config: &StreamConfig,
    feed: Arc<Mutex<Feed>>,
    done: mpsc::Sender<()>,
) -> Result<cpal::Stream> {
    let channels = usize::from(config.channels).max(1);
    let mut signalled = false;
    device
        .build_output_stream(
            *config,
            move |data: &mut [T], _| {
                let mut feed = feed.lock().unwrap_or_else(|p| p.into_inner());
                for frame in data.chunks_mut(channels) {
                    // Silence while the next part is still being made.
                    let value = feed.samples.pop_front().unwrap_or(0.0);
                    frame.fill(T::from_sample(value));
                }
                if feed.finished && feed.samples.is_empty() && !signalled {
                    signalled = true;
                    let _ = done.send(());
                }
            },
            |e| eprintln!("tilmach: audio output: {e}"),
            None,
        )
        .map_err(|e| device_error("cannot open the output device", e))
}

/// Records from the default input device until `endpointer` says the utterance is over (or
/// timed out), and returns what was recorded, mono at the device's rate.
///
/// # Errors
/// [`Error::Audio`] when there is no input device or it refuses the stream.
pub fn record_utterance(mut endpointer: Endpointer) -> Result<(Pcm, Listening)> {
    let host = cpal::default_host();
    let device = host
        .default_input_device()
        .ok_or_else(|| Error::Audio("no audio input device (microphone)".into()))?;
    let supported = device
        .default_input_config()
        .map_err(|e| device_error("the input device has no usable configuration", e))?;
    let config: StreamConfig = supported.config();
    let rate = config.sample_rate;
    endpointer = endpointer.at_rate(rate);
    let (tx, rx) = mpsc::channel::<Vec<i16>>();
    let stream = match supported.sample_format() {
        SampleFormat::I16 => input::<i16>(&device, &config, tx),
        SampleFormat::I32 => input::<i32>(&device, &config, tx),
        SampleFormat::U8 => input::<u8>(&device, &config, tx),
        SampleFormat::U16 => input::<u16>(&device, &config, tx),
        SampleFormat::F32 => input::<f32>(&device, &config, tx),
        SampleFormat::F64 => input::<f64>(&device, &config, tx),
        other => {
            return Err(Error::Audio(format!(
                "unsupported input sample format {other}"
            )))
        }
    }?;
    stream
        .play()
        .map_err(|e| device_error("cannot start recording", e))?;
    let mut recorded = Vec::new();
    let limit = endpointer.no_speech + endpointer.max_length + Duration::from_secs(2);
    let started = std::time::Instant::now();
    let state = loop {
        match rx.recv_timeout(Duration::from_secs(2)) {
            Ok(chunk) => {
                recorded.extend_from_slice(&chunk);
                let state = endpointer.push(&chunk);
                if matches!(state, Listening::Done | Listening::TimedOut) {
                    break state;
                }
            }
            Err(_) => break Listening::TimedOut,
        }
        if started.elapsed() > limit {
            break Listening::TimedOut;
        }
    };
    drop(stream);
    Ok((Pcm::new(recorded, rate), state))
}

fn input<T: SizedSample>(
    device: &cpal::Device,
    config: &StreamConfig,
    chunks: mpsc::Sender<Vec<i16>>,
) -> Result<cpal::Stream>
where
    f32: FromSample<T>,
{
    let channels = usize::from(config.channels).max(1);
    let chunks = Arc::new(Mutex::new(chunks));
    device
        .build_input_stream(
            *config,
            move |data: &[T], _| {
                let mono: Vec<i16> = data
                    .chunks(channels)
                    .map(|frame| {
                        let sum: f32 = frame.iter().map(|s| s.to_sample::<f32>()).sum();
                        ((sum / frame.len() as f32) * 32768.0).clamp(-32768.0, 32767.0) as i16
                    })
                    .collect();
                if let Ok(tx) = chunks.lock() {
                    let _ = tx.send(mono);
                }
            },
            |e| eprintln!("tilmach: audio input: {e}"),
            None,
        )
        .map_err(|e| device_error("cannot open the input device", e))
}
