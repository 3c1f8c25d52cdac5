//! The workspace as the server knows it: every file's text, the last
//! analysis of each, and the class library's sources and index.
//!
//! A file is analysed in a *unit* with the workspace files it depends on
//! (those declaring a class whose short name it mentions, transitively), so
//! that re-checking one file after an edit does not recompile the
//! workspace; the files that mention its classes are re-checked after it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use classfile::path::ClassDirs;
use diag::Diagnostic;
use phantom_frontend::classes::ClassDef;
use phantom_frontend::index::{Occurrence, SemanticIndex, Symbol};
use phantom_frontend::{compile_with, SourceFile};

use crate::text;

/// Files compiled together, with what the compiler said about them.
pub struct Unit {
    /// The files, by index as the index and diagnostics use them.
    pub paths: Vec<PathBuf>,
    /// Their texts as compiled.
    pub texts: Vec<String>,
    /// Names, declarations and types.
    pub index: SemanticIndex,
    /// Diagnostics with the index of their file.
    pub diags: Vec<(usize, Diagnostic)>,
}

impl Unit {
    /// Compiles `files` together against `class_path` and the class library.
    pub fn compile(files: Vec<(PathBuf, String)>, class_path: &[PathBuf]) -> Unit {
        let sources: Vec<SourceFile> = files
            .iter()
            .map(|(p, t)| SourceFile {
                path: p.clone(),
                text: t.clone(),
            })
            .collect();
        let dirs = ClassDirs::new(class_path.to_vec()).with_memory(phantom_stdlib::classes());
        let out = compile_with(&sources, dirs);
        let (paths, texts) = files.into_iter().unzip();
        Unit {
            paths,
            texts,
            index: out.index,
            diags: out.diags,
        }
    }

    /// The index of `path` in the unit.
    pub fn file(&self, path: &Path) -> Option<usize> {
        self.paths.iter().position(|p| p == path)
    }

    /// The occurrences in file `fi`.
    pub fn occurrences(&self, fi: usize) -> impl Iterator<Item = &Occurrence> {
        let start = self.index.occurrences.partition_point(|o| o.file < fi);
        self.index.occurrences[start..]
            .iter()
            .take_while(move |o| o.file == fi)
    }
}

/// The class library: its sources, written out so that editors can open
/// them, and their index.
pub struct Library {
    /// The directory the sources were written to.
    pub dir: PathBuf,
    /// The library compiled from those files.
    pub unit: Unit,
}

impl Library {
    /// The library, written out and indexed once per process.
    pub fn get() -> Arc<Library> {
        static LIB: OnceLock<Arc<Library>> = OnceLock::new();
        LIB.get_or_init(|| Arc::new(Library::load())).clone()
    }

    fn load() -> Library {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for (p, t) in phantom_stdlib::SOURCES {
            for b in p.bytes().chain(t.bytes()) {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
            }
        }
        let dir = std::env::temp_dir().join(format!("phantom-lsp-library-{hash:016x}"));
        let mut files = Vec::new();
        for (p, t) in phantom_stdlib::SOURCES {
            let path = dir.join(p);
            if std::fs::read_to_string(&path).ok().as_deref() != Some(*t) {
                // Best effort: without the files, definitions in the
                // library still resolve, to paths an editor cannot open.
                if let Some(parent) = path.parent() {
                    let _ = std::fs::create_dir_all(parent);
                }
                let _ = std::fs::write(&path, t);
            }
            files.push((path, (*t).to_string()));
        }
        let sources: Vec<SourceFile> = files
            .iter()
            .map(|(p, t)| SourceFile {
                path: p.clone(),
                text: t.clone(),
            })
            .collect();
        let out = phantom_frontend::compile(&sources, Vec::new());
        let (paths, texts) = files.into_iter().unzip();
        Library {
            dir,
            unit: Unit {
                paths,
                texts,
                index: out.index,
                diags: out.diags,
            },
        }
    }
}

