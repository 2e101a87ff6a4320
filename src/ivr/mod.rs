//! Hotline IVRs: call flows as data and Asterisk's AGI protocol.
//!
//! Pure logic only: [`flow`] loads and validates `flows/*.toml`, [`agi`] escapes commands and
//! parses Asterisk's replies. Nothing here opens a socket or runs an engine.

pub mod agi;
pub mod flow;
