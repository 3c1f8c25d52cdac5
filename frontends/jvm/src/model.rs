//! Java class files read into the front end's own model: resolved names,
//! descriptors, decoded instructions, exception tables and line numbers.

use classfile_parser::attribute_info::{
    bootstrap_methods_attribute_parser, code_attribute_parser, ExceptionEntry,
};
use classfile_parser::code_attribute::{code_parser, Instruction};
use classfile_parser::constant_info::ConstantInfo;
use classfile_parser::method_info::MethodAccessFlags;
use classfile_parser::{class_parser, ClassAccessFlags};

use crate::Error;

/// A class as javac wrote it.
#[derive(Clone, Debug)]
pub struct JClass {
    /// Internal name (`java/lang/Object`, `a/b/C$D`).
    pub name: String,
    /// Superclass, `None` only for `java/lang/Object`.
    pub super_name: Option<String>,
    /// Implemented (or extended, for interfaces) interfaces.
    pub interfaces: Vec<String>,
    /// `ACC_INTERFACE`.
    pub is_interface: bool,
    /// Fields in declaration order.
    pub fields: Vec<JField>,
    /// Methods in declaration order.
    pub methods: Vec<JMethod>,
    /// The constant pool (index 0 unused).
    pub pool: Vec<ConstantInfo>,
    /// Bootstrap methods: (method handle index, argument indices).
    pub bootstraps: Vec<(u16, Vec<u16>)>,
    /// `SourceFile`, or the class file's name.
    pub source: String,
}

/// A field declaration.
#[derive(Clone, Debug)]
pub struct JField {
    /// Name.
    pub name: String,
    /// Descriptor (`I`, `Ljava/lang/String;`).
    pub desc: String,
    /// `ACC_STATIC`.
    pub is_static: bool,
}

/// A method declaration with its code.
#[derive(Clone, Debug)]
pub struct JMethod {
    /// Name (`<init>`, `<clinit>`, ...).
    pub name: String,
    /// Descriptor (`(I)V`).
    pub desc: String,
    /// `ACC_STATIC`.
    pub is_static: bool,
    /// `ACC_PRIVATE`.
    pub is_private: bool,
    /// `ACC_ABSTRACT` or `ACC_NATIVE`: no code.
    pub is_abstract: bool,
    /// The `Code` attribute.
    pub code: Option<JCode>,
}

/// A method body.
#[derive(Clone, Debug)]
pub struct JCode {
    /// Local variable slots.
    pub max_locals: u16,
    /// Instructions with their byte offsets.
    pub insns: Vec<(usize, Instruction)>,
    /// Exception table, innermost handlers first (as javac writes it).
    pub handlers: Vec<ExceptionEntry>,
    /// `LineNumberTable`: (start offset, line), sorted by offset.
    pub lines: Vec<(usize, u32)>,
}

impl JCode {
    /// The source line of the instruction at `pc` (0 if unknown).
    pub fn line_at(&self, pc: usize) -> u32 {
        match self.lines.partition_point(|&(start, _)| start <= pc) {
            0 => 0,
            i => self.lines[i - 1].1,
        }
    }
}

fn bad(file: &str, msg: impl Into<String>) -> Error {
    Error::new(file, msg)
}

