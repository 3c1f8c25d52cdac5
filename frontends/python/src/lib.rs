//! Python 3 front end: Python source to the shared IR (docs/python.md).

pub mod runtime;
