//! Hotline IVRs: call flows as data, Asterisk's AGI protocol, and prompt packs.
//!
//! [`flow`] loads and validates `flows/*.toml`, [`agi`] escapes commands and parses Asterisk's
//! replies: pure logic, no socket. [`pack`] renders the prompts into a telephone system's sound
//! folders through any [`crate::Synthesizer`]; it never names an engine.

pub mod agi;
pub mod flow;
pub mod pack;