impl JClass {
    /// Parses the bytes of one `.class` file; `file` names it in errors.
    pub fn parse(bytes: &[u8], file: &str) -> Result<JClass, Error> {
        // The parser assumes a constant pool count of at least 1 (it
        // computes `count - 1`); check the header ourselves first.
        if bytes.len() < 10 || bytes[..4] != [0xCA, 0xFE, 0xBA, 0xBE] {
            return Err(bad(file, "not a Java class file (no 0xCAFEBABE header)"));
        }
        if u16::from_be_bytes([bytes[8], bytes[9]]) == 0 {
            return Err(bad(file, "malformed class file: empty constant pool count"));
        }
        let cf = match class_parser(bytes) {
            Ok((_, cf)) => cf,
            Err(_) => return Err(bad(file, "not a valid Java class file")),
        };
        if cf.major_version > 61 {
            return Err(bad(
                file,
                format!(
                    "class file version {} is newer than Java 17's (61)",
                    cf.major_version
                ),
            ));
        }
        let mut c = JClass {
            name: String::new(),
            super_name: None,
            interfaces: Vec::new(),
            is_interface: cf.access_flags.contains(ClassAccessFlags::INTERFACE),
            fields: Vec::new(),
            methods: Vec::new(),
            pool: cf.const_pool.clone(),
            bootstraps: Vec::new(),
            source: file.to_string(),
        };
        // The parser's pool has no entry 0; ours is indexed as in the file.
        c.pool.insert(0, ConstantInfo::Unusable);
        c.name = c.class_name(cf.this_class).map_err(|m| bad(file, m))?;
        if cf.super_class != 0 {
            c.super_name = Some(c.class_name(cf.super_class).map_err(|m| bad(file, m))?);
        }
        for &i in &cf.interfaces {
            let n = c.class_name(i).map_err(|m| bad(file, m))?;
            c.interfaces.push(n);
        }
        for a in &cf.attributes {
            match c.utf8(a.attribute_name_index).map_err(|m| bad(file, m))? {
                "SourceFile" if a.info.len() == 2 => {
                    let i = u16::from_be_bytes([a.info[0], a.info[1]]);
                    c.source = c.utf8(i).map_err(|m| bad(file, m))?.to_string();
                }
                "BootstrapMethods" => {
                    let (_, b) = bootstrap_methods_attribute_parser(&a.info)
                        .map_err(|_| bad(file, "malformed BootstrapMethods attribute"))?;
                    c.bootstraps = b
                        .bootstrap_methods
                        .into_iter()
                        .map(|m| (m.bootstrap_method_ref, m.bootstrap_arguments))
                        .collect();
                }
                _ => {}
            }
        }
        for f in &cf.fields {
            let name = c.utf8(f.name_index).map_err(|m| bad(file, m))?.to_string();
            let desc = c
                .utf8(f.descriptor_index)
                .map_err(|m| bad(file, m))?
                .to_string();
            c.fields.push(JField {
                name,
                desc,
                is_static: f.access_flags.bits() & 0x0008 != 0,
            });
        }
        for m in &cf.methods {
            let name = c.utf8(m.name_index).map_err(|e| bad(file, e))?.to_string();
            let desc = c
                .utf8(m.descriptor_index)
                .map_err(|e| bad(file, e))?
                .to_string();
            let flags = m.access_flags;
            let mut code = None;
            for a in &m.attributes {
                if c.utf8(a.attribute_name_index).map_err(|e| bad(file, e))? != "Code" {
                    continue;
                }
                let where_ = format!("{file}: method {name}{desc}");
                let (_, ca) = code_attribute_parser(&a.info)
                    .map_err(|_| bad(&where_, "malformed Code attribute"))?;
                check_code(&ca.code).map_err(|m| bad(&where_, m))?;
                let insns = match code_parser(&ca.code) {
                    Ok((&[], insns)) => insns,
                    _ => return Err(bad(&where_, "undecodable bytecode")),
                };
                let mut lines = Vec::new();
                for sub in &ca.attributes {
                    if c.utf8(sub.attribute_name_index).map_err(|e| bad(file, e))?
                        == "LineNumberTable"
                    {
                        lines.extend(line_table(&sub.info));
                    }
                }
                lines.sort_unstable();
                code = Some(JCode {
                    max_locals: ca.max_locals,
                    insns,
                    handlers: ca.exception_table.clone(),
                    lines,
                });
            }
            c.methods.push(JMethod {
                name,
                desc,
                is_static: flags.contains(MethodAccessFlags::STATIC),
                is_private: flags.contains(MethodAccessFlags::PRIVATE),
                is_abstract: flags
                    .intersects(MethodAccessFlags::ABSTRACT | MethodAccessFlags::NATIVE),
                code,
            });
        }
        Ok(c)
    }

    /// The text of `CONSTANT_Utf8` entry `i`.
    pub fn utf8(&self, i: u16) -> Result<&str, String> {
        match self.pool.get(usize::from(i)) {
            Some(ConstantInfo::Utf8(u)) => Ok(&u.utf8_string),
            _ => Err(format!("constant #{i} is not a UTF-8 string")),
        }
    }

    /// The name of `CONSTANT_Class` entry `i`.
    pub fn class_name(&self, i: u16) -> Result<String, String> {
        match self.pool.get(usize::from(i)) {
            Some(ConstantInfo::Class(c)) => Ok(self.utf8(c.name_index)?.to_string()),
            _ => Err(format!("constant #{i} is not a class")),
        }
    }

    /// A field, method or interface-method reference: (class, name, descriptor).
    pub fn member_ref(&self, i: u16) -> Result<(String, String, String), String> {
        let (class, nat) = match self.pool.get(usize::from(i)) {
            Some(ConstantInfo::FieldRef(r)) => (r.class_index, r.name_and_type_index),
            Some(ConstantInfo::MethodRef(r)) => (r.class_index, r.name_and_type_index),
            Some(ConstantInfo::InterfaceMethodRef(r)) => (r.class_index, r.name_and_type_index),
            _ => return Err(format!("constant #{i} is not a member reference")),
        };
        let (name, desc) = self.name_and_type(nat)?;
        Ok((self.class_name(class)?, name, desc))
    }

    /// A `CONSTANT_NameAndType`: (name, descriptor).
    pub fn name_and_type(&self, i: u16) -> Result<(String, String), String> {
        match self.pool.get(usize::from(i)) {
            Some(ConstantInfo::NameAndType(n)) => Ok((
                self.utf8(n.name_index)?.to_string(),
                self.utf8(n.descriptor_index)?.to_string(),
            )),
            _ => Err(format!("constant #{i} is not a name-and-type")),
        }
    }
}

/// Entries of a `LineNumberTable` attribute body.
fn line_table(info: &[u8]) -> Vec<(usize, u32)> {
    let n = info
        .get(..2)
        .map_or(0, |b| usize::from(u16::from_be_bytes([b[0], b[1]])));
    info.get(2..)
        .unwrap_or(&[])
        .chunks_exact(4)
        .take(n)
        .map(|e| {
            (
                usize::from(u16::from_be_bytes([e[0], e[1]])),
                u32::from(u16::from_be_bytes([e[2], e[3]])),
            )
        })
        .collect()
}

