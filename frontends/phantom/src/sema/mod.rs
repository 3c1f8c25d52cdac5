//! Semantic analysis: parsed files to typed IR classes.
//!
//! [`compile`] runs the whole front end over files that are compiled
//! together: parse, declare every class (fields, method signatures,
//! ordinals; parents first), then check and lower every method body to an
//! [`ir::tree`]. The rules are those of `language.md` with the fixes listed
//! in `docs/deviations.md`.

mod body;
mod decl;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use classfile::path::ClassDirs;
use diag::{Diagnostic, LineIndex};
use ir::types::names;
use ir::{NumKind, Type};

use crate::ast::{self, BaseType, Container, Name, TypeExpr};
use crate::classes::Classes;
use crate::index::{SemanticIndex, Symbol};

/// One source file.
pub struct SourceFile {
    /// Path as given on the command line (for messages and `import "file"`).
    pub path: PathBuf,
    /// The text.
    pub text: String,
}

/// What the front end produced.
pub struct Output {
    /// Compiled classes with the index of the file that declared each.
    pub classes: Vec<(usize, ir::Class)>,
    /// Diagnostics with the index of their file.
    pub diags: Vec<(usize, Diagnostic)>,
    /// What every name resolved to, and the type of every expression.
    pub index: SemanticIndex,
}

impl Output {
    /// Whether any error was reported.
    pub fn has_errors(&self) -> bool {
        self.diags.iter().any(|(_, d)| d.is_error())
    }
}

/// Compiles files together against a class path.
pub fn compile(files: &[SourceFile], class_path: Vec<PathBuf>) -> Output {
    compile_with(files, ClassDirs::new(class_path))
}

/// Compiles files together against a class path that may end in classes
/// held in memory (the tools' built-in class library).
pub fn compile_with(files: &[SourceFile], class_path: ClassDirs) -> Output {
    let mut sema = Sema {
        classes: Classes::new(class_path),
        layouts: HashMap::new(),
        diags: Vec::new(),
        file: 0,
        unresolved: HashSet::new(),
        failed_imports: HashSet::new(),
        index: SemanticIndex::default(),
    };
    let mut units = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let (unit, diags) = crate::parse(&f.text);
        sema.diags.extend(diags.into_iter().map(|d| (i, d)));
        units.push(unit);
    }
    let scopes = sema.collect(&units, files);
    let order = sema.declare_all(&scopes);
    let mut classes = Vec::new();
    for (file, decl_idx) in order {
        let scope = &scopes[file];
        let lines = LineIndex::new(&files[file].text);
        sema.file = file;
        let (name, decl) = &scope.decls[decl_idx];
        if let Some(c) = sema.lower_class(scope, decl, name, &lines, &files[file]) {
            classes.push((file, c));
        }
    }
    let mut index = sema.index;
    index.classes = sema.classes.snapshot();
    index.finish();
    Output {
        classes,
        diags: sema.diags,
        index,
    }
}

/// Names visible in one file.
pub(crate) struct Scope<'u> {
    /// The file's `package`, without trailing dot.
    pub package: Option<String>,
    /// Imported class names.
    pub imports: Vec<String>,
    /// Classes declared in the file: full name and declaration.
    pub decls: Vec<(String, &'u ast::ClassDecl)>,
}

pub(crate) struct Sema {
    pub classes: Classes,
    /// Resolved signatures of each source class's methods.
    pub layouts: HashMap<String, decl::Layout>,
    pub diags: Vec<(usize, Diagnostic)>,
    /// The file being worked on (diagnostics go to it).
    pub file: usize,
    /// Class references reported as unknown, by file: later uses are quiet.
    unresolved: HashSet<(usize, String)>,
    /// Imports reported as failed: names that resolve to them are quiet.
    failed_imports: HashSet<String>,
    /// What names resolved to, for editors.
    pub index: SemanticIndex,
}

impl Sema {
    pub(crate) fn error(&mut self, d: Diagnostic) {
        self.diags.push((self.file, d));
    }

