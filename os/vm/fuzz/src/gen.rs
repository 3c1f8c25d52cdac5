//! Structured programs for the `run` target.
//!
//! The fuzzer's bytes drive a generator of [`Op`] sequences that tracks the
//! object and integer stack depths like the verifier does. In "repair" mode
//! (most inputs) it inserts pushes before an op that would underflow and
//! pads or drops values before jumps and labels so that depths agree where
//! paths meet; so most generated methods pass the verifier and reach the
//! interpreter. In raw mode it emits the ops as drawn, which exercises the
//! verifier's rejections. The ops are encoded with
//! [`classfile::bytecode::encode`] and wrapped in class files: a main class
//! (method 8 is the entry point) and sometimes a second class that the
//! first reaches by name.

use std::collections::HashMap;

use classfile::records::{
    ClassFile, ClassHeader, ConstRec, FieldRec, LineMap, MethodCode, Record, Signature, TypeRec,
};
use ir::code::{ArithOp, Label, Op, Summon};
use ir::types::NumKind;
use libfuzzer_sys::arbitrary::{Result, Unstructured};

/// Name of the class whose method 8 runs.
pub const MAIN: &str = ".fz.main";
/// Name of the second class.
pub const OTHER: &str = ".fz.other";

/// Classes `summon_by_name` may ask for.
const NAMES: &[&str] = &[
    MAIN,
    OTHER,
    ".fz.missing",
    ".internal.object",
    ".internal.string",
    ".internal.int",
    ".internal.long",
    ".internal.float",
    ".internal.double",
    ".internal.container.array",
    ".internal.container.page",
    ".internal.directory",
    ".internal.binary",
    ".internal.boot",
    ".internal.mutex",
    ".internal.cond",
    ".internal.sema",
    ".internal.thread",
    ".internal.class",
    ".internal.closure",
    ".internal.time",
    ".internal.world",
    ".internal.io.tty",
    ".internal.bitmap",
    ".internal.void",
];

const KINDS: &[NumKind] = &[NumKind::Int, NumKind::Long, NumKind::Float, NumKind::Double];

/// Stack depths: (objects, integers) above the frame base.
type Depth = (u32, u32);

/// Deepest stacks the generator builds.
const CAP: u32 = 48;
/// Labels per method.
const LABELS: u32 = 12;

/// A generated program: class files by name.
#[derive(Debug)]
pub struct Program {
    /// Every class file, the main class first.
    pub classes: Vec<(String, Vec<u8>)>,
}

impl Program {
    /// The class map for the test host (everything but the main class).
    pub fn class_path(&self) -> HashMap<String, Vec<u8>> {
        self.classes.iter().skip(1).cloned().collect()
    }
}

struct Gen<'a, 'u> {
    u: &'a mut Unstructured<'u>,
    ops: Vec<Op>,
    cur: Depth,
    dead: bool,
    repair: bool,
    /// Depth at each label, once known.
    label_depth: Vec<Option<Depth>>,
    placed: Vec<bool>,
    used: Vec<bool>,
    fields: u32,
    consts: u32,
    nargs: u32,
}

impl Gen<'_, '_> {
    fn push_op(&mut self, op: Op) {
        self.ops.push(op);
    }

    /// Pushes an object of some kind.
    fn push_obj(&mut self) -> Result<()> {
        let op = match self.u.int_in_range(0..=5u8)? {
            0 => Op::SummonThis,
            1 => Op::SConst(b"s".to_vec()),
            2 if self.consts > 0 => Op::ConstPool(self.u.int_in_range(0..=self.consts - 1)?),
            3 => Op::SummonClass(Summon::IntClass),
            4 if self.nargs > 0 => Op::OsGet(0),
            _ => Op::SummonNull,
        };
        self.push_op(op);
        self.cur.0 += 1;
        Ok(())
    }

    fn push_int(&mut self) -> Result<()> {
        let v = match self.u.int_in_range(0..=3u8)? {
            0 => 0,
            1 => 1,
            2 => self.u.int_in_range(-3..=40)?,
            _ => self.u.arbitrary()?,
        };
        self.push_op(Op::IConst(NumKind::Int, v));
        self.cur.1 += 1;
        Ok(())
    }