/// One file of the workspace.
pub struct File {
    /// Its current text (the editor's, when open).
    pub text: String,
    /// Whether an editor has it open.
    pub open: bool,
    /// The last analysis and the file's index in it.
    pub unit: Option<(Arc<Unit>, usize)>,
    /// Whether `unit` was made from `text`.
    pub fresh: bool,
    /// The words of the text, to find which files mention a class.
    words: HashSet<String>,
}

/// Where a symbol is declared.
#[derive(Clone, Debug, PartialEq)]
pub struct Decl {
    /// The file.
    pub path: PathBuf,
    /// The name's span.
    pub span: std::ops::Range<usize>,
}

/// The whole workspace.
pub struct World {
    /// Directories (or archives) of class files searched before the library.
    pub class_path: Vec<PathBuf>,
    /// Every known file by path.
    pub files: BTreeMap<PathBuf, File>,
    /// The class library.
    pub library: Arc<Library>,
    /// Declarations of classes, fields and methods in workspace files.
    decls: HashMap<Symbol, Decl>,
    /// For each file, the classes it declares.
    declared: HashMap<PathBuf, Vec<String>>,
    /// Short class name → files declaring a class of that name.
    short: HashMap<String, BTreeSet<PathBuf>>,
}

/// The last component of an absolute class name.
pub fn short_name(class: &str) -> &str {
    class.rsplit('.').next().unwrap_or(class)
}

impl World {
    /// An empty workspace.
    pub fn new(class_path: Vec<PathBuf>) -> World {
        World {
            class_path,
            files: BTreeMap::new(),
            library: Library::get(),
            decls: HashMap::new(),
            declared: HashMap::new(),
            short: HashMap::new(),
        }
    }

    /// Sets a file's text (marking its analysis stale).
    pub fn set_text(&mut self, path: &Path, text: String, open: bool) {
        let words = text::words(&text).map(str::to_string).collect();
        let f = self.files.entry(path.to_path_buf()).or_insert(File {
            text: String::new(),
            open,
            unit: None,
            fresh: false,
            words: HashSet::new(),
        });
        f.text = text;
        f.words = words;
        f.open |= open;
        f.fresh = false;
    }

    /// Forgets a file (deleted on disk): its text, analysis and
    /// declarations. Returns the files that mentioned its classes, whose
    /// analyses are now stale.
    pub fn remove(&mut self, path: &Path) -> Vec<PathBuf> {
        let dependents = self.dependents(path);
        if let Some(old) = self.declared.remove(path) {
            for c in old {
                if let Some(s) = self.short.get_mut(short_name(&c)) {
                    s.remove(path);
                }
            }
        }
        self.decls.retain(|_, d| d.path != path);
        self.files.remove(path);
        for d in &dependents {
            if let Some(f) = self.files.get_mut(d) {
                f.fresh = false;
            }
        }
        dependents
    }

    /// Reads every `.ph` file under `root` that is not already known, and
    /// analyses the whole workspace together.
    pub fn load_root(&mut self, root: &Path) {
        let mut found = Vec::new();
        find_sources(root, &mut found, 0);
        for p in found {
            if self.files.contains_key(&p) {
                continue;
            }
            if let Ok(text) = std::fs::read_to_string(&p) {
                self.set_text(&p, text, false);
            }
        }
        let all: Vec<PathBuf> = self.files.keys().cloned().collect();
        self.analyze_together(&all);
    }

