//! Pronunciation per language: what the embedded engine is given for a sentence.

pub mod uyghur;