    /// Reads every file's package, imports and class names.
    fn collect<'u>(&mut self, units: &'u [ast::Unit], files: &[SourceFile]) -> Vec<Scope<'u>> {
        let mut scopes = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut import_spans = Vec::new();
        for (i, unit) in units.iter().enumerate() {
            self.file = i;
            let mut scope = Scope {
                package: None,
                imports: Vec::new(),
                decls: Vec::new(),
            };
            let mut spans = Vec::new();
            for item in &unit.items {
                match item {
                    ast::TopItem::Package(n) => {
                        if scope.package.is_some() {
                            self.error(
                                Diagnostic::error("E0200", "a file may have only one `package`")
                                    .at(n.span.clone(), "a second `package`"),
                            );
                        } else if !n.absolute {
                            self.error(
                                Diagnostic::error("E0200", "a package name must be absolute")
                                    .at(n.span.clone(), "does not start with `.`")
                                    .with_help(format!("write `package .{};`", n.text())),
                            );
                        } else {
                            scope.package = Some(n.text());
                        }
                    }
                    ast::TopItem::Import(n, star) => {
                        if *star {
                            self.error(
                                Diagnostic::error("E0203", "`*` imports are not supported").at(n.span.clone(), "imports a whole package")
                                    .with_help("import each class by name; classes on the class path are also found without an import"),
                            );
                        } else {
                            scope.imports.push(n.text());
                            spans.push(n.span.clone());
                        }
                    }
                    ast::TopItem::Class(c) => {
                        let Some(name) = self.class_name(&scope, &c.name) else {
                            continue;
                        };
                        if let Some(&other) = seen.get(&name) {
                            self.error(
                                Diagnostic::error(
                                    "E0204",
                                    format!("class `{name}` is defined twice"),
                                )
                                .at(c.name.span.clone(), "defined again here")
                                .with_note(format!(
                                    "it is also defined in {}",
                                    files[other].path.display()
                                )),
                            );
                            continue;
                        }
                        seen.insert(name.clone(), i);
                        self.index.add(
                            i,
                            c.name.span.clone(),
                            Symbol::Class(name.clone()),
                            Type::from_class_name(&name),
                            true,
                        );
                        scope.decls.push((name, c));
                    }
                    ast::TopItem::Attributes(_) | ast::TopItem::Error => {}
                }
            }
            scopes.push(scope);
            import_spans.push(spans);
        }
        // Imports are checked once every source class is known.
        for (i, scope) in scopes.iter().enumerate() {
            self.file = i;
            for (imp, span) in scope.imports.iter().zip(&import_spans[i]) {
                if seen.contains_key(imp) {
                    continue;
                }
                if let Err(why) = self.classes.get(imp) {
                    self.failed_imports.insert(imp.clone());
                    self.error(
                        Diagnostic::error("E0207", format!("cannot import `{imp}`"))
                            .at(span.clone(), why),
                    );
                }
            }
        }
        scopes
    }

    /// The absolute name a class declaration defines.
    fn class_name(&mut self, scope: &Scope, n: &Name) -> Option<String> {
        if n.absolute {
            return Some(n.text());
        }
        match &scope.package {
            Some(p) => Some(format!("{p}.{}", n.text())),
            None => {
                self.error(
                    Diagnostic::error("E0202", format!("relative class name `{}` needs a package", n.text())).at(n.span.clone(), "relative name in a file without `package`")
                        .with_help("add `package .your.package;` at the top, or write an absolute name starting with `.`"),
                );
                None
            }
        }
    }

    /// Resolves a class reference (not a builtin type word) to an absolute name, checking that it exists.
    pub(crate) fn resolve_class(&mut self, scope: &Scope, n: &Name) -> Option<String> {
        let text = n.text();
        let candidates = decl::candidates(scope, n);
        let mut first_err = None;
        for (i, c) in candidates.iter().enumerate() {
            match self.classes.get(c) {
                Ok(_) => {
                    self.index.add(
                        self.file,
                        n.span.clone(),
                        Symbol::Class(c.clone()),
                        Type::from_class_name(c),
                        false,
                    );
                    // The package's own class comes first; two imports
                    // ending in the same name are ambiguous.
                    let is_import = i > 0 || scope.package.is_none();
                    let other = candidates[i + 1..]
                        .iter()
                        .find(|o| *o != c && self.classes.get(o).is_ok())
                        .cloned();
                    if let (true, Some(other)) = (is_import, other) {
                        self.error(
                            Diagnostic::error("E0208", format!("`{text}` is ambiguous"))
                                .at(n.span.clone(), "more than one imported class has this name")
                                .with_note(format!("it could be `{c}` or `{other}`, both imported"))
                                .with_help(format!("write the absolute name, e.g. `{c}`")),
                        );
                    }
                    return Some(c.clone());
                }
                Err(e) => {
                    first_err.get_or_insert(e);
                }
            }
        }
        // One error per unknown class and file: the first use explains it,
        // and a failed import has explained it already.
        if candidates.iter().any(|c| self.failed_imports.contains(c))
            || !self.unresolved.insert((self.file, text.clone()))
        {
            return None;
        }
        let why = first_err
            .unwrap_or_else(|| format!("`{text}` is relative and the file has no package"));
        self.error(
            Diagnostic::error("E0201", format!("unknown class `{text}`")).at(n.span.clone(), why),
        );
        None
    }

    /// Resolves a written type. Unknown classes are reported (once) and become [`Type::Error`].
    pub(crate) fn resolve_type(&mut self, scope: &Scope, t: &TypeExpr) -> Type {
        let base = match &t.base {
            BaseType::Void => Type::Void,
            BaseType::Dynamic(_) => {
                self.error(
                    Diagnostic::error(
                        "E0419",
                        "types computed at run time (`*expr`) are not supported",
                    )
                    .at(t.span.clone(), "type computed at run time")
                    .with_help(
                        "use `new *(classExpr) : T ()` to create an object of a computed class",
                    ),
                );
                Type::Error
            }
            BaseType::Named(n) => match builtin_type(n) {
                Some(t) => t,
                None => match self.resolve_class(scope, n) {
                    Some(c) => Type::from_class_name(&c),
                    None => Type::Error,
                },
            },
        };
        match &t.container {
            None => base,
            Some(Container::Array) => Type::array_of(base),
            Some(_) => {
                self.error(
                    Diagnostic::error(
                        "E0419",
                        "containers of a specific class (`T[Class]`, `T[*expr]`) are not supported",
                    )
                    .at(t.span.clone(), "container of a specific class"),
                );
                Type::array_of(base)
            }
        }
    }
}

/// The built-in type words: `int`, `long`, `float`, `double`, `string`,
/// `void`, and the `.internal.*` names of numbers and strings.
pub(crate) fn builtin_type(n: &Name) -> Option<Type> {
    if n.parts.iter().any(|p| p.quoted) {
        return None;
    }
    let text = n.text();
    Some(match (n.absolute, text.as_str()) {
        (false, "int") => Type::INT,
        (false, "long") => Type::Num(NumKind::Long),
        (false, "float") => Type::Num(NumKind::Float),
        (false, "double") => Type::Num(NumKind::Double),
        (false, "string") => Type::String,
        (false, "void") => Type::Void,
        (true, names::INT | names::LONG | names::FLOAT | names::DOUBLE | names::STRING) => {
            Type::from_class_name(&text)
        }
        _ => return None,
    })
}
