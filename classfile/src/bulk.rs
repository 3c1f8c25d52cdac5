//! The `classes` bulk archive the kernel boots from (`classfile.md` §10).
//!
//! Entries are concatenated: a 512-byte NUL-padded name (the class name
//! without its leading dot), a little-endian `u32` length, the `.pc` bytes.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// Size of the name field.
pub const NAME_LEN: usize = 512;

/// One class in the archive.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// Class name without the leading dot, e.g. `phantom.user`.
    pub name: String,
    /// The `.pc` file contents.
    pub data: Vec<u8>,
}

impl Entry {
    /// An entry for an absolute class name (`.a.b` is stored as `a.b`).
    pub fn for_class(class_name: &str, data: Vec<u8>) -> Entry {
        Entry {
            name: class_name.strip_prefix('.').unwrap_or(class_name).into(),
            data,
        }
    }
}

/// Why an archive could not be read or written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkError {
    /// Byte offset in the archive (reading) or index of the entry (writing).
    pub at: usize,
    /// What is wrong.
    pub kind: BulkErrorKind,
}

/// The kinds of [`BulkError`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BulkErrorKind {
    /// The archive ends inside an entry's header or data.
    Truncated,
    /// A stored name is not UTF-8.
    NameNotUtf8,
    /// A name does not fit in 511 bytes plus its terminating NUL.
    NameTooLong(usize),
    /// A name contains a NUL byte, which would cut it short.
    NameHasNul,
    /// Data longer than a `u32` length can describe.
    DataTooLarge(usize),
}

impl fmt::Display for BulkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            BulkErrorKind::Truncated => {
                write!(f, "offset {}: archive ends inside an entry", self.at)
            }
            BulkErrorKind::NameNotUtf8 => write!(f, "offset {}: entry name is not UTF-8", self.at),
            BulkErrorKind::NameTooLong(n) => {
                write!(
                    f,
                    "entry {}: name of {n} bytes does not fit in {NAME_LEN}",
                    self.at
                )
            }
            BulkErrorKind::NameHasNul => write!(f, "entry {}: name contains a NUL byte", self.at),
            BulkErrorKind::DataTooLarge(n) => write!(f, "entry {}: {n} bytes of data", self.at),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for BulkError {}

/// Reads every entry of an archive.
pub fn read(bytes: &[u8]) -> Result<Vec<Entry>, BulkError> {
    let mut entries = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let err = |at, kind| BulkError { at, kind };
        let header = bytes
            .get(pos..pos + NAME_LEN + 4)
            .ok_or(err(pos, BulkErrorKind::Truncated))?;
        let (name, len) = header.split_at(NAME_LEN);
        let name = &name[..name.iter().position(|&b| b == 0).unwrap_or(NAME_LEN)];
        let name = core::str::from_utf8(name).map_err(|_| err(pos, BulkErrorKind::NameNotUtf8))?;
        let len = u32::from_le_bytes([len[0], len[1], len[2], len[3]]) as usize;
        let start = pos + NAME_LEN + 4;
        let data = start
            .checked_add(len)
            .and_then(|end| bytes.get(start..end))
            .ok_or(err(start, BulkErrorKind::Truncated))?;
        entries.push(Entry {
            name: name.into(),
            data: data.to_vec(),
        });
        pos = start + len;
    }
    Ok(entries)
}

/// Writes an archive.
pub fn write(entries: &[Entry]) -> Result<Vec<u8>, BulkError> {
    let mut out = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let err = |kind| BulkError { at: i, kind };
        let name = e.name.as_bytes();
        if name.contains(&0) {
            return Err(err(BulkErrorKind::NameHasNul));
        }
        // Keep one NUL so C string functions stop inside the field.
        if name.len() >= NAME_LEN {
            return Err(err(BulkErrorKind::NameTooLong(name.len())));
        }
        let len = u32::try_from(e.data.len())
            .map_err(|_| err(BulkErrorKind::DataTooLarge(e.data.len())))?;
        out.extend_from_slice(name);
        out.resize(out.len() + NAME_LEN - name.len(), 0);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&e.data);
    }
    Ok(out)
}

