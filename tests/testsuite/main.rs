//! The test suite: one binary, one module per feature. The fixture books and the real book are
//! built once and shared (`common::sites`); snapshots live in `snapshots/`.
//!
//! `cargo test --test testsuite` runs it all; `cargo test --test testsuite exercises::` one
//! feature. See the README's "Tests" section for browser tests and updating snapshots.

// The workspace's `unreachable_pub` guards the library's API; a test binary has none.
#![allow(unreachable_pub)]

mod bad_input;
mod browser;
mod build;
mod common;
mod diklat;
mod exercises;
mod fidelity;
mod forms;
mod guide;
mod navigation;
mod pdf;
mod search;
