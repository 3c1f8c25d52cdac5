//! `.lstc` code listings (`listings.md` §2) and the `.pc` disassembler.
//!
//! Texts follow the reference compiler's `Codegen.list*`: two spaces, the
//! mnemonic, `max(1, 7 − len/8)` TABs, `//  @IP`. Labels and comments start
//! at column 0; a numeric prefix is glued in front of its instruction.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use core::fmt::Write as _;

use ir::code::{ArithOp, Label, Op, Summon};
use ir::types::NumKind;

use crate::bytecode::{self, prefix_kind, DecodeError, Encoded};
use crate::opcodes as oc;
use crate::records::{ClassFile, ParseError};

fn label(l: &Label) -> String {
    format!("_label_{}", l.0)
}

fn arith_text(a: ArithOp) -> &'static str {
    match a {
        ArithOp::Add => "isum",
        ArithOp::Mul => "imul",
        ArithOp::SubUl => "isubul",
        ArithOp::SubLu => "isublu",
        ArithOp::DivUl => "idivul",
        ArithOp::DivLu => "idivlu",
        ArithOp::RemUl => "iremul",
        ArithOp::RemLu => "iremlu",
        ArithOp::Or => "ior",
        ArithOp::And => "iand",
        ArithOp::Xor => "ixor",
        ArithOp::Not => "inot",
        ArithOp::LogOr => "logor ||",
        ArithOp::LogAnd => "logand &&",
        ArithOp::LogXor => "logxor",
        ArithOp::LogNot => "lognot",
        ArithOp::Gt => "igt >",
        ArithOp::Lt => "ilt <",
        ArithOp::Ge => "ige >=",
        ArithOp::Le => "ile <=",
        ArithOp::Shl => "ishl",
        ArithOp::Shr => "ishr",
        ArithOp::Ushr => "ushr",
    }
}

/// The class a summon pushes, as the listing names it: lower case, no leading dot.
fn summon_text(s: &Summon) -> String {
    let name = match s {
        Summon::ClassClass => "internal.class",
        Summon::IntClass => "internal.int",
        Summon::StringClass => "internal.string",
        Summon::InterfaceClass => "internal.interface",
        Summon::CodeClass => "internal.code",
        Summon::ArrayClass => "internal.container.array",
        Summon::ByName(n) => n.strip_prefix('.').unwrap_or(n),
    };
    format!("summon class {}", name.to_lowercase())
}

/// Text of an inline string: the reference compiler listed string literals
/// as `const "TEXT"` and `import`ed binaries as `const <bindata>`; the bytes
/// alone cannot say which, so printable UTF-8 is taken for a literal.
fn sconst_text(s: &[u8]) -> String {
    match core::str::from_utf8(s) {
        Ok(t)
            if !t
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) =>
        {
            format!("const \"{t}\"")
        }
        _ => "const <bindata>".to_string(),
    }
}

