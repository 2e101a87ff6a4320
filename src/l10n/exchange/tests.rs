//! Exchange tests.
