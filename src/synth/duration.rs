//! How long a text will take to say, known before any synthesis: the bound that keeps a
//! stranger's 20,000 digits from becoming an hour of audio on disk. An estimate from the
//! spoken form (numbers already words), by the sounds each script's characters stand for,
//! calibrated on tilmach's own voices (the tests hold it within half and double the real length
//! for every guide).

use std::time::Duration;

/// Seconds of speech at rate 100 % for one character of the spoken form.
fn seconds_per_char(c: char) -> f64 {
    match c {
        // Clause punctuation: a short breath.
        '，' | '、' | '；' | '：' | ',' | ';' | ':' | '،' | '؛' => 0.15,
        // A Han character is one syllable.
        c if crate::text::is_han(c) => 0.22,
        // Uyghur, Mongolian and Latin write every vowel: a letter is a fraction of a syllable.
        '\u{1800}'..='\u{18AF}' => 0.075,
        c if c.is_alphabetic() => 0.065,
        _ => 0.0,
    }
}

/// The length of `spoken` (a sentence's spoken form) said at `rate` percent, without the pause
/// after it.
pub fn estimate(spoken: &str, rate: u32) -> Duration {
    let seconds: f64 = spoken.chars().map(seconds_per_char).sum();
    Duration::from_secs_f64(seconds * 100.0 / f64::from(rate.clamp(30, 300)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_syllables_and_letters_count_and_the_rate_scales() {
        let zh = estimate("请带好身份证", 100).as_secs_f64();
        assert!((1.2..1.4).contains(&zh), "{zh}");
        let slow = estimate("请带好身份证", 50).as_secs_f64();
        assert!((slow - 2.0 * zh).abs() < 1e-9);
        assert!(estimate("كىملىك", 100) > Duration::ZERO);
        assert_eq!(estimate("。！？ ", 100), Duration::ZERO);
    }
}