    /// The files `path` needs to compile: those declaring a class it
    /// mentions, transitively (`path` included, first).
    fn closure(&self, targets: &[PathBuf]) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = Vec::new();
        let mut seen: HashSet<PathBuf> = HashSet::new();
        let mut work: Vec<PathBuf> = targets.to_vec();
        work.reverse();
        while let Some(p) = work.pop() {
            if !seen.insert(p.clone()) {
                continue;
            }
            if let Some(f) = self.files.get(&p) {
                for w in &f.words {
                    if let Some(decl) = self.short.get(w) {
                        work.extend(decl.iter().filter(|d| !seen.contains(*d)).cloned());
                    }
                }
                out.push(p);
            }
        }
        out
    }

    /// The files other than `path` that mention a class `path` declares.
    pub fn dependents(&self, path: &Path) -> Vec<PathBuf> {
        let Some(classes) = self.declared.get(path) else {
            return Vec::new();
        };
        let names: Vec<&str> = classes.iter().map(|c| short_name(c)).collect();
        self.files
            .iter()
            .filter(|(p, f)| *p != path && names.iter().any(|n| f.words.contains(*n)))
            .map(|(p, _)| p.clone())
            .collect()
    }

    /// Analyses `targets` (with the files they depend on) in one unit and
    /// keeps the result for each target.
    pub fn analyze_together(&mut self, targets: &[PathBuf]) {
        if targets.is_empty() {
            return;
        }
        let paths = self.closure(targets);
        let files: Vec<(PathBuf, String)> = paths
            .iter()
            .map(|p| (p.clone(), self.files[p].text.clone()))
            .collect();
        let unit = Arc::new(Unit::compile(files, &self.class_path));
        for t in targets {
            let Some(fi) = unit.file(t) else { continue };
            self.record(t, &unit, fi);
        }
    }

    /// Compiles `path` with `text` in place of its own, with the files it
    /// depends on, without keeping the result (for completion on
    /// unfinished code).
    pub fn compile_as(&self, path: &Path, text: &str) -> Unit {
        let mut files = vec![(path.to_path_buf(), text.to_string())];
        for p in self.closure(&[path.to_path_buf()]) {
            if p != path {
                let t = self.files[&p].text.clone();
                files.push((p, t));
            }
        }
        Unit::compile(files, &self.class_path)
    }

    /// Analyses one file if its analysis is stale.
    pub fn ensure_fresh(&mut self, path: &Path) {
        if self.files.get(path).is_some_and(|f| !f.fresh) {
            self.analyze_together(&[path.to_path_buf()]);
        }
    }

    fn record(&mut self, path: &Path, unit: &Arc<Unit>, fi: usize) {
        if let Some(old) = self.declared.remove(path) {
            for c in old {
                if let Some(s) = self.short.get_mut(short_name(&c)) {
                    s.remove(path);
                }
            }
        }
        self.decls.retain(|_, d| d.path != path);
        let mut classes = Vec::new();
        for o in unit.occurrences(fi).filter(|o| o.decl) {
            if let Symbol::Class(c) = &o.symbol {
                classes.push(c.clone());
                self.short
                    .entry(short_name(c).to_string())
                    .or_default()
                    .insert(path.to_path_buf());
            }
            if !matches!(o.symbol, Symbol::Local { .. }) {
                self.decls.insert(
                    o.symbol.clone(),
                    Decl {
                        path: path.to_path_buf(),
                        span: o.span.clone(),
                    },
                );
            }
        }
        self.declared.insert(path.to_path_buf(), classes);
        if let Some(f) = self.files.get_mut(path) {
            f.unit = Some((unit.clone(), fi));
            f.fresh = true;
        }
    }

    /// The last analysis of `path`, with the file's index in it.
    pub fn unit(&self, path: &Path) -> Option<(&Unit, usize)> {
        if let Some((u, fi)) = self.files.get(path).and_then(|f| f.unit.as_ref()) {
            return Some((u, *fi));
        }
        let lib = &self.library.unit;
        lib.file(path).map(|fi| (lib, fi))
    }

    /// Where `sym` (seen in `unit`) is declared: in the workspace, else in
    /// the class library.
    pub fn declaration(&self, unit: &Unit, sym: &Symbol) -> Option<Decl> {
        if let Symbol::Local { file, decl, .. } = sym {
            return Some(Decl {
                path: unit.paths.get(*file)?.clone(),
                span: decl.clone(),
            });
        }
        if let Some(d) = self.decls.get(sym) {
            return Some(d.clone());
        }
        let lib = &self.library.unit;
        lib.index
            .occurrences
            .iter()
            .find(|o| o.decl && &o.symbol == sym)
            .map(|o| Decl {
                path: lib.paths[o.file].clone(),
                span: o.span.clone(),
            })
    }

    /// The text of a workspace or library file.
    pub fn text(&self, path: &Path) -> Option<&str> {
        if let Some(f) = self.files.get(path) {
            return Some(&f.text);
        }
        let lib = &self.library.unit;
        lib.file(path).map(|fi| lib.texts[fi].as_str())
    }

    /// A class's definition as the last analyses saw it.
    pub fn class(&self, unit: &Unit, name: &str) -> Option<ClassDef> {
        unit.index
            .classes
            .get(name)
            .or_else(|| self.library.unit.index.classes.get(name))
            .cloned()
    }

    /// `class` and its parents, `class` first.
    pub fn ancestors(&self, unit: &Unit, class: &str) -> Vec<ClassDef> {
        let mut out: Vec<ClassDef> = Vec::new();
        let mut cur = Some(class.to_string());
        while let Some(c) = cur {
            if out.iter().any(|d| d.name == c) {
                break;
            }
            let Some(d) = self.class(unit, &c) else { break };
            cur = d.parent.clone();
            out.push(d);
        }
        out
    }

    /// Every class name known: the workspace's and the library's.
    pub fn class_names(&self) -> BTreeSet<String> {
        let mut out: BTreeSet<String> = self.declared.values().flatten().cloned().collect();
        out.extend(self.library.unit.index.classes.keys().cloned());
        out
    }

    /// Whether two symbols are the same for references and renaming (a
    /// method and the methods overriding it count as one).
    pub fn same_symbol(&self, unit: &Unit, a: &Symbol, b: &Symbol) -> bool {
        match (a, b) {
            (
                Symbol::Method {
                    class: ca,
                    name: na,
                    ordinal: oa,
                },
                Symbol::Method {
                    class: cb,
                    name: nb,
                    ordinal: ob,
                },
            ) => {
                na == nb
                    && oa == ob
                    && (ca == cb
                        || self.ancestors(unit, ca).iter().any(|d| &d.name == cb)
                        || self.ancestors(unit, cb).iter().any(|d| &d.name == ca))
            }
            _ => a == b,
        }
    }
}