    /// Makes sure there are `os` objects and `is` integers.
    fn need(&mut self, os: u32, is: u32) -> Result<bool> {
        if !self.repair {
            return Ok(self.cur.0 >= os && self.cur.1 >= is);
        }
        while self.cur.0 < os {
            self.push_obj()?;
        }
        while self.cur.1 < is {
            self.push_int()?;
        }
        Ok(true)
    }

    /// Pads or drops to reach depth `d` exactly.
    fn adjust_to(&mut self, d: Depth) -> Result<()> {
        if !self.repair {
            return Ok(());
        }
        while self.cur.0 > d.0 {
            self.push_op(Op::OsDrop);
            self.cur.0 -= 1;
        }
        while self.cur.1 > d.1 {
            self.push_op(Op::IsDrop(NumKind::Int));
            self.cur.1 -= 1;
        }
        while self.cur.0 < d.0 {
            self.push_obj()?;
        }
        while self.cur.1 < d.1 {
            self.push_int()?;
        }
        Ok(())
    }

    /// A label for a jump that pops `pop_is` integers before it goes,
    /// needing at least `min` at the target. If the label already has a
    /// depth, the current depth is padded or trimmed to match it first.
    fn target(&mut self, pop_is: u32, min: Depth) -> Result<Option<Label>> {
        let l = self.u.int_in_range(0..=LABELS - 1)?;
        let li = l as usize;
        let at_target = |d: Depth| -> Option<Depth> {
            let t = (d.0, d.1.checked_sub(pop_is)?);
            (t.0 >= min.0 && t.1 >= min.1).then_some(t)
        };
        match self.label_depth[li] {
            None => match at_target(self.cur) {
                Some(d) => self.label_depth[li] = Some(d),
                None => return Ok(None),
            },
            Some(want) if self.repair => {
                if want.0 < min.0 || want.1 < min.1 {
                    return Ok(None);
                }
                self.adjust_to((want.0, want.1 + pop_is))?;
            }
            Some(_) => {}
        }
        self.used[li] = true;
        Ok(Some(Label(l)))
    }

    fn place_label(&mut self) -> Result<()> {
        let l = self.u.int_in_range(0..=LABELS - 1)?;
        let li = l as usize;
        if self.placed[li] {
            return Ok(());
        }
        match self.label_depth[li] {
            Some(d) if self.dead => self.cur = d,
            Some(d) => self.adjust_to(d)?,
            None => self.label_depth[li] = Some(self.cur),
        }
        self.placed[li] = true;
        self.dead = false;
        self.push_op(Op::Label(Label(l)));
        Ok(())
    }

    fn kind(&mut self) -> Result<NumKind> {
        Ok(*self.u.choose(KINDS)?)
    }

    fn small(&mut self, max: u32) -> Result<u32> {
        self.u.int_in_range(0..=max)
    }

