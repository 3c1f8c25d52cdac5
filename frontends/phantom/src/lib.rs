//! Phantom language front end.
