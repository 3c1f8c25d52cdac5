//! Phantom back end.
