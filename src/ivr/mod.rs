//! Hotline IVRs: call flows as data, Asterisk's AGI protocol, and the call session.
//!
//! [`flow`] loads and validates `flows/*.toml`; [`agi`] escapes commands and parses Asterisk's
//! replies; [`session`] runs one call through a flow over any reader and writer; [`sounds`]
//! finds each prompt in the installed pack or renders it through an engine. Nothing here opens
//! a socket: the `tilmach agi` and `tilmach fastagi` front doors do.

pub mod agi;
pub mod flow;
pub mod session;
pub mod sounds;
