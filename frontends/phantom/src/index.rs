//! The semantic index: what every name in the sources resolves to.
//!
//! Semantic analysis records, as it resolves names, one [`Occurrence`] for
//! every declaration and use of a class, field, method, argument or local
//! variable, and the type of every expression it checks. Editors' tools
//! (the language server) query it; the compiler itself never reads it.

use std::collections::BTreeMap;

use ir::Type;

use crate::ast::Span;
use crate::classes::ClassDef;

/// What a name stands for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Symbol {
    /// A class or interface, by absolute name.
    Class(String),
    /// A field, by the class that declares it.
    Field {
        /// The declaring class.
        class: String,
        /// The field's name.
        name: String,
    },
    /// A method, by the class that declares the version the use reaches.
    Method {
        /// The declaring class.
        class: String,
        /// The method's name (`<init>` for constructors).
        name: String,
        /// Its slot in the method table.
        ordinal: u32,
    },
    /// An argument or local variable of one method.
    Local {
        /// The file of the method.
        file: usize,
        /// The span of the variable's (first) declaration.
        decl: Span,
        /// The variable's name.
        name: String,
        /// Whether it is a method argument.
        arg: bool,
    },
}

/// One appearance of a symbol in the sources.
#[derive(Clone, Debug, PartialEq)]
pub struct Occurrence {
    /// Index of the file.
    pub file: usize,
    /// The name's span.
    pub span: Span,
    /// What it stands for.
    pub symbol: Symbol,
    /// The type of the value (fields, variables), the result type (methods)
    /// or the class's own type (classes).
    pub ty: Type,
    /// Whether this is the declaration itself.
    pub decl: bool,
}

/// The type of one checked expression.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprType {
    /// Index of the file.
    pub file: usize,
    /// The expression's span.
    pub span: Span,
    /// Its type.
    pub ty: Type,
}

/// Everything the analysis learned about names, for editors' tools.
#[derive(Clone, Debug, Default)]
pub struct SemanticIndex {
    /// Declarations and uses, sorted by file and position, without duplicates.
    pub occurrences: Vec<Occurrence>,
    /// Types of checked expressions, sorted by file and position.
    pub exprs: Vec<ExprType>,
    /// Every class the compilation saw (source classes and those loaded
    /// from the class path), by absolute name.
    pub classes: BTreeMap<String, ClassDef>,
}

impl SemanticIndex {
    /// Records an occurrence.
    pub(crate) fn add(&mut self, file: usize, span: Span, symbol: Symbol, ty: Type, decl: bool) {
        self.occurrences.push(Occurrence {
            file,
            span,
            symbol,
            ty,
            decl,
        });
    }

    /// Sorts and removes duplicates (a name may be resolved twice).
    pub(crate) fn finish(&mut self) {
        self.occurrences.sort_by(|a, b| {
            (a.file, a.span.start, a.span.end).cmp(&(b.file, b.span.start, b.span.end))
        });
        self.occurrences
            .dedup_by(|a, b| a.file == b.file && a.span == b.span && a.symbol == b.symbol);
        self.exprs.sort_by(|a, b| {
            (a.file, a.span.start, a.span.end).cmp(&(b.file, b.span.start, b.span.end))
        });
        self.exprs
            .dedup_by(|a, b| a.file == b.file && a.span == b.span);
    }

    /// The occurrence whose span holds byte `offset` of `file` (the
    /// narrowest if several do; an offset just past a name counts).
    pub fn occurrence_at(&self, file: usize, offset: usize) -> Option<&Occurrence> {
        self.occurrences
            .iter()
            .filter(|o| o.file == file && o.span.start <= offset && offset <= o.span.end)
            .min_by_key(|o| o.span.len())
    }

    /// The narrowest checked expression whose span holds byte `offset` of `file`.
    pub fn expr_at(&self, file: usize, offset: usize) -> Option<&ExprType> {
        self.exprs
            .iter()
            .filter(|e| e.file == file && e.span.start <= offset && offset < e.span.end)
            .min_by_key(|e| e.span.len())
    }

    /// The declarations in `file`, in source order.
    pub fn declarations(&self, file: usize) -> impl Iterator<Item = &Occurrence> {
        self.occurrences
            .iter()
            .filter(move |o| o.file == file && o.decl)
    }
}