/// Whether two names are the same for the kernel's lookup (`bulk.c`): `.`
/// and `/` are interchangeable and one leading separator is ignored.
pub fn names_match(a: &str, b: &str) -> bool {
    fn norm(s: &str) -> impl Iterator<Item = u8> + '_ {
        let s = s.as_bytes();
        let s = match s.first() {
            Some(b'.' | b'/') => &s[1..],
            _ => s,
        };
        s.iter().map(|&c| if c == b'/' { b'.' } else { c })
    }
    norm(a).eq(norm(b))
}

/// The first entry whose name matches `name` as the kernel would look it up.
pub fn find<'a>(entries: &'a [Entry], name: &str) -> Option<&'a Entry> {
    entries.iter().find(|e| names_match(&e.name, name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use alloc::vec;

    #[test]
    fn layout_is_name_pad_le_length_data() {
        let out = write(&[Entry::for_class(".phantom.user", vec![1, 2, 3])]);
        let out = out.unwrap_or_default();
        assert_eq!(out.len(), NAME_LEN + 4 + 3);
        assert_eq!(&out[..12], b"phantom.user");
        assert!(out[12..NAME_LEN].iter().all(|&b| b == 0));
        assert_eq!(out[NAME_LEN..NAME_LEN + 4], [3, 0, 0, 0]);
        assert_eq!(out[NAME_LEN + 4..], [1, 2, 3]);
    }

    #[test]
    fn round_trip() {
        let entries = vec![
            Entry::for_class(".a.b", vec![]),
            Entry::for_class("c", vec![9; 300]),
        ];
        let bytes = write(&entries).unwrap_or_default();
        assert_eq!(read(&bytes), Ok(entries));
        assert_eq!(read(&[]), Ok(vec![]));
    }

    #[test]
    fn read_errors() {
        let bytes = write(&[Entry::for_class("x", vec![1, 2])]).unwrap_or_default();
        let e = read(&bytes[..bytes.len() - 1]);
        assert_eq!(
            e,
            Err(BulkError {
                at: NAME_LEN + 4,
                kind: BulkErrorKind::Truncated
            })
        );
        assert_eq!(
            read(&bytes[..100]).map_err(|e| e.kind),
            Err(BulkErrorKind::Truncated)
        );
        let mut huge = bytes.clone();
        huge[NAME_LEN..NAME_LEN + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(read(&huge).is_err());
        let mut bad = bytes;
        bad[0] = 0xFF;
        assert_eq!(
            read(&bad).map_err(|e| e.kind),
            Err(BulkErrorKind::NameNotUtf8)
        );
    }

    #[test]
    fn write_errors() {
        let long = Entry {
            name: "a".repeat(NAME_LEN),
            data: vec![],
        };
        assert_eq!(
            write(&[Entry::default(), long]).map_err(|e| (e.at, e.kind)),
            Err((1, BulkErrorKind::NameTooLong(NAME_LEN)))
        );
        let nul = Entry {
            name: "a\0b".into(),
            data: vec![],
        };
        assert_eq!(
            write(&[nul]).map_err(|e| e.kind),
            Err(BulkErrorKind::NameHasNul)
        );
        let ok = Entry {
            name: "a".repeat(NAME_LEN - 1),
            data: vec![],
        };
        assert!(write(&[ok]).is_ok());
    }

    #[test]
    fn lookup_like_the_kernel() {
        let entries = vec![Entry::for_class(".ru.dz.phantom.system.boot", vec![1])];
        assert!(find(&entries, ".ru.dz.phantom.system.boot").is_some());
        assert!(find(&entries, "/ru/dz/phantom/system/boot").is_some());
        assert!(find(&entries, "ru/dz.phantom/system.boot").is_some());
        assert!(find(&entries, "ru.dz.phantom.system").is_none());
        assert!(!names_match("a.b", "..a.b"));
        assert_eq!(
            BulkError {
                at: 3,
                kind: BulkErrorKind::Truncated
            }
            .to_string(),
            "offset 3: archive ends inside an entry"
        );
    }
}