    /// One op (or a few, with repairs).
    fn step(&mut self) -> Result<()> {
        let (os, is) = self.cur;
        if self.repair && (os > CAP || is > CAP) {
            // Too deep: shrink.
            return self.adjust_to((os.min(4), is.min(4)));
        }
        let which = self.u.int_in_range(0..=63u8)?;
        match which {
            0..=5 => self.place_label()?,
            6 => {
                if self.need(0, 1)? {
                    if let Some(l) = self.target(1, (0, 0))? {
                        self.push_op(Op::Jz(l));
                        self.cur.1 = self.cur.1.saturating_sub(1);
                    }
                }
            }
            7 => {
                if self.need(0, 1)? {
                    if let Some(l) = self.target(0, (0, 1))? {
                        self.push_op(Op::Djnz(l));
                    }
                }
            }
            8 => {
                if let Some(l) = self.target(0, (0, 0))? {
                    self.push_op(Op::Jmp(l));
                    self.dead = true;
                }
            }
            9 => {
                if self.need(0, 1)? {
                    let n = self.small(4)?;
                    let mut targets = Vec::new();
                    for _ in 0..n {
                        if let Some(l) = self.target(1, (0, 0))? {
                            targets.push(l);
                        }
                    }
                    // Later targets may have moved the depth; keep only
                    // targets that agree with the final one.
                    let here = (self.cur.0, self.cur.1.saturating_sub(1));
                    if self.repair {
                        targets.retain(|l| self.label_depth[l.0 as usize] == Some(here));
                    }
                    let div = match self.small(3)? {
                        0 => self.u.arbitrary()?,
                        _ => self.u.int_in_range(1..=4)?,
                    };
                    let shift = self.u.int_in_range(-4..=4)?;
                    self.push_op(Op::Switch {
                        shift,
                        div,
                        targets,
                    });
                    self.cur.1 = self.cur.1.saturating_sub(1);
                }
            }
            10 => {
                self.push_op(Op::Ret);
                self.dead = true;
            }
            11 => {
                if self.need(1, 0)? {
                    // The catch target gets the depth before the class pops
                    // (the thrown object takes its place).
                    if let Some(l) = self.target(0, (1, 0))? {
                        let cls = match self.small(4)? {
                            0 => Op::SummonNull,
                            1 => Op::SummonClass(Summon::StringClass),
                            2 => Op::SummonClass(Summon::ByName(".internal.object".into())),
                            3 => Op::SummonClass(Summon::ByName(OTHER.into())),
                            _ => Op::SummonClass(Summon::ByName(".internal.void".into())),
                        };
                        if self.repair {
                            self.push_op(Op::OsDrop);
                            self.push_op(cls);
                        }
                        self.push_op(Op::PushCatcher(l));
                        self.cur.0 -= 1;
                    }
                }
            }
            12 => self.push_op(Op::PopCatcher),
            13 => {
                if self.need(1, 0)? {
                    self.push_op(Op::Throw);
                    self.cur.0 -= 1;
                    self.dead = true;
                }
            }
            14 => {
                if self.need(0, 1)? {
                    let n = self.small(3)? as u8;
                    self.push_op(Op::ArgCount(n));
                    self.cur.1 -= 1;
                }
            }
            15 => {
                let obj = self.small(3)? as u8;
                let int = self.small(3)? as u8;
                self.push_op(Op::StackReserve { obj, int });
                self.cur.0 += u32::from(obj);
                self.cur.1 += u32::from(int);
            }
            16 => {
                if self.need(1, 0)? {
                    let lock: bool = self.u.arbitrary()?;
                    self.push_op(if lock {
                        Op::GeneralLock
                    } else {
                        Op::GeneralUnlock
                    });
                    self.cur.0 -= 1;
                }
            }
            17..=21 => {
                let ord = match self.small(3)? {
                    0 => self.small(40)?,
                    _ => *self
                        .u
                        .choose(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16, 18, 19, 21, 23])?,
                };
                let nargs = self.small(3)?;
                if self.need(nargs + 1, 0)? {
                    self.push_op(Op::Call { ord, nargs });
                    self.cur.0 -= nargs;
                }
            }
            22 => {
                let k = self.small(12)? as u8;
                let n = self.nargs;
                if self.need(n, 1)? {
                    self.push_op(Op::Sys(k));
                    self.cur.0 = self.cur.0 - n + 1;
                    self.cur.1 -= 1;
                }
            }
            23 => {
                let ord = self.small(20)?;
                let nargs = self.small(2)?;
                if self.need(nargs + 2, 0)? {
                    self.push_op(Op::StaticInvoke { ord, nargs });
                    self.cur.0 -= nargs + 1;
                }
            }
            24 => {
                let k = self.small(2)?;
                if self.need(k + 2, 0)? {
                    // The count right before the instruction, or (as the
                    // original's Java front end does) pushed first, with
                    // the name and some integer work after it.
                    let early = self.u.arbitrary::<bool>()?;
                    if early {
                        self.push_op(Op::IConst(NumKind::Int, k as i32));
                    }
                    if self.repair {
                        self.push_op(Op::OsDrop);
                        let name = *self
                            .u
                            .choose(&["toString", "hashCode", "equals", "run", "f", "<init>"])?;
                        self.push_op(Op::SConst(name.as_bytes().to_vec()));
                    }
                    if early {
                        if self.u.arbitrary::<bool>()? {
                            self.push_op(Op::IConst(NumKind::Int, 1));
                            self.push_op(Op::IsDup(NumKind::Int));
                            self.push_op(Op::Arith(NumKind::Int, ArithOp::Add));
                            self.push_op(Op::IsDrop(NumKind::Int));
                        }
                    } else {
                        self.push_op(Op::IConst(NumKind::Int, k as i32));
                    }
                    self.push_op(Op::DynamicInvoke);
                    self.cur.0 -= k + 1;
                }
            }
            25 => {
                let k = self.kind()?;
                if self.need(0, k.cells())? {
                    self.push_op(Op::IsDup(k));
                    self.cur.1 += k.cells();
                }
            }
            26 => {
                let k = self.kind()?;
                if self.need(0, k.cells())? {
                    self.push_op(Op::IsDrop(k));
                    self.cur.1 -= k.cells();
                }
            }
            27 => {
                if self.need(1, 0)? {
                    self.push_op(Op::OsDup);
                    self.cur.0 += 1;
                }
            }
            28 => {
                if self.need(1, 0)? {
                    self.push_op(Op::OsDrop);
                    self.cur.0 -= 1;
                }
            }
            29 | 30 => {
                let f = self.field()?;
                self.push_op(Op::Load(f));
                self.cur.0 += 1;
            }
            31 | 32 => {
                let f = self.field()?;
                if self.need(1, 0)? {
                    self.push_op(Op::Save(f));
                    self.cur.0 -= 1;
                }
            }
            33 => {
                let f = self.field()?.min(255) as u8;
                self.push_op(Op::IsLoad(f));
                self.cur.1 += 1;
            }
            34 => {
                let f = self.field()?.min(255) as u8;
                if self.need(0, 1)? {
                    self.push_op(Op::IsSave(f));
                    self.cur.1 -= 1;
                }
            }
            35 => {
                if self.need(1, 0)? {
                    let d = self.u.int_in_range(0..=self.cur.0.saturating_sub(1))?;
                    self.push_op(Op::OsPull(d));
                    self.cur.0 += 1;
                }
            }
            36 | 37 => {
                if self.need(1, 0)? {
                    let p = self.u.int_in_range(0..=self.cur.0.saturating_sub(1))?;
                    self.push_op(Op::OsGet(p));
                    self.cur.0 += 1;
                }
            }
            38 => {
                if self.need(2, 0)? {
                    let p = self.u.int_in_range(0..=self.cur.0.saturating_sub(2))?;
                    self.push_op(Op::OsSet(p));
                    self.cur.0 -= 1;
                }
            }
            39 => {
                let k = self.kind()?;
                let w = k.cells();
                if self.need(0, w)? {
                    let p = self.u.int_in_range(0..=self.cur.1.saturating_sub(w))?;
                    self.push_op(Op::IsGet(k, p));
                    self.cur.1 += w;
                }
            }
            40 => {
                let k = self.kind()?;
                let w = k.cells();
                if self.need(0, 2 * w)? {
                    let p = self
                        .u
                        .int_in_range(0..=(self.cur.1 - w).saturating_sub(w))?;
                    self.push_op(Op::IsSet(k, p));
                    self.cur.1 -= w;
                }
            }
            41 | 42 => {
                if self.repair {
                    let name = *self.u.choose(NAMES)?;
                    self.push_op(Op::SummonClass(Summon::ByName(name.into())));
                    self.cur.0 += 1;
                }
                if self.need(1, 0)? {
                    self.push_op(Op::New);
                }
            }
            43 => {
                if self.need(2, 0)? {
                    self.push_op(Op::Cast);
                    self.cur.0 -= 1;
                }
            }
            44 => {
                let op = match self.small(2)? {
                    0 => Op::Copy,
                    1 => Op::OsCompose(self.u.arbitrary()?),
                    _ => Op::OsDecompose,
                };
                self.push_op(op);
                self.dead = true;
            }
            45 | 46 => {
                let k = self.kind()?;
                let v = self.u.arbitrary()?;
                self.push_op(Op::IConst(k, v));
                self.cur.1 += k.cells();
            }
            47 => {
                let v = self.u.arbitrary()?;
                self.push_op(Op::IConst64(v));
                self.cur.1 += 2;
            }
            48 => {
                let len = self.small(6)? as usize;
                let b = self.u.bytes(len)?.to_vec();
                self.push_op(Op::SConst(b));
                self.cur.0 += 1;
            }
            49 => {
                let id = if self.repair && self.consts > 0 {
                    self.u.int_in_range(0..=self.consts - 1)?
                } else {
                    self.small(8)?
                };
                self.push_op(Op::ConstPool(id));
                self.cur.0 += 1;
            }
            50 => {
                let op = match self.small(3)? {
                    0 => Op::SummonThread,
                    1 => Op::SummonThis,
                    2 => Op::SummonNull,
                    _ => Op::SummonClass(match self.small(6)? {
                        0 => Summon::ClassClass,
                        1 => Summon::IntClass,
                        2 => Summon::StringClass,
                        3 => Summon::InterfaceClass,
                        4 => Summon::CodeClass,
                        5 => Summon::ArrayClass,
                        _ => Summon::ByName((*self.u.choose(NAMES)?).into()),
                    }),
                };
                self.push_op(op);
                self.cur.0 += 1;
            }
            51..=54 => {
                let k = self.kind()?;
                let mut a = *self.u.choose(&ArithOp::ALL)?;
                if a.is_integer_only() && matches!(k, NumKind::Float | NumKind::Double) {
                    a = ArithOp::Add;
                }
                let w = k.cells();
                let (need, after): (u32, i64) = match a {
                    ArithOp::Shl | ArithOp::Shr | ArithOp::Ushr => (w + 1, -1),
                    a if a.is_unary() => (w, 0),
                    a if a.yields_int() => (2 * w, 1 - 2 * i64::from(w)),
                    _ => (2 * w, -i64::from(w)),
                };
                if self.need(0, need)? {
                    self.push_op(Op::Arith(k, a));
                    self.cur.1 = (i64::from(self.cur.1) + after) as u32;
                }
            }
            55 => {
                let from = self.kind()?;
                let to = self.kind()?;
                if self.need(0, from.cells())? {
                    self.push_op(Op::Convert { from, to });
                    self.cur.1 = self.cur.1 - from.cells() + to.cells();
                }
            }
            56 | 57 => {
                let k = self.kind()?;
                if self.need(0, k.cells())? {
                    self.push_op(Op::I2o(k));
                    self.cur.1 -= k.cells();
                    self.cur.0 += 1;
                }
            }
            58 => {
                let k = self.kind()?;
                if self.need(1, 0)? {
                    self.push_op(Op::O2i(k));
                    self.cur.0 -= 1;
                    self.cur.1 += k.cells();
                }
            }
            59 => {
                if self.need(2, 0)? {
                    let eq: bool = self.u.arbitrary()?;
                    self.push_op(if eq { Op::OsEq } else { Op::OsNeq });
                    self.cur.0 -= 2;
                    self.cur.1 += 1;
                }
            }
            60 => {
                if self.need(1, 0)? {
                    self.push_op(Op::OsIsNull);
                    self.cur.0 -= 1;
                    self.cur.1 += 1;
                }
            }
            61 => {
                // A call on the boot object (print, start a thread, sleep...).
                if self.repair && self.nargs > 0 {
                    self.push_op(Op::OsGet(0));
                    let ord = *self.u.choose(&[16u32, 16, 18, 21, 23, 5, 8, 19])?;
                    let nargs = match ord {
                        23 | 5 => 0,
                        _ => 1,
                    };
                    self.cur.0 += 1;
                    self.need(self.cur.0 + nargs, 0)?;
                    self.push_op(Op::Call { ord, nargs });
                    self.cur.0 -= nargs;
                }
            }
            62 => {
                let line = self.small(100)?;
                self.push_op(Op::Line(line));
            }
            _ => {
                let kind = self.u.int_in_range(0..=3u8)?;
                self.push_op(Op::Nop);
                self.push_op(Op::Debug { kind, text: None });
            }
        }
        Ok(())
    }

    fn field(&mut self) -> Result<u32> {
        if self.repair && self.fields > 0 {
            self.u.int_in_range(0..=self.fields - 1)
        } else {
            self.small(self.fields + 1)
        }
    }

    /// Ends the method: a `ret`, then every label jumped to but not placed.
    fn finish(&mut self) {
        if !self.dead || self.ops.is_empty() {
            self.ops.push(Op::Ret);
        }
        for l in 0..LABELS as usize {
            if self.used[l] && !self.placed[l] {
                self.ops.push(Op::Label(Label(l as u32)));
                self.ops.push(Op::Ret);
            }
        }
    }
}

