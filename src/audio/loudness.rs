//! Speech loudness: measuring it and bringing it to a target without clipping.
//!
//! Level is measured as the RMS of the *active* part of the signal: 20 ms frames quieter than
//! [`GATE_DBFS`] (pauses between words) are left out, so a pause does not make speech look
//! quieter than it sounds. Normalization applies one gain to the whole buffer: the gain that brings
//! the active RMS to the target, reduced where needed so that the peak stays at or below
//! [`PEAK_CEILING_DBFS`]. Nothing is ever clipped.

/// Frames quieter than this are pauses and do not count towards the level.
pub const GATE_DBFS: f64 = -50.0;
/// The highest peak normalization produces, in dBFS (about 29,200 of 32,767).
pub const PEAK_CEILING_DBFS: f64 = -1.0;

/// RMS of all samples in dBFS (`-inf` for silence or no samples).
pub fn rms_dbfs(samples: &[i16]) -> f64 {
    if samples.is_empty() {
        return f64::NEG_INFINITY;
    }
    let sum: f64 = samples.iter().map(|&s| f64::from(s) * f64::from(s)).sum();
    to_dbfs((sum / samples.len() as f64).sqrt())
}

/// RMS of the frames above [`GATE_DBFS`], in dBFS; `-inf` when every frame is quieter.
pub fn active_rms_dbfs(samples: &[i16], rate: u32) -> f64 {
    let frame = (rate as usize / 50).max(1);
    let (mut sum, mut count) = (0.0f64, 0usize);
    for chunk in samples.chunks(frame) {
        let energy: f64 = chunk.iter().map(|&s| f64::from(s) * f64::from(s)).sum();
        if to_dbfs((energy / chunk.len() as f64).sqrt()) > GATE_DBFS {
            sum += energy;
            count += chunk.len();
        }
    }
    if count == 0 {
        f64::NEG_INFINITY
    } else {
        to_dbfs((sum / count as f64).sqrt())
    }
}

fn to_dbfs(rms: f64) -> f64 {
    if rms <= 0.0 {
        f64::NEG_INFINITY
    } else {
        20.0 * (rms / 32768.0).log10()
    }
}

/// Scales `samples` so their active RMS is `target_dbfs`, keeping the peak at or below
/// [`PEAK_CEILING_DBFS`]. Returns the gain applied, in dB (0 for silence).
pub fn normalize(samples: &mut [i16], rate: u32, target_dbfs: f64) -> f64 {
    let level = active_rms_dbfs(samples, rate);
    if !level.is_finite() {
        return 0.0;
    }
    let peak = samples.iter().map(|s| s.unsigned_abs()).max().unwrap_or(0);
    let peak_dbfs = to_dbfs(f64::from(peak));
    let gain_db = (target_dbfs - level).min(PEAK_CEILING_DBFS - peak_dbfs);
    let gain = 10f64.powf(gain_db / 20.0);
    for s in samples.iter_mut() {
        *s = (f64::from(*s) * gain).round().clamp(-32768.0, 32767.0) as i16;
    }
    gain_db
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(amplitude: f64, frames: usize) -> Vec<i16> {
        (0..frames)
            .map(|i| (amplitude * (i as f64 * 0.1).sin()) as i16)
            .collect()
    }

    #[test]
    fn reaches_the_target_level() {
        let mut s = tone(1000.0, 22050);
        normalize(&mut s, 22050, -20.0);
        assert!((active_rms_dbfs(&s, 22050) + 20.0).abs() < 0.2);
    }

    #[test]
    fn never_clips_a_peaky_signal() {
        // Quiet speech with one loud click: the target would need +30 dB, the click allows less.
        let mut s = tone(200.0, 22050);
        s[100] = 20000;
        normalize(&mut s, 22050, -10.0);
        let peak = s.iter().map(|v| v.unsigned_abs()).max().unwrap();
        assert!(peak <= 29205, "peak {peak}");
        assert!(peak >= 29000, "peak {peak}");
    }

    #[test]
    fn pauses_do_not_lower_the_measured_level() {
        let mut speech = tone(3000.0, 22050);
        let with_pause: Vec<i16> = speech
            .iter()
            .copied()
            .chain(std::iter::repeat_n(0, 44100))
            .collect();
        let a = active_rms_dbfs(&speech, 22050);
        let b = active_rms_dbfs(&with_pause, 22050);
        assert!((a - b).abs() < 0.01);
        assert_eq!(normalize(&mut speech[..0], 22050, -20.0), 0.0);
        assert!(rms_dbfs(&[]).is_infinite());
    }
}