/// The instruction text without its prefix; `iconst_0` is `cons 0` (sic).
fn base_text(op: &Op, zero_is_iconst_0: bool) -> String {
    match op {
        Op::Label(l) => format!("{}:", label(l)),
        Op::Line(n) => format!("; Line {n}"),
        Op::Comment(t) => format!("; {t}"),
        Op::Nop => "nop".into(),
        Op::Debug { .. } => "debug".into(),
        Op::Djnz(l) => format!("djnz {}", label(l)),
        Op::Jz(l) => format!("jz {}", label(l)),
        Op::Jmp(l) => format!("jmp {}", label(l)),
        Op::Switch { shift, div, .. } => format!("switch -{shift} /{div}"),
        Op::Ret => "ret".into(),
        Op::PushCatcher(l) => format!("push catcher {}", label(l)),
        Op::PopCatcher => "pop catcher".into(),
        Op::Throw => "throw".into(),
        Op::ArgCount(n) => format!("arg_count {n}"),
        Op::StackReserve { obj, int } => format!("stack_reserve obj={obj} int={int}"),
        Op::GeneralLock => "lock".into(),
        Op::GeneralUnlock => "unlock".into(),
        Op::Call { ord, nargs } => format!("call m={ord} nparm={nargs}"),
        // Never in compiled files, so the reference has no text for it.
        Op::Sys(k) => format!("sys {k}"),
        Op::StaticInvoke { ord, nargs } => format!("static invoke ord={ord} n_param={nargs}"),
        Op::DynamicInvoke => "dynamic invoke".into(),
        Op::IsDup(_) => "is dup".into(),
        Op::IsDrop(_) => "is drop".into(),
        Op::OsDup => "os dup".into(),
        Op::OsDrop => "os drop".into(),
        Op::Load(f) => format!("load fld={f}"),
        Op::Save(f) => format!("save fld={f}"),
        Op::OsPull(n) => format!("pull depth={n}"),
        Op::OsGet(n) => format!("get o stk pos={n}"),
        Op::OsSet(n) => format!("set o stk pos={n}"),
        Op::IsGet(_, n) => format!("get i stk pos={n}"),
        Op::IsSet(_, n) => format!("set i stk pos={n}"),
        // Not emitted by the reference compiler; named after load/save.
        Op::IsLoad(f) => format!("is load fld={f}"),
        Op::IsSave(f) => format!("is save fld={f}"),
        Op::New => "new".into(),
        Op::Copy => "copy".into(),
        Op::OsCompose(n) => format!("??? compose {n}"),
        Op::OsDecompose => "??? decompose ".into(),
        Op::Cast => "cast obj class".into(),
        Op::IConst(_, 0) if zero_is_iconst_0 => "cons 0".into(),
        Op::IConst(_, v) => format!("const {v}"),
        Op::IConst64(v) => format!("const64 {v}"),
        Op::SConst(s) => sconst_text(s),
        Op::ConstPool(id) => format!("const_pool <{id}>"),
        Op::SummonThread => "summon thread".into(),
        Op::SummonThis => "summon this".into(),
        Op::SummonNull => "summon null".into(),
        Op::SummonClass(s) => summon_text(s),
        Op::Arith(_, a) => arith_text(*a).into(),
        Op::Convert { from, .. } => format!("from {}", from.name()),
        Op::I2o(_) => "i2o".into(),
        Op::O2i(_) => "o2i".into(),
        Op::OsEq => "ptr eq".into(),
        Op::OsNeq => "ptr neq".into(),
        Op::OsIsNull => "isnull".into(),
    }
}

fn prefix_text(k: NumKind) -> String {
    format!(":{} ", k.name())
}

/// The listing text of one op, as [`crate::bytecode::encode`] encodes it:
/// e.g. `call m=20 nparm=1`, `_label_3:`, `; Line 8`, or `:long   from int`
/// for a prefixed instruction (prefix, then the instruction's own indent).
pub fn mnemonic(op: &Op) -> String {
    let text = base_text(op, true);
    match prefix_kind(op) {
        Some(k) => format!("{}  {text}", prefix_text(k)),
        None => text,
    }
}

/// One instruction line: indent, text, TAB padding, IP.
fn push_line(out: &mut String, prefix: Option<NumKind>, text: &str, ip: u32) {
    out.push_str("  ");
    if let Some(k) = prefix {
        out.push_str(&prefix_text(k));
        out.push_str("  ");
    }
    out.push_str(text);
    let tabs = 7usize.saturating_sub(text.len() / 8).max(1);
    for _ in 0..tabs {
        out.push('\t');
    }
    let _ = writeln!(out, "//  @{ip}");
}

/// Renders one method block: `method NAME ordinal N`, `--`, the code, `--`,
/// `method end` and an empty line. `enc` must be the encoding of `ops` (or
/// the [`bytecode::decode_with_ips`] result they came from): IPs come from
/// `enc.ips`, and the bytes tell `iconst_0` (`cons 0`) from a wider zero.
pub fn render_method(name: &str, ordinal: u32, ops: &[Op], enc: &Encoded) -> String {
    let mut out = format!("method {name} ordinal {ordinal}\n--\n");
    for (i, op) in ops.iter().enumerate() {
        let ip = enc.ips.get(i).copied().unwrap_or(0);
        match op {
            Op::Label(_) => {
                let _ = writeln!(out, "{}\t//  @{ip}", base_text(op, true));
            }
            Op::Line(_) | Op::Comment(_) => {
                out.push_str(&base_text(op, true));
                out.push('\n');
            }
            _ => {
                let zero_is_iconst_0 = enc
                    .bytes
                    .get(ip as usize)
                    .is_none_or(|&b| b == oc::ICONST_0);
                let text = base_text(op, zero_is_iconst_0);
                push_line(&mut out, prefix_kind(op), &text, ip);
                if let Op::Switch { targets, .. } = op {
                    // Codegen lists each entry after writing it, so its IP
                    // is the end of the entry.
                    let table = ip as u64 + 13;
                    for (k, t) in targets.iter().enumerate() {
                        let end = table + 4 * (k as u64 + 1);
                        let text = format!("  {}:", label(t));
                        push_line(&mut out, None, &text, end.min(u32::MAX as u64) as u32);
                    }
                }
            }
        }
    }
    out.push_str("--\nmethod end\n\n");
    out
}