/// One method body.
fn method(
    u: &mut Unstructured<'_>,
    repair: bool,
    fields: u32,
    consts: u32,
    nargs: u32,
    arg_count: bool,
) -> Result<Vec<Op>> {
    let mut g = Gen {
        u,
        ops: Vec::new(),
        cur: (nargs, 1),
        dead: false,
        repair,
        label_depth: vec![None; LABELS as usize],
        placed: vec![false; LABELS as usize],
        used: vec![false; LABELS as usize],
        fields,
        consts,
        nargs,
    };
    if arg_count {
        g.push_op(Op::ArgCount(nargs as u8));
        g.cur.1 = 0;
    }
    let len = g.u.int_in_range(0..=96u32)?;
    for _ in 0..len {
        if g.u.is_empty() {
            break;
        }
        g.step()?;
    }
    g.finish();
    Ok(g.ops)
}

fn string_type() -> TypeRec {
    TypeRec {
        is_container: false,
        main: ".internal.string".into(),
        contained: String::new(),
    }
}

/// One class file.
fn class(
    u: &mut Unstructured<'_>,
    name: &str,
    parent: &str,
    repair: bool,
    main: bool,
) -> Result<Vec<u8>> {
    let fields = u.int_in_range(0..=6u32)?;
    let n_consts = u.int_in_range(0..=4u32)?;
    let mut records = Vec::new();
    for i in 0..fields {
        records.push(Record::Field(FieldRec {
            name: format!("f{i}"),
            ordinal: i,
            ty: TypeRec::default(),
        }));
    }
    for id in 0..n_consts {
        let len = u.int_in_range(0..=8usize)?;
        records.push(Record::Const(ConstRec {
            id,
            ty: string_type(),
            bytes: u.bytes(len)?.to_vec(),
        }));
    }
    let mut ordinals: Vec<u32> = Vec::new();
    if main {
        ordinals.push(8);
    }
    for _ in 0..u.int_in_range(0..=3u8)? {
        let o = *u.choose(&[0u32, 5, 8, 9, 10, 11, 12, 16, 17])?;
        if !ordinals.contains(&o) {
            ordinals.push(o);
        }
    }
    let mut n_methods = 0;
    for ord in ordinals {
        let nargs = if ord == 8 && main {
            1
        } else {
            u.int_in_range(0..=2u32)?
        };
        let arg_count = !repair || u.int_in_range(0..=7u8)? != 0;
        let ops = method(u, repair, fields, n_consts, nargs, arg_count)?;
        let enc = match classfile::bytecode::encode(&ops) {
            Ok(e) => e,
            // The generator may emit what the encoder refuses (raw mode);
            // the program then just has no such method.
            Err(_) => continue,
        };
        let mname = if ord == 0 {
            "<init>".to_string()
        } else {
            format!("m{ord}")
        };
        if u.int_in_range(0..=3u8)? != 0 {
            records.push(Record::Signature(Signature {
                name: mname.clone(),
                ordinal: ord,
                is_ctor: Some(ord == 0),
                ret: TypeRec::default(),
                args: (0..nargs)
                    .map(|i| classfile::records::ArgRec {
                        name: format!("a{i}"),
                        ty: TypeRec::default(),
                    })
                    .collect(),
            }));
        }
        if !enc.lines.is_empty() {
            records.push(Record::LineMap(LineMap {
                ordinal: ord,
                entries: enc
                    .lines
                    .iter()
                    .map(|&(ip, l)| (i64::from(ip), l as i32))
                    .collect(),
            }));
        }
        records.push(Record::Method(MethodCode {
            name: mname,
            ordinal: ord,
            code: enc.bytes,
        }));
        n_methods = n_methods.max(ord + 1);
    }
    let cf = ClassFile {
        class: ClassHeader {
            name: name.into(),
            n_fields: fields,
            n_methods,
            parent: parent.into(),
            version: Some("20240101000000000".into()),
        },
        records,
    };
    Ok(cf.write())
}

/// A whole program from the fuzzer's bytes.
pub fn program(u: &mut Unstructured<'_>) -> Result<Program> {
    let repair = u.int_in_range(0..=9u8)? != 0;
    let mut classes = Vec::new();
    let shape = u.int_in_range(0..=3u8)?;
    // 0: main alone; 1: other alone on the class path; 2: main extends
    // other; 3: other extends main.
    let main_parent = if shape == 2 { OTHER } else { "" };
    classes.push((MAIN.to_string(), class(u, MAIN, main_parent, repair, true)?));
    if shape != 0 {
        let parent = if shape == 3 { MAIN } else { "" };
        classes.push((OTHER.to_string(), class(u, OTHER, parent, repair, false)?));
    }
    Ok(Program { classes })
}
