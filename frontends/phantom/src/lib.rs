//! Phantom language front end: source text to IR.
//!
//! [`lexer`] (logos) → [`parse`] (LALRPOP grammar in `grammar.lalrpop`) →
//! [`ast`] → [`sema`] (names, types, ordinals) → [`ir::Class`], recording a
//! [`index::SemanticIndex`] of what every name means for editors' tools.
pub mod ast;
pub mod classes;
pub mod index;
pub mod lexer;
pub mod parse;
pub mod sema;

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, clippy::pedantic, unused_parens, missing_docs)]
    grammar
);

pub use parse::parse;
pub use sema::{compile, compile_with, Output, SourceFile};