/// Collects `.ph` files under `dir` (skipping hidden directories and
/// `target`), at most 32 levels deep.
fn find_sources(dir: &Path, out: &mut Vec<PathBuf>, depth: u32) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        let name = e.file_name().to_string_lossy().to_string();
        let Ok(ty) = e.file_type() else { continue };
        if ty.is_dir() {
            if depth < 32 && !name.starts_with('.') && name != "target" {
                find_sources(&p, out, depth + 1);
            }
        } else if p.extension().is_some_and(|x| x == "ph") {
            out.push(p);
        }
    }
}

/// The `class-path` entries of a project file (`phantom.toml`), relative to
/// its directory: `class-path = ["lib", "out"]`.
pub fn project_class_path(root: &Path) -> Vec<PathBuf> {
    let Ok(text) = std::fs::read_to_string(root.join("phantom.toml")) else {
        return Vec::new();
    };
    parse_class_path(&text)
        .into_iter()
        .map(|p| root.join(p))
        .collect()
}

/// The strings of the `class-path = [...]` array of a project file.
pub fn parse_class_path(text: &str) -> Vec<String> {
    let Some(start) = text.find("class-path") else {
        return Vec::new();
    };
    let rest = &text[start + "class-path".len()..];
    let Some(open) = rest.find('[') else {
        return Vec::new();
    };
    let Some(close) = rest[open..].find(']') else {
        return Vec::new();
    };
    rest[open + 1..open + close]
        .split(',')
        .map(|s| s.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_project_file_names_class_path_entries() {
        let text = "# project\nclass-path = [\"lib\", 'out' ,\n  \"more/x\"]\n";
        assert_eq!(super::parse_class_path(text), ["lib", "out", "more/x"]);
        assert!(super::parse_class_path("name = 1").is_empty());
    }
}