/// A field or method-argument type, from a descriptor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JType {
    /// `I`, `Z`, `B`, `C`, `S`: an `int` on the integer stack.
    Int,
    /// `J`.
    Long,
    /// `F`.
    Float,
    /// `D`.
    Double,
    /// A class or array reference.
    Ref,
    /// `V` (results only).
    Void,
}

/// Parses one field descriptor starting at `s[i..]`; returns the type,
/// its full text and the index after it.
pub fn one_type(s: &str, i: usize) -> Option<(JType, &str, usize)> {
    let b = s.as_bytes();
    let mut j = i;
    while b.get(j) == Some(&b'[') {
        j += 1;
    }
    let end = match b.get(j)? {
        b'L' => j + s[j..].find(';')? + 1,
        b'I' | b'Z' | b'B' | b'C' | b'S' | b'J' | b'F' | b'D' | b'V' => j + 1,
        _ => return None,
    };
    let t = if j > i {
        JType::Ref
    } else {
        match b[j] {
            b'L' => JType::Ref,
            b'J' => JType::Long,
            b'F' => JType::Float,
            b'D' => JType::Double,
            b'V' => JType::Void,
            _ => JType::Int,
        }
    };
    Some((t, &s[i..end], end))
}

/// A parsed method descriptor: arguments (type and text), result type and
/// its text.
pub type MethodDesc = (Vec<(JType, String)>, JType, String);

/// A method descriptor: argument types (with their texts) and result type.
pub fn method_desc(desc: &str) -> Option<MethodDesc> {
    let mut i = 1;
    if !desc.starts_with('(') {
        return None;
    }
    let mut args = Vec::new();
    while desc.as_bytes().get(i)? != &b')' {
        let (t, text, next) = one_type(desc, i)?;
        if t == JType::Void {
            return None;
        }
        args.push((t, text.to_string()));
        i = next;
    }
    let (ret, text, end) = one_type(desc, i + 1)?;
    (end == desc.len()).then(|| (args, ret, text.to_string()))
}

/// The instruction's mnemonic, for error messages.
pub fn mnemonic(insn: &Instruction) -> String {
    let s = format!("{insn:?}");
    let end = s.find(['(', ' ', '{']).unwrap_or(s.len());
    s[..end].to_lowercase()
}

/// Walks the bytecode's instruction lengths before the parser decodes it:
/// the parser computes switch table sizes without checking them (a
/// `tableswitch` whose high is below its low overflows), so a malformed
/// method must be refused first.
fn check_code(code: &[u8]) -> Result<(), String> {
    let word = |at: usize| -> Result<i64, String> {
        code.get(at..at + 4)
            .map(|b| i64::from(i32::from_be_bytes([b[0], b[1], b[2], b[3]])))
            .ok_or_else(|| format!("instruction at offset {at} runs past the end of the code"))
    };
    let mut pc = 0;
    while pc < code.len() {
        let op = code[pc];
        let len = match op {
            0x00..=0x0f
            | 0x1a..=0x35
            | 0x3b..=0x83
            | 0x85..=0x98
            | 0xac..=0xb1
            | 0xbe
            | 0xbf
            | 0xc2
            | 0xc3 => 1,
            0x10 | 0x12 | 0x15..=0x19 | 0x36..=0x3a | 0xa9 | 0xbc => 2,
            0x11
            | 0x13
            | 0x14
            | 0x84
            | 0x99..=0xa8
            | 0xb2..=0xb8
            | 0xbb
            | 0xbd
            | 0xc0
            | 0xc1
            | 0xc6
            | 0xc7 => 3,
            0xc5 => 4,
            0xb9 | 0xba | 0xc8 | 0xc9 => 5,
            0xc4 => {
                if code.get(pc + 1) == Some(&0x84) {
                    6
                } else {
                    4
                }
            }
            0xaa | 0xab => {
                let base = pc + 1 + (4 - (pc + 1) % 4) % 4;
                if op == 0xaa {
                    let (low, high) = (word(base + 4)?, word(base + 8)?);
                    if high < low {
                        return Err(format!(
                            "tableswitch at offset {pc} has high {high} below low {low}"
                        ));
                    }
                    base + 12 + 4 * usize::try_from(high - low + 1).unwrap_or(usize::MAX / 8) - pc
                } else {
                    let n = word(base + 4)?;
                    if n < 0 {
                        return Err(format!("lookupswitch at offset {pc} has {n} pairs"));
                    }
                    base + 8 + 8 * usize::try_from(n).unwrap_or(usize::MAX / 16) - pc
                }
            }
            _ => return Err(format!("unknown opcode {op:#04x} at offset {pc}")),
        };
        if len > code.len() - pc {
            return Err(format!(
                "instruction at offset {pc} runs past the end of the code"
            ));
        }
        pc += len;
    }
    Ok(())
}
