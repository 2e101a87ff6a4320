//! Hotline IVRs: call flows as data, Asterisk's AGI protocol, prompt packs and the call session.
//!
//! [`flow`] loads and validates `flows/*.toml`; [`agi`] escapes commands and parses Asterisk's
//! replies; [`pack`] renders the prompts into a telephone system's sound folders through any
//! [`crate::Synthesizer`]; [`session`] runs one call through a flow over any reader and writer;
//! [`sounds`] finds each prompt in the installed pack or renders it through an engine. Nothing
//! here opens a socket: the `tilmach agi` and `tilmach fastagi` front doors do.

pub mod agi;
pub mod flow;
pub mod pack;
pub mod session;
pub mod sounds;
