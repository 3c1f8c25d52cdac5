//! Class files from directories and class archives (hosted platforms).
//!
//! A directory holds `<name without the leading dot>.pc` files, as `plc`
//! writes them; a file is a class archive ([`crate::bulk`]). Lookups go
//! through the entries in order. [`ClassDirs::class_file`] takes the exact
//! name; [`ClassDirs::names_ignoring_case`] lists the names that match
//! when ASCII case is ignored, for lookups that fall back to it
//! (on a case-sensitive file system that means reading the directory, so
//! directory listings are kept and read again only when the directory has
//! changed or holds no match).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use crate::bulk;

/// What was read of one class path entry, and when it was last changed.
enum Cached {
    /// Class names (leading dot, no `.pc`) of a directory's `.pc` files.
    Dir(Vec<String>),
    /// A class archive's entries.
    Archive(Vec<bulk::Entry>),
}

/// When an entry was last changed and its size, as far as the file system
/// tells: a cached listing or archive is read again when these change.
type Stamp = (Option<SystemTime>, u64);

struct Entry {
    path: PathBuf,
    cache: Option<(Stamp, Cached)>,
}

/// A class file found on the path.
pub struct Found {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Where it was found, for messages: a file, an archive, or the built-in library.
    pub origin: String,
}

/// Class files held in memory, by class name (leading dot), such as a
/// class library built into a tool.
pub type MemoryClasses = Arc<BTreeMap<String, Vec<u8>>>;

/// An ordered class path of directories and class archives, optionally
/// ending in classes held in memory.
pub struct ClassDirs {
    entries: Vec<Entry>,
    memory: Option<MemoryClasses>,
}

/// A class name as a path entry knows it: no leading dot, `/` for `.`
/// allowed (archives), compared without regard to ASCII case.
fn same_ignoring_case(entry_name: &str, name: &str) -> bool {
    let norm = |s: &str| {
        let s = s.strip_prefix(['.', '/']).unwrap_or(s);
        s.bytes()
            .map(|c| {
                if c == b'/' {
                    b'.'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect::<Vec<u8>>()
    };
    norm(entry_name) == norm(name)
}

impl ClassDirs {
    /// A class path of these directories and archives, searched in order.
    pub fn new(paths: Vec<PathBuf>) -> ClassDirs {
        ClassDirs {
            entries: paths
                .into_iter()
                .map(|path| Entry { path, cache: None })
                .collect(),
            memory: None,
        }
    }

    /// Adds classes held in memory after every directory and archive, so
    /// that a class on the path wins over one built in.
    pub fn with_memory(mut self, classes: MemoryClasses) -> ClassDirs {
        self.memory = Some(classes);
        self
    }

    /// The directories and archives, in search order.
    pub fn paths(&self) -> impl Iterator<Item = &std::path::Path> {
        self.entries.iter().map(|e| e.path.as_path())
    }

    /// The class file of the class named exactly `name` (the first entry
    /// that has it).
    pub fn class_file(&mut self, name: &str) -> Option<Vec<u8>> {
        self.find(name).map(|f| f.bytes)
    }

    /// The class file of the class named exactly `name` and where it was
    /// found (the first entry that has it).
    pub fn find(&mut self, name: &str) -> Option<Found> {
        let file = format!("{}.pc", name.trim_start_matches('.'));
        for i in 0..self.entries.len() {
            let path = self.entries[i].path.clone();
            if path.is_file() {
                // Archives are read once (again when they change).
                if let Some(Cached::Archive(entries)) = self.read(i, false) {
                    if let Some(e) = bulk::find(entries, name) {
                        return Some(Found {
                            bytes: e.data.clone(),
                            origin: format!("{} (archive)", path.display()),
                        });
                    }
                }
            } else if let Ok(bytes) = std::fs::read(path.join(&file)) {
                return Some(Found {
                    bytes,
                    origin: path.join(&file).display().to_string(),
                });
            }
        }
        let bytes = self.memory.as_ref()?.get(name)?.clone();
        Some(Found {
            bytes,
            origin: "the built-in class library".into(),
        })
    }

    /// The names of the classes in any entry that equal `name` ignoring
    /// ASCII case, each once, spelled so that [`ClassDirs::class_file`]
    /// finds it, sorted.
    pub fn names_ignoring_case(&mut self, name: &str) -> Vec<String> {
        let mut out = Vec::new();
        for fresh in [false, true] {
            for i in 0..self.entries.len() {
                out.extend(self.matches(i, name, fresh));
            }
            if let Some(m) = &self.memory {
                out.extend(m.keys().filter(|n| same_ignoring_case(n, name)).cloned());
            }
            if !out.is_empty() {
                break;
            }
            // Nothing found: a listing may be older than its directory's
            // last change if both fell within the time stamp's resolution,
            // so every entry is read again.
        }
        out.sort();
        out.dedup();
        out
    }

    fn matches(&mut self, i: usize, name: &str, fresh: bool) -> Vec<String> {
        match self.read(i, fresh) {
            Some(Cached::Dir(names)) => names
                .iter()
                .filter(|n| same_ignoring_case(n, name))
                .cloned()
                .collect(),
            Some(Cached::Archive(entries)) => entries
                .iter()
                .filter(|e| same_ignoring_case(&e.name, name))
                .map(|e| {
                    let n = e.name.strip_prefix(['.', '/']).unwrap_or(&e.name);
                    format!(".{}", n.replace('/', "."))
                })
                .collect(),
            None => Vec::new(),
        }
    }

    /// Entry `i`'s listing or archive, read again if it changed since it
    /// was last read (or if `fresh`); `None` if it cannot be read.
    fn read(&mut self, i: usize, fresh: bool) -> Option<&Cached> {
        let e = &mut self.entries[i];
        let meta = std::fs::metadata(&e.path).ok()?;
        let stamp = (meta.modified().ok(), meta.len());
        let stale = match &e.cache {
            Some((old, _)) => fresh || stamp.0.is_none() || *old != stamp,
            None => true,
        };
        if stale {
            e.cache = None;
            let cached = if meta.is_dir() {
                let mut names = Vec::new();
                for d in std::fs::read_dir(&e.path).ok()?.flatten() {
                    let file = d.file_name();
                    if let Some(stem) = file.to_str().and_then(|f| f.strip_suffix(".pc")) {
                        names.push(format!(".{stem}"));
                    }
                }
                Cached::Dir(names)
            } else {
                let bytes = std::fs::read(&e.path).ok()?;
                Cached::Archive(bulk::read(&bytes).ok()?)
            };
            e.cache = Some((stamp, cached));
        }
        e.cache.as_ref().map(|(_, c)| c)
    }
}