/// Renders a whole `.lstc`: `Class version V`, an empty line, then the
/// method blocks from [`render_method`] in the given order.
pub fn render_class(version: &str, methods: &[String]) -> String {
    let mut out = format!("Class version {version}\n\n");
    for m in methods {
        out.push_str(m);
    }
    out
}

/// Why [`disassemble`] failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DisasmError {
    /// The file is not a valid `.pc`.
    Parse(ParseError),
    /// A method's code does not decode.
    Decode {
        /// The method's name.
        method: String,
        /// Its ordinal.
        ordinal: u32,
        /// The decoder's error.
        error: DecodeError,
    },
}

impl fmt::Display for DisasmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DisasmError::Parse(e) => e.fmt(f),
            DisasmError::Decode {
                method,
                ordinal,
                error,
            } => write!(f, "method {method} (ordinal {ordinal}): {error}"),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for DisasmError {}

impl From<ParseError> for DisasmError {
    fn from(e: ParseError) -> Self {
        DisasmError::Parse(e)
    }
}

/// Lists a whole `.pc` file in `.lstc` form, every `M` record in ordinal
/// order, with the method's `l` record shown as `; Line N` comments in
/// front of the instructions they map (backs `plc dump`).
pub fn disassemble(bytes: &[u8]) -> Result<String, DisasmError> {
    let cf = ClassFile::parse(bytes)?;
    let mut methods: Vec<_> = cf.methods().collect();
    methods.sort_by_key(|m| m.ordinal);
    let mut blocks = Vec::with_capacity(methods.len());
    for m in methods {
        let d = bytecode::decode_with_ips(&m.code).map_err(|error| DisasmError::Decode {
            method: m.name.clone(),
            ordinal: m.ordinal,
            error,
        })?;
        // The VM keeps the last map recorded for an ordinal.
        let mut lines: Vec<(i64, i32)> = cf
            .line_maps()
            .filter(|l| l.ordinal == m.ordinal)
            .last()
            .map(|l| l.entries.clone())
            .unwrap_or_default();
        lines.sort_by_key(|&(ip, _)| ip); // stable: equal IPs keep file order
        let (ops, ips) = with_lines(d.ops, d.ips, &lines);
        let enc = Encoded {
            bytes: m.code.clone(),
            ips,
            lines: Vec::new(),
        };
        blocks.push(render_method(&m.name, m.ordinal, &ops, &enc));
    }
    Ok(render_class(
        cf.class.version.as_deref().unwrap_or(""),
        &blocks,
    ))
}

/// Inserts a line comment before the first instruction starting at or after
/// each mapped IP (after any labels there); entries past the code go last.
fn with_lines(ops: Vec<Op>, ips: Vec<u32>, lines: &[(i64, i32)]) -> (Vec<Op>, Vec<u32>) {
    let mut out_ops = Vec::with_capacity(ops.len() + lines.len());
    let mut out_ips = Vec::with_capacity(out_ops.capacity());
    let mut pending = lines.iter().peekable();
    let line_op = |line: i32| match u32::try_from(line) {
        Ok(n) => Op::Line(n),
        Err(_) => Op::Comment(format!("Line {line}")),
    };
    for (op, ip) in ops.into_iter().zip(ips) {
        if !op.is_pseudo() {
            let start = ip.saturating_sub(u32::from(prefix_kind(&op).is_some()));
            while let Some(&&(at, line)) = pending.peek() {
                if at > i64::from(start) {
                    break;
                }
                out_ops.push(line_op(line));
                out_ips.push(start);
                pending.next();
            }
        }
        out_ops.push(op);
        out_ips.push(ip);
    }
    let end = out_ips.last().copied().unwrap_or(0);
    for &(_, line) in pending {
        out_ops.push(line_op(line));
        out_ips.push(end);
    }
    (out_ops, out_ips)
}

#[cfg(test)]
mod tests;
